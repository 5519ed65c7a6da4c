"""Turn loaded content into the site's files (pure: data in, ``SiteFiles`` out)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from typing import Any

from generator.analysis.syndication import Group, group_of
from generator.config import SiteConfig
from generator.errors import ContentError, Problem
from generator.facts import CATEGORIES, Fact
from generator.output import ALL_CONTENT, MadeFrom, SiteFiles
from generator.pages import HOME_PAGE, Page
from generator.project import Project
from generator.render.batch import PageJob, render_pages
from generator.render.citations import check_citations, cites
from generator.render.early import EarlyMarkdown
from generator.render.facts_json import facts_json, facts_yaml
from generator.render.feeds import atom_feed, robots_txt, sitemap
from generator.render.markdown import render_markdown
from generator.render.theme import Theme, template_environment
from generator.render.views import CategoryView, FactView, SiteViews, SourcePage, ViewMemo, build_views
from generator.sources import Source

CATEGORY_TEMPLATES = {"timeline": "timeline.html", "discrepancies": "discrepancies.html"}
# Folders of the site a narrative page (published at /<slug>/) may not take.
SITE_FOLDERS = frozenset({"facts", "sources", "static", *CATEGORIES, *CATEGORY_TEMPLATES})
DOWNLOAD = ""  # the "template" of an output made without one (facts.json, the feed)

# Serve's incremental render: given an output's path, what it is made from and the values it
# shows (a page's template context before rendering; for a download, the data it is made
# from), whether to render it now (else the caller keeps its previous bytes).
PageSelection = Callable[[str, MadeFrom, dict[str, Any]], bool]


class RenderStopped(Exception):
    """A render given up because its caller asked (``stop``): serve, when a save arrives."""


@dataclass(frozen=True)
class Content:
    """Everything a build reads, loaded and validated."""

    config: SiteConfig
    sources: list[Source]
    pages: list[Page]
    facts: list[Fact] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


def check_page_citations(content: Content, project: Project) -> list[Problem]:
    """A citation of a fact that does not exist is a content error at its line and column."""
    known = sorted(f.id for f in content.facts)
    return [
        problem
        for page in content.pages if cites(page.markdown)
        for problem in check_citations(page.markdown, project.show(page.path), page.body_line, known)
    ]


def check_page_slugs(content: Content, project: Project) -> list[Problem]:
    """A page named like one of the site's own folders would overwrite it."""
    return [
        Problem(project.show(page.path), 0, 0,
                f"page name '{page.slug}' is taken by the site's /{page.slug}/ pages; "
                "rename the file")
        for page in content.pages if page.slug in SITE_FOLDERS
    ]


