"""Discrepancies: passages that match across articles but differ in a number, name, date or key
noun. Saved as ``content/facts/discrepancies.yaml``, a facts file like the others.

Sentences of two articles are aligned by fuzzy similarity; inside an aligned pair the words
that differ are compared. Only a factual difference counts: a number that changed, a name or
date that changed, or — in near-identical passages only — the noun at the head of a phrase.
Changed adjectives, added or dropped words, spelling variants, relative versus absolute dates
and reordered lists are wording, not a discrepancy.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from slugify import slugify

from generator.analysis.passages import (
    FUNCTION_WORDS,
    Sentence,
    comparable_text,
    marked_tokens,
    match_key,
)
from generator.errors import Problem
from generator.facts import TEXT, Category, CategoryField, Fact, Quote, add_category

# Two sentences describe the same thing when their texts are this similar (rapidfuzz ratio
# over comparison keys, 0–100). Paraphrased counterparts score 40–65 on the seeds, wire copies
# of one sentence with an edit 75–98.
ALIGNED_PASSAGE = 70
# A differing noun is only a discrepancy in passages this close: a rewrite swaps synonyms
# ("pledge"/"commitment"), an edited wire copy that changes a noun changes a fact.
NEAR_COPY = 85
# Words at least this similar are one word spelt two ways (defence/defense, Russia/Russian).
SAME_WORD = 75
# A changed detail is a few words; a longer replaced stretch is a rewritten clause (wording).
MAX_CHANGED_WORDS = 4
# Differing spans separated by at most this many tokens are shown as one phrase.
JOIN_GAP = 3

KINDS = ("number", "date", "name", "noun")

DISCREPANCIES = add_category(Category("discrepancies", (
    CategoryField("subject", TEXT),
    CategoryField("kind", {"type": "array", "minItems": 1, "items": {"enum": list(KINDS)}}),
    CategoryField("versions", {
        "type": "array",
        "minItems": 2,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["value", "sources"],
            "properties": {
                "value": TEXT,
                "sources": {"type": "array", "minItems": 1,
                            "items": {"type": "string", "description": "a source id"}},
            },
        },
    }),
), sort_by=("subject",)))

_UNIT_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
               "fourteen fifteen sixteen seventeen eighteen nineteen")
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split())}
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TENS = {w: 10 * i for i, w in enumerate(_TEN_WORDS.split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_COUNT_NOUNS = {"pair": 2, "dozen": 12}
_ORDINAL_WORDS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth"
_ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS.split())}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_CALENDAR_WORDS = ("january february march april may june july august september october "
                   "november december monday tuesday wednesday thursday friday saturday sunday")
_DATE_WORDS = frozenset(_CALENDAR_WORDS.split())
_RELATIVE_TIME_WORDS = ("year years month months week weeks day days today yesterday tomorrow "
                        "tonight morning afternoon evening night earlier later recently")
_TIME_WORDS = _DATE_WORDS | frozenset(_RELATIVE_TIME_WORDS.split())

# Endings of adverbs and past participles, which a phrase can end on but which name no thing.
_NOT_NOUN_ENDINGS = ("ly", "ed")


def numbers(tokens: Sequence[str]) -> set[str]:
    """The quantities written in ``tokens``, normalised ("1,000" = "1000", "pair" = "2");
    ordinals are kept apart ("first" = "#1")."""
    found: set[str] = set()
    value: float | None = None
    for token in (*tokens, ""):
        word = token.lower()
        digits = word.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            value = (value or 0) + float(digits)
        elif word in _UNITS or word in _TENS:
            value = (value or 0) + _UNITS.get(word, _TENS.get(word, 0))
        elif word in _SCALES and value is not None:
            value *= _SCALES[word]
        else:
            if value is not None:
                found.add(f"{value:g}")
                value = None
            if word in _COUNT_NOUNS:
                found.add(str(_COUNT_NOUNS[word]))
            elif word in _ORDINALS:
                found.add(f"#{_ORDINALS[word]}")
            elif match := _ORDINAL_DIGITS.match(word):
                found.add(f"#{int(match.group(1))}")
    return found


def _capitalised(tokens: Sequence[str], first: int) -> list[str]:
    """Capitalised words (names, places, titles, months), skipping the sentence's first word;
    hyphenated words count by their capitalised parts ("Russian-built" → "Russian")."""
    return [part for i, t in enumerate(tokens, start=first) if i > 0
            for part in t.split("-") if part[:1].isupper() and any(c.isalpha() for c in part)]


def _same_word(a: str, b: str) -> bool:
    return fuzz.ratio(match_key(a), match_key(b)) >= SAME_WORD


def _unmatched(words: Iterable[str], others: Iterable[str]) -> list[str]:
    """``words`` that have no spelling of themselves anywhere in ``others``."""
    pool = list(others)
    return [w for w in words if not any(_same_word(w, o) for o in pool)]


def _is_mark(token: str) -> bool:
    return not any(c.isalnum() for c in token)


@dataclass(frozen=True)
class Side:
    """One article's sentence and the part of it that differs."""

    sentence: Sentence
    value: str


