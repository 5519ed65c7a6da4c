"""Saved web pages (``.html``/``.htm``): the article's own paragraphs and the metadata the page
declares about itself, in order of trust (JSON-LD, Open Graph, canonical link and ``<time>``)."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

import charset_normalizer
import lxml.etree
import lxml.html
import trafilatura

from generator.dates import find_full_dates
from generator.errors import ContentError
from generator.ingest.text import (
    CleanArticle,
    boilerplate_kind,
    comparison_key,
    drop_repeats,
    find_publisher,
    is_prose,
    normalise_text,
)

# A news page has a few thousand elements; past this the extractor takes minutes, and no
# article page needs it once scripts and styles are gone.
MAX_ELEMENTS = 100_000
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
             "embed", "canvas", "video", "audio", "select", "button")
# Inline elements the extractor would drop (<time>) or break a paragraph at (<q>): their words
# are the article's, so they are unwrapped into plain text first.
_INLINE_KEPT_BY_UNWRAPPING = ("time", "q", "data")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_HTTP_URL = re.compile(r"^https?://\S+$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_ARTICLE_TYPE = re.compile(r"^(?:\w*Article|BlogPosting|LiveBlogPosting|Report)$")
# Dates outside the article: the page's "today", a site's "last updated", comments and teasers.
_FURNITURE_TAGS = {"nav", "footer", "aside"}
_FURNITURE_NAMES = re.compile(
    r"nav|menu|masthead|top-?bar|ticker|breaking|weather|footer|sidebar|related|recommend|"
    r"teaser|promo|comment|reply|newsletter|most-?read|trending",
    re.IGNORECASE,
)
_NOT_PUBLISHED = re.compile(r"updat|modif|edited|revis|today|current|now\b", re.IGNORECASE)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class PageMetadata:
    """What one layer of a page's self-description says; None where it says nothing."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


def decode_page(data: bytes) -> tuple[str, str | None]:
    """The page as text, and a warning when its declared charset had to be overruled.

    A byte-order mark wins; then the charset the page declares, unless the bytes are not
    in it (or are plainly UTF-8 while the page claims a one-byte charset); then detection.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), None
    declared = _declared_charset(data[:8192])
    utf8 = _decode_strict(data, "utf-8")
    if declared not in (None, "utf-8") and utf8 is not None and not data.isascii():
        return utf8, f"the page declares charset {declared} but is UTF-8; read as UTF-8"
    text = _decode_strict(data, declared) if declared is not None else utf8
    if text is not None:
        return text, None
    guess = charset_normalizer.from_bytes(data).best()
    encoding = guess.encoding if guess is not None else "cp1252"
    text = data.decode(encoding, errors="replace")
    if declared is None:
        return text, None
    return text, (f"the page declares charset {declared} but is not valid {declared}; "
                  f"read as {encoding}")


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    # HTML reads Latin-1 and ASCII labels as windows-1252 (typographic quotes live at 0x91-0x94).
    if encoding in ("iso8859-1", "ascii", "latin-1"):
        return "cp1252"
    return "utf-8" if encoding == "utf-8" else encoding


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def parse_page(text: str, shown: str) -> lxml.html.HtmlElement:
    """An lxml tree of the page; lxml repairs truncated and malformed markup as browsers do."""
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        raise ContentError.at(shown, "no article text found (the page is empty)") from None
    return tree


def json_ld_metadata(tree: lxml.html.HtmlElement) -> PageMetadata:
    """The first schema.org article object in the page's JSON-LD blocks."""
    objects = list(_json_ld_objects(tree))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for obj in objects:
        types = obj.get("@type")
        names = types if isinstance(types, list) else [types]
        if not any(isinstance(n, str) and _ARTICLE_TYPE.match(n) for n in names):
            continue
        publisher = obj.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        if isinstance(publisher, dict) and "name" not in publisher:
            publisher = by_id.get(publisher.get("@id"), publisher)
        page = obj.get("mainEntityOfPage")
        return PageMetadata(
            title=_text(obj.get("headline") or obj.get("name")),
            publisher=_text(publisher.get("name") if isinstance(publisher, dict) else publisher),
            date=iso_date(_text(obj.get("datePublished"))),
            url=_http_url(_text(obj.get("url")) or _text(page.get("@id") if isinstance(page, dict)
                                                        else page)),
        )
    return PageMetadata()


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        source = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", script.text)
        try:
            data = json.loads(source, strict=False)
        except ValueError:
            continue
        pending = data if isinstance(data, list) else [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, dict):
                yield item
                for key in ("@graph", "mainEntity"):
                    inner = item.get(key)
                    pending.extend(inner if isinstance(inner, list) else [inner])


