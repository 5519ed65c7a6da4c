"""Plain-text articles as scraped: strip the page's furniture, keep every real paragraph.

The rules look at the shape of each line (length, final punctuation, repetition, position
before or after the article's prose) and at phrasing that only boilerplate uses
("Also Read:", "subscribe", "auto-generated from a syndicated feed"). No rule knows any
particular article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.dates import find_full_dates, is_date_only

# Invisible characters that can reorder or hide text (bidi overrides, zero-width joiners).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DATE_PREFIX = re.compile(r"^\s*date\s*[:=]?\s*((?:19|20)\d\d-[01]\d-[0-3]\d)\b\s*", re.IGNORECASE)

WIRE_AGENCIES = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "PTI",
    "IANS", "ANI", "UNI", "Xinhua", "TASS", "Tass", "Yonhap", "Kyodo", "dpa", "EFE", "ANSA",
    "Interfax", "RIA Novosti", "KCNA", "Anadolu Agency", "Press Trust of India",
)
_AGENCY_RE = "|".join(re.escape(a) for a in sorted(WIRE_AGENCIES, key=len, reverse=True))
_CREDIT_LINE = re.compile(
    r"^[\s\-–—(]*(?:(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?)?(?:source\s*:\s*)?"
    rf"(?P<name>{_AGENCY_RE})[\s.)]*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*,?\s*)?(?P<name>[^.|]{2,60}?)[\s.]*"
    r"(?:all rights reserved\.?)?\s*$",
    re.IGNORECASE,
)
_STAFF_CREDIT = re.compile(r"\bedited by (?:the )?(?P<name>[A-Z][\w&.\- ]{1,40}?) staff\b")
_INPUTS_FROM = re.compile(rf"\bwith inputs from (?P<name>{_AGENCY_RE})\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*\(?(?i:reported by|written by|edited by|posted by|published by|(?:additional )?reporting by|"
    r"writing by|editing by|compiled by)\s*[:\-]?\s+"
    r"|^\s*(?i:by)\s+[A-Z][\w.'’-]*(?:,?\s+(?:[A-Z][\w.'’-]*|and|&))*\s*(?:[|–—-].*)?$",
)
# "MOSCOW, June 19 (Reuters) - ..." names the wire agency at the start of the story.
_WIRE_DATELINE = re.compile(rf"^[A-Z][\w/ ,.'-]{{1,60}}\((?P<name>{_AGENCY_RE})\)\s*[-–—]")
_DESK = re.compile(
    r"(?i:reported|written|posted|published) (?i:by)\s*:?\s*(?P<name>[A-Z][\w&.\- ]{1,40}?"
    r"(?:News Desk|Desk|Bureau|Staff|Newsroom|News|Network))\b"
)
_STAMP = re.compile(
    r"^\s*(?:published|posted|first published|updated|last updated|modified)\s*(?:on|at)?\s*:?",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)

_SUBSCRIPTION = re.compile(
    r"\b(?:subscribe|subscription|subscribers?|sign up|sign in|log ?in|register now|newsletter|"
    r"premium|paywall|ad-free|support our(?: [\w-]+)? journalism|already a (?:member|subscriber)|"
    r"unlock (?:this|full)|free trial)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"\b(?:comment policy|comments? section|leave a comment|post a comment|add a comment|"
    r"(?:would you like|want) to comment|join the (?:conversation|discussion)|"
    r"be the first to comment|view comments|show comments|\d+ comments?)\b",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"^\s*(?:also read|read also|read more|must read|see also|related(?: stories| news| articles)?|"
    r"recommended|trending(?: now)?|more from|don'?t miss|watch(?: video)?|listen)\s*[:|\-–—>»]",
    re.IGNORECASE,
)
_NAV = re.compile(r"\b(?:view more|view all|load more|show more|see more|more stories)\b\W*$", re.IGNORECASE)
_SYNDICATION = re.compile(
    r"(?:syndicated feed|auto-generated from|has not been edited by|not been edited by|"
    r"with inputs from|this (?:story|article|report) (?:was|is|has been|first) (?:originally )?"
    r"(?:published|appeared)|originally (?:published|appeared)|republished (?:with|under|from)|"
    r"published under a (?:creative commons|licen[cs]e))",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"(?:\b(?:picture|photo|image|photograph|photo credit|credit|file photo|illustration)s?\s*:"
    r"|getty images?|\bvia getty\b|\bshutterstock\b|/\s*(?:afp|reuters|ap|ap photo)\b|\(ap photo|\(photo\b)",
    re.IGNORECASE,
)
_EMBED = re.compile(
    r"pic\.twitter\.com/|(?:twitter|x)\.com/\w+/status|instagram\.com/(?:p|reel)/|"
    r"—\s*[^—()]{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$",
    re.IGNORECASE,
)
_AD = re.compile(
    r"^\s*(?:advertisement|sponsored|story continues below(?: this ad)?|scroll to continue"
    r"(?: with content)?|continue reading(?: below)?|click here\b.*|share this (?:article|story)|"
    r"follow us on\b.*|download (?:the|our) app\b.*)\W*$",
    re.IGNORECASE,
)
_SHARE_WORDS = {"share", "tweet", "email", "print", "whatsapp", "facebook", "twitter", "linkedin",
                "copy", "link", "telegram", "reddit", "pinterest", "x"}
_TITLE_SUFFIX = re.compile(
    r"\s*[|–—-]\s*(?:watch(?: video)?|video|photos?|pics|in pictures|live(?: updates)?|"
    r"explained|opinion|analysis)\s*$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")


@dataclass(frozen=True)
class CleanArticle:
    """What ingest learns from one raw article."""

    body: str
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None = None
    warnings: tuple[str, ...] = ()  # things the editor should know, e.g. a page's wrong charset


def normalise_text(text: str) -> str:
    """NFC, no control or invisible characters, plain spaces, no trailing blanks."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


