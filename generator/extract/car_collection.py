"""Vehicles in someone's collection: "spotted in A, several B and a C", "now owns at least two"."""

from __future__ import annotations

import dataclasses
import re

from generator.extract.gifts import VEHICLE_WORDS, is_object
from generator.extract.mentions import Mention, counted, group_mentions, make_fact, most_common
from generator.extract.people import People, PersonMention
from generator.extract.phrases import (
    Item,
    cut_phrase,
    is_proper,
    singular,
    split_list,
    split_quantity,
)
from generator.extract.relative_dates import PartialDate
from generator.extract.sentences import LIST_ITEM, TABLE_ROW, Sentence
from generator.facts import Fact

CATEGORY = "car-collection"
# "has been seen in" tells of a habit; "is seen driving" (in one video) does not.
_SIGHTING = re.compile(
    r"\b(?:(?:has|have) (?:also |often |since )?been (?:\w+ly )?(?:spotted|seen|photographed|"
    r"pictured|filmed)"
    r"|(?:often|regularly|frequently|previously|repeatedly|once) (?:been )?(?:spotted|seen|"
    r"photographed|pictured|filmed)|known to (?:drive|ride in|use|own|have)"
    r"|(?:has|have) been (?:\w+ly )?(?:driven|chauffeured|ferried)(?=\s+in\b))\s+"
    r"(?:(?:driving|riding|travel(?:l)?ing|arriving|being driven|stepping out of|getting out of|"
    r"climbing out of)\s+)?(?:in|driving|using|with|behind the wheel of|inside|aboard)?\s*",
    re.IGNORECASE,
)
_OWNING = re.compile(
    r"\b(?:owns|possesses|owned)\s+(?:(?:now|already|also)\s+)?"
    r"|\bcollection\s+(?:includes|included|including|boasts|features|of)\s+"
    r"|\b(?:collection|fleet|garage|motorcade)\b[^.]{0,120}?\b(?:includes?|including|included|"
    r"such as|holds?|held|houses?|housed|contains?|contained|boasts?)\s+(?:(?:reportedly|already|"
    r"also|now)\s+)?"
    # "foreign luxury vehicles, including a Maybach …", "Kim's garage tells a story: A, B"
    r"|\b(?:vehicles|cars|limousines|models|automobiles)\b,?\s+(?:including|such as)\s+"
    r"|\b(?:collection|fleet|garage)\b[^.:;]{0,80}:\s+",
    re.IGNORECASE,
)
_COUNT_OF_KNOWN = re.compile(
    r"\b(?:now\s+)?(?:owns|has|possesses|have)\s+(?:now\s+)?(?P<count>at least \w+|more than \w+"
    r"|\w+ or more|\w+)\s+of\s+(?:the|these|those|them)\b(?:\s+(?P<noun>\w+))?",
    re.IGNORECASE,
)
# Smuggled, or brought in round a ban: "via third countries", "evade sanctions".
_SANCTIONS = r"(?:(?:the )?(?:UN |U\.N\. |international )?sanctions|(?:the |a )?ban)"
_SMUGGLED = re.compile(rf"\bsmuggl|\b(?:through|via) third countries\b|\bevad\w* {_SANCTIONS}\b"
                       rf"|\b(?:despite|in (?:breach|violation|defiance) of|to (?:get|go) (?:a)?round"
                       rf"|circumvent\w*|skirt\w*|bypass\w*) {_SANCTIONS}\b"
                       r"|\bshipped\b[^.;]*\b(?:via|through)\b",
                       re.IGNORECASE)
_GIFTED = re.compile(r"\b(?:gave|given|gifted|gifts?|presented|handed|sent)\b", re.IGNORECASE)
# "Among them are A and B": the collection the previous sentence named.
_AMONG = re.compile(r"^(?:Among|Amongst)\s+(?:them|these|those|the\s+(?:cars|vehicles|"
                    r"limousines))\s+(?:are|were|is|was)\s+", re.IGNORECASE)
