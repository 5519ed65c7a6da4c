"""Date expressions in a sentence, resolved against the article's publication date.

"on Wednesday", "last month", "February this year", "September last year", "in 2021",
"in May" (the most recent May not after the article date), "so far this year". Without
an article date only what the text itself states is kept ("in February 2022" → 2022-02).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from generator.dates import MONTH_RE, find_full_dates, month_number


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to some precision; any part may be unknown (None)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str | None:
        """ISO text (YYYY, YYYY-MM or YYYY-MM-DD), or None when the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def known_parts(self) -> int:
        return sum(part is not None for part in (self.year, self.month, self.day))

    def compatible(self, other: PartialDate) -> bool:
        """True when no part known on both sides differs."""
        pairs = ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        return all(a is None or b is None or a == b for a, b in pairs)

    @classmethod
    def from_iso(cls, iso: str | None) -> PartialDate:
        if not iso:
            return cls()
        parts = [int(p) for p in iso.split("-")]
        return cls(*parts)

    @classmethod
    def of_day(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)


UNKNOWN = PartialDate()


# A date said of the saying ("the Kremlin said Thursday", "told reporters on Thursday").
_SPEECH = (r"(?:said|says|told (?:\w+ ){0,2}|announced|reported|confirmed|added|"
           r"as saying|quoted \w+(?: \w+)? as saying)")
_SPEECH_BEFORE = re.compile(rf"\b{_SPEECH}\s*(?:on\s*)?$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(rf"^,?\s*{_SPEECH}\b", re.IGNORECASE)


def is_speech_date(text: str, start: int, end: int) -> bool:
    """True when the date at ``start:end`` dates a statement, not what it states."""
    before = text[:start]
    if re.search(r"(?:^|\b[A-Z]{2,}[A-Z .’'-]*,)\s*$", before) and re.match(
            r"^,?\s*(?:\(|[-–—]|$)", text[end:]):
        return True  # a dateline: "SEOUL, June 20 (Yonhap) --"
    return bool(_SPEECH_BEFORE.search(before) or (
        _SPEECH_AFTER.match(text[end:]) and not re.search(r"[,;]\s*$", before)
        and len(re.findall(r"\w+", before)) <= 4))


@dataclass(frozen=True)
class DateMention:
    """A date expression found at ``start:end`` in a sentence.

    ``to_date`` is True for "so far this year"-style periods running up to the article date.
    """

    start: int
    end: int
    text: str
    date: PartialDate
    to_date: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    speech: bool = False

    @property
    def words_spans(self) -> tuple[tuple[int, int], ...]:
        """The spans that are date words (a split mention such as "September visit … last year")."""
        return self.spans or ((self.start, self.end),)


_WEEKDAYS = {"mon": MO, "tue": TU, "wed": WE, "thu": TH, "fri": FR, "sat": SA, "sun": SU}
_WEEKDAY_NAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_IN = r"(?:in |early |late |mid-)"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in [
        ("so_far_year", rf"\bso far (?:this year|in (?P<year>{_YEAR}))"),
        # "on 13 September last year"
        ("day_month_rel_year",
         rf"\b(?:on )?{_DAY} (?P<month>{MONTH_RE}) (?:of )?(?P<rel>this|last|next) year\b"),
        ("month_rel_year",
         rf"\b{_IN}?(?P<month>{MONTH_RE}) (?:of )?(?P<rel>this|last|next) year\b"),
        ("month_far_rel_year",
         rf"\b(?P<month>{MONTH_RE}) (?:[\w'’-]+ ){{1,4}}?(?P<rel>this|last|next) year\b"),
        ("rel_month_name", rf"\b(?P<rel>last|this|next) (?P<month>{MONTH_RE})(?![\w-])"),
        # "June 18-19", "18-19 June": a stay of days, known to the month
        ("month_range", rf"\b(?:(?P<month>{MONTH_RE}) [0-3]?\d[-–][0-3]?\d\b|[0-3]?\d[-–][0-3]?\d "
                        rf"(?P<month2>{MONTH_RE})\b)"),
        ("month_day", rf"\b(?P<month>{MONTH_RE}) {_DAY}\b(?!,? {_YEAR})"),
        ("day_month", rf"\b{_DAY} (?:of )?(?P<month>{MONTH_RE})\b(?!,? {_YEAR})"),
        ("month_year", rf"\b{_IN}?(?P<month>{MONTH_RE}),? (?:of )?(?P<year>{_YEAR})\b"),
        ("month", rf"\b(?:in|since|during|until|by|early|late|mid-|from) (?P<month>{MONTH_RE})"
                  r"(?![\w-])"),
        ("possessive_month", rf"\b(?P<month>{MONTH_RE})(?:'s|’s) "),
        ("rel_year", r"\b(?P<rel>this|last|next) year\b"),
        ("rel_month", r"\b(?:earlier |later )?(?P<rel>this|last|next) month\b"),
        ("rel_week", r"\b(?P<rel>last|next) week\b"),
        ("ago", r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                r" (?P<unit>day|week|month|year)s? ago(?P<today> today| to the day)?\b"),
        ("weekday", rf"\b(?:(?P<rel>on|last|next|this|earlier on|late on|early on) )?"
                    rf"(?P<weekday>{_WEEKDAY_NAME})\b"),
        ("deictic", r"\b(?P<word>yesterday|today|tomorrow)\b"),
        ("year", rf"\b(?:in|since|during|by|until|from|of|early|late|mid-|before|after) "
                 rf"(?:the (?:year|calendar year|financial year|fiscal year) )?(?P<year>{_YEAR})\b"),
        # "a 2017 resolution", "the 2019 report": a year used as an adjective.
        ("year", rf"(?:(?<=\b[Aa] )|(?<=\b[Tt]he ))(?P<year>{_YEAR})(?= [a-z])"),
    ]
]


