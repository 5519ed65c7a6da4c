"""Extraction: ``content/sources/*.md`` → facts (gifts, car collection, Aurus production, timeline).

Each source is split into sentences; people, dates and noun phrases are found in each;
one module per category turns sentences into mentions; mentions of the same fact in
several sources become one fact with one quote per source (see ``mentions.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import ContentCache, content_key
from generator.dates import MONTH_RE, WEEKDAY_RE
from generator.extract import aurus_production, car_collection, gifts, timeline
from generator.extract.mentions import Mention, unique_ids
from generator.extract.people import People, PersonMention, find_people, named_in
from generator.extract.register import learn_people, view_for
from generator.extract.relative_dates import UNKNOWN, DateMention, find_dates
from generator.extract.sentences import (
    Sentence,
    article_date,
    joined_paragraphs,
    split_sentences,
)
from generator.facts import (
    EXTRACTED_CATEGORIES,
    Fact,
    load_facts_files,
    merge,
    save_facts,
    sources_digest,
)
from generator.parallel import map_in_order
from generator.project import Project
from generator.sources import Source, load_sources
from generator.textfile import ParsedFiles

# Longer than any sentence of news prose (a run-on or unpunctuated text): not read, since the
# cost of the pattern rules grows with a sentence's length.
MAX_SENTENCE_CHARS = 1_000


@dataclass
class Mentions:
    """Every category's mentions, gathered sentence by sentence."""

    gifts: list[Mention] = field(default_factory=list)
    cars: list[Mention] = field(default_factory=list)
    production: list[Mention] = field(default_factory=list)
    events: list[Mention] = field(default_factory=list)


def latest_written_day(sentences: list[Sentence]) -> dt.date | None:
    """The latest day the sentences write in full ("18 and 19 June 2024"): no later than the
    article's own date, which is unknown."""
    latest: dt.date | None = None
    for sentence in sentences:
        for mention in find_dates(sentence.text, None):
            date = mention.date
            if date.year and date.month and date.day and re.search(r"\b(?:19|20)\d\d\b",
                                                                   mention.text):
                day = dt.date(date.year, date.month, date.day)
                latest = max(latest, day) if latest else day
    return latest


def topical_sections(sentences: list[Sentence], cast: list[str], names: People,
                     models: frozenset[str]) -> set[int]:
    """The parts of a page (between headings) about the story: those naming someone the
    source names, the brand or one of its models. A newsletter's other items ("2. FOOTBALL:
    Spain into the last 16") are not."""
    words = {w for key in cast for w in key.split()} | {
        aurus_production.BRAND.lower(), *(m.lower() for m in models)}
    words |= {w for w, key in names.short_names().items() if key in cast}
    # and what the page keeps naming: a name written mid-sentence in three sentences or more
    # ("North Korea", "Security Council"), days and months aside
    seen: Counter[str] = Counter()
    for sentence in sentences:
        seen.update({w.lower() for w in re.findall(r"(?<=[\w,;:] )([A-Z][a-z]{2,})", sentence.text)})
    words |= {w for w, n in seen.items() if n >= 3 and not re.fullmatch(
        rf"{WEEKDAY_RE}|{MONTH_RE}", w, re.IGNORECASE)}
    every = {s.section for s in sentences}
    topical = {s.section for s in sentences
               if words & set(re.findall(r"[a-z]+", s.text.lower()))}
    return topical if len(every) > 1 and topical else every


def source_mentions(source: Source, names: People) -> Mentions:
    """Every mention in one source (pure: depends on the source and the people learned)."""
    found = Mentions()
    context: list[PersonMention] = []
    recent = UNKNOWN  # the latest date this source stated before the current sentence
    previous_dates: list[DateMention] = []
    last_day = UNKNOWN  # the latest day (to the day) the source named
    sentences = split_sentences(source)
    text = " ".join(s.text for s in sentences)
    models = aurus_production.brand_models(text)
    cast = named_in(text, names)  # whom the source names
    on_topic = topical_sections(sentences, cast, names, models)
    # an undated source's latest date written in full: the year of "on 19 June" (if undated)
    context_day = None if article_date(source) else latest_written_day(sentences)
    for position, sentence in enumerate(sentences):
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            continue
        people = find_people(sentence.text, names, context, cast)
        dates = find_dates(sentence.text, sentence.article_date, context_day)
        # A resolved pronoun keeps its person in context ("He arrived with Moon. He also
        # owns …": the second "he" is still the first sentence's subject).
        before, context = context, people or context
        new_gifts = gifts.gift_mentions(sentence, people, dates, names, found.gifts, recent,
                                        cast, sentences[position - 1].text if position else "",
                                        timeline.last_date(previous_dates))
        recent = next((d.date for d in reversed(dates) if d.date.year is not None
                       and not d.speech and not d.to_date), recent)
        found.gifts.extend(new_gifts)
        owner_before = found.cars[-1].fields["owner"] if found.cars else next(
            (p.key for p in before if not p.pronoun), None)
        found.cars.extend(car_collection.car_mentions(sentences, position, people, owner_before,
                                                      names))
        before_text = " ".join(s.text for s in sentences[max(0, position - 5): position])
        brand_before = aurus_production.BRAND.lower() in before_text.lower() or any(
            model in before_text for model in models)
        figures = aurus_production.production_mentions(sentence, dates, brand_before, models)
        found.production.extend(figures)
        # (a count is no event; a start of production, or a target someone announced, is)
        counted = bool(figures) and not any(re.search(r"start|target", str(f.fields["metric"]))
                                            for f in figures)
        if sentence.section in on_topic and not counted:
            # (a digest's other stories are not this one's events; a count is no event)
            found.events.extend(timeline.event_mentions(sentence, dates))
            found.events.extend(timeline.undated_event_mentions(sentence, dates, previous_dates,
                                                                last_day))
        previous_dates = dates
        last_day = next((d.date for d in reversed(dates) if d.date.day and not d.speech
                         and not d.to_date), last_day)
    found.gifts = gifts.named_vehicles(gifts.with_makes(found.gifts, text), text)
    found.cars.extend(car_collection.gifted_cars(found.gifts))
    return found


