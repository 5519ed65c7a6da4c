"""Gifts between people: "X gave/presented/handed Y (with) Z", "Z to Y", passives, "received"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from generator.extract.mentions import (
    Mention,
    best_date,
    counted,
    date_phrase,
    group_mentions,
    make_fact,
    most_common,
)
from generator.extract.people import People, PersonMention, find_people, other_leader
from generator.extract.phrases import (
    Item,
    cut_phrase,
    head_word,
    is_proper,
    singular,
    singular_phrase,
    split_list,
    split_quantity,
)
from generator.extract.relative_dates import UNKNOWN, DateMention, PartialDate
from generator.extract.sentences import Sentence
from generator.facts import Fact

CATEGORY = "gifts"
_VERB = re.compile(
    r"\b(?P<aux>(?:has|have|had|was|were|is|are|been|be|being|will|would|to)\s+"
    r"(?:(?:been|also|reportedly|now|already|just|then|later|in turn|in return)\s+)*)?"
    r"(?P<verb>gave|gives|give|giving|given|gifted|gifts|gift|gifting|presented|presents"
    r"|present|presenting|hand(?:ed|s|ing)?(?:\s+over)?|offered|offers|offering|donated|donates"
    r"|bestowed|sent|delivered|reciprocated|received|receives|receive|receiving|got|brought(?!\s+home)|left"
    r"|took\s+home|flew\s+home\s+with|went\s+home\s+with|brought\s+home)\b",
    re.IGNORECASE,
)
# A second verb with the first one's subject: "… to Kim – and got two dogs in exchange".
_SHARED_SUBJECT = re.compile(r"(?:,|\s[-–—]{1,2})?\s+and\s+(?:then\s+|also\s+|later\s+|in turn\s+)?"
                             r"(?:(?:has|have|had|was|were)\s+)?(?:also\s+)?$", re.IGNORECASE)
_PASSIVE_AUX = re.compile(r"\b(?:was|were|is|are|been|be|being)\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"(?:\b(?:a|an|the|as|his|her|their|its|this|that)|'s|’s)\s+$",
                          re.IGNORECASE)
# "a string of presents", "several gifts": "gift" and "present" as nouns.
_NOUN_AFTER = re.compile(r"\b(?:of|and|with|several|many|some|other|more|few|two|three|these|"
                         r"those|such|for|exchanged|traded|lavish|personal)\s+$", re.IGNORECASE)
_LOOKS_BACK = re.compile(r"\b(?:first|earlier|previous|previously|last (?:year|time))\b",
                         re.IGNORECASE)
# (not "their first summit", "his first visit": an occasion, not a gift looked back on)
_FIRST_ONE = re.compile(r"\b(?:first|earlier|previous|previously)\b(?!\s+(?:summit|visit|meeting|"
                        r"trip|day|talks|encounter|state visit))", re.IGNORECASE)
_EXCHANGE = re.compile(r"\bin (?:exchange|return|turn)\b", re.IGNORECASE)
# Things "given" that are not objects: "gave a speech", "offered support".
_NOT_OBJECTS = {
    "speech", "tour", "welcome", "hug", "look", "ride", "lift", "call", "chance",
    "opportunity", "assurance", "promise", "warning", "statement", "plan", "proposal",
    "report", "briefing", "interview", "address", "thank", "reception", "credit", "praise",
    "boost", "access", "permission", "help", "assistance", "backing", "pledge", "approval",
    "order", "seat", "support", "way", "go", "nod", "signal", "impression", "sense", "idea",
    "time", "update", "answer", "response", "reply", "advice", "attention", "power", "rise",
    "birth", "chase", "evidence", "detail", "account", "glimpse", "handshake", "salute",
    "reason", "sign", "view", "vote", "voice", "direction", "instruction", "lesson",
    "one", "it", "them", "which", "that", "this", "these", "those", "they", "what", "letter",
    "message", "greeting", "congratulation", "troop", "delegation", "him", "her", "us", "me",
    "you", "male", "female",  # "a pair of dogs, a male and a female"
    "moment", "win", "victory", "headache", "lifeline", "edge", "platform", "stage",
}
VEHICLE_WORDS = {"car", "vehicle", "limousine", "limo", "motor", "automobile", "sedan", "suv", "saloon",
                 "motorcar", "truck", "van", "jeep", "motorcycle", "coupe", "convertible"}


def item_class(text: str) -> str:
    """ "vehicle" for any car word, else the head noun; "" for a bare name ("an Aurus Senat")."""
    head = head_word(text)
    if head in VEHICLE_WORDS:
        return "vehicle"
    words = re.split(r"\s(?:of|depicting|showing|with|from)\s", text)[0].split()
    return "" if words and is_proper(words[-1]) else head


def brands(text: str) -> frozenset[str]:
    """The names in a thing's phrase: "Aurus Senat limousine", "a limousine of the Russian
    brand Aurus" → {"aurus"}."""
    core = re.split(r"\s(?:depicting|showing|of)\s", text)[0]
    marque = re.search(r"\b(?:brand|make|marque|model)\s+((?:[A-Z][\w-]*\s?)+)", text)
    words = core.split() + (marque.group(1).split() if marque else [])
    return frozenset(re.sub(r"['’]s?$", "", w).lower() for w in words if is_proper(w))


_CLAUSE_BREAK = re.compile(r",\s+(?:then|and|but|while|meaning|whereas)\b|;|\s+and\s+(?:then\s+)?"
                           r"(?:has|had|have|later|also|took|drove|rode|went|made|sat|let|[a-z]{3,}ed)\b",
                           re.IGNORECASE)
_PREPOSITIONS = {"to", "with", "for", "by", "from", "of", "behind", "beside", "and", "than",
                 "at", "on", "in", "into", "about", "like", "as"}
_SPEECH_VERBS = {"said", "reported", "announced", "claimed", "noted", "added", "stated",
                 "confirmed", "believed", "thought", "quoted", "revealed", "explained"}


def _clause(text: str, at: int) -> tuple[int, int]:
    """Bounds of the clause around position ``at``."""
    start, end = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    return start, end


def is_object(text: str, mention: PersonMention) -> bool:
    """True when the word before a mention makes it an object ("took Kim", "to Kim")."""
    before = re.findall(r"[A-Za-z’']+", text[: mention.start])
    if not before:
        return False
    word = before[-1].lower()
    if word == "and" and re.search(r"(?:,\s*|^\s*)and\s*$", text[: mention.start],
                                   re.IGNORECASE):
        return False  # ", and Kim gave …", "And Kim gave …" start a new clause
    if word in _PREPOSITIONS:
        return True
    if word in ("gift", "gifts", "present", "presents"):
        # "the other presents the Russian president took home": a noun, not a verb
        before_word = text[: mention.start].rstrip()[: -len(word)]
        if _NOUN_AFTER.search(before_word) or _NOUN_BEFORE.search(before_word):
            return False
    return bool(_VERB.fullmatch(word)) or (word.endswith("ed") and word not in _SPEECH_VERBS)


# "at that meeting", "during the same visit": the occasion the previous sentences dated.
_THAT_OCCASION = re.compile(r"\b(?:that|this|the same|the)\s+(?:meeting|summit|visit|trip|"
                            r"occasion|talks|encounter|event)\b(?!\s+(?:to|in|on|at)\b)",
                            re.IGNORECASE)


# "At that time, Putin gave …", "There, Kim handed …", "… gave him a rifle there".
_OPENING_OCCASION = re.compile(r"^(?:(?:At|During|On)\s+(?:that|the same)\s+(?:meeting|summit|visit|"
                               r"trip|occasion|time|event|talks|ceremony)|There|Then)\b",
                               re.IGNORECASE)


