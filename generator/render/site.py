"""Turn loaded content into the site's files (pure: data in, ``SiteFiles`` out)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from generator.config import SiteConfig
from generator.dates import format_iso
from generator.output import ALL_CONTENT, OutputSelection, SiteFiles
from generator.pages import Page
from generator.project import Project
from generator.render.markdown import render_markdown
from generator.render.theme import Theme, render_template, template_environment
from generator.sources import Source


@dataclass(frozen=True)
class Content:
    """Everything a build reads, loaded and validated."""

    config: SiteConfig
    sources: list[Source]
    pages: list[Page]


def source_url(source: Source) -> str:
    return f"/sources/{source.id}/"


def source_view(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source_url(source),
        "title": source.title or f"Untitled article ({source.id})",
        "has_title": source.title is not None,
        "publisher": source.publisher or "Publisher unknown",
        "date": source.date,
        "date_text": format_iso(source.date),
        "link": source.url,
        "paragraphs": source.paragraphs,
        "raw": source.raw,
    }


def render_site(project: Project, content: Content, theme: Theme,
                selection: OutputSelection | None = None) -> SiteFiles:
    """Every output file; with a ``selection``, only the pages it selects are rendered."""
    config = content.config
    env = template_environment(project, theme)
    files = SiteFiles(selection)
    all_sources = project.show(project.sources) + "/"
    sources = [source_view(s) for s in content.sources]
    pages = {p.slug: p for p in content.pages}
    base: dict[str, Any] = {
        "site": config,
        "nav": [{"url": "/", "title": "Home"}, {"url": "/sources/", "title": "Sources"}],
    }

    def page(path: str, template: str, url: str, title: str, inputs: Iterable[str] = (ALL_CONTENT,),
             **extra: Any) -> None:
        """Render one page; ``inputs`` are the content files (or folders) it shows."""
        if not files.wants(path, template, inputs):
            return
        context = {**base, "url": url, "canonical": config.base_url + url.lstrip("/"),
                   "page_title": title, **extra}
        files.add(path, render_template(env, project, theme, template, context))

    home = pages.get("index")
    page("index.html", "index.html", "/", config.title,
         [all_sources, project.show(project.pages / "index.md")],
         narrative=render_markdown(home.markdown, config.allow_raw_html) if home else "",
         sources=sources)
    page("sources/index.html", "sources.html", "/sources/", "Sources", [all_sources], sources=sources)
    for source, view in zip(content.sources, sources, strict=True):
        page(f"sources/{view['id']}/index.html", "source.html", view["url"], view["title"],
             [project.show(source.path)], source=view)
    page("404.html", "404.html", "/404.html", "Page not found", [])

    for published, data in theme.assets.values():
        files.add(published, data)
    urls = ["/", "/sources/", *[v["url"] for v in sources]]
    files.add("sitemap.xml", _sitemap(config, urls))
    files.add("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {config.base_url}sitemap.xml\n")
    return files


def _sitemap(config: SiteConfig, urls: list[str]) -> str:
    rows = "".join(
        f"  <url><loc>{xml_escape(config.base_url + u.lstrip('/'))}</loc></url>\n" for u in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}</urlset>\n"
    )