# "at least nine Maybachs in his motorcades"
_IN_MOTORCADE = re.compile(r"\s+in\s+(?:his|her|their)\s+(?:motorcades?|garages?|fleet|"
                           r"collection|convoys?)\b", re.IGNORECASE)
# "Investigators believe all of them were smuggled in": the cars just listed.
_THEM = re.compile(r"\b(?:all|most|many|some|each|both) of (?:them|these|those)\b|^(?:They|These|"
                   r"Those|All|Most)\b")
_COLLECTION_WORDS = re.compile(r"\b(?:collection|vehicles|cars|fleet|limousines)\b",
                               re.IGNORECASE)
_TYPES = [
    (re.compile(r"\bsports? utility vehicles?\b|\bSUVs?\b", re.IGNORECASE), "SUV"),
    (re.compile(r"\blimousines?\b|\blimos?\b", re.IGNORECASE), "limousine"),
    (re.compile(r"\bsedans?\b|\bsaloons?\b", re.IGNORECASE), "sedan"),
    (re.compile(r"\btrucks?\b|\bpick-?ups?\b", re.IGNORECASE), "truck"),
    (re.compile(r"\bvans?\b|\bminibus(?:es)?\b", re.IGNORECASE), "van"),
    (re.compile(r"\bmotorcycles?\b|\bmotorbikes?\b", re.IGNORECASE), "motorcycle"),
    (re.compile(r"\bcoupes?\b|\bconvertibles?\b|\bsports cars?\b", re.IGNORECASE), "sports car"),
]


def _one_of(name: str) -> str:
    """A make or model written in the plural, as one: "Rolls-Royces", "Maybachs", "Auruses",
    "LX 570s" → "Rolls-Royce", "Maybach", "Aurus", "570" ("Mercedes" stays)."""
    if name.endswith("uses"):
        return name[:-2]
    # "Phantoms", "Maybachs", "Mulsannes", "Royces", "Bentleys" (not "Mercedes", "Lexus")
    if re.search(r"\d0?s$|^[A-Z0-9-]{2,}s$|[a-z](?:[bcfghjklmnpqrtvwxz]|[nlrtcgv]e|y)s$", name):
        return name[:-1]
    return name


def vehicle_parts(text: str) -> tuple[str, str | None, str] | None:
    """ "Rolls-Royce Phantom" → ("Rolls-Royce", "Phantom", "car"); None without a make."""
    words = re.sub(r"^(?:A|An|The)\s+", "", text).split()
    proper = [i for i, w in enumerate(words) if is_proper(w)]
    if not proper:
        return None
    first = proper[0]
    make = _one_of(words[first].strip("’'.,"))
    model_words = []
    for word in words[first + 1:]:
        if not (is_proper(word) or re.fullmatch(r"[A-Z0-9][\w-]*", word)) or any(
                pattern.fullmatch(word) for pattern, _ in _TYPES):
            break
        model_words.append(_one_of(word.strip("’'.,")))
    kind = next((name for pattern, name in _TYPES if pattern.search(text)), "car")
    return make, " ".join(model_words) or None, kind


def _owner(sentence: Sentence, people: list[PersonMention], at: int) -> str | None:
    before = [p for p in people if p.end <= at and not is_object(sentence.text, p)]
    if not before:
        return None
    owner = before[-1]
    if owner.pronoun and _GIFTED.search(sentence.text):
        # "X gave Y a car, meaning he now has two": the one who has it is who received it.
        received = [p for p in people if p.end <= at and not p.pronoun
                    and is_object(sentence.text, p)]
        if received:
            return received[-1].key
    return owner.key


def _acquired(make: str, neighbours: list[Sentence]) -> str:
    if any(_GIFTED.search(s.text) and make.lower() in s.text.lower() for s in neighbours):
        return "gift"
    if any(_SMUGGLED.search(s.text) and (_COLLECTION_WORDS.search(s.text)
                                         or make.lower() in s.text.lower()
                                         or _THEM.search(s.text)) for s in neighbours):
        return "smuggled"
    return "unknown"