def open_graph_metadata(tree: lxml.html.HtmlElement) -> PageMetadata:
    """Open Graph and ``article:`` meta tags."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        value = (element.get("content") or "").strip()
        if key and value:
            meta.setdefault(key, value)
    return PageMetadata(
        title=_text(meta.get("og:title")),
        publisher=_text(meta.get("og:site_name")),
        date=iso_date(meta.get("article:published_time") or meta.get("og:published_time")),
        url=_http_url(meta.get("og:url")),
    )


def markup_metadata(tree: lxml.html.HtmlElement, text: str) -> PageMetadata:
    """What the page's markup shows: ``<link rel=canonical>``, the ``<h1>``, the article's own
    ``<time datetime>``, and the address a browser noted when saving the page."""
    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), None)
    saved_from = _SAVED_FROM.search(text[:4096])
    url = _http_url(canonical) or (saved_from.group(1) if saved_from else None)
    if canonical and url is None and saved_from:
        url = _http_url(urljoin(saved_from.group(1), canonical))
    headline = _headline_element(tree)
    return PageMetadata(
        title=_text(headline.text_content()) if headline is not None else None,
        date=_published_time(tree, headline),
        url=url,
    )


def _headline_element(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    for path in ("//article//h1", "//main//h1", "//h1"):
        found = tree.xpath(path)
        if found:
            return found[0]
    return None


def _published_time(tree: lxml.html.HtmlElement,
                    headline: lxml.html.HtmlElement | None) -> str | None:
    """The date of the first ``<time datetime>`` that belongs to the article: not in navigation,
    sidebars, comments or footers, not marked as an update, and not above the headline outside
    the article (where pages print today's date)."""
    order = {element: i for i, element in enumerate(tree.iter())}
    headline_at = order.get(headline, -1) if headline is not None else -1
    candidates = []
    for element in tree.iter("time"):
        date = iso_date(element.get("datetime"))
        if date is None or _is_furniture(element):
            continue
        in_article = any(a.tag in ("article", "main") for a in element.iterancestors())
        if order[element] < headline_at and not in_article:
            continue
        marked = element.get("pubdate") is not None or (
            element.get("itemprop") or "").lower() == "datepublished"
        candidates.append((not marked, order[element], date))
    return min(candidates)[2] if candidates else None


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    previous, parent = element.getprevious(), element.getparent()
    lead = (previous.tail if previous is not None else parent.text) or ""
    own = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("itemprop"))))
    if _NOT_PUBLISHED.search(lead[-40:] + " " + own):
        return True
    for ancestor in element.iterancestors():
        if ancestor.tag in _FURNITURE_TAGS:
            return True
        if ancestor.tag == "header" and not any(
                a.tag == "article" for a in ancestor.iterancestors()):
            return True
        names = " ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))
        if names and _FURNITURE_NAMES.search(names):
            return True
    return False


