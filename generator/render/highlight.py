"""Find a verified quote inside its source's body and cut out the passage that shows it.

Quotes are stored normalised-comparable (whitespace and typographic marks may differ from the
body): a quote matches where the body has the same characters, any run of whitespace for each
run of whitespace, and any variant of each quotation mark, apostrophe and dash.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

_DOUBLE, _SINGLE, _DASH = "\"“”„‟″«»", "'‘’‚‛′`", "-–—‒―−‐‑"
# A quote's character → the characters of the body it matches (itself only, if not listed).
_VARIANTS = {
    '"': _DOUBLE, "'": _SINGLE, "-": _DASH,
    "“": _DOUBLE, "”": _DOUBLE, "‘": _SINGLE, "’": _SINGLE, "–": _DASH, "—": _DASH,
}
_FOLD = str.maketrans({c: group[0] for group in (_DOUBLE, _SINGLE, _DASH) for c in group})
_WHITESPACE = re.compile(r"\s+")
# Characters that a body folds but that a quote must match exactly (a quote holding one is
# searched for with its own regular expression).
_EXACT_ONLY = frozenset(c for group in (_DOUBLE, _SINGLE, _DASH) for c in group) - set(_VARIANTS)


@lru_cache(maxsize=4096)
def quote_pattern(quote: str) -> re.Pattern[str]:
    parts: list[str] = []
    for char in quote.strip():
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(f"[{re.escape(_VARIANTS[char])}]" if char in _VARIANTS else re.escape(char))
    return re.compile("".join(parts))


@dataclass(frozen=True)
class _Folded:
    """A text with every run of whitespace made one space and every variant mark made plain,
    and what each run of whitespace took out, to map positions back."""

    text: str
    starts: list[int]  # folded position of each run of two or more whitespace characters
    removed: list[int]  # characters taken out up to and including that run


def _fold(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_FOLD))


@lru_cache(maxsize=256)
def _folded_body(body: str) -> _Folded:
    starts, removed, total = [], [], 0
    for run in _WHITESPACE.finditer(body):
        if run.end() - run.start() > 1:
            starts.append(run.start() - total)
            total += run.end() - run.start() - 1
            removed.append(total)
    return _Folded(_fold(body), starts, removed)


def _original(folded: _Folded, position: int) -> int:
    """The position in the body of the folded text's character at ``position``."""
    runs = bisect.bisect_left(folded.starts, position)  # runs that start before it
    return position + (folded.removed[runs - 1] if runs else 0)


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """Character span of ``quote`` in ``body``, or None when it is not there."""
    wanted = _fold(quote.strip())
    if not wanted or _EXACT_ONLY.intersection(quote):
        match = quote_pattern(quote).search(body)
        return (match.start(), match.end()) if match else None
    folded = _folded_body(body)
    start = folded.text.find(wanted)
    if start < 0:
        return None
    return _original(folded, start), _original(folded, start + len(wanted) - 1) + 1


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[str, ...]  # ids of the facts whose quote covers this text


@dataclass(frozen=True)
class Passage:
    """One paragraph of a source (1-based ``number``, its anchor is ``p<number>``) with the
    quoted parts marked."""

    number: int
    segments: tuple[Segment, ...]

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for s in self.segments for i in s.marks))


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", body):
        if body[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if body[start:].strip():
        spans.append((start, len(body.rstrip())))
    return spans


@lru_cache(maxsize=1 << 16)  # serve renders every fact's view on each save
def paragraph_of(body: str, quote: str) -> int | None:
    """1-based number of the paragraph where ``quote`` starts."""
    span = find_quote(body, quote)
    if span is None:
        return None
    for number, (start, end) in enumerate(_paragraph_spans(body), start=1):
        if start <= span[0] < end:
            return number
    return None


def cited_passages(body: str, quotes: list[tuple[str, str]]) -> list[Passage]:
    """The paragraphs of ``body`` that hold any of ``quotes`` (fact id, quote), in order,
    each split into marked and unmarked segments. Uncited paragraphs are left out."""
    marks: list[tuple[int, int, str]] = []
    for fact_id, quote in quotes:
        span = find_quote(body, quote)
        if span:
            marks.append((span[0], span[1], fact_id))
    passages = []
    for number, (start, end) in enumerate(_paragraph_spans(body), start=1):
        inside = [(max(s, start), min(e, end), f) for s, e, f in marks if s < end and e > start]
        if not inside:
            continue
        cuts = sorted({start, end, *[s for s, _, _ in inside], *[e for _, e, _ in inside]})
        segments = []
        for left, right in itertools.pairwise(cuts):
            ids = tuple(sorted({f for s, e, f in inside if s <= left and right <= e}))
            segments.append(Segment(body[left:right], ids))
        passages.append(Passage(number, tuple(segments)))
    return passages