def _quote(sentence: Sentence, neighbours: list[Sentence], acquired: str) -> str:
    """The sentence, with the sentence before it when that one says how the cars came."""
    before = [s for s in neighbours if s.index == sentence.index - 1]
    if acquired == "smuggled" and not _SMUGGLED.search(sentence.text) and before \
            and _SMUGGLED.search(before[0].text):
        return f"{before[0].text} {sentence.text}"
    return sentence.text


def _listed(sentence: Sentence, owner: str, at: int, people: list[PersonMention],
            neighbours: list[Sentence], phrase: str | None = None) -> list[Mention]:
    """The vehicles listed from ``at`` (up to the next person named: "the first Aurus Putin
    sent him" is an Aurus)."""
    text = sentence.text
    end = min((p.start for p in people if p.start >= at and re.search(
        r"\b[A-Z][\w-]*\s+$", text[at: p.start])), default=len(text))
    found = []
    listed = cut_phrase(phrase if phrase is not None else text[at:end])
    including = re.search(r",?\s+(?:including|such as)\s+", listed)
    if including and not any(is_proper(w) for w in listed[: including.start()].split()):
        listed = listed[including.end():]  # "a number of vehicles, including A and B"
    items = split_list(listed, nouns=True)
    # "smuggled Mercedes-Maybach limousines, a Rolls-Royce Phantom and two Aurus saloons": the
    # word goes with the item it stands in, when the sentence says it nowhere else
    own_word = any(_SMUGGLED.search(i.text) for i in items) and not _SMUGGLED.search(
        text.replace(listed, " "))
    for item in items:
        acquired = None
        parts = vehicle_parts(item.text)
        if own_word and parts and not _SMUGGLED.search(item.text):
            acquired = "gift" if _acquired(parts[0], neighbours) == "gift" else "unknown"
        mention = _vehicle(sentence, owner, item, neighbours, acquired)
        if mention:
            found.append(mention)
    return found


def gifted_cars(gifts: list[Mention]) -> list[Mention]:
    """A vehicle given to someone is in their collection, acquired as a gift; several gifts of
    one make (on different dates) mean at least that many."""
    found = []
    parts_of = [vehicle_parts(g.fields["item"]) for g in gifts]
    dates: dict[tuple[str, str], set[PartialDate]] = {}  # (recipient, make) → gift dates
    for gift, parts in zip(gifts, parts_of, strict=True):
        key = (gift.fields["recipient"], (parts or ("",))[0].lower())
        dates.setdefault(key, set()).add(gift.date)
    for gift, parts in zip(gifts, parts_of, strict=True):
        kind_of_thing = gift.extra.get("class")
        if kind_of_thing != "vehicle" and not (kind_of_thing == "" and _looks_like_car(gift)):
            continue
        if parts is None:
            continue
        make, model, kind = parts
        same = dates[(gift.fields["recipient"], make.lower())]
        quantity: int | str = len(same) if len(same) < 2 else f"at least {len(same)}"
        found.append(Mention(
            sentence=gift.sentence,
            fields={"owner": gift.fields["recipient"], "make": make, "model": model,
                    "type": kind, "quantity": quantity, "acquired": "gift"},
            rank=(0, 0),
            extra={"derived": True},
        ))
    return found


def models_as_models(cars: list[Mention]) -> list[Mention]:
    """A "make" that another mention gives as a model is that model: with an "Aurus Senat"
    named anywhere, "two Senat sedans" are Aurus Senats."""
    makes_of: dict[str, set[str]] = {}
    for car in cars:
        if car.fields["model"]:
            makes_of.setdefault(car.fields["model"].lower(), set()).add(car.fields["make"])
    out = []
    for car in cars:
        fields = car.fields
        makes = makes_of.get(fields["make"].lower(), set())
        if fields["model"] is None and len(makes) == 1:
            fields = {**fields, "make": next(iter(makes)), "model": fields["make"]}
            car = dataclasses.replace(car, fields=fields)
        out.append(car)
    return out


