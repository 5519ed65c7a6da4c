"""Vehicles in someone's collection: "spotted in A, several B and a C", "now owns at least two"."""

from __future__ import annotations

import re

from generator.extract.gifts import VEHICLE_WORDS, is_object
from generator.extract.mentions import Mention, counted, group_mentions, make_fact, most_common
from generator.extract.people import People, PersonMention
from generator.extract.phrases import Item, cut_phrase, is_proper, singular, split_list
from generator.extract.sentences import Sentence
from generator.facts import Fact

CATEGORY = "car-collection"
# "has been seen in" tells of a habit; "is seen driving" (in one video) does not.
_SIGHTING = re.compile(
    r"\b(?:(?:has|have) been (?:\w+ly )?(?:spotted|seen|photographed|pictured|filmed)"
    r"|(?:often|regularly|frequently|previously|repeatedly) (?:been )?(?:spotted|seen|"
    r"photographed|pictured)|known to (?:drive|ride in|use))\s+"
    r"(?:(?:driving|riding|travel(?:l)?ing|arriving|being driven)\s+)?(?:in|driving|using|with|"
    r"behind the wheel of|inside|aboard)?\s*",
    re.IGNORECASE,
)
_OWNING = re.compile(
    r"\b(?:owns|possesses|owned)\s+(?:(?:now|already|also)\s+)?"
    r"|\bcollection\s+(?:includes|included|including|boasts|features|of)\s+"
    r"|\b(?:collection|fleet|garage)\b[^.]{0,40}?\b(?:includes?|including|such as)\s+",
    re.IGNORECASE,
)
_COUNT_OF_KNOWN = re.compile(
    r"\b(?:now\s+)?(?:owns|has|possesses|have)\s+(?:now\s+)?(?P<count>at least \w+|more than \w+"
    r"|\w+ or more|\w+)\s+of\s+(?:the|these|those|them)\b(?:\s+(?P<noun>\w+))?",
    re.IGNORECASE,
)
# Smuggled, or brought in round a ban: "via third countries", "evade sanctions".
_SMUGGLED = re.compile(r"\bsmuggl|\b(?:through|via) third countries\b|\bevad\w* (?:the )?"
                       r"(?:UN |U\.N\. )?sanctions\b|\bdespite (?:UN |U\.N\. )?sanctions\b",
                       re.IGNORECASE)
_GIFTED = re.compile(r"\b(?:gave|given|gifted|gift|presented|handed)\b", re.IGNORECASE)
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


def vehicle_parts(text: str) -> tuple[str, str | None, str] | None:
    """ "Rolls-Royce Phantom" → ("Rolls-Royce", "Phantom", "car"); None without a make."""
    words = re.sub(r"^(?:A|An|The)\s+", "", text).split()
    proper = [i for i, w in enumerate(words) if is_proper(w)]
    if not proper:
        return None
    first = proper[0]
    make = words[first].strip("’'.,")
    model_words = []
    for word in words[first + 1:]:
        if not (is_proper(word) or re.fullmatch(r"[A-Z0-9][\w-]*", word)) or any(
                pattern.fullmatch(word) for pattern, _ in _TYPES):
            break
        model_words.append(word.strip("’'.,"))
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
    if any(_SMUGGLED.search(s.text) and _COLLECTION_WORDS.search(s.text) for s in neighbours):
        return "smuggled"
    return "unknown"


def _quote(sentence: Sentence, neighbours: list[Sentence], acquired: str) -> str:
    """The sentence, with the sentence before it when that one says how the cars came."""
    before = [s for s in neighbours if s.index == sentence.index - 1]
    if acquired == "smuggled" and not _SMUGGLED.search(sentence.text) and before \
            and _SMUGGLED.search(before[0].text):
        return f"{before[0].text} {sentence.text}"
    return sentence.text


def car_mentions(sentences: list[Sentence], position: int, people: list[PersonMention]
                 ) -> list[Mention]:
    """Vehicles that ``sentences[position]`` puts in a person's collection."""
    sentence = sentences[position]
    neighbours = sentences[max(0, position - 2): position + 2]
    text = sentence.text
    found: list[Mention] = []
    for pattern in (_SIGHTING, _OWNING):
        for match in pattern.finditer(text):
            owner = _owner(sentence, people, match.start())
            if not owner:
                continue
            for item in split_list(cut_phrase(text[match.end():])):
                mention = _vehicle(sentence, owner, item, neighbours)
                if mention:
                    found.append(mention)
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


def _vehicle(sentence: Sentence, owner: str, item: Item, neighbours: list[Sentence]
             ) -> Mention | None:
    parts = vehicle_parts(item.text)
    if parts is None:
        return None
    make, model, kind = parts
    acquired = _acquired(make, neighbours)
    return Mention(
        sentence=sentence,
        fields={"owner": owner, "make": make, "model": model, "type": kind,
                "quantity": item.quantity, "acquired": acquired},
        rank=(int(model is not None), int(item.quantity is not None)),
        quote=_quote(sentence, neighbours, acquired),
    )


def same_vehicle(fact: Mention, other: Mention) -> bool:
    a, b = fact.fields, other.fields
    return (a["owner"], a["make"].lower()) == (b["owner"], b["make"].lower()) and (
        a["model"] is None or b["model"] is None or a["model"].lower() == b["model"].lower())


def car_facts(mentions: list[Mention], names: People) -> list[Fact]:
    facts = []
    for group in group_mentions(mentions, same_vehicle):
        owner = group[0].fields["owner"]
        make = most_common(m.fields["make"] for m in group)
        model = most_common(m.fields["model"] for m in group)
        kind = most_common(m.fields["type"] for m in group)
        quantity = most_common(m.fields["quantity"] for m in group)
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
