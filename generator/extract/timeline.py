"""Dated events: each clause that carries a date ("When Kim visited Russia in September last
year") becomes an event ("Kim visited Russia", 2023-09); the same event in several sources is
recognised by date and wording (rapidfuzz)."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from generator.dates import format_iso
from generator.extract.mentions import Mention, group_mentions, make_fact
from generator.extract.relative_dates import DateMention
from generator.extract.sentences import Sentence
from generator.facts import Fact

CATEGORY = "timeline"
_SEGMENT_BREAK = re.compile(r",(?=\s)\s*|;\s*|\s[-–—]\s")
_SUBORDINATE = re.compile(r"\b(?:after|before|following|during|while|amid|as|when|since|"
                          r"because|although|where|which|who)\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:when|after|before|while|as|since|following|during|reportedly|"
                      r"and|then|but|so|also|meanwhile|earlier|later|however|that)\b\s*)+",
                      re.IGNORECASE)
_COORDINATE = re.compile(r"\s(?:and|but)\s(?=(?:[A-Z]|he\b|she\b|they\b|it\b|one of\b))")
_STOPWORDS = {"the", "a", "an", "of", "to", "in", "on", "at", "and", "his", "her", "their", "its",
              "was", "were", "is", "had", "has", "have", "that", "this", "for", "with", "by"}
MIN_WORDS = 3
# A count over a period ("assembled 120 cars", "40 vehicles were sold") is a figure, not an event.
_COUNTED = r"(?:built|made|produced|assembled|manufactured|sold|delivered|exported|shipped)"
_STATISTIC = re.compile(
    rf"\b{_COUNTED}\s+(?:about |some |around |over |nearly |only |just )?(?:\d[\d,]*|[a-z]+ty"
    rf"(?:-\w+)?|[a-z]+ dozen)\b|\b\d[\d,]*(?: [\w-]+){{0,3}} (?:were|was|have been|had been) "
    rf"{_COUNTED}\b", re.IGNORECASE)
_EVENT_MARKERS = {"after", "before", "following", "since", "when", "because"}
_NO_SUBJECT = re.compile(r"^(?:which|who|that)\s+|^(?=[a-z]+(?:ed|ld|ought|ew|ent|an|ok)\b)")


def _with_subject(sentence: str, start: int, text: str) -> str:
    """ "Aurus, which started production in 2021" → "Aurus started production"."""
    if not _NO_SUBJECT.match(text) or text[:1].isupper():
        return text
    head = _SEGMENT_BREAK.split(sentence, maxsplit=1)[0].strip()
    if start == 0 or len(head.split()) > 4:
        return text
    return f"{head} {_NO_SUBJECT.sub('', text)}"


def _segment(text: str, date: DateMention) -> tuple[int, int]:
    start, end = 0, len(text)
    for match in _SEGMENT_BREAK.finditer(text):
        if match.end() <= date.start:
            start = match.end()
        elif match.start() >= date.end:
            end = match.start()
            break
    return start, end


def _without_date(text: str, date: DateMention, offset: int) -> str:
    pieces, at = [], 0
    for start, end in date.words_spans:
        pieces.append(text[at: start - offset])
        at = end - offset
    pieces.append(text[at:])
    return " ".join(p.strip() for p in pieces if p.strip())


def event_text(sentence: str, date: DateMention) -> str:
    """The clause a date belongs to, without the date words and leading connectives."""
    start, end = _segment(sentence, date)
    if len(re.findall(r"\w+", _without_date(sentence[start:end], date, start))) < MIN_WORDS:
        start, end = _segment(sentence, DateMention(0, 0, "", date.date))
    for match in _COORDINATE.finditer(sentence, start, end):
        if match.end() <= date.start:
            start = match.end()
        elif match.start() >= date.end:
            end = match.start()
            break
    before = [m for m in _SUBORDINATE.finditer(sentence, start, end) if m.end() <= date.start]
    after = [m for m in _SUBORDINATE.finditer(sentence, start, end) if m.start() >= date.end]
    # A date inside a phrase that names an earlier or later event belongs to that event
    # ("... withdrew following Putin's decision to send troops in February 2022").
    events = [m for m in before if m.group(0).lower() in _EVENT_MARKERS]
    if events and events[-1].start() > start:
        start = events[-1].start()
    if after:
        end = after[0].start()
    dates_here = date if start <= date.start else DateMention(0, 0, "", date.date)
    text = _without_date(sentence[start:end], dates_here, start) if start <= date.start \
        else sentence[start:end]
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    text = _with_subject(sentence, start, text)
    text = _LEADING.sub("", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return text[:1].upper() + text[1:]


def event_mentions(sentence: Sentence, dates: list[DateMention]) -> list[Mention]:
    """One event per clause that carries a usable date (the clause's first date)."""
    found: list[Mention] = []
    used: list[tuple[int, int]] = []
    for date in dates:
        if date.to_date or (date.date.month is None and date.date.year is None):
            continue
        if date.speech and not re.match(r"\s+that\b", sentence.text[date.end:]):
            continue  # "the Kremlin said on Thursday": a date of saying, nothing said
        if re.search(r"\bat the time\b", date.text, re.IGNORECASE):
            continue
        bounds = _segment(sentence.text, date)
        if bounds in used:
            continue
        used.append(bounds)
        text = event_text(sentence.text, date)
        if len(re.findall(r"\w+", text)) < MIN_WORDS or _STATISTIC.search(text):
            continue
        found.append(Mention(
            sentence=sentence,
            fields={"date": date.date.iso, "event": text},
            date=date.date,
            rank=(date.date.known_parts, -len(text)),
            can_start=date.date.year is not None,
        ))
    return found


@lru_cache(maxsize=4096)
def _content_words(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    stems = [re.sub(r"(?:ing|ed|es|s)$", "", w) if len(w) > 4 else w for w in words]
    return " ".join(sorted({w for w in stems if w not in _STOPWORDS}))


def same_event(fact: Mention, other: Mention) -> bool:
    if not fact.date.compatible(other.date):
        return False
    threshold = 70 if fact.date.day or other.date.day else 55
    return fuzz.token_set_ratio(_content_words(fact.fields["event"]),
                                _content_words(other.fields["event"])) >= threshold


def timeline_facts(mentions: list[Mention]) -> list[Fact]:
    facts = []
    for group in group_mentions(mentions, same_event, one_per_source=True):
        event = group[0].fields["event"]
        date = group[0].date.iso
        claim = f"{format_iso(date)}: {event}."
        words = re.findall(r"[a-z0-9]+", event.lower())[:6]
        facts.append(make_fact(CATEGORY, ["event", date or "", *words], claim,
                               {"date": date, "event": event}, group))
    return facts