MS_PER_SOURCE = 20.0  # extraction time of a news article, measured on bench/synthetic.py's


def _mentions_in_view(_: None, item: tuple[People, Source]) -> Mentions:
    view, source = item
    return source_mentions(source, view)


def stable_repr(value: object) -> str:
    """``repr`` with dict entries and set members in sorted order: the same for equal values in
    every process (string hashing, and so set order, differs between processes)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{stable_repr(k)}: {stable_repr(v)}"
                                      for k, v in value.items())) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(stable_repr(v) for v in value) + "]"
    return repr(value)


def all_mentions(sources: list[Source], names: People, cache_folder: Path | None) -> list[Mentions]:
    """``source_mentions`` of each source, in order, each computed with the source's view of the
    register (:func:`view_for`): kept in ``cache_folder`` under the source's content and that
    view, so a source's entry stays valid while other articles change; computed on every core
    when many are missing."""
    items = [(view_for(names, s.body), s) for s in sources]
    if cache_folder is None:
        return map_in_order(_mentions_in_view, items, None, MS_PER_SOURCE)
    cache = ContentCache(cache_folder, "mentions")
    keys = [content_key("mentions", stable_repr(view), s.id, s.date or "", s.title or "",
                        s.publisher or "", s.body) for view, s in items]
    missing = [(key, item) for key, item in zip(keys, items, strict=True)
               if cache.get(key) is None]
    found = map_in_order(_mentions_in_view, [item for _, item in missing], None, MS_PER_SOURCE)
    for (key, _), mentions in zip(missing, found, strict=True):
        cache.put(key, mentions)
    cache.save()
    return [cache.get(key) for key in keys]


def people_text(source: Source) -> str:
    """What the register of people learns from: the headline ("… the limo Putin just gave Kim
    Jong Un" may be the only place a name is written in full) and the text, without page
    furniture (a "Read more" link naming someone else does not make "Kim" mean her)."""
    return "\n\n".join([*([source.title] if source.title else []),
                          *joined_paragraphs(source.body)])


def extract_facts(sources: list[Source], cache_folder: Path | None = None) -> list[Fact]:
    """All facts stated in ``sources`` (pure: same sources, same facts, same order; the cache
    only saves work)."""
    people_cache = ContentCache(cache_folder, "people") if cache_folder else None
    names = learn_people([people_text(s) for s in sources], people_cache)
    if people_cache is not None:
        people_cache.save()
    found = Mentions()
    for mentions in all_mentions(sorted(sources, key=lambda s: s.id), names, cache_folder):
        found.gifts.extend(mentions.gifts)
        found.cars.extend(mentions.cars)
        found.production.extend(mentions.production)
        found.events.extend(mentions.events)
    facts = [
        *gifts.gift_facts(found.gifts, names),
        *car_collection.car_facts(found.cars, names),
        *aurus_production.production_facts(found.production),
        *timeline.timeline_facts(found.events),
    ]
    return unique_ids(facts)


@dataclass(frozen=True)
class CategoryReport:
    """What one extraction found in one category."""

    category: str
    facts: int
    sources: int
    added: list[str]
    dropped: list[str]
    kept_by_editor: int


@dataclass(frozen=True)
class ExtractReport:
    """Per category and per source counts of one extraction, and the files it changed."""

    categories: list[CategoryReport]
    written: list[Path]
    per_source: dict[str, Counter[str]]


def run_extract(project: Project, parsed: ParsedFiles | None = None) -> ExtractReport:
    """Extract facts from every source and merge them into the facts files.

    Every facts file is parsed first: if an editor's file has a problem, nothing is written.
    """
    sources = load_sources(project, parsed)
    files = load_facts_files(project)
    existing = [f for name, ff in files.items() if name in EXTRACTED_CATEGORIES for f in ff.facts]
    fresh = extract_facts(sources, project.cache)
    merged = merge(existing, fresh)
    written = save_facts(project, merged, sources_digest(sources), EXTRACTED_CATEGORIES)
    before = {f.id for f in existing}
    after = {f.id for f in merged}
    reports = []
    per_source: dict[str, Counter[str]] = {s.id: Counter() for s in sources}
    for name in EXTRACTED_CATEGORIES:
        facts = [f for f in merged if f.category == name]
        cited = {q.source for f in facts for q in f.sources}
        for fact in facts:
            for source in {q.source for q in fact.sources}:
                per_source.setdefault(source, Counter())[name] += 1
        old = {f.id for f in existing if f.category == name}
        reports.append(CategoryReport(
            category=name, facts=len(facts), sources=len(cited),
            added=sorted({f.id for f in facts} - before),
            dropped=sorted(old - after),
            kept_by_editor=sum(1 for f in facts if f.reviewed or not f.by_extract),
        ))
    return ExtractReport(reports, written, per_source)