def render_site(project: Project, content: Content, theme: Theme,
                selection: PageSelection | None = None,
                sink: Callable[[str, bytes], None] | None = None,
                early: EarlyMarkdown | None = None, memo: ViewMemo | None = None,
                stop: Callable[[], bool] | None = None) -> SiteFiles:
    """Every output file; with a ``selection`` (serve's incremental rebuild), only the outputs
    it selects are rendered (the others are recorded in ``made_from`` only). Each output
    declares the content files it shows, for serve's dependency graph. ``sink`` is given each
    file as soon as it is rendered; ``early``: bodies being rendered since the build started;
    ``memo``: the previous render's views, reused where unchanged (serve); ``stop``: asked
    between pages, true gives up with RenderStopped."""
    problems = check_page_slugs(content, project) + check_page_citations(content, project)
    if problems:
        raise ContentError(problems)
    config = content.config
    env = template_environment(project, theme)
    files = SiteFiles(None, sink)
    nav_input = project.show(project.pages / "about.md")  # every page's navigation shows its title
    shared_inputs = [project.show(project.content / "syndication.yaml"), nav_input]
    story_of = group_of(content.groups)
    views = build_views(content.sources, content.facts, story_of, config.categories, memo)
    sources_folder = project.show(project.sources)
    source_files = {s.id: f"{sources_folder}/{s.id}.md" for s in content.sources}  # named by id

    facts_folder = project.show(project.facts)
    facts_files = {c.name: f"{facts_folder}/{CATEGORIES[c.name].filename}" if c.name in CATEGORIES
                   else f"{facts_folder}/{c.name}.yaml" for c in views.categories}

    def facts_file(category: str) -> str:
        return facts_files[category]

    def derive(key: str, view: object, make: Callable[[], frozenset[str]]) -> frozenset[str]:
        return memo.derive(key, view, make) if memo is not None else make()

    def category_inputs(category: CategoryView) -> frozenset[str]:
        """Its facts file and the articles its facts quote."""
        return frozenset([facts_file(category.name), *shared_inputs,
                          *{source_files[q.source.id] for f in category.facts for q in f.quotes}])

    def source_inputs(source_page: SourcePage) -> frozenset[str]:
        """The article, its story's copies (the page lists them), the facts files it draws from."""
        return frozenset([*(source_files[s.id] for s in (source_page.source, *source_page.same_story)),
                          *(facts_file(f.category) for f in source_page.facts), *shared_inputs])
    pages = {p.slug: p for p in content.pages}
    categories = [c for c in views.categories if c.facts or c.name in CATEGORY_TEMPLATES]
    nav = [{"url": "/", "title": "In brief"}, {"url": "/facts/", "title": "All facts"},
           *[{"url": c.url, "title": c.title} for c in categories if c.facts],
           {"url": "/sources/", "title": "Sources"}]
    if "about" in pages:
        nav.append({"url": "/about/", "title": pages["about"].title or "About"})
    common: dict[str, Any] = {"site": config, "nav": nav, "categories": views.categories,
                              "facts_by_id": views.facts_by_id}
    sitemap_urls: list[str] = []
    jobs: list[PageJob] = []
    unrendered_markdown: list[str] = []  # bodies of pages not selected: their cache entries stay

    def page(url: str, template: str, title: str, description: str = "",
             inputs: Iterable[str] = (ALL_CONTENT,), markdown: str | None = None,
             **extra: Any) -> None:
        """Queue one page; ``inputs`` are the content files (or folders) it shows, ``markdown``
        a body that cites no facts, rendered with the page."""
        path = "404.html" if url == "/404.html" else url.lstrip("/") + "index.html"
        if url != "/404.html":
            sitemap_urls.append(url)
        files.wants(path, template, inputs)
        canonical = config.base_url + url.lstrip("/")
        context = {**common, "url": url, "canonical": canonical, "page_title": title,
                   "description": description or config.description or title,
                   "og_type": "article" if url != "/" else "website",
                   # what the JSON-LD is made from (it is made only for a page rendered now)
                   "json_ld": (title, canonical, description, url), **extra}
        if markdown is not None:
            context["body"] = ("markdown", markdown)  # what the body is made from
        if selection is not None and not selection(path, files.made_from[path], context):
            if markdown is not None:
                unrendered_markdown.append(markdown)
            return
        if markdown is not None:
            del context["body"]  # rendered with the page (see render_pages)
        context["json_ld"] = _json_ld(config, title, canonical, description, url)
        jobs.append(PageJob(path, template, context, markdown))

    def download(path: str, inputs: Iterable[str], make: Callable[[], str],
                 **shown: Any) -> None:
        """An output made without a template from ``shown`` (``make`` makes it)."""
        files.wants(path, DOWNLOAD, inputs)
        if selection is None or selection(path, files.made_from[path], shown):
            files.add(path, make())

    home = pages.get(HOME_PAGE)
    notes: list[FactView] = []
    narrative = ""
    if home:
        narrative = render_markdown(home.markdown, config.allow_raw_html,
                                    cite=_citation_renderer(views, notes))
    page("/", "index.html", config.title, config.description, narrative=narrative, notes=notes,
         key_figures=views.key_figures)
    page("/facts/", "facts.html", "All facts",
         f"Every fact about {config.title}, with the quotes of every article that reported it.")
    for category in categories:
        inputs = derive(category.url, category, partial(category_inputs, category))
        page(category.url, CATEGORY_TEMPLATES.get(category.name, "category.html"), category.title,
             category.description or f"{category.title}: {len(category.facts)} sourced facts.",
             inputs, category=category)
    page("/sources/", "sources.html", "Sources",
         "The articles this explainer is built from, grouped by underlying story.",
         sources=views.sources, source_pages=views.source_pages,
         independent_sources=views.independent_sources)
    for source_page in views.source_pages:
        # the page lists its story's copies, and the facts drawn from it
        inputs = derive(source_page.source.url, source_page, partial(source_inputs, source_page))
        page(source_page.source.url, "source.html", source_page.source.title,
             f"What {source_page.source.publisher} reported, and the facts this site draws from it.",
             inputs, page=source_page)
    for slug, narrative_page in sorted(pages.items()):
        if slug == HOME_PAGE:
            continue
        text = narrative_page.markdown
        body = {"markdown": text} if not cites(text) else {"body": render_markdown(
            text, config.allow_raw_html, cite=_citation_renderer(views, []))}
        page(f"/{slug}/", "page.html", narrative_page.title or slug.replace("-", " ").capitalize(),
             narrative_page.description or "",
             [project.show(narrative_page.path), *shared_inputs,
              *([project.show(project.facts) + "/"] if "body" in body else [])], **body)
    page("/404.html", "404.html", "Page not found", inputs=[nav_input])
    for job, data in zip(jobs, render_pages(env, project, theme, config.allow_raw_html, jobs,
                                            unrendered_markdown, early), strict=True):
        files.add(job.path, data)
        if stop is not None and stop():
            raise RenderStopped

    for published, data in theme.assets.values():
        files.add(published, data)
    facts_inputs = [project.show(project.facts) + "/", shared_inputs[0]]
    download("facts.json", facts_inputs, lambda: facts_json(content.facts, story_of),
             facts=content.facts, groups=content.groups)
    download("facts.yaml", facts_inputs, lambda: facts_yaml(content.facts, story_of),
             facts=content.facts, groups=content.groups)
    download("feed.xml", [ALL_CONTENT], lambda: atom_feed(config, views), site=config,
             pages=[(p.source, p.facts) for p in views.source_pages])  # what the feed shows
    download("sitemap.xml", [ALL_CONTENT], lambda: sitemap(config, sitemap_urls), site=config,
             urls=sitemap_urls)
    files.add("robots.txt", robots_txt(config))
    return files


def _citation_renderer(views: SiteViews, notes: list[FactView]) -> Callable[[str], str]:
    """Numbered citations: the first citation of a fact gets the next number."""

    def cite(fact_id: str) -> str:
        fact = views.facts_by_id[fact_id]
        if fact not in notes:
            notes.append(fact)
        number = notes.index(fact) + 1
        return (f'<sup class="citation"><a href="{escape(fact.url)}" '
                f'aria-label="Fact {number}: {escape(fact.claim)} ({escape(fact.support)})">'
                f"[{number}]</a></sup>")

    return cite


def _json_ld(config: SiteConfig, title: str, canonical: str, description: str, url: str) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebSite" if url == "/" else "WebPage",
        "name": title,
        "url": canonical,
        "inLanguage": config.language,
    }
    if description:
        data["description"] = description
    if url != "/":
        data["isPartOf"] = {"@type": "WebSite", "name": config.title, "url": config.base_url}
    # "<" escaped so no text can close the script element it sits in.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
