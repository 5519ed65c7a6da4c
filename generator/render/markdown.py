"""Editor Markdown → HTML with markdown-it-py; raw HTML off unless site.yaml allows it."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink

from generator.render.citations import CitationRenderer, citations_plugin

_SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|/|\.{0,2}/|[^:]*$)", re.IGNORECASE)
# Addresses that markdown-it's normalizeLink returns unchanged (tests/test_markdown_links.py
# checks it): an http(s) host, or none, then a path of characters it never escapes. Its parse,
# punycode and encode steps took a fifth of the time of rendering a page with a few links.
_PLAIN_LINK = re.compile(r"(?:https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?)?"
                         r"(?:/(?!/)[A-Za-z0-9;/?:=+$,\-_.!~*'()#&]*)?")


def _validate_link(url: str) -> bool:
    """Only web, mail and relative links: no javascript:, data:, vbscript: or file: URLs."""
    return bool(_SAFE_LINK.match(url.strip()))


def _normalize_link(url: str) -> str:
    """markdown-it's own ``normalizeLink``, skipped where it would change nothing."""
    return url if _PLAIN_LINK.fullmatch(url) else normalizeLink(url)


# The cost of rendering a page of about 600 words, on one core of the development machine.
MS_PER_MARKDOWN = 2.5


@lru_cache(maxsize=4)
def markdown_parser(allow_html: bool, citations: bool = True) -> MarkdownIt:
    """The parser; without ``citations`` for a text with no ``[[`` (the citation rule, tried
    wherever an inline rule may start, can only match at a ``[[``: same HTML, less work)."""
    parser = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    parser.enable("table")
    if not allow_html:  # these rules match nothing then: not trying them saves a few per cent
        parser.disable(["html_block", "html_inline"])
    if citations:
        parser.use(citations_plugin)
    parser.validateLink = _validate_link  # type: ignore[method-assign]
    parser.normalizeLink = _normalize_link  # type: ignore[method-assign]
    return parser


def render_markdown(text: str, allow_html: bool = False, cite: CitationRenderer | None = None) -> str:
    """HTML of ``text``; ``cite`` turns a ``[[fact-id]]`` citation into its link."""
    parser = markdown_parser(allow_html, "[[" in text)
    html: str = parser.render(text, {"cite": cite} if cite else {})
    return html
