"""From mentions to facts: one fact per thing reported, with one quote per source, and its id.

Each category module turns sentences into :class:`Mention` objects; :func:`group_mentions`
puts together the mentions that state the same fact (the category decides what "same"
means), so a fact reported by several articles lists each of them once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from slugify import slugify

from generator.dates import format_iso
from generator.extract.relative_dates import UNKNOWN, PartialDate
from generator.extract.sentences import Sentence
from generator.facts import Fact, Quote


@dataclass(frozen=True)
class Mention:
    """One sentence's statement of a fact.

    ``fields`` are the category's fields as this sentence states them (None when it does
    not say); ``rank`` orders mentions from most to least informative; a mention with
    ``can_start`` False only adds a source to a fact another mention established.
    """

    sentence: Sentence
    fields: dict[str, Any]
    date: PartialDate = UNKNOWN
    rank: tuple[int, ...] = ()
    can_start: bool = True
    quote: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_id(self) -> str:
        return self.sentence.source_id

    @property
    def quote_text(self) -> str:
        return self.quote or self.sentence.text


SameFact = Callable[[Mention, Mention], bool]


def group_mentions(mentions: Iterable[Mention], same: SameFact, one_per_source: bool = False,
                   block: Callable[[Mention], Hashable] | None = None) -> list[list[Mention]]:
    """Mentions grouped by fact; each group's first mention is its most informative.

    A mention joins the compatible group that has no quote from its source yet (an article
    that tells of two gifts of a car means two gifts), preferring the latest-dated one:
    an undated mention in the news is most likely about the latest event. With
    ``one_per_source``, it never joins a group its source is already in.

    ``block`` (optional) gives each mention a key such that ``same`` is false for mentions
    whose keys differ and are both not None (a gift's giver and recipient, an event's year):
    a mention is then compared only with the groups of its key and of key None, which keeps
    the grouping linear in practice; the groups are the same as without it.
    """
    ordered = sorted(mentions, key=lambda m: (tuple(-r for r in m.rank), m.source_id,
                                              m.sentence.index))
    groups: list[list[Mention]] = []
    sources: list[set[str]] = []  # each group's sources: "has a quote from it" in one look-up
    seen: dict[tuple[str, str, str], int] = {}
    by_key: dict[Hashable, list[int]] = {}  # group indexes by their first mention's key
    for mention in ordered:
        # A sentence an article repeats word for word tells the same fact again (two mentions
        # within one sentence are two facts, e.g. "a sledge, and later another one").
        repeat = (mention.source_id, mention.sentence.text, repr(sorted(mention.fields.items())))
        if seen.setdefault(repeat, mention.sentence.index) != mention.sentence.index:
            continue
        if block is None:
            indexes: Iterable[int] = range(len(groups))
        else:
            key = block(mention)
            indexes = range(len(groups)) if key is None else sorted(
                [*by_key.get(key, []), *by_key.get(None, [])])
        candidates = [i for i in indexes if same(groups[i][0], mention)]
        if candidates:
            fresh = [i for i in candidates if mention.source_id not in sources[i]]
            pool = fresh if one_per_source else (fresh or candidates)
            if not pool:
                if mention.can_start:
                    _start_group(groups, sources, by_key, block, mention)
                continue
            best = max(pool, key=lambda i: (groups[i][0].date.iso or "", -i))
            groups[best].append(mention)
            sources[best].add(mention.source_id)
        elif mention.can_start:
            _start_group(groups, sources, by_key, block, mention)
    return groups


def _start_group(groups: list[list[Mention]], sources: list[set[str]],
                 by_key: dict[Hashable, list[int]], block: Callable[[Mention], Hashable] | None,
                 mention: Mention) -> None:
    if block is not None:
        by_key.setdefault(block(mention), []).append(len(groups))
    groups.append([mention])
    sources.append({mention.source_id})


def quotes(group: Sequence[Mention]) -> tuple[Quote, ...]:
    """One quote per source: its shortest supporting sentence(s); sources in id order."""
    best: dict[str, str] = {}
    for mention in group:
        text = mention.quote_text
        current = best.get(mention.source_id)
        if current is None or (len(text), text) < (len(current), current):
            best[mention.source_id] = text
    return tuple(Quote(source, best[source]) for source in sorted(best))


def most_common(values: Iterable[Any]) -> Any:
    """The most frequent non-None value; ties go to the shortest, then the smallest text."""
    counts = Counter(v for v in values if v is not None and v != "")
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], len(str(v)), str(v)))


def best_date(group: Sequence[Mention]) -> PartialDate:
    """The most precise date with a known year among the group's mentions; of several as
    precise (reports a day apart), the one most of them give, then the earliest."""
    dated = [m.date for m in group if m.date.year is not None]
    if not dated:
        return UNKNOWN
    most = max(d.known_parts for d in dated)
    votes = Counter(d for d in dated if d.known_parts == most)
    return min(votes, key=lambda d: (-votes[d], d.iso or ""))


def date_phrase(iso: str | None) -> str:
    """" on 19 June 2024", " in June 2024", " in 2024" or ""."""
    if not iso:
        return ""
    return (" on " if len(iso) == 10 else " in ") + format_iso(iso)


def make_fact(category: str, id_parts: Sequence[str], claim: str,
              fields: dict[str, Any], group: Sequence[Mention]) -> Fact:
    """A fact whose readable slug id is built from ``id_parts`` (see :func:`unique_ids`)."""
    fact_id = slugify("-".join(p for p in id_parts if p), max_length=90, word_boundary=True)
    return Fact(category=category, id=fact_id or category, claim=claim, status="extracted",
                sources=quotes(group), fields=fields)


def unique_ids(facts: Iterable[Fact]) -> list[Fact]:
    """Add -2, -3, … to repeated ids, in an order that depends only on the facts' content."""
    ordered = sorted(facts, key=lambda f: (f.id, f.category, f.claim,
                                               [(q.source, q.quote) for q in f.sources]))
    seen: Counter[str] = Counter()
    out = []
    for fact in ordered:
        seen[fact.id] += 1
        out.append(fact if seen[fact.id] == 1 else replace(fact, id=f"{fact.id}-{seen[fact.id]}"))
    return out


def a_or_an(text: str) -> str:
    return ("an " if text[:1].lower() in "aeiou" else "a ") + text


def counted(quantity: int | str | None, item: str) -> str:
    """ "a tea set", "two Pungsan dogs", "several Mercedes", or the item alone."""
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
             9: "nine", 10: "ten"}
    if quantity == 1:
        return a_or_an(item)
    if isinstance(quantity, int):
        return f"{words.get(quantity, str(quantity))} {plural(item)}"
    if quantity:
        return f"{quantity} {plural(item)}"
    return item


def plural(item: str) -> str:
    """ "Aurus limousine" → "Aurus limousines", "dog of the Pungsan breed" → "dogs of the
    Pungsan breed" (the head before "of"); names and plurals are left as they are."""
    cut = re.search(r", | of ", item)
    head, sep, rest = (item[: cut.start()], cut.group(0), item[cut.end():]) if cut else (
        item, "", "")
    last = head.split()[-1] if head.split() else ""
    if last.endswith("s") or not (last.islower() or last.isupper()):
        return item
    return head + ("es" if last.endswith(("ch", "sh", "x")) else "s") + sep + rest
