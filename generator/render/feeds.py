"""Machine-readable companions of the site: the Atom feed, sitemap.xml and robots.txt."""

from __future__ import annotations

from html import escape as escape_html

from generator.config import SiteConfig
from generator.render.views import SiteViews
from generator.textfile import printable


def escape(text: str) -> str:
    """XML-escaped, without the characters XML 1.0 forbids or that reorder text."""
    return escape_html(printable(text), quote=False)  # as xml.sax.saxutils.escape, lighter


_EPOCH = "1970-01-01"


def _timestamp(iso: str | None) -> str:
    """An RFC 3339 time from an ISO date of any precision (from content, never the clock)."""
    parts = (iso or _EPOCH).split("-")
    parts += ["01"] * (3 - len(parts))
    return f"{'-'.join(parts)}T00:00:00Z"


def atom_feed(config: SiteConfig, views: SiteViews) -> str:
    """One entry per article of coverage, newest first, listing the facts drawn from it."""
    pages = sorted(views.source_pages, key=lambda p: (p.source.date or _EPOCH, p.source.id), reverse=True)
    updated = _timestamp(max((p.source.date or _EPOCH for p in pages), default=_EPOCH))
    entries = []
    for page in pages:
        url = config.base_url + page.source.url.lstrip("/")
        facts = "; ".join(f.claim for f in page.facts) or "No fact on the site quotes it yet."
        summary = f"{page.source.publisher}, {page.source.date_text}. Facts drawn from it: {facts}"
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(page.source.title)}</title>\n"
            f'    <link href="{escape(url)}"/>\n'
            f"    <id>{escape(url)}</id>\n"
            f"    <updated>{_timestamp(page.source.date)}</updated>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n"
        )
    author = escape(config.author or config.title)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(config.title)}</title>\n"
        f"  <subtitle>{escape(config.description or 'Coverage behind the explainer')}</subtitle>\n"
        f'  <link href="{escape(config.base_url)}feed.xml" rel="self"/>\n'
        f'  <link href="{escape(config.base_url)}"/>\n'
        f"  <id>{escape(config.base_url)}</id>\n"
        f"  <updated>{updated}</updated>\n"
        f"  <author><name>{author}</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )


def sitemap(config: SiteConfig, urls: list[str]) -> str:
    rows = "".join(f"  <url><loc>{escape(config.base_url + u.lstrip('/'))}</loc></url>\n"
                   for u in sorted(set(urls)))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{rows}</urlset>\n")


def robots_txt(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {config.base_url}sitemap.xml\n"
