"""Sentences of a source's body, for extraction and quoting (split by sentencex)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sentencex import segment

from generator.extract.relative_dates import occasion_day
from generator.ingest.text import without_furniture
from generator.sources import Source

_SPACES = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]]\s*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of one source; ``text`` is verbatim except that whitespace is collapsed.

    ``occasion`` is the day the article reports on (see :func:`occasion_day`), if it names one.
    """

    source_id: str
    index: int
    text: str
    article_date: dt.date | None
    occasion: dt.date | None = None
    live_entry: bool = False  # the first sentence of a time-stamped live-blog entry
    section: int = 0  # which part of the page, between headings ("3. ASIA: A car, a treaty")


def joined_paragraphs(body: str) -> list[str]:
    """Paragraphs, with a paragraph that stops mid-sentence joined to its lowercase continuation.

    Scraped pages sometimes break one sentence across two paragraphs; reading them apart
    would lose the sentence (and its quote still verifies: quotes compare whitespace-collapsed).
    Page furniture left in a body (bylines, time stamps, share bars, "Read more" lists: see
    :func:`generator.ingest.text.without_furniture`) is not read.
    """
    return [text for text, _ in _paragraphs(body)]


# "07.12 BST", "10:15 a.m. ET": the time a live blog's entry was posted, on a line of its own.
_ENTRY_TIME = re.compile(r"^\s*\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\s*(?:\n|$)",
                         re.IGNORECASE)


_ENTRY_HEADING = re.compile(r"^\s*\d{1,2}[.:]\d{2}\s+[^\n.!?]{2,80}\s*$")


def _paragraphs(body: str) -> list[tuple[str, bool]]:
    """:func:`joined_paragraphs`, each with whether it is a time-stamped live-blog entry."""
    paragraphs: list[tuple[str, bool]] = []
    pieces = body.split("\n\n")
    # "23.10 Putin leaves for Vietnam": an entry's time and heading; the entry follows
    headed = [bool(_ENTRY_HEADING.match(piece)) for piece in pieces]
    blocks = [(without_furniture(block), bool(_ENTRY_TIME.match(block)) or (
        i > 0 and headed[i - 1])) for i, block in enumerate(pieces)]
    stamped = {block for block, entry in blocks if entry}
    for raw in _list_lines([block for block, _ in blocks if block.strip()]):
        text = _SPACES.sub(" ", raw).strip()
        if not text:
            continue
        if paragraphs and not _ENDS_SENTENCE.search(paragraphs[-1][0]) and text[0].islower():
            paragraphs[-1] = (f"{paragraphs[-1][0]} {text}", paragraphs[-1][1])
        else:
            paragraphs.append((text, raw in stamped))
    return paragraphs


# A bullet ("• a Rolls-Royce Phantom, used for state occasions;", "- 19 June 2024: …", "1. …")
# or a table row ("Lexus LX 570 | SUV | 2018 | smuggled") on a line of its own.
LIST_ITEM = re.compile(r"^\s*(?:[•▪◦●*·–—-]\s+|\d{1,2}[.)]\s+)")
TABLE_ROW = re.compile(r"\S\s+\|\s+\S")


def _list_lines(blocks: list[str]) -> list[str]:
    """Blocks, with each line of a bulleted list or a table made a block of its own (a list's
    items are not one sentence)."""
    out: list[str] = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        items = [bool(LIST_ITEM.match(line) or TABLE_ROW.search(line)) for line in lines]
        if len(lines) > 1 and sum(items) >= 2:
            current: list[str] = []
            for line, item in zip(lines, items, strict=True):
                if item and current:
                    out.append("\n".join(current))
                    current = []
                current.append(line)
                if item:
                    out.append("\n".join(current))
                    current = []
            if current:
                out.append("\n".join(current))
        else:
            out.append(block)
    return out


# sentencex takes "May." for an abbreviation: "It arrived in May. Lund gave …" is two sentences.
_MAY_ENDS = re.compile(r"\b(?:in|since|until|by|during|of|early|late|mid-|[0-3]?\d(?:st|nd|rd|th)?) "
                       r"May\.(\s+)(?=[A-Z\"“‘'])")


def _split_may(piece: str) -> list[str]:
    parts, at = [], 0
    for match in _MAY_ENDS.finditer(piece):
        parts.append(piece[at: match.start(1)])
        at = match.end(1)
    parts.append(piece[at:])
    return parts


# sentencex ends a sentence after "a.m." even when the clause goes on: "shortly before 3 a.m.
# Wednesday, hours later than expected, …", "at 10 p.m. local time".
_CLOCK_ENDS = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
_CLOCK_GOES_ON = re.compile(r"^(?:[a-z]|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                            r"Sunday|January|February|March|April|May|June|July|August|"
                            r"September|October|November|December)\b[^.!?]*?[,;]|[A-Z]{2,4}\b)")


def _pieces(paragraph: str) -> list[str]:
    """The paragraph's sentences as sentencex splits them, mended where it errs (see above)."""
    pieces: list[str] = []
    for piece in segment("en", paragraph):
        for part in _split_may(piece):
            text = part.strip()
            if not text:
                continue
            if pieces and _CLOCK_ENDS.search(pieces[-1]) and _CLOCK_GOES_ON.match(text):
                pieces[-1] = f"{pieces[-1]} {text}"
            else:
                pieces.append(text)
    return pieces


def article_date(source: Source) -> dt.date | None:
    """The source's publication date when it is a full day, else None."""
    if source.date and len(source.date) == 10:
        return dt.date.fromisoformat(source.date)
    return None


# A heading: a short line with no sentence's end ("3. ASIA: A car, a treaty and two dogs",
# "III.", "The pre-2024 fleet").
_HEADING = re.compile(r"^(?:[IVX]{1,5}\.|(?!.*[.!?:;,\"”]$).{1,90})$")


def split_sentences(source: Source) -> list[Sentence]:
    """Every sentence of the source's body, in order."""
    texts: list[str] = []
    entries: set[int] = set()  # the first sentence of each live-blog entry
    sections: list[int] = []
    section = 0
    when = article_date(source)
    for paragraph, stamped in _paragraphs(source.body):
        if stamped:
            entries.add(len(texts))
        if (_HEADING.match(paragraph) and len(paragraph.split()) <= 12 and not LIST_ITEM.match(
                paragraph)) or re.match(r"\d{1,2}\.\s+[A-Z][A-Z ]{2,}:", paragraph):
            section += 1
        pieces = _pieces(paragraph)
        texts.extend(pieces)
        sections.extend([section] * len(pieces))
    day = occasion_day(texts, when)
    occasion = dt.date(day.year, day.month, day.day) if day and day.year and day.month and \
        day.day else None
    return [Sentence(source.id, index, text, when, occasion, index in entries, sections[index])
            for index, text in enumerate(texts)]