@dataclass(frozen=True)
class Difference:
    """Two aligned sentences that state a detail differently."""

    kinds: tuple[str, ...]
    subject: str
    sides: tuple[Side, Side]


@dataclass
class _Tokens:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Tokens:
        found = marked_tokens(text)
        words = [m.group() for m in found]
        return cls(text, [m.span() for m in found], words, [match_key(w) for w in words])

    def phrase_ends(self, index: int) -> bool:
        """Whether a noun phrase plainly ends before token ``index``: at a punctuation mark,
        the end of the sentence or a coordinating "and"/"or" (a verb or adjective would be
        followed by its object or noun)."""
        return index >= len(self.keys) or _is_mark(self.keys[index]) or self.keys[index] in {
            "and", "or"}


def _kinds_of_change(a: _Tokens, b: _Tokens, span_a: tuple[int, int],
                     span_b: tuple[int, int], near_copy: bool) -> list[str]:
    seg_a, seg_b = a.words[slice(*span_a)], b.words[slice(*span_b)]
    kinds: list[str] = []
    if max(sum(not _is_mark(w) for w in seg) for seg in (seg_a, seg_b)) > MAX_CHANGED_WORDS:
        return kinds
    nums_a, nums_b = numbers(seg_a), numbers(seg_b)
    if nums_a and nums_b and (nums_a - numbers(b.words) or nums_b - numbers(a.words)):
        kinds.append("number")
    caps_a, caps_b = _capitalised(seg_a, span_a[0]), _capitalised(seg_b, span_b[0])
    if caps_a and caps_b:
        new_a = _unmatched(caps_a, _capitalised(b.words, 0))
        new_b = _unmatched(caps_b, _capitalised(a.words, 0))
        changed = new_a + new_b
        if new_a and new_b:
            kinds.append("date" if any(w.lower() in _DATE_WORDS for w in changed) else "name")
    if near_copy and not (nums_a or nums_b or caps_a or caps_b):
        heads = []
        for tokens, span in ((a, span_a), (b, span_b)):
            content = [k for k in tokens.keys[slice(*span)]
                       if not _is_mark(k) and k not in FUNCTION_WORDS]
            if (content and tokens.phrase_ends(span[1]) and content[-1] not in _TIME_WORDS
                    and not content[-1].endswith(_NOT_NOUN_ENDINGS)):
                heads.append(content[-1])
        if (len(heads) == 2 and not _same_word(*heads)
                and heads[0] not in b.keys and heads[1] not in a.keys):
            kinds.append("noun")
    return kinds


def compare_sentences(first: Sentence, second: Sentence) -> Difference | None:
    """The factual difference between two aligned sentences, or None (same facts, or not
    the same passage at all)."""
    found = _text_difference(first.text, second.text)
    if found is None:
        return None
    kinds, subject, value_a, value_b = found
    return Difference(kinds=kinds, subject=subject,
                      sides=(Side(first, value_a), Side(second, value_b)))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> _Tokens:
    return _Tokens.of(comparable_text(text))


# Wire copies repeat sentences across many articles, so one pair of texts is met many times.
@lru_cache(maxsize=1 << 15)
def _text_difference(first: str, second: str) -> tuple[tuple[str, ...], str, str, str] | None:
    """``compare_sentences`` of two texts: (kinds, subject, first's value, second's value)."""
    a, b = _tokens(first), _tokens(second)
    if a.keys == b.keys:
        return None  # the same words: nothing differs
    similarity = fuzz.ratio(" ".join(a.keys), " ".join(b.keys))
    if similarity < ALIGNED_PASSAGE:
        return None
    matcher = difflib.SequenceMatcher(None, a.keys, b.keys, autojunk=False)
    changes: list[tuple[tuple[int, int], tuple[int, int]]] = []
    kinds: set[str] = set()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        found = _kinds_of_change(a, b, (i1, i2), (j1, j2), similarity >= NEAR_COPY)
        if found:
            kinds.update(found)
            changes.append(((i1, i2), (j1, j2)))
    if not changes:
        return None
    spans_a = _joined([c[0] for c in changes])
    spans_b = _joined([c[1] for c in changes])
    return (tuple(k for k in KINDS if k in kinds), _blanked(a, spans_a), _phrase(a, spans_a),
            _phrase(b, spans_b))


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= JOIN_GAP:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _phrase(tokens: _Tokens, spans: list[tuple[int, int]]) -> str:
    return " … ".join(
        tokens.text[tokens.spans[start][0] : tokens.spans[end - 1][1]] for start, end in spans)


