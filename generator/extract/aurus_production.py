"""Aurus production and sales: figures ("40 cars sold so far this year") and plant facts."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from generator.dates import MONTH_RE, format_iso
from generator.extract.mentions import Mention, group_mentions, make_fact, most_common
from generator.extract.phrases import NUMBER, number_value
from generator.extract.relative_dates import DateMention, PartialDate
from generator.extract.sentences import Sentence
from generator.facts import Fact

CATEGORY = "aurus-production"
BRAND = "Aurus"  # the category is about this maker; its name is what a sentence must mention
# What is counted: cars by any name, a model's plural ("172 Senats"), or "them" ("sold 40 of
# them") after the brand.
_UNITS = (r"(?:cars?|vehicles?|units?|limousines?|automobiles?|sedans?|models?|saloons?|coupes?|"
          r"SUVs?|them|(?-i:(?!(?:Russian|American|Korean|European|Chinese)s\b)[A-Z][a-z]{2,}(?:es|s)"
          r"))")
_ACTIONS = {"sold": "sold", "sell": "sold", "produced": "produced", "produce": "produced",
            "made": "produced", "make": "produced", "built": "produced", "build": "produced",
            "manufactured": "produced", "assembled": "produced", "assemble": "produced",
            "delivered": "delivered", "deliver": "delivered", "exported": "exported",
            "export": "exported", "registered": "registered", "supplied": "delivered",
            "found buyers": "sold", "rolled off the line": "produced", "bought": "sold",
            "sent abroad": "exported", "shipped abroad": "exported",
            "rolled off the production line": "produced",
            "rolled off the assembly line": "produced", "left the factory": "produced",
            "sales": "sold", "deliveries": "delivered", "output": "produced",
            "production": "produced", "registrations": "registered"}
# Nouns for a count: "Sales of new Aurus cars reached 58", "Output rose to 203".
_COUNT_NOUNS = ("sales", "deliveries", "output", "production", "registrations")
_ACTION = "|".join(sorted((a for a in _ACTIONS if a not in _COUNT_NOUNS), key=len, reverse=True))
_QUALIFIER = (r"(?:about|around|some|nearly|almost|over|more than|fewer than|less than|up to"
              r"|roughly|at least|approximately)")
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
# "fewer than 200 were built last year": the brand's cars, counted without a noun
_BARE_PASSIVE = re.compile(
    rf"\b(?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER}) (?:were|had been|have been) (?:\w+ly )?(?P<unit>)"
    rf"(?P<action>built|produced|made|assembled|sold|delivered|exported)\b", re.IGNORECASE)
# "set a goal of 500 cars for the full year", "a sales target of 600 vehicles"
_GOAL = re.compile(
    rf"\b(?:goal|target|plan)\s+of\s+(?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<unit>{_UNITS})\b(?P<action>)", re.IGNORECASE)
# "sent 17 cars abroad last year": exports
_ABROAD = re.compile(
    rf"\b(?P<action>sent|shipped) (?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER}) (?:[\w-]+ ){{0,2}}?"
    rf"(?P<unit>{_UNITS}) abroad\b", re.IGNORECASE)
# "counted 164 sold", "recorded 22 registered"
_COUNTED = re.compile(
    rf"\b(?:counted|recorded|tallied|registered) (?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER}) (?:new )?"
    rf"(?P<unit>)(?P<action>sold|registered|delivered|built|produced)\b", re.IGNORECASE)
# "Sales of new Aurus cars in Russia reached 58", "Output rose to 203 last year"
_COUNT_REACHED = re.compile(
    rf"\b(?P<action>{'|'.join(_COUNT_NOUNS)})\b(?: of [^.;,]{{1,50}}?)?(?: in [A-Z]\w+)? "
    rf"(?:reached|rose to|fell to|totall?ed|stood at|came to|hit|climbed to|amounted to|"
    rf"dropped to|grew to) (?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER})\b(?P<unit>)", re.IGNORECASE)
_CAPACITY = re.compile(
    rf"\b(?:capacity (?:of|to (?:make|produce|build))|designed to (?:build|make|produce|turn "
    rf"out|assemble)|(?:can|could|is able to) (?:[a-z]+ [a-z]+ )?(?:build|make|produce|turn out|"
    rf"assemble)) "
    rf"(?P<qual>{_QUALIFIER} )?(?P<n>{NUMBER})\b(?: (?:[\w-]+ ){{0,2}}?(?P<unit>{_UNITS})\b)?",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:would|will|plans? to|planned to|set to|expects? to|expected to|aims? to|intends? to|"
    r"is to|are to|could|going to|hopes? to|\w+ to)\s+(?:\w+\s+)?$", re.IGNORECASE)
_START = re.compile(
    r"\b(?P<verb>began|begun|begin|begins|start|"
    r"started|starts|launched|launch|opened|open|kicked off)\s+(?:serial |series |mass |full-scale )?"
    r"(?:making|producing|manufacturing|assembling|building|production|to make|to produce|"
    r"to build|to assemble|the production)\b"
    # "Serial production of the Senat began in 2021", "made in Tatarstan since 2021"
    r"|\b(?:serial |series |mass |full-scale )?production\s+(?:of\s+[^,;.]{1,60}?\s+)?"
    r"(?P<noun_verb>began|started|commenced|got under way|was launched)\b"
    r"|\b(?:made|produced|built|manufactured|assembled)\s+(?:in\s+[^,;.]{1,50}?\s+)?(?=since\s)"
    r"|\b(?:enter|enters|entered|go into|goes into|went into)\s+(?:serial |series |mass )?"
    r"production\b"
    # "a second assembly line will open … in 2025"
    r"|\b(?:assembly|production) line\s+(?:will|would|is to|is due to|is set to|is expected to)\s+"
    r"(?:open|start|begin)\b",
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
        if re.match(MONTH_RE, place, re.IGNORECASE):
            continue  # "in January-June"
        if place and not re.fullmatch(r"(?:the|a|an)", place, re.IGNORECASE):
            return place.rstrip(".,")
    return None


# "The company", "the firm": the maker the sentence before named.
_THE_MAKER = re.compile(r"\b(?:[Tt]he|[Ii]ts) (?:company|firm|carmaker|automaker|manufacturer|"
                        r"maker|brand|plant|factory)\b"
                        rf"|\b[Ii]t\s+(?:has\s+|had\s+|also\s+)?(?:{_ACTION})\b"
                        r"|\b(?:lists?|starts?|starting|priced|costs?) (?:at|from)\b"
                        r"|^(?:[Ss]erial|[Ss]eries|[Mm]ass) production (?:began|started)\b")
_PRICE = re.compile(
    r"\b(?:costs?(?: in [A-Z]\w+)?|costing|sells? (?:in [A-Z]\w+ )?for|selling for|priced at|price tag of|"
    r"retails? (?:in [A-Z]\w+ )?for|prices? (?:start|starts|starting) (?:at|from)|lists? at|"
    r"(?:starts?|starting) (?:at|from)|costs? from|priced from|sells? from)\s+"
    rf"(?P<qual>{_QUALIFIER} )?(?:(?P<symbol>[$£€])\s?)?(?P<amount>\d[\d,.]*)\s*"
    r"(?P<mult>million|billion|m|bn)?\s*(?(symbol)|(?P<unit>roubles|rubles|dollars|euros|pounds)\b)",
    re.IGNORECASE,
)
# "Roughly 36 million roubles for a standard Senat": the price before the thing.
_PRICE_FIRST = re.compile(
    rf"(?:^|\b)(?P<qual>{_QUALIFIER} )?(?:(?P<symbol>[$£€])\s?)?(?P<amount>\d[\d,.]*)\s*"
    r"(?P<mult>million|billion|m|bn)?\s*(?(symbol)|(?P<unit>roubles|rubles|dollars|euros|pounds)\b)"
    r"(?=\s+for\s+(?:a|an|the|one)\s+(?:[a-z]+\s+)?(?P<thing>[A-Z][\w-]*))", re.IGNORECASE)
# "… and the Komendant SUV at 49 million": another price in the same unit.
_AND_PRICE = re.compile(
    rf",?\s+and\s+(?:the\s+|an?\s+)?(?P<thing>(?:[A-Z][\w-]*\s?)+(?:[a-zA-Z]+\s)?)\s*(?:at|for)\s+"
    rf"(?P<qual>{_QUALIFIER} )?(?:(?P<symbol>[$£€])\s?)?(?P<amount>\d[\d,.]*)\s*"
    r"(?P<mult>million|billion|m|bn)?\b(?P<unit>)")
_SYMBOLS = {"$": "dollars", "£": "pounds", "€": "euros"}
# The priced thing's name: the last run of capitalised words ("The Aurus Komendant SUV").
_PRICED = re.compile(r"(?:\b(?!(?:The|A|An)\b)[A-Z][a-z][\w-]*\s?)+")


def brand_models(text: str) -> frozenset[str]:
    """The brand's model names a source writes ("Aurus Senat", "the Aurus Komendant"): a
    sentence naming one is about the brand."""
    return frozenset(re.findall(rf"\b{BRAND}\s+([A-Z][a-z]{{2,}})\b", text))


# "203 vehicles rolled off the line there", "Series production started there": the plant the
# sentence before named.
_THERE = re.compile(r"\b(?:there|the (?:assembly |production )?line|the plant|the factory|the site)\b",
                    re.IGNORECASE)


def production_mentions(sentence: Sentence, dates: list[DateMention],
                        brand_before: bool = False, models: frozenset[str] = frozenset()
                        ) -> list[Mention]:
    """Figures and plant facts about the brand stated in one sentence; ``brand_before``
    says the sentence before named the brand (so "The company" is the brand); ``models``
    are the brand's model names (:func:`brand_models`)."""
    text = sentence.text
    if BRAND.lower() not in text.lower() and not any(
            re.search(rf"\b{m}s?\b", text) for m in models) and not (brand_before and (
            _THE_MAKER.search(text) or _PRICE.search(text) or _PRICE_FIRST.search(text)
            or _START.search(text) or _COUNTED.search(text) or _COUNT_REACHED.search(text)
            or _THERE.search(text) or _BARE_PASSIVE.search(text) or _GOAL.search(text))):
        return []
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    # (capacity first: "could make 5,000 vehicles a year" is not a target of 5,000)
    for pattern in (_CAPACITY, _GOAL, _ABROAD, _COUNT_REACHED, _COUNTED, _BARE_PASSIVE,
                    _FIGURE_FIRST, _ACTION_FIRST, _THE_N_IT):
        for match in pattern.finditer(text):
            value = number_value(match["n"])
            if value is None or any(match.start("n") < b and match.end("n") > a
                                    for a, b in taken) or _NOT_ITS_FIGURE.match(
                                        text, match.end("n")) or (
                                        pattern is _ACTION_FIRST
                                        and _other_maker(text, match, models)):
                continue
            taken.append(match.span("n"))
            if pattern is _THE_N_IT:
                if found and "unit" in found[-1].fields:
                    found.append(_the_n_it(sentence, match, found[-1], value, dates))
                continue
            figure = _figure(sentence, match, value, dates, pattern is _CAPACITY,
                             pattern is _GOAL)
            found.append(figure)
            found.extend(_more_figures(sentence, match, figure, dates, taken))
    for pattern in (_PRICE, _PRICE_FIRST):
        for match in pattern.finditer(text):
            if not any(match.start("amount") < b and match.end("amount") > a for a, b in taken):
                taken.append(match.span("amount"))
                found.append(_price(sentence, match))
                found.extend(_more_prices(sentence, match, found[-1]))
    start = _START.search(text)
    if start:
        planned = bool(_PLANNED.search(text[max(0, start.start() - 40): start.start()])
                       or re.search(r"\b(?:will|would|is to|is due to|is set to|is expected to)\b",
                                    start.group(0)))
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


