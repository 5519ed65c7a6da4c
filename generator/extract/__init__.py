"""Extraction: ``content/sources/*.md`` → facts (gifts, car collection, Aurus production, timeline).

Each source is split into sentences; people, dates and noun phrases are found in each;
one module per category turns sentences into mentions; mentions of the same fact in
several sources become one fact with one quote per source (see ``mentions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.extract import aurus_production, car_collection, gifts, timeline
from generator.extract.mentions import Mention, unique_ids
from generator.extract.people import People, PersonMention, find_people
from generator.extract.relative_dates import find_dates
from generator.extract.sentences import split_sentences
from generator.facts import Fact
from generator.sources import Source


@dataclass
class Mentions:
    """Every category's mentions, gathered sentence by sentence."""

    gifts: list[Mention] = field(default_factory=list)
    cars: list[Mention] = field(default_factory=list)
    production: list[Mention] = field(default_factory=list)
    events: list[Mention] = field(default_factory=list)


def extract_facts(sources: list[Source]) -> list[Fact]:
    """All facts stated in ``sources`` (pure: same sources, same facts, same order)."""
    names = People.learn(s.body for s in sources)
    found = Mentions()
    for source in sorted(sources, key=lambda s: s.id):
        context: list[PersonMention] = []
        source_gifts: list[Mention] = []
        sentences = split_sentences(source)
        for position, sentence in enumerate(sentences):
            people = find_people(sentence.text, names, context)
            dates = find_dates(sentence.text, sentence.article_date)
            named = [p for p in people if not p.pronoun]
            context = named or context
            new_gifts = gifts.gift_mentions(sentence, people, dates, names, source_gifts)
            source_gifts.extend(new_gifts)
            found.cars.extend(car_collection.car_mentions(sentences, position, people))
            found.production.extend(aurus_production.production_mentions(sentence, dates))
            found.events.extend(timeline.event_mentions(sentence, dates))
        found.gifts.extend(source_gifts)
    facts = [
        *gifts.gift_facts(found.gifts, names),
        *car_collection.car_facts(found.cars, names),
        *aurus_production.production_facts(found.production),
        *timeline.timeline_facts(found.events),
    ]
    return unique_ids(facts)