def _month_before(month: int, today: dt.date, allow_same: bool = True) -> int:
    """Year of the most recent ``month`` not after ``today``."""
    if month < today.month or (allow_same and month == today.month):
        return today.year
    return today.year - 1


def _resolve(kind: str, match: re.Match[str], today: dt.date | None) -> tuple[PartialDate, bool]:
    groups = match.groupdict()
    month = month_number(groups["month"]) if groups.get("month") else None
    if kind == "month_range":
        month = month or month_number(groups["month2"])
        return (PartialDate(_month_before(month, today), month) if today else
                PartialDate(None, month)), False
    rel = (groups.get("rel") or "").lower()
    if kind == "so_far_year":
        if groups.get("year"):
            return PartialDate(int(groups["year"])), True
        return (PartialDate(today.year) if today else UNKNOWN), True
    if kind == "month_year":
        return PartialDate(int(groups["year"]), month), False
    if kind == "year":
        return PartialDate(int(groups["year"])), False
    if kind in ("month_day", "day_month"):
        day = int(groups["day"])
        if not 1 <= day <= 31:
            return UNKNOWN, False
        year = _month_before(month or 1, today) if today else None
        if today and month == today.month and day > today.day:
            year = today.year - 1
        return PartialDate(year, month, day), False
    if kind in ("month_rel_year", "month_far_rel_year", "day_month_rel_year"):
        day_of = int(groups["day"]) if groups.get("day") else None
        if day_of is not None and not 1 <= day_of <= 31:
            return UNKNOWN, False
        if today is None:
            return PartialDate(None, month, day_of), False
        offset = {"this": 0, "last": -1, "next": 1}[rel]
        return PartialDate(today.year + offset, month, day_of), False
    if kind == "rel_month_name":
        if today is None or month is None:
            return PartialDate(None, month), False
        if rel == "next":
            return PartialDate(today.year if month > today.month else today.year + 1, month), False
        if rel == "last":
            return PartialDate(_month_before(month, today, allow_same=False), month), False
        return PartialDate(today.year, month), False
    if kind in ("month", "possessive_month"):
        if today is None:
            return PartialDate(None, month), False
        return PartialDate(_month_before(month or 1, today), month), False
    if today is None:
        return UNKNOWN, False
    if kind == "rel_year":
        return PartialDate(today.year + {"this": 0, "last": -1, "next": 1}[rel]), False
    if kind == "rel_month":
        shifted = today + relativedelta(months={"this": 0, "last": -1, "next": 1}[rel])
        return PartialDate(shifted.year, shifted.month), False
    if kind == "rel_week":
        monday = today + relativedelta(weekday=MO(-1), weeks=-1 if rel == "last" else 1)
        sunday = monday + dt.timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return PartialDate(monday.year, monday.month), False
        return (PartialDate(monday.year) if monday.year == sunday.year else UNKNOWN), False
    if kind == "ago":
        count = _NUMBER_WORDS.get(groups["n"].lower()) or int(groups["n"])
        unit = groups["unit"].lower()
        when = today - {"day": relativedelta(days=count), "week": relativedelta(weeks=count),
                        "month": relativedelta(months=count),
                        "year": relativedelta(years=count)}[unit]
        if unit == "day" or groups.get("today"):  # "a year ago today": that very day
            return PartialDate.of_day(when), False
        if unit in ("week", "month"):
            return PartialDate(when.year, when.month), False
        return PartialDate(when.year), False
    if kind == "deictic":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["word"].lower()]
        return PartialDate.of_day(today + dt.timedelta(days=shift)), False
    if kind == "weekday":
        weekday = _WEEKDAYS[groups["weekday"][:3].lower()]
        if rel == "next":
            when = today + relativedelta(days=1, weekday=weekday(+1))
        elif rel == "last":
            when = today + relativedelta(days=-1, weekday=weekday(-1))
        else:
            when = today + relativedelta(weekday=weekday(-1))
        return PartialDate.of_day(when), False
    return UNKNOWN, False


