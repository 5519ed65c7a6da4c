"""Dated events: each clause that carries a date ("When Kim visited Russia in September last
year") becomes an event ("Kim visited Russia", 2023-09); the same event in several sources is
recognised by date and wording (rapidfuzz)."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from generator.dates import format_iso
from generator.extract.mentions import Mention, group_mentions, make_fact
from generator.extract.relative_dates import DATELINE, UNKNOWN, DateMention, PartialDate
from generator.extract.sentences import LIST_ITEM, TABLE_ROW, Sentence
from generator.facts import Fact

CATEGORY = "timeline"
# A comma, a semicolon, a dash, or a colon ("It's the second: Kim received …").
_SEGMENT_BREAK = re.compile(r",(?=\s)\s*|;\s*|\s[-–—]\s|:\s+")
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
_COUNTED = r"(?:built|made|produced|assembled|manufactured|sold|delivered|exported|shipped|bought|imported)"
_STATISTIC = re.compile(
    rf"\b{_COUNTED}\s+(?:about |some |around |over |nearly |only |just )?"
    rf"(?:\d[\d,.]*(?: million| billion)?|[a-z]+ty"
    rf"(?:-\w+)?|[a-z]+ dozen)\b|\b\d[\d,]*(?: [\w-]+){{0,3}} (?:were|was|have been|had been) "
    rf"{_COUNTED}\b"
    # a plan or target: "aims to make 1,000 cars a year", "expects to sell 300 cars"
    r"|\b(?:build|make|produce|assemble|manufacture|sell|deliver|export|ship)s?\s+(?:about |some |"
    r"around |up to |over |as many as )?\d[\d,]*\s+(?:[\w-]+\s+)?(?:cars|vehicles|units|"
    r"limousines|sedans)\b", re.IGNORECASE)
_EVENT_MARKERS = {"after", "before", "following", "since", "when", "because"}
_SAID_THAT = re.compile(r"\b(?:said|says|told \w+|announced|reported|confirmed)\s+that\s+",
                        re.IGNORECASE)
# What was said is itself a past event ("… said that Putin had presented Kim with a car"),
# not a plan ("… said that Russia would start making cars"): then the saying is the event.
_DONE = re.compile(r"^(?:[\w'’-]+\s+){1,5}?(?:had|has|have)\s+(?:\w+ly\s+|also\s+|already\s+)*"
                   r"(?:\w+ed|given|sent|made|taken|shown|met|signed|bought|brought|won|become)\b",
                   re.IGNORECASE)
_PREPOSITIONAL = re.compile(r"^(?:during|in|at|amid|on)\s+(?:a|an|the|its|their|his|her)\s",
                            re.IGNORECASE)
_NO_SUBJECT = re.compile(r"^(?:which|who|that)\s+|^(?=(?:[a-z]+(?:ed|ld|ought|ew|ent|an|ok)|was|"
                         r"were|had|has|have|is|are)\b)")


# Before the subject: a time phrase ("On Tuesday, Shoigu, …"), a parenthesis between dashes.
_TIME_PHRASE = re.compile(r"^(?:On|In|At|Last|Earlier|Later|This|That)\b[^,]{0,30},\s*")
_PARENTHESIS = re.compile(r"\s[-–—]\s.*?\s[-–—]\s")
MAX_SUBJECT_WORDS = 12
# "an Aurus, which she said Kim received": the noun is the object, the clause has a subject
_OBJECT_RELATIVE = re.compile(r"^(?:which|that|whom)\s+(?:he|she|they|it|we|i|you|[A-Z])\b")
_COPULA = re.compile(r"\b(?:is|was|are|were|has|have|had|be|been)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|it|they|we|i|you)\b", re.IGNORECASE)


def _subject_before(sentence: str, start: int) -> str:
    """The noun phrase a clause without subject continues: the sentence's words before it, when
    they are a subject and its appositions ("Kim's sister, Kim Yo Jong, had thanked …"), or
    else the first few words ("Aurus, which started production …")."""
    prefix = _PARENTHESIS.sub(" ", sentence[:start])
    prefix = _LEADING.sub("", _TIME_PHRASE.sub("", prefix)).strip(" ,;:–—-")
    if _NO_SUBJECT.match(sentence[start:]).group(0):  # type: ignore[union-attr]
        prefix = _SEGMENT_BREAK.split(prefix)[-1]  # "which" is the noun just before
    if prefix[:1].isupper() and len(prefix.split()) <= MAX_SUBJECT_WORDS and not (
            _HAPPENING.search(prefix) or _OTHER_VERB.search(prefix) or _COPULA.search(prefix)
            or _SUBORDINATE.search(prefix) or _PRONOUN.match(prefix)):
        return f"{prefix}," if "," in prefix else prefix
    head = _SEGMENT_BREAK.split(sentence, maxsplit=1)[0].strip()
    return head if len(head.split()) <= 4 and not _COPULA.search(head) else ""


def _with_subject(sentence: str, start: int, text: str) -> str:
    """ "Aurus, which started production in 2021" → "Aurus started production"."""
    if not _NO_SUBJECT.match(text) or text[:1].isupper() or start == 0 or \
            _OBJECT_RELATIVE.match(text):
        return text
    subject = _subject_before(sentence, start)
    return f"{subject} {_NO_SUBJECT.sub('', text)}" if subject else text


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
        # "on June 19": the preposition goes with its date
        pieces.append(re.sub(r"\s(?:on|in|of)\s*$", " ", text[at: start - offset]))
        at = end - offset
        possessive = re.match(r"['’]s\b", text[at:])
        if possessive:  # "at last month's summit" → "at the summit"
            at += possessive.end()
            pieces.append("the" if re.search(r"\b(?:at|during|on|in|for|to|after|before|from)\s*$",
                                             pieces[-1]) else "")
    pieces.append(text[at:])
    return " ".join(p.strip() for p in pieces if p.strip())


def event_text(sentence: str, date: DateMention) -> str:
    """The clause a date belongs to, without the date words and leading connectives."""
    start, end = _segment(sentence, date)
    if len(re.findall(r"\w+", _without_date(sentence[start:end], date, start))) < MIN_WORDS \
            and not (start and _NO_SUBJECT.match(sentence[start:end])
                     and _subject_before(sentence, start)):
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
    said = _SAID_THAT.search(text)
    if date.speech and said and _DONE.match(text[said.end():]):
        text = text[said.end():]  # "an aide said on Wednesday that Putin had given Kim a car"
    elif _PREPOSITIONAL.match(text):
        main = _main_clause(sentence, start, end)
        if main:  # "… were seen with the dogs during a segment broadcast on Thursday"
            text = f"{main} {text[:1].lower()}{text[1:]}"
    text = _with_subject(sentence, start, text)
    return tidy_event(text)


def tidy_event(text: str) -> str:
    """Leading connectives off, "had signed" → "signed", a capital first letter."""
    text = re.sub(r"^(?:File photo|Photo|Picture|Pictured|Image)\s*:\s*", "", text.strip(),
                  flags=re.IGNORECASE)  # a caption's label
    text = _LEADING.sub("", re.sub(r"\s+", " ", LIST_ITEM.sub("", text)).strip(" ,.;:"))
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"^((?:\S+ ){1,6}?)had ((?:also |already )?\w+ed)\b", r"\1\2", text)
    text = re.sub(r"^([Aa]) (?=[aeiou])", r"\1n ", text)  # "A 2019 investigation" less the year
    return text[:1].upper() + text[1:]


def whole_sentence(sentence: str, date: DateMention) -> str:
    """A sentence as an event's title, its dates kept ("It is Putin's first visit since July
    2000"): only a bullet, a dash or a connective before it goes, and a date that opens it
    ("In February this year, Putin sent …", "18 February 2024 — State media report …")."""
    if _OPENING_DATE.fullmatch(sentence[: date.start]):
        after = re.match(r"\s*(?:,|\s[-–—:]|[–—:])\s*", sentence[date.end:])
        if after:
            sentence = sentence[date.end + after.end():]
    text = re.sub(r"\s+", " ", LIST_ITEM.sub("", sentence)).strip(" ,.;:")
    text = re.sub(r"^(?:[-–—•]\s*)+|^(?:(?:and|but|so|then|meanwhile|however)\b,?\s*)+", "",
                  text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


_OPENING_DATE = re.compile(r"\s*(?:[-–—•*]\s*)?(?:(?:in|on|at|since|by|earlier|later|last|this|"
                           r"early|late)\s+)*", re.IGNORECASE)


# An event is a clause: not one cut off before its object ("… received on"), nor a relative
# clause without its noun ("Which ended during the visit").
_DANGLING = re.compile(r"\b(?:on|in|at|to|from|of|for|with|by|and|or|but|the|a|an|his|her|"
                       r"their|its|that|which|than|as)$|^(?:which|who|whom|whose)\b|\bfrom to\b",
                       re.IGNORECASE)


def _main_clause(sentence: str, start: int, end: int) -> str:
    """The sentence's first clause, when the date's clause is only a phrase attached to it."""
    for piece_start, piece_end in _pieces(sentence):
        if (piece_start, piece_end) == (start, end) or piece_end <= piece_start:
            continue
        piece = sentence[piece_start:piece_end]
        cut = _SUBORDINATE.search(piece)
        clause = piece[: cut.start()] if cut and cut.start() > 0 else piece
        clause = clause.strip(" ,.;:")
        if len(clause.split()) >= MIN_WORDS and not _PREPOSITIONAL.match(clause):
            return clause
        break
    return ""


def _pieces(sentence: str) -> list[tuple[int, int]]:
    bounds, at = [], 0
    for match in _SEGMENT_BREAK.finditer(sentence):
        bounds.append((at, match.start()))
        at = match.end()
    bounds.append((at, len(sentence)))
    return bounds


# A caption's end: ", Pyongyang, " or ", " before the day it was taken.
_CAPTION_DATE = re.compile(r"(?:,\s+(?:[A-Z][\w'’.-]*\s?){1,3})?,\s+$")
_THING_LISTED = re.compile(r"^\s*[•▪◦●*·–—-]\s+(?:a|an|the|one|two|three|four|several|some|"
                           r"at least \w+)\s+(?:[\w-]+\s+)?[A-Z]")


def event_mentions(sentence: Sentence, dates: list[DateMention]) -> list[Mention]:
    """One event per clause that carries a usable date (the clause's first date)."""
    found: list[Mention] = []
    used: list[tuple[int, int]] = []
    if TABLE_ROW.search(sentence.text):
        return found  # "Lexus LX 570 | SUV | 2018 | smuggled": a table's cells, not an event
    dateline = DATELINE.match(sentence.text)
    full = sentence.text
    if dateline:
        full = " " * dateline.end() + full[dateline.end():]
    for date in dates:
        if date.to_date or (date.date.month is None and date.date.year is None):
            continue
        if dateline and date.end <= dateline.end():
            continue  # "SEOUL, June 20 (Yonhap) --": when the report was filed
        if date.speech and not re.match(r"\s+that\b", sentence.text[date.end:]):
            continue  # "the Kremlin said on Thursday": a date of saying, nothing said
        if re.search(r"\bat the time\b", date.text, re.IGNORECASE) or re.match(
                r"(?:before|after|until|till|prior to)\b", date.text, re.IGNORECASE):
            continue  # "after 2006" bounds a time, it dates nothing that happened
        if re.fullmatch(r"(?:so far )?this year", date.text, re.IGNORECASE) and re.search(
                r"\b(?:second|third|fourth|another|so far)\b", sentence.text, re.IGNORECASE):
            continue  # "the second Senat Putin has handed over this year": a count, not an event
        if re.search(r"\b(?:could|would|might|should|must) have (?:been )?\w+", sentence.text):
            continue  # "None of these could have been exported after 2006": what did not happen
        bounds = _segment(full, date)
        if bounds in used:
            continue
        used.append(bounds)
        caption = _CAPTION_DATE.search(full[: date.start]) and not full[date.end:].strip(" .") \
            and date.date.day is not None and not re.match(  # ", 19 June 2024.", not ", in 2021."
                r"(?:in|on|at|since|by|during|from|of|early|late|mid|until)\b", date.text,
                re.IGNORECASE)
        if caption:
            # "The two leaders sign the treaty at the guesthouse, 19 June 2024.": a picture's
            # caption, in the present, with its place and day at the end
            text = tidy_event(_CAPTION_DATE.sub("", full[: date.start]))
            if len(re.findall(r"\w+", text)) >= MIN_WORDS and not _STATISTIC.search(text):
                found.append(Mention(sentence=sentence, fields={"date": date.date.iso,
                                                                "event": text},
                                     date=date.date, rank=(date.date.known_parts, -len(text)),
                                     can_start=date.date.year is not None))
            continue
        text = event_text(full, date)
        if not is_event(text) and not re.match(r"['’]s\b", sentence.text[date.end:]):
            # (a date that qualifies a noun, "today's talks", is no event's)
            # a phrase cut from its clause ("Was ratified by …"): the whole sentence tells it
            text = whole_sentence(full, date)
        if len(re.findall(r"\w+", text)) < MIN_WORDS or _STATISTIC.search(text) or \
                _DANGLING.search(text) or not is_event(text):
            continue
        if _THING_LISTED.match(sentence.text):
            continue  # "• two Bentley limousines, bought in 2019;": a thing listed, no event
        found.append(Mention(
            sentence=sentence,
            fields={"date": date.date.iso, "event": text},
            date=date.date,
            rank=(date.date.known_parts, -len(text)),
            can_start=date.date.year is not None,
        ))
    return found


# "The jaunt took place after the two leaders had signed a deal": an event told against one
# the previous sentence dated.
_ANCHORED = re.compile(
    r"^(?:The|This|That|Their|His|Her|Its|It)\s+(?:[\w-]+\s+){0,2}?(?:jaunt|drive|ride|trip|"
    r"visit|meeting|talks|summit|ceremony|event|tour|encounter|outing|spin|gathering|walk|"
    r"stroll|parade|reception|banquet|dinner)?\s*(?:took place|came|happened|occurred|was held)"
    r"\s+(?:\w+\s+){0,2}?(?:after|once|when|as)\s+", re.IGNORECASE)
# A signing told without a date ("The leaders also signed a treaty"): the day the article
# reports on, or the publication day for "have signed" news.
_AGREEMENT = re.compile(
    r"\b(?P<perfect>(?:has|have)\s+(?:also\s+)?)?(?:also\s+)?(?:signed|inked|sealed|concluded)"
    r"\s+(?:[\w\"“”'’-]+\s+){0,4}?(?:agreement|treaty|pact|deal|declaration|accord|"
    r"memorandum|communiqu[eé])s?\b", re.IGNORECASE)


# A verb of something done or under way ("have signed", "arrived", "is showing"), not an
# opinion or a greeting ("Good morning and welcome", "Our editor writes").
_HAPPENING = re.compile(r"\b(?:has|have|had|was|were)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|un|ght)\b"
                        r"|\b(?:is|are)\s+(?:now\s+)?\w+ing\b|\b(?!(?:need|feed|speed|seed|"
                        r"bleed|breed|indeed)\b)[a-z]+ed\b(?!\s+by\b)|\b(?:met|left|took|gave|"
                        r"flew|arrived|landed|signed|drove|began|held|sent|went|came)\b")
# "Earlier that day, the treaty was signed": the day the previous sentence named last.
_THAT_DAY = re.compile(r"^(?:(?:Earlier|Later)\s+(?:on\s+)?)?(?:that|the same)\s+(?:day|morning|"
                       r"afternoon|evening|night)\s*,?\s*", re.IGNORECASE)


# A verb the regular forms above miss: irregular pasts, and the present of live reports
# ("Kim bids farewell", "a resolution bans transfers").
_IRREGULAR_PASTS = (
    "said told rode drove sworn laid let put set saw seen won wore worn shook spoke spoken sat "
    "stood became bought brought caught fought sold paid built made kept lost led read ran gave "
    "found thought knew known grew grown threw thrown drew drawn fell fallen felt got gotten hid "
    "hit hung heard lay lent lit meant quit rang rose risen sank sang shot shut slept slid "
    "sought spent split spread stole stolen stuck struck swore swept swam swung taught tore "
    "torn understood woke wound wrote written withdrew withdrawn overtook forgot forgave froze "
    "frozen bore borne beat beaten bent bit bled bred broke broken cast chose chosen clung cost "
    "crept cut dealt dug drank fed fled flung forbade forecast ground hurt leapt mistook overcame "
    "shed shone shrank sped stank stung strove thrust upheld underwent went gone wept did done "
    "ate eaten flew flown began begun came took taken gave given sent left met held")
_OTHER_VERB = re.compile(
    rf"\b(?:{'|'.join(sorted(set(_IRREGULAR_PASTS.split())))}|"
    r"was to|were to|(?:was|were|is|are)\s+\w+ing|(?:will|would|could|may|might|must|should|"
    r"can)\s+\w+|(?:says|tells|bids|bans|breach(?:es)?|violates?|arrives|lands|meets|signs|"
    r"gives|visits|leaves|holds|rides|drives|announces|confirms|reports|hands|presents|"
    r"receives|climbs?|rises|falls|begins|ends|heads|takes|makes|shows|calls|sends|warns|"
    r"wave|waves|greets?|hosts?|opens?|finds|buys|sells|builds|flies|goes|comes|meets))\b",
    re.IGNORECASE)
# An event named by a noun: "Putin's first visit to Pyongyang", "his father's death".
_NAMED_EVENT = re.compile(
    r"^(?:(?:on|during|at|in|after|before)\s+)?(?:[\w-]+\s+){0,4}?[\w-]+['’]s?['’]?s?\s+"
    r"(?:[\w-]+\s+){0,2}?(?:visit|trip|death|summit|inauguration|meeting|talks|tour|election|"
    r"funeral|birth|wedding|arrival|departure|invasion|launch|debut|test|decision|order|"
    r"announcement|move|attack|offensive|withdrawal|speech|address|resignation|victory|defeat|"
    r"re-?election|ceremony|parade|signing|ratification)\b", re.IGNORECASE)
# Not an event: a remnant of a date word ("'s visit"), a phrase without its subject ("Of the
# same year", "Where he will pay a visit", "Laying the ground for", "Was in Pyongyang"), or a
# description ("It was the second Aurus gifted to Kim").
_NOT_EVENT = re.compile(
    r"^(?:['’]s\b|(?:of|to|where|including|under|up|was|were|is|are|had|has|have|will|would|"
    r"with|from|for|by|than|unlike|whose|made|adopted|handed|given)\b|[a-z]+ing\s+(?:the|a|"
    r"an|his|her|their|its|to|for|up|out|off|on|one)\b|(?:it|this|that|he|she|they)\s+(?:is|"
    r"was|were|are|['’]s)\s+(?:the|a|an|his|her|their|its|not|also|one)\b)", re.IGNORECASE)


def is_event(text: str) -> bool:
    """Whether a title tells something that happened: a clause with its verb, or an event
    named by a noun ("Putin's visit"), not a phrase cut from its sentence."""
    if _NOT_EVENT.match(text) or re.search(r"\(\s*\w*\s*\)", text):
        return False
    return bool(_HAPPENING.search(text) or _OTHER_VERB.search(text) or _NAMED_EVENT.match(text))


def last_date(dates: list[DateMention]) -> PartialDate:
    """The last date of an event among ``dates`` (not one of saying, not "so far")."""
    usable = [d.date for d in dates if not d.speech and not d.to_date and d.date.year]
    return usable[-1] if usable else UNKNOWN


def _day_of(dates: list[DateMention]) -> PartialDate:
    usable = [d.date for d in dates if not d.speech and not d.to_date and d.date.year]
    return max(usable, key=lambda d: d.known_parts) if usable else UNKNOWN


def undated_event_mentions(sentence: Sentence, dates: list[DateMention],
                           previous: list[DateMention], last_day: PartialDate = UNKNOWN
                           ) -> list[Mention]:
    """Events in a sentence that names no date of its own, dated by context: the previous
    sentence's date for "The drive took place after …", the last day the source named
    (``last_day``) for "Earlier that day, …", the reported day for a signing.
    Undatable ones only add their source to an event another source dated."""
    if any(d.date.year or d.date.month for d in dates if not d.speech):
        return []
    text = sentence.text
    anchored = _ANCHORED.match(text)
    same_day = _THAT_DAY.match(text)
    if anchored:
        start, date = anchored.end(), _day_of(previous)
    elif same_day:
        if last_day.day is None:
            return []
        start, date = same_day.end(), last_day
    elif sentence.live_entry and sentence.article_date and _HAPPENING.search(text):
        # a live blog's time-stamped entry tells what happened on the day it was posted
        start, date = 0, PartialDate.of_day(sentence.article_date)
        # "Breaking:", "From our correspondent in Seoul:", "If you are just joining us:"
        text = re.sub(r"^[^:]{0,60}:\s+(?=[A-Z“\"])", "", text)
    else:
        agreement = _AGREEMENT.search(text)
        if not agreement:
            return []
        start = _segment(text, DateMention(agreement.start(), agreement.start(), "",
                                           UNKNOWN))[0]
        date = UNKNOWN
        if sentence.occasion:
            date = PartialDate.of_day(sentence.occasion)
        elif agreement["perfect"] and sentence.article_date:
            date = PartialDate.of_day(sentence.article_date)
    end = next((m.start() for m in _SEGMENT_BREAK.finditer(text, start)), len(text))
    event = tidy_event(text[start:end])
    if len(re.findall(r"\w+", event)) < MIN_WORDS or _DANGLING.search(event) or \
            not is_event(event):
        return []
    return [Mention(sentence=sentence, fields={"date": date.iso, "event": event}, date=date,
                    rank=(date.known_parts, -len(event)), can_start=date.year is not None)]


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
    for group in group_mentions(mentions, same_event, one_per_source=True,
                                block=lambda m: m.date.year):
        event = group[0].fields["event"]
        date = group[0].date.iso
        claim = f"{format_iso(date)}: {event}."
        words = re.findall(r"[a-z0-9]+", event.lower())[:6]
        facts.append(make_fact(CATEGORY, ["event", date or "", *words], claim,
                               {"date": date, "event": event}, group))
    return facts
