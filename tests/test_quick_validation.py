"""The quick check that lets a valid file skip jsonschema never accepts what jsonschema rejects,
and does accept ordinary valid files, so a build of valid content never imports jsonschema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import generator.analysis.discrepancies  # noqa: F401  (registers the discrepancies category)
from generator import config, pages, sources
from generator.analysis import syndication_file
from generator.facts import CATEGORIES
from generator.render.theme import THEME_SCHEMA
from generator.yamlfile import conforms

SCHEMAS: dict[str, Any] = {
    "site.yaml": config.SCHEMA, "page": pages.SCHEMA, "source": sources.SCHEMA,
    "theme.yaml": THEME_SCHEMA, "syndication.yaml": syndication_file.SCHEMA,
    **{f"facts/{name}": category.schema() for name, category in CATEGORIES.items()},
}

POOL: list[Any] = [None, True, False, 0, 1, 2, 1.0, 2.5, -1, 3000, float("nan"), "", "x", "a b",
                   "A", "2024-06-19", "2024-06", "2024-13", "https://a.example/x", "example.org",
                   "gift", "smuggled", "reviewed", "extracted", "en", "EN", "story-a", "../x",
                   "1.5", "a/b.txt", [], ["x"], {}, {"x": 1}]


def example(schema: Any) -> Any:
    """A valid value with every optional field present, built from ``POOL``."""
    if "properties" in schema or "additionalProperties" in schema:
        value = {name: example(sub) for name, sub in schema.get("properties", {}).items()}
        if isinstance(schema.get("additionalProperties"), dict):
            value["extra-key"] = example(schema["additionalProperties"])
        return value
    if "items" in schema:
        return [example(schema["items"]) for _ in range(max(1, schema.get("minItems", 0)))]
    return next(v for v in [*schema.get("enum", []), *POOL]
                if jsonschema.Draft202012Validator(schema).is_valid(v))


def mutants(value: Any) -> Iterator[Any]:
    """``value`` changed in one place: any part replaced by each ``POOL`` value, a key
    dropped or added, a list emptied, shortened or grown."""
    yield from POOL
    if isinstance(value, dict):
        yield {**value, "descripton": "x"}
        for name in value:
            yield {k: v for k, v in value.items() if k != name}
            for changed in mutants(value[name]):
                yield {**value, name: changed}
    if isinstance(value, list):
        yield []
        yield value[:-1]
        yield [*value, *value]
        for index, item in enumerate(value):
            for changed in mutants(item):
                yield [*value[:index], changed, *value[index + 1:]]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_quick_check_accepts_nothing_jsonschema_rejects(name: str) -> None:
    schema = SCHEMAS[name]
    validator = jsonschema.Draft202012Validator(schema)
    valid = example(schema)
    assert validator.is_valid(valid) and conforms(valid, schema)
    checked = 0
    for value in mutants(valid):
        if conforms(value, schema):
            assert validator.is_valid(value), value
        checked += 1
    assert checked > 50


def test_quick_check_accepts_ordinary_files_and_rejects_mistakes() -> None:
    site = {"title": "Aurus", "base_url": "https://example.org/", "theme": "default",
            "categories": {"gifts": {"title": "Gifts"}}}
    assert conforms(site, config.SCHEMA)
    assert not conforms({**site, "descripton": "typo"}, config.SCHEMA)
    assert not conforms({**site, "base_url": "example.org"}, config.SCHEMA)
    assert not conforms({"title": "Aurus"}, config.SCHEMA)
    assert conforms({"title": "About", "description": "How"}, pages.SCHEMA)
    assert not conforms({"title": ""}, pages.SCHEMA)
    gift = {"id": "gift-car", "claim": "Putin gave Kim a car.", "status": "extracted",
            "giver": "Putin", "recipient": "Kim", "item": "car", "quantity": 1, "date": None,
            "sources": [{"source": "a", "quote": "Putin gave Kim a car."}]}
    schema = CATEGORIES["gifts"].schema()
    assert conforms({"facts": [gift]}, schema) == (
        not list(jsonschema.Draft202012Validator(schema).iter_errors({"facts": [gift]})))
    assert not conforms({"facts": [{**gift, "quantity": True}]}, schema) or not list(
        jsonschema.Draft202012Validator(schema).iter_errors({"facts": [{**gift, "quantity": True}]}))


def test_build_of_valid_content_does_not_import_jsonschema(seed_project: Path) -> None:
    """A clean checkout's cold build (facts extracted, no site/ or cache) reads every file
    kind: site.yaml, theme.yaml, pages, sources, facts and syndication.yaml."""
    code = ("import sys; from generator.cli import main; "
            f"assert main(['-C', {str(seed_project)!r}, 'build']) == 0; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jsonschema'))")
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    shutil.rmtree(seed_project / "site")
    shutil.rmtree(seed_project / ".explainer-cache")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "built" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"
    (seed_project / "site.yaml").write_text("title: x\nbase_url: nowhere\n", encoding="utf-8")
    wrong = subprocess.run([sys.executable, "-m", "generator", "-C", str(seed_project), "build"],
                           capture_output=True, text=True)
    assert wrong.returncode == 1
    assert "site.yaml:2:11: 'base_url' must be an http:// or https:// address" in wrong.stderr
