"""A cold build's head start: when there is no Markdown cache yet (a clean checkout), the
Markdown of every narrative page is rendered on every core from the moment the build starts,
while this process loads and checks the content. What the workers render is only a suggestion,
keyed by the text they read: the render stage takes a body only for the same text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.cache import code_version, content_key
from generator.config import load_config
from generator.errors import ContentError
from generator.pages import HOME_PAGE, split_page
from generator.parallel import MIN_PARALLEL_MS, results_in_order
from generator.project import Project
from generator.render.citations import cites
from generator.render.markdown import MS_PER_MARKDOWN, render_markdown
from generator.sources import ID_RE
from generator.textfile import read_text


def markdown_key(text: str, allow_html: bool) -> str:
    """The key of ``text``'s HTML, early and in ``.explainer-cache/markdown.pickle``."""
    return content_key("markdown", str(allow_html), text)


def _render_page_file(allow_html: bool, path: Path) -> tuple[str, str] | None:
    """(key, HTML) of the page file's Markdown; None for a page that cites facts or does not
    read (the build reports that itself)."""
    try:
        markdown = split_page(read_text(path, path.name), path.name)[1]
    except (ContentError, OSError):
        return None
    if cites(markdown):
        return None
    return markdown_key(markdown, allow_html), render_markdown(markdown, allow_html)


class EarlyMarkdown:
    """The bodies the workers rendered, taken in page order as the render stage asks."""

    def __init__(self, results: Iterator[tuple[str, str] | None]) -> None:
        self._results = results
        self._ready: dict[str, str] = {}

    def body(self, key: str) -> str | None:
        """The HTML of the text with ``key``; None when no worker rendered that text (the page
        changed since they read it, or cites facts)."""
        if key in self._ready:
            return self._ready[key]
        for result in self._results:
            if result is not None:
                self._ready[result[0]] = result[1]
                if result[0] == key:
                    return result[1]
        return None


@contextmanager
def early_markdown(project: Project) -> Iterator[EarlyMarkdown | None]:
    """Start the workers when there is no Markdown cache and enough pages to pay for them;
    they stop when the block ends. None when nothing was started."""
    with ExitStack() as stack:
        yield _start(project, stack)


def _start(project: Project, stack: ExitStack) -> EarlyMarkdown | None:
    if (project.cache / "markdown.pickle").exists():
        return None
    try:
        allow_html = load_config(project).allow_raw_html
        entries = list(os.scandir(project.pages))
    except (ContentError, OSError):
        return None
    # Plain files only, in the order the render stage takes them (by page name).
    paths = sorted((project.pages / e.name for e in entries
                    if e.name.endswith(".md") and e.is_file(follow_symlinks=False)
                    and ID_RE.match(e.name[:-3]) and e.name != f"{HOME_PAGE}.md"),
                   key=lambda path: path.stem)
    if len(paths) * MS_PER_MARKDOWN < MIN_PARALLEL_MS:
        return None
    code_version()  # the cache keys' digest of the code: taken once, here, not in each worker
    results = stack.enter_context(results_in_order(_render_page_file, paths, allow_html,
                                                   MS_PER_MARKDOWN))
    return EarlyMarkdown(results)