def _date_for(verb_at: int, dates: list[DateMention], sentence: Sentence,
              recent: PartialDate = UNKNOWN, answered: PartialDate | None = None,
              adjacent: PartialDate = UNKNOWN) -> PartialDate:
    """The date of the clause around ``verb_at``; else, for a gift given in exchange
    (``answered``: the date of the gift it answers), that gift's; else "at that meeting"'s
    (``recent``); else the date the sentence before named (``adjacent``, to the month at
    least: "Kim visited Vostochny in September. Putin gave him a rifle."), the occasion the
    source reports, or its month of publication."""
    start, end = _clause(sentence.text, verb_at)
    usable = [d for d in dates if not d.to_date and not d.speech and d.start >= start
              and d.end <= end]
    if usable:
        nearest = min(usable, key=lambda d: (abs((d.start + d.end) // 2 - verb_at), d.start))
        return nearest.date
    if answered is not None and answered.year is not None:
        return answered
    said = [d for d in dates if d.speech and d.end <= verb_at and d.date.year is not None
            and re.search(r"\bthat\b", sentence.text[d.end: verb_at])
            and re.search(r"\b(?:had|has|have)\b", sentence.text[d.end: verb_at])]
    if said:  # "State media reported in February that Kim had received an Aurus"
        return said[-1].date
    opening = [d for d in dates if d.start <= 20 and not d.to_date and not d.speech
               and d.date.year is not None]
    if opening:  # "Last September, when Kim travelled …, Putin gave his guest a glove"
        return opening[0].date
    if recent.year is not None and (_OPENING_OCCASION.match(sentence.text) or re.search(
            r"\bthere\b", sentence.text[start:end]) or (
            _THAT_OCCASION.search(sentence.text, start, end) and
            re.search(r"\b(?:that|this|same)\b", sentence.text[start:end], re.IGNORECASE))):
        return recent
    if adjacent.year is not None and adjacent.month is not None:
        return adjacent
    if sentence.occasion:
        return PartialDate.of_day(sentence.occasion)
    if sentence.article_date:
        return PartialDate(sentence.article_date.year, sentence.article_date.month)
    return UNKNOWN


# "North Korea's Kim Jong Un", "North Korea's ruler Kim Jong-un" (a role between)
_COUNTRY_OF = re.compile(r"\s*(?:[A-Z][a-z]+\s)?[A-Z][a-z]+(?:'s|’s)\s+")


def _person_at(people: list[PersonMention], start: int, text: str) -> PersonMention | None:
    """The person mention starting right at ``start`` (after spaces, or after a country's name:
    "gave North Korea's Kim Jong Un")."""
    offset = len(text[start:]) - len(text[start:].lstrip())
    country = _COUNTRY_OF.match(text, start)
    for mention in people:
        if country and mention.start >= country.end() and not mention.possessive and \
                re.fullmatch(r"(?:[a-z]+\s+){0,2}", text[country.end(): mention.start]):
            return mention
    for mention in people:
        if mention.start == start + offset and not mention.possessive:
            return mention
    return None


_TITLE_WORDS = re.compile(r"^\s+(?:(?:[A-Z][\w’'.-]*|of|the|and|for)\s+)+$")


def _titled_recipient(people: list[PersonMention], start: int, text: str
                      ) -> PersonMention | None:
    """ "presented Chairman of State Affairs Kim Jong Un with …": a long title before the
    person, then "with"."""
    after = [p for p in people if p.start > start and not p.possessive]
    if not after:
        return None
    person = min(after, key=lambda p: p.start)
    if _TITLE_WORDS.match(text[start: person.start]) and re.match(r"\s+with\b",
                                                                   text[person.end:]):
        return person
    return None


def _after_person(people: list[PersonMention], text: str, start: int, word: str
                  ) -> PersonMention | None:
    """The first person named right after ``word`` ("to", "by", "from") past ``start``."""
    apposition = r"(?:his|her|their)\s+(?!and\b|or\b)(?-i:[a-z]+\s+){1,2}"  # "to his pal Kim"
    title = r"(?P<title>[\"“']?(?:(?:Chairman|Comrade|President|Leader|Mr|Mrs|Ms|Dr)\.?\s+)?)"
    for match in re.finditer(rf"\b(?:{word})\s+{title}(?:{apposition}(?-i:(?=[A-Z])))?", text[start:],
                             re.IGNORECASE):
        # The person mention may include the title ("President Marco Ruiz") or not.
        found = _person_at(people, start + match.end(), text) or _person_at(
            people, start + match.start("title"), text)
        if found:
            return found
    return None


# "the Senat limousine that Putin gave Kim": the thing given comes before the giver.
_RELATIVE_OBJECT = re.compile(r"(?:^|,\s|\b(?:is|was|of)\s)(?P<item>(?:the|a|an|this|his)\s[^,;]+?)"
                              r"\s(?:that|which)\s+$|(?:^|,\s|\b(?:is|was|of)\s)(?P<item2>(?:the|a|an|"
                              r"this|his)\s+(?:second|third|first|latest|last|other)\s+[^,;]{1,30}?)\s+$",
                              re.IGNORECASE)
# The thing given as the subject: "The car was a gift from Putin to Kim", "A tea set and a
# dirk were also given to Kim by Putin".
_ITEM_SUBJECT = re.compile(
    r"(?P<item>(?:[^,;:]|(?<=\d),(?=\d{3}\b))+?)(?:\s+(?:was|were|is|are|has been|have been|had been)\s+"
    r"(?:\w+ly\s+|also\s+|then\s+|later\s+)*|,\s+"
    r"(?=(?:a|an|the)\s+(?:\w+\s+)?(?:gift|present)s?\s+from\s))"  # "X, a gift from A to B,"
    r"(?:(?P<noun>(?:a|an|the)\s+(?:\w+\s+)?(?:gift|present)s?)\s+from\s+"
    r"|(?:given|gifted|presented|handed(?:\s+over)?|sent|offered|donated|delivered)\s+to\s+"
    r"|bestowed\s+(?:up)?on\s+"
    r"|(?P<bare>(?:given|gifted|presented|handed\s+over|delivered|sent)\b))",
    re.IGNORECASE,
)


# "The Kremlin said the Aurus …": what is said, without "that"
_SAID_PLAIN = re.compile(r"\b(?:said|says|told\s+(?:[\w-]+\s+){0,3}?|reported|announced|confirmed)\s+"
                         r"(?:that\s+)?", re.IGNORECASE)
_SAID_THAT = re.compile(r"\b(?:said|says|told\s+(?:[\w-]+\s+){0,3}?|reported|announced|confirmed|"
                        r"added|explained|noted)\s*(?:,\s*)?that\s+", re.IGNORECASE)
_GIVING_WORD = re.compile(r"\b(?:gifts?|presents?|given|gifted|presented|handed|sent|offered|"
                          r"donated|delivered|bestowed|shipped)\b", re.IGNORECASE)


def _has_item(phrase: str) -> bool:
    return any(re.search(r"[A-Za-z]", i.text) and head_word(i.text) not in _NOT_OBJECTS
               for i in split_list(phrase)) and not re.match(
        r"(?:last|this|next|in|on|at|during|earlier|from|by|to|for)\b", phrase, re.IGNORECASE)


# "The car was one of several presents Putin brought", "The armoured saloon was one of three
# presents, alongside a tea service and a naval dirk": the thing is one of the gifts the
# source is telling of.
_ONE_OF_GIFTS = re.compile(
    r"(?P<item>[^,;:]+?),?\s+(?:was|were|is|are)\s+(?:also\s+)?(?:one of|among)\s+(?:the\s+|his\s+|"
    r"her\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:gifts|presents)\b(?P<rest>[^.;]*)", re.IGNORECASE)
_MORE_ITEMS = re.compile(r"\b(?:alongside|along with|together with|as well as|which also "
                         r"included|also including|including)\s+", re.IGNORECASE)


def _one_of_gifts_mentions(sentence: Sentence, people: list[PersonMention],
                           dates: list[DateMention], names: People, previous: list[Mention],
                           cast: Sequence[str] = ()) -> list[Mention]:
    text = sentence.text
    match = _ONE_OF_GIFTS.search(text)
    if not match:
        return []
    start, end = match.span("item")
    start += len(text[start:end]) - len(text[start:end].lstrip())
    item_span = (start, end)
    if text[max(0, start - 2): start] == ", ":
        # "the Aurus Senat, the same model Mr Putin uses, was one of several gifts": the
        # thing, not its apposition
        head = re.split(r",\s+", text[: item_span[0] - 2])[-1]
        said = list(_SAID_PLAIN.finditer(head))
        head = head[said[-1].end():] if said else head
        item_span = (item_span[0] - 2 - len(head), item_span[0] - 2)
    if any(item_span[0] <= p.start < item_span[1] for p in people):
        return []
    rest_at = match.start("rest")
    giver_at = _after_person(people, text, rest_at, "from|by")
    recipient_at = _after_person(people, text, rest_at, "to")
    named = [p for p in people if p.start >= rest_at and not p.possessive]
    if not giver_at and not recipient_at and named and re.match(
            r"\s+(?:brought|gave|handed|offered|sent|presented)\b", text[named[0].end:]):
        giver_at = named[0]  # "presents Putin brought to Pyongyang"
    pair = None
    if previous:
        pair = (previous[-1].fields["giver"], previous[-1].fields["recipient"])
    giver = giver_at.key if giver_at else (pair[0] if pair else None)
    recipient = recipient_at.key if recipient_at else (
        pair[1] if pair and pair[0] == giver else (
            other_leader(giver, names, cast) if giver and not pair else None))
    if not giver or not recipient or giver == recipient:
        return []
    item_text = re.split(r"\s[-–—]{1,2}\s", text[item_span[0]: item_span[1]])[-1]
    items = split_list(cut_phrase(item_text))
    more = _MORE_ITEMS.search(match["rest"])
    if more:
        items += split_list(cut_phrase(match["rest"][more.end():]))
    date = _date_for(match.end("item"), dates, sentence)
    return _gifts(sentence, giver, recipient,
                  [_antecedent_item(i, giver, recipient, previous, text) for i in items],
                  date, names)


def _item_subject_mentions(sentence: Sentence, people: list[PersonMention],
                           dates: list[DateMention], names: People, previous: list[Mention],
                           cast: Sequence[str] = ()) -> list[Mention]:
    """Gifts told with the thing as subject: "X was a gift from Y to Z", "X was given to Z
    (by Y)"; a relative clause in the subject ("X that Kim drove") is left out."""
    text = sentence.text
    found: list[Mention] = []
    if not _GIVING_WORD.search(text):
        return found  # (the pattern is slow to fail on a long sentence)
    for match in _ITEM_SUBJECT.finditer(text):
        after_dash = re.split(r"\s[-–—]{1,2}\s", match["item"])[-1]  # "TOKYO -- The car"
        relative = re.search(r"\s(?:that|which)(?:\s+(?:then|later|also|\w+ly))*$", after_dash)
        if relative:
            # "… behind the wheel of a black Senat limousine that was then given to Kim": the
            # thing given is the last noun phrase before "that"
            starts = [m.start() for m in re.finditer(r"\b(?:a|an|the|this|his|her|their)\s",
                                                     after_dash[: relative.start()])]
            after_dash = after_dash[starts[-1]: relative.start()] if starts else after_dash
        said = list(_SAID_THAT.finditer(after_dash))
        if said:  # "Ushakov told reporters that the Senat had been bestowed upon Kim"
            after_dash = after_dash[said[-1].end():]
        item_text = re.split(r"\s(?:that|which|who)\s", after_dash)[0]
        item_start = match.end("item") - len(after_dash)
        item_end = item_start + len(item_text)
        inside = [p for p in people if item_start <= p.start < item_end]
        if match["noun"] and inside:
            # "footage of Kim and Putin admiring two dogs, a gift from Kim to Putin": the
            # thing after the last person named, past a verb in -ing
            tail = text[inside[-1].end: item_end]
            thing = re.search(r"\b(?:a|an|the|two|three|four|several|some|\d+)\s+[^,;]+$", tail)
            if thing:
                item_text, item_start = thing.group(0), inside[-1].end + thing.start()
        item_text = re.sub(r"^(?:while|and|but|as|when)\s+|^\d{1,3}\s+of\s+\d{1,3}\s+", "",
                           item_text.strip(), flags=re.IGNORECASE)  # "8 of 11": a caption's
        # "four months after the first one was delivered": the subject is after "after"
        item_text = re.split(r"\b(?:after|before|when|since|until|while|because|where|once)\s+",
                             item_text, flags=re.IGNORECASE)[-1]
        if any(item_start <= p.start < item_end for p in people) or not _has_item(item_text) \
                or any(p.end == match.end("item") for p in people):
            continue  # a person is given it ("that the French side had been given …")
        giver: str | None
        recipient: str | None
        if match["bare"]:
            # "The Senat was handed over during Putin's visit on Wednesday": to whom the
            # source's latest gift went, from its giver (or the one "by" names).
            by = _after_person(people, text, match.end(), "by")
            latest = [m for m in previous if not by or m.fields["giver"] == by.key][-1:]
            if not latest:
                continue
            giver = by.key if by else str(latest[0].fields["giver"])
            recipient = str(latest[0].fields["recipient"])
        elif match["noun"]:
            giver_at = _person_at(people, match.end(), text)
            recipient_at = _after_person(people, text, giver_at.end, "to") if giver_at else None
            giver = giver_at.key if giver_at else None
            recipient = recipient_at.key if recipient_at else None
        else:
            recipient_at = _person_at(people, match.end(), text)
            by = _after_person(people, text, recipient_at.end, "by") if recipient_at else None
            giver = by.key if by else (
                (_giver_from_context(recipient_at.key, previous)
                 or other_leader(recipient_at.key, names, cast)) if recipient_at else None)
            recipient = recipient_at.key if recipient_at else None
        if not giver or not recipient or giver == recipient:
            continue
        date = _date_for(match.end(), dates, sentence)
        items = split_list(cut_phrase(item_text))
        clause_end = _clause(text, match.end())[1]
        more = _MORE_ITEMS.search(text, match.end(), clause_end)
        if more:  # "The Senat was bestowed upon Kim, along with a tea set and a dirk"
            items += split_list(cut_phrase(text[more.end():]))
        found += _gifts(sentence, giver, recipient,
                        [_antecedent_item(i, giver, recipient, previous, text)
                         for i in items], date, names)
    found += _reduced_relative_mentions(sentence, people, dates, names, previous)
    return found


# "The limousine bestowed upon Kim by Vladimir Putin on 19 June was filmed": a thing given,
# named with its receiver and its giver, no verb of its own.
_REDUCED_RELATIVE = re.compile(
    r"\b(?P<item>(?:the|a|an)\s+(?:(?!(?:was|were|is|are|had|has|have|been|also)\b)[\w'’-]+\s+){0,3}?"
    r"(?!(?:was|were|is|are|had|has|have|been|also)\b)[\w-]+)\s+(?:given|gifted|presented|"
    r"handed(?:\s+over)?|sent|bestowed|delivered)\s+(?:to|(?:up)?on)\s+", re.IGNORECASE)
# "Putin's first Senat reached Kim in February": the thing reached its receiver
_REACHED = re.compile(r"\b(?P<item>(?:[A-Z][\w-]*['’]s\s+|the\s+|a\s+|an\s+)(?:[\w-]+\s+){0,3}?"
                      r"[\w-]+)\s+(?:reached|was delivered to|went to|was handed to)\s+")


def _reduced_relative_mentions(sentence: Sentence, people: list[PersonMention],
                               dates: list[DateMention], names: People,
                               previous: list[Mention]) -> list[Mention]:
    text = sentence.text
    found: list[Mention] = []
    for pattern in (_REDUCED_RELATIVE, _REACHED):
        for match in pattern.finditer(text):
            recipient = _person_at(people, match.end(), text)
            if recipient is None:
                continue
            by = _after_person(people, text, recipient.end, "by|from")
            owner = [p for p in people if match.start("item") <= p.start < match.end("item")
                     and p.possessive]
            giver = by or (owner[0] if owner else None)
            if pattern is _REDUCED_RELATIVE and by is None:
                continue
            if giver is None:
                latest = [m for m in previous if m.fields["recipient"] == recipient.key][-1:]
                if not latest:
                    continue
                giver_key = str(latest[0].fields["giver"])
            else:
                giver_key = giver.key
            if giver_key == recipient.key:
                continue
            item = re.sub(r"^[A-Z][\w-]*['’]s\s+", "the ", match["item"])
            date = _date_for(match.end(), dates, sentence)
            found += _gifts(sentence, giver_key, recipient.key,
                            [_antecedent_item(i, giver_key, recipient.key, previous, text)
                             for i in split_list(cut_phrase(item))], date, names)
    return found


_GIFT_NOUN = re.compile(r"^(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:gifts?|presents?)\s+(?:to|for)\s+")
_GIFT_NOUN_LIST = re.compile(r"^(?:'s|’s)\s+(?:other\s+|further\s+|remaining\s+|two\s+|three\s+)?"
                             r"(?:gifts|presents)(?:,\s+|\s+(?:were|included|comprised)\s+)")
_GIFT_NOUN_VERB = re.compile(r"^,?\s*(?:\w+ly\s+|also\s+)*(?:was|were|is|are|included|includes|"
                             r"include|comprised|consisted of)\s+(?:of\s+)?")
# "presents which included X and Y": the things, not the word "presents".
_LIST_OF_GIFTS = re.compile(r"^[^.;]*?\b(?:gifts?|presents?)\b,?\s+(?:which|that)\s+"
                            r"(?:\w+ly\s+)?(?:included|includes|include|comprised|were)\s+")


def _gift_noun_mentions(sentence: Sentence, people: list[PersonMention],
                        dates: list[DateMention], names: People, previous: list[Mention]
                        ) -> list[Mention]:
    """Gifts told with the word "gift": "Putin's latest present to Kim was a limousine",
    "Kim's gifts to his guest included two dogs", "Putin's other presents, a tea set and a
    dirk, …" (to whom he gave before)."""
    text = sentence.text
    found: list[Mention] = []
    for giver in people:
        match = _GIFT_NOUN.match(text[giver.end:])
        if not match:
            listed = _GIFT_NOUN_LIST.match(text[giver.end:])
            earlier = [m for m in previous if m.fields["giver"] == giver.key]
            if listed and earlier:
                rest_at = giver.end + listed.end()
                date = _date_for(rest_at, dates, sentence)
                found += _gifts(sentence, giver.key, earlier[-1].fields["recipient"],
                                split_list(cut_phrase(text[rest_at:])), date, names)
            continue
        recipient = _person_at(people, giver.end + match.end(), text)
        if not recipient or recipient.key == giver.key:
            continue
        verb = _GIFT_NOUN_VERB.match(text[recipient.end:])
        if not verb:
            continue
        rest_at = recipient.end + verb.end()
        date = _date_for(rest_at, dates, sentence)
        found += _gifts(sentence, giver.key, recipient.key, split_list(cut_phrase(text[rest_at:])),
                        date, names)
    other = _OTHER_PRESENTS.search(text)
    if other and not found and previous:
        # "the other presents included a tea set and a dirk": from the giver of the gift told
        # last, to its recipient
        latest = previous[-1]
        date = _date_for(other.end(), dates, sentence, answered=latest.date)
        found += _gifts(sentence, str(latest.fields["giver"]), str(latest.fields["recipient"]),
                        split_list(cut_phrase(text[other.end():])), date, names)
    return found


_OTHER_PRESENTS = re.compile(r"\b(?:the|his|her|their)\s+(?:other|remaining|further|rest of the)\s+"
                             r"(?:gifts|presents)\s+(?:\w+ly\s+|also\s+)*(?:included|includes|were|"
                             r"comprised|consisted of)\s+", re.IGNORECASE)


# "It is Kim's second Senat: the first was delivered in February", "four months after the
# first one was delivered to Mr Kim", "Kim received the first in February".
_LOOK_BACK = re.compile(r"(?:\b(?i:the|his|her|their|an)|\b[A-Z][\w-]*['’]s)\s+"
                        r"(?i:first|earlier|previous|original|other)\b"
                        r"(?!\s+(?i:to|in|of|since|for|visit|trip|time|meeting|summit)\b)"
                        r"(?:\s+(?P<noun>(?i:one)\b|(?:[A-Z][\w-]*(?:\s+|$)){1,3}))?")
# "the second such car he has given him, after one in February"
_AFTER_ONE = re.compile(r"\b(?:after|following)\s+(?:one|another|an earlier one|the first(?:\s+one)?|an?\s+"
                        r"(?:first\s+|earlier\s+)?(?:car|one|vehicle|limousine))(?:\s+(?:was|were|had "
                        r"been)?\s*(?:delivered|sent|given|shipped|handed over|arrived))?"
                        r"(?=\s+(?:in|on|last|back)\b)", re.IGNORECASE)
_ARRIVED = re.compile(r"^[^;:.]{0,40}?\b(?:arrived|came|reached|turned up|showed up|(?:was|were|had been|"
                      r"been)\s+(?:\w+ly\s+)?(?:delivered|given|sent|handed\s+over|gifted|presented|"
                      r"shipped|flown))\b"
                      r"|\b(?:received|got|was given|been given)\s+$", re.IGNORECASE)


_NOT_A_NOUN = {"had", "has", "have", "was", "were", "is", "are", "arrived", "came", "one", "such",
               "time", "delivered", "given", "sent", "being", "been"}


def _look_back_mentions(sentence: Sentence, dates: list[DateMention], names: People,
                        previous: list[Mention], found: list[Mention], earlier: str
                        ) -> list[Mention]:
    """An earlier gift of the same kind, told by what came first: the latest gift's giver,
    recipient and thing (or the name given: "his first Aurus"), with this sentence's date."""
    text = sentence.text
    for match in [*_LOOK_BACK.finditer(text), *_AFTER_ONE.finditer(text)]:
        if match.re is _AFTER_ONE:  # "after one" is one like the gift this sentence tells
            latest = found[-1] if found else _antecedent(previous, text[: match.start()])
        else:
            latest = _antecedent([*previous, *found], f"{earlier} {text[: match.start()]}")
            word = re.match(r"\s+([a-z][\w-]*)\b(?!\s+(?:of|to)\b)", text[match.end():])
            kind = singular(word.group(1)) if word and word.group(1) not in _NOT_A_NOUN else ""
            same_kind = [m for m in [*previous, *found] if kind and (
                head_word(str(m.fields["item"])) == kind
                or (kind in VEHICLE_WORDS and _is_vehicle(m)))]
            latest = same_kind[-1] if same_kind else latest  # "The first kettle had arrived"
        if latest is None:
            return []
        if not (_ARRIVED.match(text[match.end():]) or _ARRIVED.search(text[: match.start()])
                or match.re is _AFTER_ONE):
            continue
        after = [d for d in dates if d.start >= match.start() and not d.to_date
                 and d.date.year is not None]
        if not after or (latest.date.year and after[0].date.compatible(latest.date)):
            continue
        date = after[0].date
        pair = (latest.fields["giver"], latest.fields["recipient"])
        if any(m.date.year and m.date.compatible(date) for m in found):
            continue
        noun = (match.groupdict().get("noun") or "").strip()
        item = Item(noun if noun and noun.lower() != "one" else str(latest.fields["item"]), 1)
        return _gifts(sentence, str(pair[0]), str(pair[1]), [item], date, names)
    return []


_GAVE = {"gave", "handed", "presented", "offered", "sent", "gifted", "donated", "bestowed",
         "delivered"}
# "gave Vlad two hounds", "handed them a …": someone the register does not know gets the thing.
_UNKNOWN_RECIPIENT = re.compile(r"\s*(?:the\s+)?(?:(?!(?:a|an|and|or|the)\b)[\w’'-]+\s+){1,3}"
                                r"(?:a|an|the|two|three|several|some|his|her|their|\d)\b",
                                re.IGNORECASE)


def _recipient_from_context(giver: str, previous: list[Mention], names: People,
                            cast: Sequence[str]) -> str | None:
    """Whom a gift whose recipient is not named went to ("He also handed over a tea set"):
    the recipient of this giver's latest gift, or else the giver of the latest gift this
    giver received, or else the other leader the source names (:func:`other_leader`)."""
    for mention in reversed(previous):
        if mention.fields["giver"] == giver:
            return str(mention.fields["recipient"])
        if mention.fields["recipient"] == giver:
            return str(mention.fields["giver"])
    return other_leader(giver, names, cast)


def _giver_from_context(recipient: str, previous: list[Mention]) -> str | None:
    """Who gave a gift whose giver is not named ("Kim was also offered a tea set",
    "Putin in turn received busts"): the giver of the latest gift to the same person, or
    else the one to whom that person last gave something (an exchange)."""
    for mention in reversed(previous):
        if mention.fields["recipient"] == recipient:
            return str(mention.fields["giver"])
        if mention.fields["giver"] == recipient:
            return str(mention.fields["recipient"])
    return None


def gift_mentions(sentence: Sentence, people: list[PersonMention], dates: list[DateMention],
                  names: People, previous: list[Mention], recent: PartialDate = UNKNOWN,
                  cast: Sequence[str] = (), earlier: str = "",
                  adjacent: PartialDate = UNKNOWN) -> list[Mention]:
    """Gifts stated in one sentence; ``previous`` (this source's earlier gifts) explains
    "in exchange"/"in turn" when the giver is not named; ``recent`` (the latest date the
    source gave before this sentence) dates "at that meeting"; ``cast`` (who the source has
    named so far) may tell to whom a gift went, ``earlier`` (the sentence before) what "the
    first one" is, and ``adjacent`` (the last date it named) when the gift was."""
    text = sentence.text
    if _FIRST_ONE.search(earlier) or _LOOK_BACK.search(earlier) or re.search(
            r"\b(?:already|back in)\b", earlier) or _VERB.search(earlier) or _FIRST_ONE.search(
            text) or any(m.sentence.index == sentence.index - 1 for m in previous):
        # "The first one arrived in February. Kim gave Putin dogs."; "In February Putin sent
        # Kim an Aurus. Putin also received works of art.": the date is that gift's only
        adjacent = UNKNOWN
    found = [*_item_subject_mentions(sentence, people, dates, names, previous, cast),
             *_gift_noun_mentions(sentence, people, dates, names, previous),
             *_one_of_gifts_mentions(sentence, people, dates, names, previous, cast)]
    last_subject: PersonMention | None = None
    for match in _VERB.finditer(text):
        verb = match["verb"].lower()
        start = match.start()
        if not match["aux"] and (_NOUN_BEFORE.search(text[:start]) or (
                verb in ("gift", "gifts", "present", "presents") and _NOUN_AFTER.search(
                    text[:start]))):
            continue
        passive = bool(match["aux"] and _PASSIVE_AUX.search(match["aux"])) and verb.endswith(
            ("given", "gifted", "presented", "handed", "offered", "donated", "bestowed"))
        receiving = verb.startswith(("receiv", "got")) or "home" in verb
        left = [p for p in people if p.end <= start and not p.possessive]
        # ("Ushakov told reporters that the Senat had been bestowed upon Kim": who speaks is
        # not the subject of what is said)
        subjects = [p for p in left if not is_object(text, p)
                    and not _SAID_THAT.search(text, p.end, start)]
        if left and re.search(r",\s+who\s+$", text[:start]):
            subjects = left[-1:]  # "… to the North Korean leader, who was also presented with"
        subject = subjects[-1] if subjects else None
        if subject and verb.endswith("ing") and subject.end < start - 2 and not match["aux"]:
            subject = subjects[0]
        if last_subject and _SHARED_SUBJECT.search(text[:start]):
            subject = last_subject  # "Putin handed over a limo to Kim and got dogs in return"
        if subject is None and (receiving or passive or verb == "reciprocated"
                                or verb.endswith("ing") or left):
            continue
        last_subject = subject
        rest_at = match.end()
        links = [(sentence.source_id, sentence.index)]
        giver: str | None
        recipient: str | None
        if subject and (receiving or passive):
            recipient = subject.key
            rest = text[rest_at:]
            rest_at += len(rest) - len(re.sub(r"^\s*(?:with\s+|:\s*)", "", rest))
            by = _after_person(people, text, rest_at, "by" if passive else "from")
            giver = by.key if by else (_giver_from_context(recipient, [*previous, *found])
                                       or other_leader(recipient, names, cast))
        elif subject and verb == "reciprocated":
            giver = subject.key
            back = [m for m in [*previous, *found] if m.fields["recipient"] == giver]
            recipient = back[-1].fields["giver"] if back else None
            rest_at += len(text[rest_at:]) - len(re.sub(r"^\s*with\s+", "", text[rest_at:]))
        else:
            # No person as subject ("The head of state presented Kim with …", "The Korean
            # side, for its part, presented the Russian president with …"): the context's.
            giver = subject.key if subject else None
            upon = re.match(r"\s*(?:upon|on)\b", text[rest_at:]) if verb == "bestowed" else None
            if upon:
                rest_at += upon.end()  # "bestowed upon Kim a limousine"
            first = _person_at(people, rest_at, text) or _titled_recipient(people, rest_at, text)
            if verb in _TO_SOMEONE_ONLY and not first:
                continue  # "left Pyongyang", "brought in by smugglers": no one given anything
            if first:
                recipient = first.key
                rest_at = first.end
                age = re.match(r"\s*\(\d{1,3}\)", text[rest_at:])  # "Kim Jong-un (40)"
                rest_at += age.end() if age else 0
                rest = text[rest_at:]
                rest_at += len(rest) - len(re.sub(r"^\s*with\s+", "", rest))
            else:
                to = _after_person(people, text, rest_at, "to|for")
                # "To his guest he gave two dogs": the receiver put first
                fronted = [p for p in left if re.search(r"\bto\s+$", text[:p.start], re.IGNORECASE)
                           and (not subject or p.key != subject.key)]
                recipient = to.key if to else (fronted[-1].key if fronted and subject else None)
                if to and re.match(r"\s*(?:to|for)\s+(?:[A-Z][\w.]*\s+)*$", text[rest_at: to.start]):
                    rest_at = to.end  # "presented to Comrade Putin a pair of dogs"
                if giver and recipient is None and verb.split()[0] in _GAVE and \
                        _has_item(cut_phrase(text[rest_at:])) and \
                        not _UNKNOWN_RECIPIENT.match(text, rest_at) and not re.search(
                            r"\b(?:to|for|into)\s", text[rest_at: _clause(text, rest_at)[1]]):
                    # "He also handed over a tea set and a naval dirk"
                    recipient = _recipient_from_context(giver, [*previous, *found], names,
                                                        cast)
            if giver is None and recipient:
                giver = _giver_from_context(recipient, [*previous, *found])
        if not giver or not recipient or giver == recipient:
            continue
        answered: list[Mention] = []
        if _EXCHANGE.search(text, *_clause(text, match.start())) or verb == "reciprocated":
            # What it answers is the latest gift the other gave, leaving out a look back
            # ("The first Aurus was given in February. Kim, in turn, handed Putin dogs").
            # (one told in this sentence or the one before, whatever its date).
            theirs = [m for m in [*previous, *found] if m.fields["giver"] == recipient]
            answered = [m for m in theirs if m.sentence.index >= sentence.index - 1
                        and not _FIRST_ONE.search(m.sentence.text)][-1:] or [
                m for m in theirs if not _LOOKS_BACK.search(m.sentence.text)][-1:]
            links += [(m.source_id, m.sentence.index) for m in answered]
        listed = _LIST_OF_GIFTS.match(text[rest_at:])
        rest = text[rest_at + listed.end():] if listed else text[rest_at:]
        rest = re.sub(r"^\s*[\"“]([^\"”]{1,60})[\"”]", r" \1", rest)  # "works of art", in quotes
        keys = _KEYS.match(rest.lstrip())
        phrase = cut_phrase(keys["thing"] if keys and keys["thing"] else rest)
        relative = _RELATIVE_OBJECT.search(text[: subject.start]) if subject else None
        told_before = False
        if relative and not passive and not _has_item(phrase) and (
                receiving == bool(relative["item2"])):
            told_before = bool(relative["item2"])
            # "the limousine that Putin gave Kim"; "footage of the leaders admiring a pair of
            # dogs that Kim gave Putin": the last noun phrase before "that"; "the second Senat
            # Kim has received from the Kremlin"
            item_text = relative["item"] or relative["item2"]
            starts = [m.start() for m in re.finditer(
                r"\b(?:the|a|an|this|his|her|their)\s", item_text, re.IGNORECASE)]
            phrase = cut_phrase(item_text[starts[-1]:] if starts else item_text)
        date = _date_for((match.start() + match.end()) // 2, dates, sentence, recent,
                         answered[0].date if answered else None, adjacent)
        if told_before:
            # "It was the second Senat Kim has received, after a car delivered in February":
            # the gift the source is telling of (its date is not this sentence's), when it
            # has not told it yet
            if any(m.fields["giver"] == giver and m.fields["recipient"] == recipient
                   for m in [*previous, *found]):
                continue
            date = UNKNOWN
        for item in split_list(plain_item(phrase)):
            item = _antecedent_item(item, giver, recipient, [*previous, *found],
                                    f"{earlier} {text[: match.start()]}")
            mention = _mention(sentence, giver, recipient, item, date, names, links)
            if mention:
                found.append(mention)
    found += _answer_mentions(sentence, earlier, dates, names, cast, previous, found, recent,
                              adjacent)
    found += _look_back_mentions(sentence, dates, names, previous, found, earlier)
    found += _exchanged(sentence, people, dates, names, cast, found, adjacent)
    return found


# Verbs that give only with the receiver right after them: "left Kim a car", "brought his
# host a tea set" (not "left Pyongyang", "brought in by smugglers").
_TO_SOMEONE_ONLY = {"brought", "left"}
# "the keys to a new Aurus": what the keys open is the gift; "one of its Senat limousines",
# "the first of the cars": one of a kind.
_KEYS = re.compile(r"^(?:the\s+|its\s+|his\s+)?(?:car\s+)?keys?\b(?:\s+(?:to|of|for)\s+(?P<thing>.+))?",
                   re.IGNORECASE)
_PARTITIVE = re.compile(r"^(?P<which>(?:the\s+)?(?:first|second|third|last|latest|other|newest)|one|"
                        r"another)\s+of\s+(?:the|its|his|her|their|these|those|[A-Z][\w-]*['’]s)\s+"
                        r"(?P<rest>.+)", re.IGNORECASE)


def plain_item(phrase: str) -> str:
    """The thing given, told plainly: "the keys to a new Aurus" → "a new Aurus" (bare "the
    keys" → "a car"), "one of its Senat limousines" → "a Senat limousine", "the first of the
    cars" → "the first car"."""
    keys = _KEYS.match(phrase)
    if keys:
        return keys["thing"] or "a car"
    part = _PARTITIVE.match(phrase)
    if part:
        which = part["which"].lower()
        article = "a" if which in ("one", "another") else (
            which if which.startswith("the") else f"the {which}")
        return f"{article} {singular_phrase(part['rest'])}"
    return phrase


# A question about a gift, answered by a noun phrase: "What did Putin get in return?" "A pair
# of Pungsan dogs, along with paintings and a bust."
_GIFT_QUESTION = re.compile(
    r"^(?:What|Which\s+\w+)\s+(?:else\s+|other\s+\w+\s+)?did\s+(?P<who>.+?)\s+(?P<verb>get|receive|"
    r"take home|bring home|give|bring|present|hand over|offer)\b(?P<rest>[^?]*)\?\s*$",
    re.IGNORECASE)
_ANSWER = re.compile(r"^(?:A|An|Two|Three|Four|Several|Some|One|A pair of|A set of|[A-Z][a-z]+s)\b")


def _answer_mentions(sentence: Sentence, earlier: str, dates: list[DateMention],
                     names: People, cast: Sequence[str], previous: list[Mention],
                     found: list[Mention], recent: PartialDate, adjacent: PartialDate
                     ) -> list[Mention]:
    question = _GIFT_QUESTION.match(earlier)
    text = sentence.text
    if not question or found or not _ANSWER.match(text) or _VERB.search(text) or re.search(
            r"\b(?:is|was|were|are|has|have|had)\b", text.split(",")[0]):
        return []
    asked = find_people(earlier, names, None, list(cast))
    who = [p for p in asked if question.start("who") <= p.start < question.end("who")]
    other = [p for p in asked if p.start >= question.start("rest")]
    if not who:
        return []
    receiving = question["verb"].lower() in ("get", "receive", "take home", "bring home")
    person = who[0].key
    second = other[0].key if other else other_leader(person, names, cast)
    if second is None or second == person:
        return []
    giver, recipient = (second, person) if receiving else (person, second)
    parts = re.split(r",?\s+(?:along|together)\s+with\s+|,\s+(?:as well as|plus)\s+", text)
    items = [item for part in parts for item in split_list(plain_item(cut_phrase(part)))]
    # "What did Putin get in return?": on the day of the gift it answers
    answered = [m for m in previous if m.fields["giver"] == recipient and m.fields["recipient"]
                == giver and not _LOOKS_BACK.search(m.sentence.text)] if _EXCHANGE.search(
        earlier) else []
    date = _date_for(0, dates, sentence, recent, answered[-1].date if answered else None,
                     adjacent)
    return _gifts(sentence, giver, recipient,
                  [_antecedent_item(i, giver, recipient, previous, text) for i in items],
                  date, names)


# "the two leaders exchanged rifles", "Berg and Lund swapped gifts, including swords"
_EXCHANGED = re.compile(r"(?:\b(?:exchanged|swapped|traded)|(?:(?<=\bthey )|(?<=\bThey )|(?<=\bboth )|"
                        r"(?<=\bBoth )|(?<=\bto )|(?<=\bmen )|(?<=\bpair ))(?:exchange|swap|trade))"
                        r"\s+(?P<rest>(?!(?:as|in|on|at|with|to|for|since|when|while|after|"
                        r"before|back|and|but|the instruments?)\b)[^.;]*)", re.IGNORECASE)
# What two people exchange that is not a thing handed over ("swapped seats", "exchanged
# blows"), beyond what is no object of any gift (``_NOT_OBJECTS``).
_NOT_EXCHANGED = frozenset({
    "gift", "present", "place", "glance", "word", "blow", "fire", "note", "information",
    "prisoner", "vow", "ring", "toast", "instrument", "document", "string", "pleasantry",
    "role", "turn", "story", "joke", "smile", "compliment", "opinion", "experience", "kiss",
    "barb", "insult", "shot", "position", "side",
})
_GIFTS_INCLUDING = re.compile(r"^(?:\w+\s+)?(?:gifts|presents)\b,?\s*(?:(?:including|such as|"
                              r"among them)\s+(?P<items>.*))?", re.IGNORECASE)


def _exchanged(sentence: Sentence, people: list[PersonMention], dates: list[DateMention],
               names: People, cast: Sequence[str], found: list[Mention],
               adjacent: PartialDate = UNKNOWN) -> list[Mention]:
    """Things two leaders exchanged: one each way. The two are the people named before the
    verb, or "the two men" of an article about two leaders."""
    text = sentence.text
    result: list[Mention] = []
    for match in _EXCHANGED.finditer(text):
        before = list(dict.fromkeys(p.key for p in people if p.end <= match.start()))
        pair: tuple[str, str | None] = ("", None)
        if len(before) >= 2:
            pair = (before[-2], before[-1])
        elif re.search(r"\b(?:the two|both)\b|\bthey\b", text[: match.start()], re.IGNORECASE):
            first = before[0] if before else (cast[0] if cast else "")
            pair = (first, other_leader(first, names, cast) if first else None)
        one, other = pair
        if not one or other is None:
            continue
        rest = match["rest"]
        listed = _GIFTS_INCLUDING.match(rest)
        if listed:
            rest = listed["items"] or ""
        usable = [d for d in dates if not d.speech and not d.to_date and d.date.year]
        date = min(usable, key=lambda d: abs(d.start - match.start())).date if usable else \
            _date_for(match.start(), dates, sentence, adjacent=adjacent)
        for item in split_list(cut_phrase(rest)):
            if head_word(item.text) in _NOT_EXCHANGED or re.search(
                    r"\b(?:gifts|presents|ratification)\b", item.text):
                continue  # (and what is no object at all, as for any gift: see _mention)
            single = Item(singular_phrase(item.text), 1)
            for giver, recipient in ((one, other), (other, one)):
                if any(m.fields["giver"] == giver and head_word(str(m.fields["item"])) ==
                       head_word(single.text) for m in found):
                    continue  # told one way already ("Kim reciprocated with a rifle")
                mention = _mention(sentence, giver, recipient, single, date, names,
                                   [(sentence.source_id, sentence.index)])
                if mention:
                    result.append(mention)
    return result


_EARLIER = re.compile(r"^(?:first|earlier|previous|original|older)(?:\s+one)?$", re.IGNORECASE)


def _antecedent_item(item: Item, giver: str, recipient: str, previous: list[Mention],
                     hint: str = "") -> Item:
    """ "the first one", "another one", "the first", "an earlier one": the thing this giver
    last gave this recipient (of the kind ``hint`` counts, see :func:`_antecedent`)."""
    if head_word(item.text) != "one" and not _EARLIER.match(item.text):
        return item
    same_pair = [m for m in previous if (m.fields["giver"], m.fields["recipient"]) ==
                 (giver, recipient)]
    found = _antecedent(same_pair, hint)
    return Item(found.fields["item"], 1) if found else item


# "It is the second Aurus Kim has received", "the second such car", "Kim's second Senat".
_ORDINAL = re.compile(r"\b(?:second|third|another|latest)\s+(?:such\s+|one\s+of\s+(?:the|his|her)\s+)?"
                      r"(?P<rest>.*)", re.IGNORECASE)


def _is_vehicle(mention: Mention) -> bool:
    """A car word ("limousine") or, roughly, a bare name ("an Aurus Senat")."""
    return mention.extra["class"] == "vehicle" or (mention.extra["class"] == ""
                                                   and bool(mention.extra["brands"]))


_NAMED_VEHICLE = re.compile(r"\b(?:[A-Z][\w-]*\s+){1,2}(?:limousines?|cars?|sedans?|saloons?|"
                            r"vehicles?|limos?)\b")


def _antecedent(previous: list[Mention], hint: str) -> Mention | None:
    """The gift "the first (one)" or "another" refers to: the latest one of the kind the
    text before it counts ("It is the second Aurus …", "the second such car"), else the
    latest."""
    if not previous:
        return None
    counted = [m for m in _ORDINAL.finditer(hint)][-1:]
    named = [m for m in _NAMED_VEHICLE.finditer(hint)][-1:]
    if counted or named:
        # "the second Aurus …", "one of the two Aurus limousines he has received"
        phrase = cut_phrase(counted[0]["rest"]) if counted else named[0].group(0)
        names = brands(phrase)
        head = head_word(phrase)
        for mention in reversed(previous):
            if names:
                if names & mention.extra["brands"]:
                    return mention
            elif head == mention.extra["class"] or (head in VEHICLE_WORDS and _is_vehicle(mention)):
                return mention
        if names or head in VEHICLE_WORDS:
            return None  # the kind it counts was not given before ("one of the two Aurus …")
    return previous[-1]


def _gifts(sentence: Sentence, giver: str, recipient: str, items: list[Item], date: PartialDate,
           names: People) -> list[Mention]:
    """A mention of each thing in ``items`` given by ``giver`` to ``recipient`` in one sentence
    (things that are not objects left out, see :func:`_mention`)."""
    found = [_mention(sentence, giver, recipient, item, date, names,
                      [(sentence.source_id, sentence.index)]) for item in items]
    return [mention for mention in found if mention]


def _mention(sentence: Sentence, giver: str, recipient: str, item: Item, date: PartialDate,
             names: People, links: list[tuple[str, int]]) -> Mention | None:
    text = re.sub(r"\b(?:himself|herself)\b", names.names[recipient], item.text)
    # the rest of a name the register knows only in part ("Kim Jong-un a second limousine")
    rest_of_name = re.match(r"(?:[A-Z][\w’'-]*\s+){1,2}(?=(?:a|an|the|two|three|several|his|her)"
                            r"\s)", text)
    if rest_of_name:
        item = split_quantity(text[rest_of_name.end():])
        text = item.text
    text = re.sub(r"^[£$€¥]\s?[\d.,]+(?:\s?(?:million|billion|bn|m)\b)?\s*", "", text)
    if head_word(text) in _NOT_OBJECTS or not re.search(r"[A-Za-z]", text):
        return None
    return Mention(
        sentence=sentence,
        fields={"giver": giver, "recipient": recipient, "item": text,
                "quantity": item.quantity},
        date=date,
        rank=(date.known_parts, len(brands(text))),
        extra={"class": item_class(text), "brands": brands(text), "links": tuple(links)},
    )


def with_makes(mentions: list[Mention], text: str) -> list[Mention]:
    """A model named alone ("a Senat limousine", "the Senat") with the make the source
    writes before it elsewhere ("the Aurus Senat"): "Aurus Senat limousine"."""
    before: dict[str, Counter[str]] = {}
    for match in re.finditer(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z][\w-]+)\b", text):
        make, model = match.groups()
        if make.lower() not in NOT_A_MAKE and not make.lower().endswith(("an", "ese", "ish")):
            before.setdefault(model, Counter())[make] += 1
    result = []
    for mention in mentions:
        item = str(mention.fields["item"])
        if mention.extra.get("class") in ("vehicle", ""):
            words = item.split()
            for i, word in enumerate(words):
                makes = before.get(word)
                if makes and (i == 0 or words[i - 1] not in makes) and is_proper(word):
                    make = min(makes, key=lambda m: (-makes[m], m))
                    item = " ".join([*words[:i], make, *words[i:]])
                    mention = replace(mention, fields={**mention.fields, "item": item},
                                      extra={**mention.extra, "brands": brands(item)})
                    break
        result.append(mention)
    return result


# Capitalised words before a model name that are not its make ("The Senat", "Comrade Putin").
NOT_A_MAKE = {"the", "a", "an", "this", "that", "his", "her", "its", "their", "new", "comrade",
              "president", "leader", "mr", "mrs", "ms", "dr", "north", "south", "east", "west",
              "when", "while", "after", "before", "and", "but", "in", "on", "at", "by", "for"}


def named_vehicles(mentions: list[Mention], text: str) -> list[Mention]:
    """A source's unnamed car gifts ("a second Russian-built limousine", "the first one")
    named after the vehicle the same giver gave the same recipient in the source, when the
    source names one ("The Aurus Senat was handed over …") and calls it a car somewhere
    ("the Aurus limousine", "The Senat, a six-tonne armoured saloon")."""
    named: dict[tuple[str, str], Counter[str]] = {}
    for mention in mentions:
        if mention.extra["brands"] and mention.extra["class"] in ("vehicle", "") and any(
                re.search(rf"\b{re.escape(brand)}\b[^.;:]{{0,80}}?\b(?:{_VEHICLE_NOUNS})\b|\b(?:"
                          rf"{_VEHICLE_NOUNS})\b[^.;:]{{0,80}}?\b{re.escape(brand)}\b",
                          text, re.IGNORECASE) for brand in mention.extra["brands"]):
            pair = (mention.fields["giver"], mention.fields["recipient"])
            named.setdefault(pair, Counter())[mention.fields["item"]] += 1
    result = []
    for mention in mentions:
        names = named.get((mention.fields["giver"], mention.fields["recipient"]))
        kinds = {brands(item) for item in names or ()}
        if names and len(kinds) == 1 and mention.extra["class"] == "vehicle" and \
                not mention.extra["brands"]:
            item = min(names, key=lambda i: (-names[i], -len(i), i))
            mention = replace(mention, fields={**mention.fields, "item": item},
                              extra={**mention.extra, "class": item_class(item),
                                     "brands": brands(item)})
        result.append(mention)
    return result


_VEHICLE_NOUNS = "|".join(sorted(f"{word}s?" for word in VEHICLE_WORDS))


# Words for one kind of thing (a gift told as "a dirk" by one article and "a dagger" by
# another is one gift).
_KIND = {"dagger": "dirk", "hound": "dog", "puppy": "dog", "carbine": "rifle",
         "service": "set", "artwork": "art"}


def same_gift(fact: Mention, other: Mention) -> bool:
    a, b = fact.fields, other.fields
    if (a["giver"], a["recipient"]) != (b["giver"], b["recipient"]):
        return False
    if fact.source_id == other.source_id and fact.sentence.index != other.sentence.index and \
            UNKNOWN in (fact.date, other.date) and any(
                _LOOKS_BACK.search(m.sentence.text) for m in (fact, other)):
        return False  # "gave Kim an Aurus on Wednesday … The first Aurus was given in February"
    ours, theirs = fact.extra["brands"], other.extra["brands"]
    if _KIND.get(fact.extra["class"], fact.extra["class"]) == _KIND.get(
            other.extra["class"], other.extra["class"]) and (ours == theirs or not (ours and theirs)):
        return _same_day(fact, other)  # "a dirk" and "a dagger", "a tea set/service"
    if fact.extra["class"] != other.extra["class"] and not (
            "" in (fact.extra["class"], other.extra["class"]) and ours & theirs):
        return False
    if ours and theirs and not (ours <= theirs or theirs <= ours):
        return False
    return _same_day(fact, other)


def _same_day(fact: Mention, other: Mention) -> bool:
    """Compatible dates, or, in two sources, days a day apart (a report filed the day after,
    across time zones, says "yesterday" for what another dates "on Wednesday")."""
    a, b = fact.date, other.date
    if a.compatible(b):
        return True
    return fact.source_id != other.source_id and (a.year, a.month) == (b.year, b.month) and \
        a.day is not None and b.day is not None and abs(a.day - b.day) <= 1


def _linked_dates(groups: list[list[Mention]]) -> list[PartialDate]:
    """Each group's date, made more precise by gifts given together with it.

    Things handed over in one act ("presented X, Y and Z on Wednesday") or "in exchange"
    for another gift share that gift's date when their own is vaguer.
    """
    dates = [best_date(g) for g in groups]
    by_sentence: dict[tuple[str, int], list[PartialDate]] = {}
    for group, date in zip(groups, dates, strict=True):
        for mention in group:
            by_sentence.setdefault((mention.source_id, mention.sentence.index), []).append(date)
    linked = []
    for group, date in zip(groups, dates, strict=True):
        options = [other for m in group for link in m.extra["links"]
                   for other in by_sentence.get(link, []) if other.compatible(date)
                   and other.year is not None]
        linked.append(max([date, *options], key=lambda d: (d.known_parts, d.iso or "")))
    return linked


def gift_facts(mentions: list[Mention], names: People) -> list[Fact]:
    facts = []
    groups = group_mentions(mentions, same_gift, block=lambda m: (
        m.fields["giver"], m.fields["recipient"]))
    for group, when in zip(groups, _linked_dates(groups), strict=True):
        most_brands = max(len(m.extra["brands"]) for m in group)
        items = Counter(m.fields["item"] for m in group if len(m.extra["brands"]) == most_brands)
        # the most often written, then the most specific ("silver kettle" over "kettle")
        item = min(items, key=lambda i: (-items[i], -len(i), i))
        quantity = most_common(m.fields["quantity"] for m in group)
        date = when.iso
        giver, recipient = group[0].fields["giver"], group[0].fields["recipient"]
        claim = (f"{names.names[giver]} gave {names.names[recipient]} "
                 f"{counted(quantity, item)}{date_phrase(date)}.")
        fields = {"giver": names.names[giver], "recipient": names.names[recipient],
                  "item": item, "quantity": quantity, "date": date}
        id_parts = ["gift", names.short(giver), names.short(recipient), item.split(",")[0],
                    date or "undated"]
        facts.append(make_fact(CATEGORY, id_parts, claim, fields, group))
    return facts