def iso_date(value: str | None) -> str | None:
    """The calendar date of a machine-readable timestamp, as written (no time-zone shift)."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    try:
        if match:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None
    found = find_full_dates(value)
    return found[0][1].isoformat() if found else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(normalise_text(value).split())
    return text or None


def _http_url(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if _HTTP_URL.match(value) else None


def metadata_layers(tree: lxml.html.HtmlElement, text: str) -> tuple[PageMetadata, ...]:
    """The page's self-descriptions, most trusted first."""
    return json_ld_metadata(tree), open_graph_metadata(tree), markup_metadata(tree, text)


def merge_layers(layers: tuple[PageMetadata, ...]) -> PageMetadata:
    """Each field from the most trusted layer that gives it; a title that did not come from
    JSON-LD loses a "| Site name" suffix."""
    merged = PageMetadata(**{
        name: next((getattr(layer, name) for layer in layers if getattr(layer, name)), None)
        for name in ("title", "publisher", "date", "url")
    })
    if merged.title and merged.publisher and not layers[0].title:
        return replace(merged, title=_strip_site_name(merged.title, merged.publisher))
    return merged


def _strip_site_name(title: str, site: str) -> str:
    """"Headline - Site" or "Site | Headline" as Open Graph titles often are → "Headline"."""
    site_key = comparison_key(site)
    separators = list(re.finditer(r"\s+[|–—-]\s+", title))
    if separators:
        for kept, dropped in ((title[:separators[-1].start()], title[separators[-1].end():]),
                              (title[separators[0].end():], title[:separators[0].start()])):
            dropped_key = comparison_key(dropped)
            if dropped_key and (dropped_key in site_key or site_key in dropped_key):
                return kept
    return title


def article_text(tree: lxml.html.HtmlElement) -> list[str]:
    """The article's paragraphs, in page order, as the extractor found them."""
    document = trafilatura.bare_extraction(
        tree, fast=True, include_comments=False, include_tables=False, include_images=False,
        include_links=False, include_formatting=False, deduplicate=False, with_metadata=False,
    )
    text = getattr(document, "text", None) or ""
    return [line.strip() for line in normalise_text(text).split("\n") if line.strip()]


def clean_page(data: bytes, shown: str) -> CleanArticle:
    """A saved page → the article's paragraphs and metadata, or a ContentError saying why not."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError.at(shown, "not a web page (the file holds binary data); nothing written")
    text, charset_warning = decode_page(data)
    tree = parse_page(text, shown)
    layers = metadata_layers(tree, text)
    metadata = merge_layers(layers)
    for tag in _NOT_TEXT:
        lxml.etree.strip_elements(tree, tag, with_tail=False)
    lxml.etree.strip_elements(tree, lxml.etree.Comment, with_tail=False)
    lxml.etree.strip_tags(tree, *_INLINE_KEPT_BY_UNWRAPPING)
    size = sum(1 for _ in tree.iter())
    if size > MAX_ELEMENTS:
        raise ContentError.at(shown, f"page has {size} elements, more than the {MAX_ELEMENTS} an "
                                     "article page needs; save the article alone and ingest that")
    blocks = article_text(tree)
    kinds = [boilerplate_kind(b) for b in blocks]
    headlines = {comparison_key(t) for t in (*(layer.title for layer in layers),
                                             _text(tree.findtext(".//title"))) if t}
    first_prose = next((i for i, b in enumerate(blocks) if kinds[i] is None and is_prose(b)), None)
    if first_prose is None:
        raise ContentError.at(shown, "no article text found (the page is only navigation, "
                                     "links or furniture); nothing written")
    body = drop_repeats([
        block for i, block in enumerate(blocks)
        if kinds[i] is None and not (i < first_prose and comparison_key(block) in headlines)
    ])
    warnings = (charset_warning,) if charset_warning else ()
    return CleanArticle(
        body="\n\n".join(body),
        title=metadata.title,
        publisher=metadata.publisher or find_publisher(
            [b for b, k in zip(blocks, kinds, strict=True) if k]),
        date=metadata.date,
        url=metadata.url,
        warnings=warnings,
    )
