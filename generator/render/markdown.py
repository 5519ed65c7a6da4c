"""Editor Markdown → HTML with markdown-it-py; raw HTML off unless site.yaml allows it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from generator.cache import ContentCache, content_key
from generator.parallel import map_in_order
from generator.render.citations import CITATION, CitationRenderer, citations_plugin

_SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|/|\.{0,2}/|[^:]*$)", re.IGNORECASE)


def _validate_link(url: str) -> bool:
    """Only web, mail and relative links: no javascript:, data:, vbscript: or file: URLs."""
    return bool(_SAFE_LINK.match(url.strip()))


@lru_cache(maxsize=2)
def markdown_parser(allow_html: bool) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    parser.enable("table")
    parser.use(citations_plugin)
    parser.validateLink = _validate_link  # type: ignore[method-assign]
    return parser


def render_markdown(text: str, allow_html: bool = False, cite: CitationRenderer | None = None) -> str:
    """HTML of ``text``; ``cite`` turns a ``[[fact-id]]`` citation into its link."""
    html: str = markdown_parser(allow_html).render(text, {"cite": cite} if cite else {})
    return html


MS_PER_PAGE = 1.2  # a page of about 600 words


def _render_plain(allow_html: bool, text: str) -> str:
    return render_markdown(text, allow_html)


def render_markdown_batch(texts: Sequence[str], allow_html: bool, cache_folder: Path) -> list[str]:
    """``render_markdown`` of many texts that cite no facts: each text's HTML is kept in the
    cache under its content hash, and the texts not in it are rendered on every core."""
    if any(CITATION.search(text) for text in texts):
        raise ValueError("a text with citations depends on the facts, not only on its content")
    cache = ContentCache(cache_folder, "markdown")
    keys = [content_key("markdown", str(allow_html), text) for text in texts]
    missing = dict(sorted({key: text for key, text in zip(keys, texts, strict=True)
                           if cache.get(key) is None}.items()))
    rendered = map_in_order(_render_plain, list(missing.values()), allow_html, MS_PER_PAGE)
    for key, html in zip(missing, rendered, strict=True):
        cache.put(key, html)
    cache.save()
    return [cache.get(key) for key in keys]
