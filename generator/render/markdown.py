"""Editor Markdown → HTML with markdown-it-py; raw HTML off unless site.yaml allows it."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

_SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|/|\.{0,2}/|[^:]*$)", re.IGNORECASE)


def _validate_link(url: str) -> bool:
    """Only web, mail and relative links: no javascript:, data:, vbscript: or file: URLs."""
    return bool(_SAFE_LINK.match(url.strip()))


@lru_cache(maxsize=2)
def markdown_parser(allow_html: bool) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    parser.enable("table")
    parser.validateLink = _validate_link  # type: ignore[method-assign]
    return parser


def render_markdown(text: str, allow_html: bool = False) -> str:
    html: str = markdown_parser(allow_html).render(text)
    return html
