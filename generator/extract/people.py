"""People named in the articles, and who each mention in a sentence refers to.

News introduces a person with a title ("Russian President Vladimir Putin", "North Korean
leader Kim Jong-un", "presidential adviser Yuri Ushakov") and then uses a short name
("Putin", "Kim"), a description ("the Russian leader", "the Kremlin chief") or a pronoun.
The register is learned from all sources together; nothing in it is fixed in advance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

ROLE = (r"(?:[Pp]resident|[Ll]eader|[Pp]rime [Mm]inister|[Ff]oreign [Mm]inister|[Mm]inister"
        r"|[Aa]dviser|[Aa]dvisor|[Aa]ide|[Ss]pokes(?:man|woman|person)|[Cc]hancellor|[Cc]hairman"
        r"|[Ss]ecretary|[Kk]ing|[Qq]ueen|[Cc]hief|[Gg]eneral|[Dd]ictator|[Ee]nvoy|[Aa]mbassador)")
HEAD_OF_STATE = {"president", "leader", "prime minister", "chancellor", "chairman", "king",
                 "queen", "chief", "dictator", "head of state"}
# Institutions and capitals stand for their country's leader ("the Kremlin chief").
SEAT_OF_POWER = {"kremlin": "russian", "moscow": "russian", "pyongyang": "north korean",
                 "white house": "american", "washington": "american", "beijing": "chinese",
                 "kyiv": "ukrainian", "tokyo": "japanese", "seoul": "south korean"}
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}"
_DESCRIPTOR = r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+"
# Lowercase words that qualify a title ("presidential adviser", "senior official").
_ADJECTIVE = r"[a-z]+(?:al|an|ese|ish|ior|ign|ary|ive)"
_TITLED = re.compile(
    rf"(?:(?P<descriptor>{_DESCRIPTOR}|{_ADJECTIVE}) )?(?P<role>{ROLE}) (?P<name>{_NAME})\b"
)
_COUNTRY_POSSESSIVE = re.compile(rf"\b(?P<country>{_DESCRIPTOR})(?:'s|’s) (?P<name>{_NAME})\b")
_REFERENCE = re.compile(
    r"\b(?:the |a )?(?:(?P<descriptor>(?:[A-Z][a-z]+ )?[A-Z][a-z]+|[a-z]+) )?(?P<role>"
    r"president|leader|prime minister|chancellor|chairman|chief|head of state|dictator|king"
    r"|queen)\b(?!-)",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?P<word>he|him|his|himself|she|her|herself)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:'s|’s|')")


def name_key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name).strip().lower()


def display_name(name: str) -> str:
    """"Kim Jong-un" and "Kim Jong Un" are one person, shown as "Kim Jong Un"."""
    return " ".join(word.capitalize() for word in name_key(name).split())


def demonym(descriptor: str) -> str:
    text = descriptor.lower()
    return SEAT_OF_POWER.get(text, text)


@dataclass
class People:
    """Full names by key, short names and descriptions that point to one of them."""

    names: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    word_counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def learn(cls, texts: Iterable[str]) -> People:
        """Register everyone introduced with a title or as "Country's Full Name"."""
        people = cls()
        seen: Counter[str] = Counter()
        texts_list = list(texts)
        for text in texts_list:
            for match in _TITLED.finditer(text):
                key = name_key(match["name"])
                seen[key] += 1
                role = match["role"].lower()
                descriptor = (match["descriptor"] or "").lower()
                people.roles.setdefault(key, set()).add(f"{demonym(descriptor)}|{role}")
            for match in _COUNTRY_POSSESSIVE.finditer(text):
                key = name_key(match["name"])
                seen[key] += 1
                people.roles.setdefault(key, set()).add(f"{demonym(match['country'])}|leader")
        for key in seen:
            people.names[key] = display_name(key)
        for text in texts_list:
            people.word_counts.update(w.lower() for w in re.findall(r"[A-Z][a-z]+", text))
        return people

    def short(self, key: str) -> str:
        """The one-word name the articles use most for this person ("Putin", "Kim")."""
        words = [w for w, k in self.short_names().items() if k == key]
        words.sort(key=lambda w: (-self.word_counts[w], w))
        return words[0] if words else key.split()[-1]

    def short_names(self) -> dict[str, str]:
        """Single words that name exactly one known person ("Putin", "Kim", "Vladimir")."""
        owners: dict[str, set[str]] = {}
        for key in self.names:
            words = key.split()
            for word in {words[0], words[-1]}:
                if len(word) > 2:
                    owners.setdefault(word, set()).add(key)
        return {word: next(iter(keys)) for word, keys in owners.items() if len(keys) == 1}

    def by_description(self, descriptor: str, role: str) -> str | None:
        """The one person whose title matches "the <descriptor> <role>", if exactly one."""
        wanted = demonym(descriptor)
        role = role.lower()
        matches = {
            key for key, titles in self.roles.items()
            for title in titles
            if (title.split("|")[0].endswith(wanted) if wanted else True)
            and (title.split("|")[1] == role
                 or (wanted and role in HEAD_OF_STATE and title.split("|")[1] in HEAD_OF_STATE))
        }
        return next(iter(matches)) if len(matches) == 1 else None


@dataclass(frozen=True)
class PersonMention:
    """A reference to a known person at ``start:end`` of a sentence."""

    start: int
    end: int
    key: str
    possessive: bool
    pronoun: bool = False


def find_people(text: str, people: People, context: list[PersonMention] | None = None
                ) -> list[PersonMention]:
    """Mentions of known people in ``text``, pronouns resolved from ``context`` and the text.

    ``context`` holds the mentions of the previous sentence: "he" refers to the first person
    named before it (the subject), "him" to the latest named person other than that subject.
    """
    found: list[PersonMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, key: str, pronoun: bool = False) -> None:
        if any(start < b and end > a for a, b in taken):
            return
        possessive = bool(_POSSESSIVE.match(text[end:]))
        taken.append((start, end))
        found.append(PersonMention(start, end, key, possessive, pronoun))

    for match in _TITLED.finditer(text):
        key = name_key(match["name"])
        if key in people.names:
            start = match.start("descriptor") if match["descriptor"] else match.start("role")
            add(start, match.end(), key)
    full = sorted(people.names, key=len, reverse=True)
    for key in full:
        pattern = r"\b" + r"[\s-]+".join(re.escape(w) for w in key.split()) + r"\b"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            add(*match.span(), key)
    for match in _REFERENCE.finditer(text):
        if not match["descriptor"] and not match.group(0).lower().startswith("the "):
            continue
        person = people.by_description(match["descriptor"] or "", match["role"])
        if person:
            add(*match.span(), person)
    for word, key in people.short_names().items():
        for match in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            if text[match.start()].isupper():
                add(*match.span(), key)
    named = sorted(found, key=lambda m: m.start)
    for match in _PRONOUN.finditer(text):
        before = [m for m in named if m.end <= match.start()]
        earlier = before or list(context or [])
        if not earlier:
            continue
        word = match["word"].lower()
        subject = earlier[0].key
        if word in ("he", "she", "his", "himself", "herself"):
            add(*match.span(), subject, pronoun=True)
        else:
            others = [m.key for m in [*(context or []), *before] if m.key != subject]
            if others:
                add(*match.span(), others[-1], pronoun=True)
    return sorted(found, key=lambda m: m.start)
