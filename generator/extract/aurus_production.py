"""Aurus production and sales: figures ("40 cars sold so far this year") and plant facts."""

from __future__ import annotations

import re
from typing import Any

from generator.dates import format_iso
from generator.extract.mentions import Mention, group_mentions, make_fact, most_common
from generator.extract.phrases import NUMBER, number_value
from generator.extract.relative_dates import DateMention, PartialDate
from generator.extract.sentences import Sentence
from generator.facts import Fact

CATEGORY = "aurus-production"
BRAND = "Aurus"  # the category is about this maker; its name is what a sentence must mention
_UNITS = r"(?:cars?|vehicles?|units?|limousines?|automobiles?|sedans?|models?)"
_ACTIONS = {"sold": "sold", "sell": "sold", "produced": "produced", "produce": "produced",
            "made": "produced", "make": "produced", "built": "produced", "build": "produced",
            "manufactured": "produced", "assembled": "produced", "assemble": "produced",
            "delivered": "delivered", "deliver": "delivered", "exported": "exported",
            "export": "exported", "registered": "registered"}
_ACTION = "|".join(sorted(_ACTIONS, key=len, reverse=True))
_QUALIFIER = (r"(?:about|around|some|nearly|almost|over|more than|fewer than|less than|up to"
              r"|roughly|at least)")
_FIGURE_FIRST = re.compile(
    rf"\b(?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER}) (?:[\w-]+ ){{0,3}}?(?P<unit>{_UNITS})\b"
    rf"(?: \w+){{0,4}}? (?:have|has|had|were|was|are|is|will be|would be)? ?(?:been )?"
    rf"(?P<action>{_ACTION})\b",
    re.IGNORECASE,
)
_ACTION_FIRST = re.compile(
    rf"\b(?P<action>{_ACTION}) (?:a total of |just |only |a mere )?(?P<qual>{_QUALIFIER} )?"
    rf"(?P<n>{NUMBER}) "
    rf"(?:[\w-]+ ){{0,3}}?(?P<unit>{_UNITS})\b",
    re.IGNORECASE,
)
_CAPACITY = re.compile(
    rf"\b(?:capacity (?:of|to (?:make|produce|build))|designed to (?:build|make|produce|turn "
    rf"out|assemble)) (?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER}) "
    rf"(?:[\w-]+ ){{0,2}}?(?P<unit>{_UNITS})",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:would|will|plans? to|planned to|set to|expects? to|expected to|aims? to|intends? to|"
    r"is to|are to|could|going to|hopes? to|\w+ to)\s+(?:\w+\s+)?$", re.IGNORECASE)