def _looks_like_car(gift: Mention) -> bool:
    """A gift named by brand alone ("an Aurus Senat") that the sentence calls a car."""
    return bool(re.search(r"\b(?:car|limousine|limo|vehicle|sedan|motor)s?\b", gift.sentence.text,
                          re.IGNORECASE))


def car_mentions(sentences: list[Sentence], position: int, people: list[PersonMention],
                 owner_before: str | None = None, names: People | None = None) -> list[Mention]:
    """Vehicles that ``sentences[position]`` puts in a person's collection; ``owner_before`` is
    whose collection the source spoke of last ("Among them are …")."""
    sentence = sentences[position]
    neighbours = sentences[max(0, position - 2): position + 2]
    text = sentence.text
    if LIST_ITEM.match(text) or TABLE_ROW.search(text):
        return _item_car(sentences, position, owner_before, names)
    found: list[Mention] = []
    for pattern in (_SIGHTING, _OWNING):
        for match in pattern.finditer(text):
            owner = _owner(sentence, people, match.start())
            if not owner and pattern is _OWNING and not people and owner_before and \
                    re.search(r"\b(?:fleet|garage|motorcade|collection)\b", match.group(0)):
                owner = owner_before  # "Both cars join a fleet that includes …": his
            if not owner:
                continue
            found.extend(_listed(sentence, owner, match.end(), people, neighbours))
        if found:
            break
    among = _AMONG.match(text)
    if among and owner_before and not found:
        found.extend(_listed(sentence, owner_before, among.end(), people, neighbours))
    inner = re.search(r"\.\s+(?=[A-Z])", text)  # "… wild btw. Maybach S600s, …" (one sentence)
    before_list, listed_text = (text[: inner.start()], text[inner.end():]) if inner else (
        sentences[position - 1].text if position else "", text)
    if not found and before_list and _is_bare_list(listed_text):
        # "Kim's garage is already wild. Maybach S600s, a Rolls-Royce Phantom, a bunch of
        # Lexus LX570s.": the cars of the garage the sentence before spoke of
        owner = _garage_owner(before_list, names)
        for item in _bare_items(listed_text) if owner else []:
            mention = _vehicle(sentence, str(owner), item, neighbours)
            if mention:
                found.append(mention)
    for match in _IN_MOTORCADE.finditer(text):
        pronoun = [p for p in people if p.start > match.start() and p.pronoun]
        start = max((m.end() for m in re.finditer(r"(?:,|\bhave|\bhas|\bcounted|\bspotted|"
                                                   r"\bseen)\s", text[: match.start()])),
                    default=0)
        if pronoun:
            found.extend(_listed(sentence, pronoun[0].key, start, people, neighbours,
                                 text[start: match.start()]))
    if found:
        return found
    count = _COUNT_OF_KNOWN.search(text)
    if count:
        owner = _owner(sentence, people, count.start())
        antecedent = _antecedent(text[: count.start()], sentences[:position])
        noun = singular((count["noun"] or "").lower())
        if owner and antecedent and (noun in VEHICLE_WORDS or not noun):
            items = split_list(f"{count['count']} {antecedent}")
            if items:
                mention = _vehicle(sentence, owner, items[0], neighbours)
                if mention:
                    found.append(mention)
    return found


def _bare_items(text: str) -> list[Item]:
    """The things of a sentence that is only a list: "Maybach S600s, a Rolls-Royce Phantom, a
    bunch of Lexus LX570s." (commas and "and" between them, no verb)."""
    pieces = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip().rstrip(".!…"))
              if p.strip()]
    return [split_quantity(re.sub(r"^(?:a bunch of|a couple of|a few|several|some)\s+", "",
                                  p.strip(), flags=re.IGNORECASE)) for p in pieces]


def _is_bare_list(text: str) -> bool:
    items = _bare_items(text)
    named = [i for i in items if vehicle_parts(i.text)]
    return len(named) >= 2 and len(named) == len(items) and not re.search(
        r"\b(?:is|are|was|were|has|have|had|[a-z]+ed)\b", text)


