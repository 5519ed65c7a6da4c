"""``site/facts.json`` and ``site/facts.yaml``: every fact with its computed corroboration,
for readers' own tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from generator.analysis.corroboration import corroboration
from generator.facts import Fact, sort_facts
from generator.yamlfile import dump_yaml_items


def fact_record(fact: Fact, group_of: Mapping[str, str]) -> dict[str, Any]:
    """A fact's fields as in its file, plus its category and corroboration counts."""
    counted = corroboration((q.source for q in fact.sources), group_of)
    return {"category": fact.category, **fact.as_yaml_data(), "corroboration": counted.as_data()}


def facts_json(facts: Iterable[Fact], group_of: Mapping[str, str]) -> str:
    records = [fact_record(f, group_of) for f in sort_facts(facts)]
    if not records:
        return json.dumps({"facts": records}, ensure_ascii=False, indent=2) + "\n"
    # json.dumps({"facts": records}, indent=2), record by record (json's indenting encoder is
    # pure Python; serve writes this file on every save and most records are unchanged).
    return '{\n  "facts": [\n    ' + ",\n    ".join(_json_record(r) for r in records) + "\n  ]\n}\n"


def _json_record(record: dict[str, Any]) -> str:
    key = repr(record)
    text = _RECENT_RECORDS.get(key)
    if text is None:
        if len(_RECENT_RECORDS) > 200_000:
            _RECENT_RECORDS.clear()
        text = _RECENT_RECORDS[key] = json.dumps(record, ensure_ascii=False, indent=2).replace(
            "\n", "\n    ")
    return text


_RECENT_RECORDS: dict[str, str] = {}


def facts_yaml(facts: Iterable[Fact], group_of: Mapping[str, str]) -> str:
    records = [fact_record(f, group_of) for f in sort_facts(facts)]
    return dump_yaml_items("facts", records)  # the same text; each record's kept while serving
