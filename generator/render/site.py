"""Turn loaded content into the site's files (pure: data in, ``SiteFiles`` out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from generator.config import SiteConfig
from generator.dates import format_iso
from generator.facts import Fact
from generator.output import SiteFiles
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
    facts: list[Fact] = field(default_factory=list)


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


def render_site(project: Project, content: Content, theme: Theme) -> SiteFiles:
    config = content.config
    env = template_environment(project, theme)
    files = SiteFiles()
    sources = [source_view(s) for s in content.sources]
    pages = {p.slug: p for p in content.pages}
    base: dict[str, Any] = {
        "site": config,
        "nav": [{"url": "/", "title": "Home"}, {"url": "/sources/", "title": "Sources"}],
    }

    def page(path: str, template: str, url: str, title: str, **extra: Any) -> None:
        context = {**base, "url": url, "canonical": config.base_url + url.lstrip("/"),
                   "page_title": title, **extra}
        files.add(path, render_template(env, project, theme, template, context))

    home = pages.get("index")
    page("index.html", "index.html", "/", config.title,
         narrative=render_markdown(home.markdown, config.allow_raw_html) if home else "",
         sources=sources)
    page("sources/index.html", "sources.html", "/sources/", "Sources", sources=sources)
    for view in sources:
        page(f"sources/{view['id']}/index.html", "source.html", view["url"], view["title"], source=view)
    page("404.html", "404.html", "/404.html", "Page not found")

    for logical, (published, data) in theme.assets.items():
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