def _garage_owner(text: str, names: People | None) -> str | None:
    """Whose garage, fleet or collection a text speaks of: "Kim's garage is already wild"."""
    if names is None or not re.search(r"\b(?:garage|fleet|collection|motorcade)\b", text,
                                      re.IGNORECASE):
        return None
    short = names.short_names()
    for match in re.finditer(r"\b([A-Z][\w-]*)(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:collection|"
                             r"fleet|garage|motorcades?)\b", text):
        key = short.get(match.group(1).lower())
        if key:
            return key
    return None


def _is_item(sentence: Sentence) -> bool:
    return bool(LIST_ITEM.match(sentence.text) or TABLE_ROW.search(sentence.text))


_COLLECTION_INTRO = re.compile(r"\b(?:collection|fleet|garage|motorcades?|cars|vehicles|"
                               r"limousines)\b", re.IGNORECASE)
_IN_PARENS = re.compile(r"^(?P<name>[^(]+?)\s*\((?P<count>[\w\s]+)\)\s*$")


def _collection_owner(intro: list[Sentence], names: People | None) -> str | None:
    """Whose collection an introduction speaks of: "how Kim's fleet was assembled"."""
    if names is None:
        return None
    short = names.short_names()
    for sentence in reversed(intro):
        for match in re.finditer(r"\b([A-Z][\w-]*)(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:collection|"
                                 r"fleet|garage|motorcades?|cars)\b", sentence.text):
            key = short.get(match.group(1).lower())
            if key:
                return key
    return None


def _item_car(sentences: list[Sentence], position: int, owner: str | None,
              names: People | None = None) -> list[Mention]:
    """A vehicle listed as a bullet ("• a Rolls-Royce Phantom, used for state occasions;") or
    a table row ("Lexus LX 570 | SUV | 2018 | smuggled") under a sentence about someone's
    collection ("Among the vehicles in Kim's fleet:"): the item's first words or first cell;
    acquired as the item says, else as the introduction says."""
    start = position
    while start > 0 and _is_item(sentences[start - 1]):
        start -= 1
    sentence = sentences[position]
    table = bool(TABLE_ROW.search(sentence.text))
    intro = sentences[max(0, start - 3): start]
    owner = _collection_owner(intro, names) or owner
    if owner is None or (table and position == start):
        return []  # the table's header row
    if not any(_COLLECTION_INTRO.search(s.text) for s in intro):
        return []
    text = LIST_ITEM.sub("", sentence.text)
    if table:
        text = text.split("|")[0].strip()
        counted = _IN_PARENS.match(text)  # "Aurus Senat (two)"
        if counted:
            text = f"{counted['count']} {counted['name']}"
    items = split_list(cut_phrase(text), nouns=True)[:1]
    parts = vehicle_parts(items[0].text) if items else None
    if parts is None:
        return []
    make, model, kind = parts
    if not model and not any(pattern.search(text) for pattern, _ in _TYPES) and not re.search(
            r"\b(?:car|vehicle)s?\b", text, re.IGNORECASE):
        return []  # not a vehicle: "The end of the Panel of Experts"
    end = position
    while end + 1 < len(sentences) and _is_item(sentences[end + 1]):
        end += 1
    # "All of them were brought in by smuggling networks": said of the list just ended
    after = [s for s in sentences[end + 1: end + 3] if _THEM.search(s.text) or re.search(
        r"\b(?:None|All|Each|Most) of (?:them|these|those)\b", s.text)]
    rest = sentence.text
    if _GIFTED.search(rest):
        acquired = "gift"
    elif _SMUGGLED.search(rest) or (not table and any(_SMUGGLED.search(s.text)
                                                      for s in [*intro, *after])):
        acquired = "smuggled"
    else:
        acquired = "unknown"
    return [Mention(
        sentence=sentence,
        fields={"owner": owner, "make": make, "model": model, "type": kind,
                "quantity": items[0].quantity, "acquired": acquired},
        rank=(int(model is not None), int(items[0].quantity is not None)),
    )]


