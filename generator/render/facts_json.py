"""``site/facts.json`` and ``site/facts.yaml``: every fact with its computed corroboration,
for readers' own tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from generator.analysis.corroboration import corroboration
from generator.facts import Fact, sort_facts
from generator.yamlfile import dump_yaml


def fact_record(fact: Fact, group_of: Mapping[str, str]) -> dict[str, Any]:
    """A fact's fields as in its file, plus its category and corroboration counts."""
    counted = corroboration((q.source for q in fact.sources), group_of)
    return {"category": fact.category, **fact.as_yaml_data(), "corroboration": counted.as_data()}


def facts_json(facts: Iterable[Fact], group_of: Mapping[str, str]) -> str:
    records = [fact_record(f, group_of) for f in sort_facts(facts)]
    return json.dumps({"facts": records}, ensure_ascii=False, indent=2) + "\n"


def facts_yaml(facts: Iterable[Fact], group_of: Mapping[str, str]) -> str:
    records = [fact_record(f, group_of) for f in sort_facts(facts)]
    return dump_yaml({"facts": records})