_START = re.compile(
    r"\b(?P<verb>began|begun|begin|begins|start|"
    r"started|starts|launched|launch|opened|open|kicked off)\s+(?:serial |mass |full-scale )?"
    r"(?:making|producing|manufacturing|assembling|building|production|to make|to produce|"
    r"to build|to assemble|the production)\b"
    # "Serial production of the Senat began in 2021", "made in Tatarstan since 2021"
    r"|\b(?:serial |series |mass |full-scale )?production\s+(?:of\s+[^,;.]{1,60}?\s+)?"
    r"(?P<noun_verb>began|started|commenced|got under way|was launched)\b"
    r"|\b(?:made|produced|built|manufactured|assembled)\s+(?:in\s+[^,;.]{1,50}?\s+)?(?=since\s)",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?:at|in)\s+(?P<place>(?:a|an|the|its)?\s*(?:(?:former|new|old|idle|[A-Z][\w.’'-]*)\s+)*"
    r"(?:factory|plant|facility|site|works)(?:\s+in\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*(?:(?:’s|'s)\s+[A-Z]\w+)?(?:\s+region)?)",
)
_ACCORDING = re.compile(r"\b(?:[Aa]ccording to|[Dd]ata from|[Ff]igures from|[Cc]iting) "
                        r"(?P<who>[^,.;]+)")
_SAID = re.compile(r"\b(?:said|says|told|reported|estimated|announced)\b")
_NOT_SPEAKER = {"that", "and", "but", "which", "who", "it", "he", "she", "they", "this"}


def _speaker(text: str) -> str | None:
    """The noun phrase right before "said": "A senior Russian official said" → that official."""
    for match in _SAID.finditer(text):
        words = re.split(r"\s+", text[: match.start()].strip())
        phrase: list[str] = []
        for word in reversed(words[-6:]):
            if word.lower() in _NOT_SPEAKER or re.search(r"[,.;:]$", word):
                break
            phrase.insert(0, word)
        if phrase and re.search(r"[A-Za-z]", phrase[-1]) and phrase[-1][-1].isalpha():
            return " ".join(phrase)
    return None


def _attribution(text: str) -> str | None:
    match = _ACCORDING.search(text)
    phrase = match["who"].strip() if match else _speaker(text)
    if not phrase:
        return None
    phrase = re.sub(r"\s+(?:showed|shows|show|said|says|reported|suggest\w*)$", "", phrase)
    # "Russian analytical agency Autostat" is cited by its name.
    name = re.search(r"((?:[A-Z][\w-]*\s?)+)$", phrase)
    if name and phrase[: name.start()].strip() and len(name.group(1).split()) <= 3:
        return name.group(1).strip()
    return phrase[0].lower() + phrase[1:] if re.match(r"(?:A|An|The)\s", phrase) else phrase


def _place(text: str, after: int, dates: list[DateMention]) -> str | None:
    for match in _PLACE.finditer(text, after):
        if any(d.start <= match.start() < d.end for d in dates):
            continue
        place = match["place"].strip()
        if place and not re.fullmatch(r"(?:the|a|an)", place, re.IGNORECASE):
            return place.rstrip(".,")
    return None


# "The company", "the firm": the maker the sentence before named.
_THE_MAKER = re.compile(r"\b(?:[Tt]he|[Ii]ts) (?:company|firm|carmaker|automaker|manufacturer|"
                        r"maker|brand|plant|factory)\b")
_PRICE = re.compile(
    r"\b(?:costs?|costing|sells? (?:in [A-Z]\w+ )?for|selling for|priced at|price tag of|"
    r"retails? (?:in [A-Z]\w+ )?for|prices? (?:start|starts|starting) (?:at|from))\s+"
    rf"(?P<qual>{_QUALIFIER} )?(?:(?P<symbol>[$£€])\s?)?(?P<amount>\d[\d,.]*)\s*"
    r"(?P<mult>million|billion|m|bn)?\s*(?(symbol)|(?P<unit>roubles|rubles|dollars|euros|pounds)\b)",
    re.IGNORECASE,
)
_SYMBOLS = {"$": "dollars", "£": "pounds", "€": "euros"}
# The priced thing's name: the last run of capitalised words ("The Aurus Komendant SUV").
_PRICED = re.compile(r"(?:\b(?!(?:The|A|An)\b)[A-Z][a-z][\w-]*\s?)+")


def production_mentions(sentence: Sentence, dates: list[DateMention],
                        brand_before: bool = False) -> list[Mention]:
    """Figures and plant facts about the brand stated in one sentence; ``brand_before``
    says the sentence before named the brand (so "The company" is the brand)."""
    text = sentence.text
    if BRAND.lower() not in text.lower() and not (brand_before and _THE_MAKER.search(text)):
        return []
    found = []
    for pattern in (_FIGURE_FIRST, _ACTION_FIRST, _CAPACITY):
        for match in pattern.finditer(text):
            value = number_value(match["n"])
            if value is None:
                continue
            found.append(_figure(sentence, match, value, dates, pattern is _CAPACITY))
        if found:
            break
    found.extend(_price(sentence) for _ in _PRICE.finditer(text))
    start = _START.search(text)
    if start:
        planned = bool(_PLANNED.search(text[max(0, start.start() - 40): start.start()]))
        after = [d for d in dates if d.start >= start.start() and d.date.year and not d.to_date]
        said = [d for d in dates if d.end <= start.start() and d.date.year]
        dated = after or [d for d in dates if d.date.year and not d.to_date]
        when = dated[0] if dated else None
        unknown_when = any(d.date.year is None for d in dates)
        if when is None and not unknown_when:
            return []
        found.append(Mention(
            sentence=sentence,
            fields={"metric": "planned production start" if planned else "production start",
                    "value": when.date.year if when else None, "unit": "year",
                    "period": None, "as_of": said[0].date.iso if said and planned else None,
                    "place": _place(text, start.end(), dates),
                    "attributed_to": _attribution(text)},
            date=when.date if when else PartialDate(),
            rank=(int(when is not None),),
            can_start=when is not None,
        ))
    return found


def _price(sentence: Sentence) -> Mention:
    """ "A Senat sedan sells for about 36 million roubles"."""
    text = sentence.text
    match = _PRICE.search(text)
    assert match is not None
    amount = float(match["amount"].replace(",", "").rstrip("."))
    scale = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}.get(
        (match["mult"] or "").lower(), 1)
    value: int | str = int(amount * scale)
    if match["qual"]:
        value = f"{match['qual'].strip()} {value}"
    names = _PRICED.findall(text[: match.start()])
    return Mention(
        sentence=sentence,
        fields={"metric": "price" + (f" of the {names[-1].strip()}" if names else ""),
                "value": value,
                "unit": (match["unit"] or _SYMBOLS.get(match["symbol"] or "", "")).lower(),
                "period": None,
                "as_of": sentence.article_date.isoformat() if sentence.article_date else None,
                "place": None, "attributed_to": _attribution(text)},
        rank=(1,),
    )


def _figure(sentence: Sentence, match: re.Match[str], value: int, dates: list[DateMention],
            capacity: bool) -> Mention:
    text = sentence.text
    unit = match["unit"].lower()
    unit = unit if unit.endswith("s") else unit + "s"
    # "would produce up to 5,000 vehicles annually at full capacity", "aims to make 1,000".
    planned = bool(_PLANNED.search(text[max(0, match.start() - 40): match.start()]))
    capacity = capacity or (planned and bool(re.search(r"\bcapacity\b", text[match.end():]))) \
        or bool(re.search(r"\bdesigned to\s+$", text[max(0, match.start() - 20): match.start()]))
    action = "production capacity" if capacity else f"{unit} {_ACTIONS[match['action'].lower()]}"
    if planned and not capacity:
        action += " (target)"
    qualifier = (match["qual"] or "").strip()
    period: str | None = None
    as_of: str | None = None
    date = PartialDate()
    if re.search(r"\b(?:a|per) year\b|\bannually\b|\byearly\b", text, re.IGNORECASE):
        period = "per year"
    usable = [d for d in dates if d.date.year is not None and not _START.search(
        text[max(0, d.start - 30): d.start])]
    if usable:
        # The figure's period is the date written closest to it, preferably after it.
        first = min(usable, key=lambda d: (d.end < match.start(), abs(d.start - match.end())))
        date = first.date
        if first.to_date:
            period = f"{first.date.iso} (year to date)"
            as_of = sentence.article_date.isoformat() if sentence.article_date else None
        elif re.match(r"since", first.text, re.IGNORECASE):
            period = f"since {first.date.iso}"
        elif re.match(r"by", first.text, re.IGNORECASE):
            period = f"{'per year ' if period else ''}by {first.date.iso}"
        else:
            period = first.date.iso
    place = _place(text, match.end(), dates)
    return Mention(
        sentence=sentence,
        fields={"metric": action, "value": f"{qualifier} {value}" if qualifier else value,
                "unit": unit, "period": period, "as_of": as_of, "place": place,
                "attributed_to": _attribution(text)},
        date=date,
        rank=(int(period is not None), int(as_of is not None)),
    )


def same_figure(fact: Mention, other: Mention) -> bool:
    a, b = fact.fields, other.fields
    if a["metric"] != b["metric"]:
        return False
    if a["value"] is not None and b["value"] is not None and a["value"] != b["value"]:
        return False
    return fact.date.compatible(other.date) and (
        a["period"] is None or b["period"] is None or a["period"] == b["period"])


def production_facts(mentions: list[Mention]) -> list[Fact]:
    facts = []
    for group in group_mentions(mentions, same_figure):
        fields = {name: most_common(m.fields[name] for m in group) for name in group[0].fields}
        if fields["value"] is None:
            continue
        facts.append(make_fact(CATEGORY, ["aurus", fields["metric"], str(fields["value"]),
                                          fields["period"] or ""],
                               _claim(fields), fields, group))
    return facts


def _claim(fields: dict[str, Any]) -> str:
    metric = str(fields["metric"])
    place = f" at {fields['place']}" if str(fields["place"] or "").lower().startswith(
        ("a ", "an ", "the ", "its ")) else (f" in {fields['place']}" if fields["place"] else "")
    source = f", according to {fields['attributed_to']}" if fields["attributed_to"] else ""
    if "start" in metric:
        verb = "is to start" if metric.startswith("planned") else "started"
        return f"Aurus {verb} production{place} in {fields['value']}{source}."
    period = fields["period"] or ""
    when = ""
    if period.endswith("(year to date)"):
        when = f" so far in {period.split()[0]}"
        if fields["as_of"]:
            when += f" (as of {format_iso(str(fields['as_of']))})"
    elif period == "per year":
        when = " a year"
    elif period.startswith(("by", "per year by")):
        when = period.replace("per year", " a year").replace("by", " by", 1).replace("  ", " ")
    elif period:
        when = f" {period}" if period.startswith("since") else f" in {period}"
    if metric.startswith("price"):
        return (f"The Aurus{metric.removeprefix('price of the').removeprefix('price')} costs "
                f"{fields['value']} {fields['unit']}{source}.").replace("Aurus Aurus", "Aurus")
    unit, _, action = metric.partition(" ")
    if action.endswith(" (target)"):
        when = when.replace(" in by", " by")
        return (f"Aurus aims to have {fields['value']} {unit} "
                f"{action.removesuffix(' (target)')}{when}{source}.")
    if metric == "production capacity":
        return f"Aurus production capacity is {fields['value']} {fields['unit']}{when}{source}."
    return f"{fields['value']} Aurus {unit} were {action}{place}{when}{source}."
