"""The site's pages rendered in one batch, on every core when there are enough of them: each
page's template with its context, and a narrative page's Markdown body first (kept in the
cache under its content hash)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from generator.cache import ContentCache
from generator.errors import ContentError, Problem
from generator.parallel import results_in_order
from generator.project import Project
from generator.render.early import EarlyMarkdown, markdown_key
from generator.render.markdown import MS_PER_MARKDOWN, render_markdown
from generator.render.theme import Theme, render_template

MS_PER_TEMPLATE = 0.5  # a page's template, on one core of the development machine


@dataclass(frozen=True)
class PageJob:
    """One page to render: ``template`` with ``context``; a narrative page that cites no facts
    also carries its ``markdown``, which becomes the context's ``body``."""

    path: str
    template: str
    context: dict[str, Any]
    markdown: str | None = None


@dataclass(frozen=True)
class _Batch:
    env: jinja2.Environment
    project: Project
    theme: Theme
    allow_html: bool
    jobs: Sequence[PageJob]
    bodies: dict[int, str]  # job index → its Markdown body, from the cache


def _render_job(batch: _Batch, index: int) -> tuple[bytes, str | None] | list[Problem]:
    """The page's bytes and, when its body was rendered now, that body for the cache; or the
    problems of a template error (returned, not raised, so they cross from a worker intact)."""
    job = batch.jobs[index]
    context, body = job.context, None
    if job.markdown is not None:
        body = batch.bodies.get(index)
        rendered = body is None
        if body is None:
            body = render_markdown(job.markdown, batch.allow_html)
        context = {**context, "body": body}
        body = body if rendered else None
    try:
        html = render_template(batch.env, batch.project, batch.theme, job.template, context)
    except ContentError as exc:
        return exc.problems
    return html.encode("utf-8"), body


def render_pages(env: jinja2.Environment, project: Project, theme: Theme, allow_html: bool,
                 jobs: Sequence[PageJob], known_markdown: Sequence[str] = (),
                 early: EarlyMarkdown | None = None) -> Iterator[bytes]:
    """Every job's page, in order, each as soon as it is done (the caller can write it while
    the workers render the next). Markdown bodies come from ``.explainer-cache/`` when their
    text was rendered before, or from the ``early`` workers; ``known_markdown`` (texts of pages
    not rendered this time) keeps their entries in the cache. Each template, and whatever it
    extends or includes, is compiled once: in this process, before the workers fork. A
    template error stops the batch with the problems of every page it spoils."""
    cache = ContentCache(project.cache, "markdown")
    keys = {i: markdown_key(job.markdown, allow_html)
            for i, job in enumerate(jobs) if job.markdown is not None}
    for text in known_markdown:
        cache.get(markdown_key(text, allow_html))
    bodies = {i: body for i, body in ((i, cache.get(key)) for i, key in keys.items())
              if body is not None}
    batch = _Batch(env, project, theme, allow_html, jobs, bodies)
    uses = Counter(job.template for job in jobs)
    first = {job.template: i for i, job in reversed(list(enumerate(jobs)))}
    # Each template used more than once is compiled here (its first page rendered); the other
    # pages of those templates go to the workers, while this process renders the pages whose
    # template is used only once, and those whose body the early workers render.
    done = {first[name]: _render_job(batch, first[name]) for name in sorted(first) if uses[name] > 1}
    here = {i for i, job in enumerate(jobs) if uses[job.template] == 1 or (
        early is not None and i in keys and i not in bodies and i not in done)}
    rest = [i for i in range(len(jobs)) if i not in done and i not in here]
    cost = (len(rest) * MS_PER_TEMPLATE
            + MS_PER_MARKDOWN * sum(1 for i in rest if i in keys and i not in bodies))
    problems: list[Problem] = []
    with results_in_order(_render_job, rest, batch, cost / max(len(rest), 1)) as rendered:
        done.update((i, _render_job(batch, i)) for i in sorted(here) if uses[jobs[i].template] == 1)
        for index in range(len(jobs)):
            if index in done:
                result = done.pop(index)
            elif index in here:
                assert early is not None
                ready = early.body(keys[index])
                if ready is not None:
                    bodies[index] = ready
                    cache.put(keys[index], ready)
                result = _render_job(batch, index)
            else:
                result = next(rendered)
            if isinstance(result, list):
                problems += result
                continue
            data, body = result
            if body is not None:
                cache.put(keys[index], body)
            if not problems:
                yield data
    if problems:
        raise ContentError(problems)
    cache.save()
