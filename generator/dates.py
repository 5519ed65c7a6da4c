"""Calendar dates written in prose: "June 21st 2024", "21 June 2024", "2024-06-21"."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Full names in order: the longest name of each month number ("sept" is not October).
MONTH_NAMES = [max((n for n, k in MONTHS.items() if k == number), key=len) for number in range(1, 13)]
MONTH_RE = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|(?P<month>{MONTH_RE})\s+{_DAY},?\s+{_YEAR}"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTH_RE}),?\s+(?P<year2>(?:19|20)\d\d)"
    # "21.06.2024": day, month and year with dots (never month first)
    rf"|(?P<day3>[0-3]?\d)\.(?P<month3>[01]?\d)\.(?P<year3>(?:19|20)\d\d)"
    # "19/06/2024", "06/19/2024": with slashes, only when the order is plain (a part over 12)
    rf"|(?P<first4>[0-3]?\d)/(?P<second4>[0-3]?\d)/(?P<year4>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
_CLOCK_TIME = r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\b|\b(?:IST|GMT|UTC|[A-Z]{3})\b"
WEEKDAY_RE = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def find_full_dates(text: str) -> list[tuple[re.Match[str], dt.date]]:
    """Every complete calendar date (day, month and year) in ``text``, in order."""
    found = []
    for match in _FULL_DATE.finditer(text):
        try:
            if match["iso"]:
                day = dt.date.fromisoformat(match["iso"])
            elif match["month"]:
                day = dt.date(int(match["year"]), month_number(match["month"]), int(match["day"]))
            elif match["day3"]:
                day = dt.date(int(match["year3"]), int(match["month3"]), int(match["day3"]))
            elif match["first4"]:
                first, second = int(match["first4"]), int(match["second4"])
                if (first > 12) == (second > 12):
                    continue  # "06/07/2024": June 7 or 6 July, the page does not say
                day = dt.date(int(match["year4"]), *((second, first) if first > 12
                                                     else (first, second)))
            else:
                day = dt.date(int(match["year2"]), month_number(match["month2"]), int(match["day2"]))
        except ValueError:
            continue
        found.append((match, day))
    return found


def is_date_only(text: str) -> bool:
    """True for a line that is nothing but a date, such as "Tue, Jul 16, 2024" or "16.07.2024"."""
    rest = _FULL_DATE.sub(" ", text, count=1)
    if rest == text:
        return bool(re.fullmatch(r"\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*", text))
    rest = re.sub(WEEKDAY_RE, " ", rest, flags=re.IGNORECASE)
    rest = re.sub(_CLOCK_TIME, " ", rest, flags=re.IGNORECASE)
    return not re.search(r"\w", rest)


def format_iso(iso: str | None) -> str:
    """Readable form of an ISO date of any precision: "19 June 2024", "June 2024", "2024"."""
    if not iso:
        return "date unknown"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTH_NAMES[int(parts[1]) - 1].capitalize()
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


# "SEOUL, June 20 (Yonhap) --", "Pyongyang, 20 June (KCNA) –": a wire dateline gives the day
# the report was filed, without its year.
_DATELINE_DAY = re.compile(
    rf"^(?P<place>(?:[A-Z][\w'’.-]*,?\s+){{1,4}})(?:(?P<month>(?i:{MONTH_RE}))\s+(?P<day>[0-3]?\d)|"
    rf"(?P<day2>[0-3]?\d)\s+(?P<month2>(?i:{MONTH_RE})))\s*(?P<agency>\([^)]{{1,40}}\))?\s*"
    r"(?:[-–—]{1,2}|:)\s")


def dateline_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a dateline that opens ``text`` and names no year."""
    match = _DATELINE_DAY.match(text)
    # a place in capitals ("SEOUL, June 20 —") or an agency ("Seoul, June 20 (AFP) —")
    if not match or not (match["agency"] or re.match(r"[A-Z]{3,}\b", match["place"])):
        return None
    month, day = match["month"] or match["month2"], int(match["day"] or match["day2"])
    try:
        dt.date(2000, month_number(month), day)  # (a leap year: 29 February is a day)
    except ValueError:
        return None
    return month_number(month), day


# How far from the story's other articles a dateline's day may fall and still take its year.
STORY_SPAN_DAYS = 120


def story_year(month: int, day: int, dates: list[str]) -> int | None:
    """The year a dateline's month and day falls in: the one that puts it nearest the middle
    of the story's other publication days (``dates``, ISO), if that is within
    ``STORY_SPAN_DAYS``; None when no other article is dated or none is near."""
    days = sorted(dt.date.fromisoformat(d) for d in dates if len(d) == 10)
    if not days:
        return None
    middle = days[len(days) // 2]
    candidates = []
    for year in (middle.year - 1, middle.year, middle.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    best = min(candidates, key=lambda d: abs((d - middle).days), default=None)
    if best is None or abs((best - middle).days) > STORY_SPAN_DAYS:
        return None
    return best.year