def _blanked(tokens: _Tokens, spans: list[tuple[int, int]]) -> str:
    text, cut = tokens.text, 0
    parts = []
    for start, end in spans:
        parts.append(text[cut : tokens.spans[start][0]])
        parts.append("…")
        cut = tokens.spans[end - 1][1]
    parts.append(text[cut:])
    return "".join(parts)


def alignment_keys(sentences: Sequence[Sentence]) -> list[str]:
    """How each sentence is compared when aligning: its tokens' comparison keys."""
    return [" ".join(match_key(t) for t in s.tokens) for s in sentences]


def compare_articles(first: Sequence[Sentence], second: Sequence[Sentence],
                     keys: tuple[Sequence[str], Sequence[str]] | None = None) -> list[Difference]:
    """Align each sentence of ``first`` with its most similar sentence in ``second``;
    ``keys``: both articles' ``alignment_keys`` when the caller has them already."""
    first_keys, second_keys = keys or (alignment_keys(first), alignment_keys(second))
    found = []
    for sentence, query in zip(first, first_keys, strict=True):
        best = process.extractOne(query, second_keys, scorer=fuzz.ratio,
                                  score_cutoff=ALIGNED_PASSAGE)
        if best is not None:
            difference = compare_sentences(sentence, second[best[2]])
            if difference is not None:
                found.append(difference)
    return found


def discrepancy_facts(differences: Iterable[Difference]) -> list[Fact]:
    """One fact per pair of differing values; articles that agree on a value share a version."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for difference in differences:
        sides = sorted(difference.sides, key=lambda s: (_value_key(s.value), s.sentence.source))
        key = (_value_key(sides[0].value), _value_key(sides[1].value))
        entry = merged.setdefault(key, {"kinds": set(), "subject": difference.subject,
                                        "versions": {}, "quotes": {}})
        entry["kinds"].update(difference.kinds)
        for side in sides:
            version = entry["versions"].setdefault(_value_key(side.value),
                                                   {"value": side.value, "sources": set()})
            version["sources"].add(side.sentence.source)
            entry["quotes"].setdefault(side.sentence.source, side.sentence.text)
    facts = []
    taken: Counter[str] = Counter()  # long values cut to the same id get -2, -3, … in key order
    for (key_a, key_b), entry in sorted(merged.items()):
        versions = [entry["versions"][k] for k in (key_a, key_b)]
        fact_id = discrepancy_id(versions[0]["value"], versions[1]["value"])
        taken[fact_id] += 1
        facts.append(Fact(
            category=DISCREPANCIES.name,
            id=fact_id if taken[fact_id] == 1 else f"{fact_id}-{taken[fact_id]}",
            claim=(f'Articles differ on this detail: "{versions[0]["value"]}" or '
                   f'"{versions[1]["value"]}".'),
            status="extracted",
            sources=tuple(Quote(s, q) for s, q in sorted(entry["quotes"].items())),
            fields={
                "subject": entry["subject"],
                "kind": [k for k in KINDS if k in entry["kinds"]],
                "versions": [{"value": v["value"], "sources": sorted(v["sources"])}
                             for v in versions],
            },
        ))
    # Imported here: a build with nothing to analyse never loads the extraction rules.
    from generator.extract.mentions import unique_ids

    return unique_ids(facts)  # ids shortened from long values can coincide


def _value_key(value: str) -> str:
    return " ".join(match_key(t) for t in re.findall(r"\w[\w'.,-]*", value))


def discrepancy_id(value_a: str, value_b: str) -> str:
    """Stable id from the two differing values (the same wording gives the same id)."""
    first, second = slugify(value_a)[:40].strip("-"), slugify(value_b)[:40].strip("-")
    return f"differ-{first}-or-{second}"[:100].strip("-")


def check_versions(facts: Iterable[Fact]) -> list[Problem]:
    """Each version must cite sources that the discrepancy quotes."""
    problems = []
    for fact in facts:
        if fact.category != DISCREPANCIES.name:
            continue
        quoted = {q.source for q in fact.sources}
        for index, version in enumerate(fact.fields["versions"]):
            for position, source in enumerate(version["sources"]):
                if source not in quoted:
                    path = fact.origin.path if fact.origin else "content/facts/discrepancies.yaml"
                    line, col = (fact.origin.position("versions", index, "sources", position)
                                 if fact.origin else (0, 0))
                    problems.append(Problem(path, line, col,
                                            f"version source '{source}' has no quote in "
                                            "this discrepancy's sources"))
    return problems
