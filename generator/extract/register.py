"""The people register (:class:`People`) at scale: learned from each source apart and combined,
and each source's own view of it, so that changing one article redoes that article's work only.

``People.learn`` reads every text several times over (who is introduced with a title, who does
what only people do, capitalised words, and where every known name is written). Here each text's
part is worked out once and kept under the text's content (:func:`text_part`); combining the
parts gives exactly ``People.learn`` (:func:`learn_people`; a test compares the two).

A source's mentions depend on only part of the register: the people its text names, everyone
sharing a short name it uses ("Kim": who is meant depends on the others called Kim), and, when
it refers to someone by title ("the Russian leader"), everyone with a title. :func:`view_for`
keeps just that, with prominence reduced to its order, so a source's cached mentions stay valid
while other articles change, and extraction computes each source's mentions from its view (the
cache can never hold something a clean run would not compute).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.cache import ContentCache, content_key
from generator.extract import people as rules
from generator.extract.people import People

# Characters that ``re.IGNORECASE`` matches to ASCII letters but ``str.lower`` does not map to
# them: folded first, so a word filter never misses what a pattern would find.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TextPart:
    """What one text contributes to the register, in the order ``People.learn`` meets it."""

    introduced: tuple[tuple[str, str], ...]  # (name key, "descriptor|role"), titles first
    acting: tuple[str, ...]  # names doing what only people do, sorted
    surnames: tuple[str, ...]  # single words taken for surnames, sorted
    word_counts: tuple[tuple[str, int], ...]  # capitalised words, lowercased


def text_part(text: str) -> TextPart:
    text = rules.unshout(text)
    introduced = rules.introductions(text)
    acting, brands = rules._acting_names(text)
    counts = Counter(w.lower() for w in re.findall(r"[A-Z][a-z]+", text))
    return TextPart(tuple(introduced), tuple(sorted(acting)),
                    tuple(sorted(rules._surnames(text, brands))), tuple(sorted(counts.items())))


def words_of(text: str) -> frozenset[str]:
    """Every word of ``text`` as a case-insensitive pattern could match it."""
    return frozenset(_WORD.findall(text.translate(_FOLD).lower()))


def _written(key: str, text: str, words: frozenset[str]) -> list[int]:
    """Where the full name ``key`` is written in ``text`` (start offsets)."""
    if not set(key.split()) <= words:
        return []  # a word of the name is missing: the pattern cannot match
    return [m.start() for m in rules.name_pattern(key).finditer(text)]


def learn_people(texts: Sequence[str], cache: ContentCache | None = None) -> People:
    """``People.learn(texts)``, from each text's part (kept in ``cache`` by content)."""
    parts = []
    for text in texts:
        key = content_key("people-part", text)
        part = cache.get(key) if cache is not None else None
        if part is None:
            part = text_part(text)
            if cache is not None:
                cache.put(key, part)
        parts.append(part)
    people = People()
    seen: dict[str, None] = {}  # insertion order, as People.learn's Counter
    for part in parts:
        for key, title in part.introduced:
            seen.setdefault(key)
            people.roles.setdefault(key, set()).add(title)
    surnames: set[str] = set()
    for part in parts:
        for key in part.acting:
            seen.setdefault(key)
            people.roles.setdefault(key, set())
        surnames.update(part.surnames)
    named_words = {word for key in seen for word in key.split()}
    for word in sorted(surnames - named_words):
        seen.setdefault(word)
        people.roles.setdefault(word, set())
    people.names = {key: rules.display_name(key) for key in seen}
    people.merge_middle_names()
    for part in parts:
        people.word_counts.update(dict(part.word_counts))
    at = 0
    for text in texts:
        words = words_of(text)
        for key in people.names:
            found = _written(key, text, words)
            if found:
                count, first = people.prominence.get(key, (0, -1))
                people.prominence[key] = (count + rules.written_weight(found),
                                          first if first >= 0 else at + found[0])
        at += len(text) + 1
    return people


def view_for(people: People, text: str) -> People:
    """The part of the register that ``find_people`` can use on ``text``'s sentences (see the
    module's docstring), giving the same mentions as the whole register. Prominence becomes
    ranks (only its order decides who a shared short name means) and word counts are left out
    (they only choose how a person is named in a fact's id, after all sources are read)."""
    words = words_of(text)
    kept = {key for key in people.names if _written(key, text, words)}
    owners: dict[str, set[str]] = {}  # every word of a name (short names are some of them)
    for key in people.names:
        for word in key.split():
            owners.setdefault(word, set()).add(key)
    for word, keys in owners.items():
        if word in words:
            kept |= keys
    joined = " ".join(text.split())
    if rules._REFERENCE.search(joined) or rules.PLACE_ACTOR.search(joined):
        kept |= {key for key, titles in people.roles.items() if titles}
    view = People()
    view.names = {key: name for key, name in people.names.items() if key in kept}
    view.roles = {key: set(titles) for key, titles in people.roles.items() if key in kept}

    def weight(key: str) -> tuple[int, int, str]:  # as People._most_prominent orders them
        count, first = people.prominence.get(key, (0, 1 << 30))
        return (-count, first if first >= 0 else 1 << 30, key)

    view.prominence = {key: (1, rank) for rank, key in enumerate(sorted(kept, key=weight))}
    return view