_MEDIA_DAY = re.compile(r"\b(?:broadcast|aired|televised|published|released|posted|shown|"
                        r"screened|reported|updated|modified|carried|filed|issued)\b[^.;]*$",
                        re.IGNORECASE)
# "SEOUL, June 20 (Yonhap) --": when and where a report was filed.
DATELINE = re.compile(r"^(?:[A-Z][\w'’.-]*,?\s+){1,4}(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{1,2}\s+"
                      r"[A-Z][a-z]{2,})\s*(?:\([^)]{1,40}\))?\s*[-–—]{1,2}\s")
# "21 Jun 2024 06.00 BST", "21.06.2024, 16:05": a page's time stamp, not a day in the story.
_CLOCK_AFTER = re.compile(r"\s*,?\s*(?:at\s+)?\d{1,2}[.:]\d{2}\b")


def occasion_day(texts: list[str], today: dt.date | None) -> PartialDate | None:
    """The day an article reports on: a day its lede (first two sentences) names, else a
    day it names at least twice, else the only day it names, within the week before
    publication; days of saying do not count. None when there is no such day."""
    if today is None:
        return None
    counts: dict[PartialDate, int] = {}
    in_lede: set[PartialDate] = set()
    for index, text in enumerate(texts):
        for mention in find_dates(text, today):
            when = mention.date
            if mention.speech or when.day is None or when.year is None or when.month is None:
                continue
            if _MEDIA_DAY.search(text[max(0, mention.start - 80): mention.start]) or \
                    _CLOCK_AFTER.match(text, mention.end) or (
                        (dateline := DATELINE.match(text)) and mention.end <= dateline.end()):
                continue  # "footage broadcast on Thursday": the day it was shown, not done
            if 0 <= (today - dt.date(when.year, when.month, when.day)).days <= 7:
                counts[when] = counts.get(when, 0) + 1
                if index < 2:
                    in_lede.add(when)
    # A day named in the lede, else one named twice, else the only day named at all.
    candidates = in_lede or {d for d, n in counts.items() if n >= 2} or (
        set(counts) if len(counts) == 1 else set())
    if not candidates:
        return None
    # the most named; of days named as often, the earliest (a later one is more often the
    # day it was reported)
    return max(candidates, key=lambda d: (counts[d], -dt.date(d.year or 1, d.month or 1,
                                                               d.day or 1).toordinal()))


# Days named without the year: in an undated article, the year of the latest full date the
# article writes, when the day falls shortly before it ("on 18 and 19 June 2024 … The handover
# came on 19 June"); a month alone ("in February") may be a flashback's, and stays unknown.
_YEARLESS = frozenset({"month_range", "month_day", "day_month"})
CONTEXT_DAYS = 60  # how far before the article's latest full date such a day may fall


def find_dates(text: str, today: dt.date | None,
               context: dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text`` (longest first where they overlap), in text order.

    A mention whose date cannot be resolved at all (e.g. "on Wednesday" without an article
    date) is still returned, with an all-unknown date, so callers can tell it was there.
    ``context`` (used only when ``today`` is unknown) dates a day written without its year
    (see ``_YEARLESS``); relative dates ("last month", "on Wednesday") stay unknown.
    """
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match, day in find_full_dates(text):
        taken.append(match.span())
        mentions.append(DateMention(*match.span(), match.group(0), PartialDate.of_day(day),
                                    speech=is_speech_date(text, *match.span())))
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            if kind == "month" and match.group("month").lower().rstrip(".") == "may" and \
                    not re.match(r"(?i)in|since|during|until|by|from", match.group(0)):
                continue
            date, to_date = _resolve(kind, match, today)
            if today is None and context is not None and kind in _YEARLESS:
                near, near_to = _resolve(kind, match, context)
                if near.year and near.month and 0 <= (context - dt.date(
                        near.year, near.month, near.day or 1)).days <= CONTEXT_DAYS:
                    date, to_date = near, near_to
            start, end = match.span()
            if match.group(0).endswith(".") and match.group(0)[-4:-1].isalpha():
                end -= 1  # "in May." : the full stop ends the sentence
            spans: tuple[tuple[int, int], ...] = ()
            if kind == "month_far_rel_year":
                spans = (match.span("month"), (match.start("rel"), end))
            taken.append((start, end))
            mentions.append(DateMention(start, end, text[start:end], date, to_date, spans,
                                        is_speech_date(text, start, end)))
    return sorted(mentions, key=lambda m: m.start)