# "the 98 it assembled a year earlier"
_THE_N_IT = re.compile(rf"\bthe (?P<qual>){{0}}(?P<n>{NUMBER}) (?:it|they|the company|the firm) "
                       rf"(?:had |has )?(?P<action>{_ACTION}|targeted|planned|forecast|"
                       rf"projected)\b(?P<unit>)", re.IGNORECASE)
# "…, up from 115 in 2022", "and 40 so far this year, including 22 in the first quarter"
_MORE = re.compile(rf"(?:,\s*|\s+)(?P<link>and|up from|down from|compared with|compared to|against|"
                   rf"including|of which|from)\s+(?:(?:aims?|plans?|hopes?|expects?|wants?) to "
                   rf"(?:reach|hit|build|make|produce|sell)\s+)?(?P<target>an? (?:\w+ )?target of\s+)?"
                   rf"(?:just\s+|only\s+)?(?P<qual>{_QUALIFIER}\s+)?"
                   rf"(?P<n>{NUMBER})\b"
                   r"(?!\s*(?:%|per ?cent|million|billion|bn|roubles|rubles|dollars|euros|years?|"
                   r"months?|weeks?|days?|km|kilometres|miles|tonnes|hours?|[-–]))", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\s+(?:(?:a|one) year (?:earlier|before)|the (?:year|previous year)"
                          r" before|in the previous year)", re.IGNORECASE)


def _more_figures(sentence: Sentence, match: re.Match[str], figure: Mention,
                  dates: list[DateMention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Figures that follow one with the same measure and another period: "Aurus produced 230
    vehicles in 2023, up from 115 in 2022"; "sold 176 cars last year, and 40 so far this
    year, including 22 in the first quarter"; "the 98 it assembled a year earlier"."""
    text = sentence.text
    found = []
    at = match.end()
    while more := _MORE.match(text, _skip_date(text, at, dates)):
        value = number_value(more["n"])
        if value is None or any(more.start("n") < b and more.end("n") > a for a, b in taken):
            break
        taken.append(more.span("n"))
        at = more.end()
        part = more["link"].lower() in ("including", "of which")
        follow = _follow_on(sentence, figure, value, more.end(), dates, part,
                            (more["qual"] or "").strip())
        if more["target"]:  # "against a target of 600 for the full year"
            metric = str(figure.fields["metric"]).removesuffix(" (target)") + " (target)"
            year = figure.date.year
            follow = replace(follow, fields={**follow.fields, "metric": metric,
                                             "period": str(year) if year else None,
                                             "as_of": None}, date=PartialDate(year))
        found.append(follow)
        figure = found[-1]  # "40 so far this year, including 22 in the first quarter"
    return found


def _the_n_it(sentence: Sentence, match: re.Match[str], figure: Mention, value: int,
              dates: list[DateMention]) -> Mention:
    """ "Aurus built 214 cars in 2023, double the 98 it assembled a year earlier", "187 cars,
    well short of the 600 it had targeted": counted like the figure before it."""
    action = match["action"].lower()
    unit = str(figure.fields["unit"])
    done = str(figure.fields["metric"]).removeprefix(f"{unit} ").removesuffix(" (target)")
    metric = f"{unit} {done} (target)" if action not in _ACTIONS else \
        f"{unit} {_ACTIONS[action]}"
    mention = _follow_on(sentence, figure, value, match.end(), dates, action not in _ACTIONS)
    return replace(mention, fields={**mention.fields, "metric": metric})


def _skip_date(text: str, at: int, dates: list[DateMention]) -> int:
    """Past the figure's own words up to the next comma or "and": "230 vehicles in 2023"."""
    rest = re.match(r"[^,;]*?(?=,|\sand\s|\sup from\s|\sdown from\s|$)", text[at:])
    at += rest.end() if rest else 0
    # ", the company said in its annual report, up from 115"
    said = _SAID_CLAUSE.match(text, at)
    return said.end() if said else at


_SAID_CLAUSE = re.compile(r",\s+[^,;]{0,60}?\b(?:said|says|reported|told|according to)\b[^,;]*(?=,)")


def _follow_on(sentence: Sentence, figure: Mention, value: int, after: int,
               dates: list[DateMention], part: bool = False, qualifier: str = "") -> Mention:
    """A figure measured like ``figure``, dated by the date right after it ("in 2022", "so far
    this year"), a year before ``figure``'s ("a year earlier"), or, as a ``part`` of it
    ("including 22 in the first quarter"), in its period."""
    text = sentence.text
    date = PartialDate()
    period: str | None = None
    as_of: str | None = None
    near = [d for d in dates if after <= d.start <= after + 25 and d.date.year is not None]
    if near:
        date = near[0].date
        period = date.iso
        if near[0].to_date:
            period = f"{date.iso} (year to date)"
            as_of = sentence.article_date.isoformat() if sentence.article_date else None
    elif _YEAR_BEFORE.match(text, after) and figure.date.year is not None:
        date = PartialDate(figure.date.year - 1)
        period = date.iso
    elif part:
        date, period, as_of = figure.date, figure.fields["period"], figure.fields["as_of"]
    return Mention(
        sentence=sentence,
        fields={**figure.fields, "value": f"{qualifier} {value}" if qualifier else value,
                "period": period, "as_of": as_of},
        date=date,
        rank=(int(period is not None), int(as_of is not None)),
    )


def _more_prices(sentence: Sentence, match: re.Match[str], price: Mention) -> list[Mention]:
    """ "The Senat starts at 38 million roubles and the Komendant SUV at 49 million"."""
    more = _AND_PRICE.match(sentence.text, match.end("thing") if match.groupdict().get("thing")
                            else match.end())
    if not more:
        return []
    mention = _price(sentence, more, str(price.fields["unit"]))
    return [mention]


def _price(sentence: Sentence, match: re.Match[str], unit: str = "") -> Mention:
    """ "A Senat sedan sells for about 36 million roubles"."""
    text = sentence.text
    amount = float(match["amount"].replace(",", "").rstrip("."))
    scale = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}.get(
        (match["mult"] or "").lower(), 1)
    value: int | str = int(amount * scale)
    if match["qual"]:
        value = f"{match['qual'].strip().lower()} {value}"
    thing = match.groupdict().get("thing")
    names = [thing] if thing else _PRICED.findall(text[: match.start()])
    return Mention(
        sentence=sentence,
        fields={"metric": "price" + (f" of the {names[-1].strip()}" if names else ""),
                "value": value,
                "unit": (match["unit"] or _SYMBOLS.get(match["symbol"] or "", "") or unit).lower(),
                "period": None,
                "as_of": sentence.article_date.isoformat() if sentence.article_date else None,
                "place": None, "attributed_to": _attribution(text)},
        rank=(1,),
    )


# "a hundred times as many vehicles": a ratio, not a count
_NOT_ITS_FIGURE = re.compile(r"\s+times\b|\s*(?:%|per ?cent|points?\b)", re.IGNORECASE)


def _other_maker(text: str, match: re.Match[str], models: frozenset[str]) -> bool:
    """Whether the clause's subject is another maker ("Mercedes-Benz India alone sold 17,408
    cars, against Aurus's 40"): capitalised words before the figure and no brand there or
    in the figure's own words."""
    start = max((m.end() for m in re.finditer(r"[,;:]\s|\b(?:while|whereas|and|but)\s",
                                             text[: match.start()])), default=0)
    subject = " ".join(text[start: match.start()].split()[-4:])  # right before the verb
    own = text[start: match.end()]
    names = [w for w in re.findall(r"\b[A-Z][\w-]+", subject)
             if w.lower() not in _NOT_A_MAKER and not w.lower().endswith(("an", "ese", "ish"))]
    return bool(names) and BRAND not in own and not any(m in own for m in models)


_NOT_A_MAKER = {"the", "a", "an", "it", "its", "this", "that", "last", "in", "so", "since", "by",
                "sales", "production", "output", "deliveries", "total", "overall", "only",
                "just", "some", "about", "analysts", "official", "officials", "data", "figures"}


def _figure(sentence: Sentence, match: re.Match[str], value: int, dates: list[DateMention],
            capacity: bool, goal: bool = False) -> Mention:
    text = sentence.text
    unit = (match["unit"] or "cars").lower()  # "could build up to 5,000 (a year)"
    if unit == "them" or (match["unit"] or "")[:1].isupper() or unit.startswith("suv"):
        unit = "cars"  # "sold 40 of them", "172 Senats", "Komendant SUVs"
    unit = unit if unit.endswith("s") else unit + "s"
    # "would produce up to 5,000 vehicles annually at full capacity", "aims to make 1,000".
    planned = bool(_PLANNED.search(text[max(0, match.start() - 40): match.start()]))
    capacity = capacity or (planned and bool(re.search(r"\bcapacity\b", text[match.end():]))) \
        or bool(re.search(r"\bdesigned to\s+$", text[max(0, match.start() - 20): match.start()]))
    if goal:  # "a goal of 500 cars": what kind of goal, the sentence may say
        done = "sold" if re.search(r"\bsales?\b|\bsell", text, re.IGNORECASE) else "produced"
        action = f"{unit} {done} (target)"
    elif not capacity and match["action"].lower() in ("sent", "shipped"):
        action = f"{unit} exported"
    else:
        action = "production capacity" if capacity else \
            f"{unit} {_ACTIONS[' '.join(match['action'].lower().split())]}"
    if planned and not capacity and not goal:
        action += " (target)"
    qualifier = (match["qual"] or "").strip()
    period: str | None = None
    as_of: str | None = None
    date = PartialDate()
    if re.search(r"\b(?:a|per) year\b|\bannually\b|\byearly\b", text, re.IGNORECASE):
        period = "per year"
    elif (_OF_THE_YEAR.search(text, match.end()) or _MONTH_RANGE.search(text, match.end())) \
            and sentence.article_date:
        # "in the first five months of the year": so far in the year of publication
        date = PartialDate(sentence.article_date.year)
        period = f"{date.iso} (year to date)"
        as_of = sentence.article_date.isoformat()
    ranged = _MONTH_RANGE.search(text, match.end())
    usable = [d for d in dates if d.date.year is not None and not _START.search(
        text[max(0, d.start - 30): d.start]) and not (ranged and ranged.start() <= d.start
                                                       < ranged.end())]
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


# "in January-June": the months so far of the year of publication
_MONTH_RANGE = re.compile(r"\b(?:in|from)\s+(?:January|Jan)\s*(?:[-–]|\s(?:through|to|until|till)\s)\s*"
                          r"(?:February|March|April|May|June|July|August|September|October|"
                          r"November|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov)\b")
_OF_THE_YEAR = re.compile(r"\b(?:first|past|last)\s+(?:\w+\s+)?(?:months?|quarters?|half|weeks?)\s+"
                         r"of\s+(?:the|this)\s+year\b", re.IGNORECASE)


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
    for group in group_mentions(mentions, same_figure,
                                block=lambda m: m.fields["metric"]):
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