def _antecedent(before: str, earlier: list[Sentence]) -> str | None:
    """The latest named vehicle ("Aurus limousine") before "at least two of the vehicles"."""
    texts = [before, *[s.text for s in reversed(earlier)]]
    for text in texts:
        candidates = []
        for match in re.finditer(r"((?:[A-Z][\w-]*\s+){1,3})(\w+)", text):
            head = singular(match.group(2).lower())
            if head in VEHICLE_WORDS and any(is_proper(w) for w in match.group(1).split()):
                candidates.append(f"{match.group(1)}{match.group(2)}")
        if candidates:
            return candidates[-1]
    return None


_NOT_MAKES = {"with", "the", "a", "an", "and", "but", "his", "her", "their", "its", "this", "that",
              "these", "those", "some", "all", "both", "two", "three", "several", "many"}


def _vehicle(sentence: Sentence, owner: str, item: Item, neighbours: list[Sentence],
             acquired: str | None = None) -> Mention | None:
    parts = vehicle_parts(item.text)
    if parts is None or parts[0].lower() in _NOT_MAKES:
        return None
    make, model, kind = parts
    acquired = acquired or _acquired(make, neighbours)
    return Mention(
        sentence=sentence,
        fields={"owner": owner, "make": make, "model": model, "type": kind,
                "quantity": item.quantity, "acquired": acquired},
        rank=(int(model is not None), int(item.quantity is not None)),
        quote=_quote(sentence, neighbours, acquired),
    )


def _model_words(model: str) -> frozenset[str]:
    """ "S600 Pullman Guards" → {s600, pullman, guard}; "LX 570" → {lx570}."""
    text = re.sub(r"\b([A-Za-z]{1,3})\s+(\d{2,4})\b", r"\1\2", model.lower())
    return frozenset(re.sub(r"(?<=[a-z]{3})s$", "", w) for w in re.findall(r"[\w-]+", text))


def same_vehicle(fact: Mention, other: Mention) -> bool:
    """Same owner and make, and models that agree: one unknown, or one's words among the
    other's ("S600 Guard" and "S600 Pullman Guards", "LX570" and "LX 570")."""
    a, b = fact.fields, other.fields
    if (a["owner"], a["make"].lower()) != (b["owner"], b["make"].lower()):
        return False
    if a["model"] is None or b["model"] is None:
        return True
    ours, theirs = _model_words(a["model"]), _model_words(b["model"])
    return ours <= theirs or theirs <= ours


def car_facts(mentions: list[Mention], names: People) -> list[Fact]:
    facts = []
    for group in group_mentions(models_as_models(mentions), same_vehicle, block=lambda m: (
            m.fields["owner"], m.fields["make"].lower())):
        owner = group[0].fields["owner"]
        make = most_common(m.fields["make"] for m in group)
        model = most_common(m.fields["model"] for m in group)
        kind = most_common(m.fields["type"] for m in group)
        stated = [m for m in group if not m.extra.get("derived")]  # what a sentence says
        quantity = most_common(m.fields["quantity"] for m in stated) or most_common(
            m.fields["quantity"] for m in group)
        known = [m.fields["acquired"] for m in group if m.fields["acquired"] != "unknown"]
        acquired = most_common(known) or "unknown"
        vehicle = " ".join(p for p in (make, model) if p)
        if kind != "car" and not model:
            vehicle = f"{vehicle} {kind}"
        how = {"gift": ", received as a gift", "smuggled": ", probably smuggled in",
               "unknown": ""}[acquired]
        claim = f"{names.names[owner]}'s collection includes {counted(quantity, vehicle)}{how}."
        fields = {"owner": names.names[owner], "make": make, "model": model, "type": kind,
                  "quantity": quantity if quantity is not None else "unknown",
                  "acquired": acquired}
        facts.append(make_fact(CATEGORY, ["car", names.short(owner), make, model or kind],
                               claim, fields, group))
    return facts