@functools.lru_cache(maxsize=4096)  # ingest compares each new article with every source
def comparison_key(text: str) -> str:
    """Comparison form of a block: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def is_prose(block: str) -> bool:
    """A block that reads as article text: a real sentence, or a long run of words."""
    words = _words(block)
    return (words >= 8 and bool(_SENTENCE_END.search(block))) or words >= 30


def _is_headline_shaped(block: str) -> bool:
    return 2 <= _words(block) <= 30 and not _TERMINAL.search(block.rstrip("\"'”’ "))


def _is_share_bar(block: str) -> bool:
    tokens = re.findall(r"[a-z]+", block.lower())
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens)


def boilerplate_kind(block: str) -> str | None:
    """Why a block is page furniture rather than article text, or None if it is text."""
    words = _words(block)
    if not re.search(r"[^\W\d_]", block):
        return "no words"
    if _EMBED.search(block):
        return "social media embed"
    if _LINK_LINE.search(block):
        return "link to another story"
    if _NAV.search(block) and words <= 12:
        return "navigation"
    if _AD.match(block) or _is_share_bar(block):
        return "advertising or share bar"
    if _COMMENTS.search(block) and words <= 40:
        return "comment widget"
    hits = len(_SUBSCRIPTION.findall(block))
    if (hits >= 2 and words <= 60) or (hits >= 1 and words <= 6):
        return "subscription prompt"
    if _SYNDICATION.search(block) and words <= 40:
        return "syndication note"
    if _CAPTION.search(block) and words <= 40:
        return "picture caption"
    if _CREDIT_LINE.match(block) or (_COPYRIGHT.match(block) and words <= 10):
        return "credit line"
    if _BYLINE.match(block) and (words <= 25 or not is_prose(block)):
        return "byline"
    if _STAMP.match(block) and find_full_dates(block) and words <= 20:
        return "date stamp"
    if is_date_only(block):
        return "date line"
    return None


def find_publisher(blocks: list[str]) -> str | None:
    """The publisher or wire agency a credit line names, most specific first."""
    for pattern in (_STAFF_CREDIT, _DESK):
        for block in blocks:
            match = pattern.search(block)
            if match:
                return match["name"].strip()
    for block in blocks:
        match = _CREDIT_LINE.match(block)
        if match:
            return _canonical_agency(match["name"])
        match = _COPYRIGHT.match(block)
        if match and _words(block) <= 10:
            return match["name"].strip()
    for pattern in (_WIRE_DATELINE, _INPUTS_FROM):
        for block in blocks:
            match = pattern.search(block)
            if match:
                return _canonical_agency(match["name"])
    return None


def _canonical_agency(name: str) -> str:
    for agency in WIRE_AGENCIES:
        if agency.lower() == name.lower():
            return agency
    return name


def clean_article(text: str) -> CleanArticle:
    """Split a scraped article into body paragraphs and the metadata its text gives."""
    text = normalise_text(text)
    explicit_date: str | None = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _DATE_PREFIX.match(line)
        if match:
            explicit_date = explicit_date or match.group(1)
            lines[i] = line[match.end():]
    blocks = [line.strip() for line in lines if line.strip()]
    kinds = [boilerplate_kind(b) for b in blocks]
    last_copy = {comparison_key(b): i for i, b in enumerate(blocks)}
    # A standfirst printed above the headline and again in the body does not start the body.
    prose = [i for i, b in enumerate(blocks)
             if kinds[i] is None and is_prose(b) and last_copy[comparison_key(b)] == i]
    first_prose = prose[0] if prose else len(blocks)
    last_prose = prose[-1] if prose else -1

    title_index = _find_title(blocks, kinds, first_prose)
    title = _TITLE_SUFFIX.sub("", blocks[title_index]).strip() if title_index is not None else None
    title_key = comparison_key(blocks[title_index]) if title_index is not None else None

    keep: list[str] = []
    for i, block in enumerate(blocks):
        if kinds[i] is not None or comparison_key(block) == title_key:
            continue
        outside = i < first_prose or i > last_prose
        if outside and not is_prose(block) and _words(block) <= 4:
            continue
        keep.append(block)
    keep = _drop_pull_quotes(drop_repeats(keep))

    date = explicit_date or _find_date(blocks, kinds, title_index)
    return CleanArticle(
        body="\n\n".join(keep),
        title=title,
        publisher=find_publisher([b for b, k in zip(blocks, kinds, strict=True) if k is not None]
                                 + [b for b in keep if _WIRE_DATELINE.match(b)]),
        date=date,
    )


def _find_title(blocks: list[str], kinds: list[str | None], first_prose: int) -> int | None:
    counts: dict[str, int] = {}
    for block in blocks:
        counts[comparison_key(block)] = counts.get(comparison_key(block), 0) + 1
    candidates = [
        i for i in range(min(first_prose, len(blocks)))
        if kinds[i] is None and _is_headline_shaped(blocks[i])
    ]
    repeated = [i for i, b in enumerate(blocks) if kinds[i] is None and counts[comparison_key(b)] > 1
                and _is_headline_shaped(b) and i < max(first_prose, 1) + 3]
    if repeated:
        return repeated[0]
    return candidates[0] if candidates else None


def drop_repeats(blocks: list[str]) -> list[str]:
    """A block printed twice (a standfirst repeated in the body) is kept where it last appears."""
    last = {comparison_key(b): i for i, b in enumerate(blocks)}
    return [b for i, b in enumerate(blocks) if last[comparison_key(b)] == i]


def _drop_pull_quotes(blocks: list[str]) -> list[str]:
    """A short unpunctuated line that repeats the start of a paragraph is a highlight box."""
    keys = [comparison_key(b) for b in blocks]
    kept = []
    for i, block in enumerate(blocks):
        if _is_headline_shaped(block) and any(
            j != i and len(keys[j]) > len(keys[i]) and keys[i] in keys[j] for j in range(len(blocks))
        ):
            continue
        kept.append(block)
    return kept


def _find_date(blocks: list[str], kinds: list[str | None], title_index: int | None) -> str | None:
    """Publication date from a byline or date stamp; a bare date above the headline is the
    page's "today" furniture, not the article's date, and an "updated" stamp is not either."""
    for wanted in ("byline", "date stamp", "date line"):
        for i, block in enumerate(blocks):
            if kinds[i] != wanted or (wanted == "date stamp" and _UPDATED.search(block)):
                continue
            if wanted == "date line" and (title_index is None or i < title_index):
                continue
            found = find_full_dates(block)
            if found:
                return found[0][1].isoformat()
    return None
