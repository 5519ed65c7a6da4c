"""Extraction: fixture snippets with their expected facts, relative dates, merging, the CLI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.extract import extract_facts
from generator.extract.relative_dates import find_dates
from generator.facts import Fact, load_facts, normalise_quote_text
from generator.sources import Source

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
PROJECT = Path(__file__).parent.parent


def fixture_sources(spec: dict[str, Any]) -> list[Source]:
    return [
        Source(id=s["id"], raw=None, title=s.get("title"), publisher=None,
               date=str(s["date"]) if s.get("date") else None, url=None, body=s["body"],
               path=Path(f"{s['id']}.md"))
        for s in spec["sources"]
    ]


def matches(fact: Fact, expected: dict[str, Any]) -> bool:
    for name, value in expected.items():
        if name == "sources":
            if sorted(q.source for q in fact.sources) != sorted(value):
                return False
        elif str(fact.fields.get(name)) != str(value):
            return False
    return True


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = fixture_sources(spec)
    facts = extract_facts(sources)
    bodies = {s.id: normalise_quote_text(s.body) for s in sources}
    for fact in facts:
        for quote in fact.sources:
            assert normalise_quote_text(quote.quote) in bodies[quote.source]
    for category, expected in spec["expect"].items():
        found = [f for f in facts if f.category == category]
        shown = "\n".join(f"  {f.fields} {[q.source for q in f.sources]}" for f in found)
        assert len(found) == len(expected), f"{category}: got\n{shown}"
        for wanted in expected:
            assert any(matches(f, wanted) for f in found), f"{category}: {wanted} not in\n{shown}"


@pytest.mark.parametrize(("text", "today", "iso"), [
    ("They met on Wednesday.", "2024-06-19", "2024-06-19"),
    ("They met on Wednesday.", "2024-06-21", "2024-06-19"),
    ("They will meet next Monday.", "2024-06-19", "2024-06-24"),
    ("He said last month that", "2024-01-10", "2023-12"),
    ("in February this year", "2024-06-19", "2024-02"),
    ("in September last year", "2024-06-19", "2023-09"),
    ("in May", "2024-06-19", "2024-05"),
    ("in July", "2024-06-19", "2023-07"),
    ("in 2021", "2024-06-19", "2021"),
    ("in February 2022", None, "2022-02"),
    ("on June 3", "2024-06-19", "2024-06-03"),
    ("three days ago", "2024-03-02", "2024-02-28"),
    ("yesterday", "2024-01-01", "2023-12-31"),
])
def test_relative_dates(text: str, today: str | None, iso: str) -> None:
    day = dt.date.fromisoformat(today) if today else None
    assert [m.date.iso for m in find_dates(text, day)] == [iso]


@pytest.mark.parametrize("text", ["on Wednesday", "in February this year", "last month"])
def test_relative_dates_without_article_date_are_not_guessed(text: str) -> None:
    assert [m.date.iso for m in find_dates(text, None)] == [None]


def test_so_far_this_year_is_a_period() -> None:
    (mention,) = find_dates("40 cars were sold so far this year", dt.date(2024, 6, 19))
    assert mention.to_date and mention.date.iso == "2024"


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Prices may rise in the spring.", dt.date(2024, 6, 19)) == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    # Without the facts files, and so without the narrative that cites reviewed facts.
    shutil.copytree(PROJECT / "content", root / "content",
                    ignore=shutil.ignore_patterns("facts", "pages"))
    shutil.copytree(PROJECT / "themes", root / "themes")
    shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    return root


def test_extract_end_to_end_on_the_seed_project(project: Path, capsys: pytest.CaptureFixture[str]
                                                ) -> None:
    assert main(["-C", str(project), "extract", "--report"]) == 0
    out = capsys.readouterr().out
    assert "gifts" in out and "facts from" in out and "facts per source:" in out
    for name in ("gifts", "car-collection", "aurus-production", "timeline"):
        assert (project / "content" / "facts" / f"{name}.yaml").is_file()
    from generator.project import Project

    facts = load_facts(Project(project))
    gifts = [f for f in facts if f.category == "gifts"]
    items = {f.fields["item"].lower() for f in gifts}
    assert {"tea set", "pungsan dogs"} <= items
    aurus = [f for f in gifts if "aurus" in f.fields["item"].lower()]
    assert sorted(f.fields["date"][:7] for f in aurus) == ["2024-02", "2024-06"]
    assert all(len(f.sources) >= 3 for f in aurus)
    makes = {f.fields["make"] for f in facts if f.category == "car-collection"}
    assert {"Maybach", "Mercedes", "Rolls-Royce", "Lexus", "Aurus"} <= makes
    assert main(["-C", str(project), "check"]) == 0
    before = {p.name: p.read_bytes() for p in (project / "content" / "facts").iterdir()}
    assert main(["-C", str(project), "extract"]) == 0
    after = {p.name: p.read_bytes() for p in (project / "content" / "facts").iterdir()}
    assert before == after


def test_report_shows_what_a_new_article_added(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(project), "extract"]) == 0
    capsys.readouterr()
    (project / "content" / "sources" / "009-new.md").write_text(
        "---\nid: 009-new\nraw: null\ndate: 2024-06-22\n---\n\n"
        "Russian President Vladimir Putin also gave Kim Jong Un a hunting rifle on Friday.\n",
        encoding="utf-8")
    assert main(["-C", str(project), "extract", "--report"]) == 0
    out = capsys.readouterr().out
    assert "+ gift-putin-kim-hunting-rifle-2024-06-21" in out
    assert "009-new: 1 gifts" in out


def test_build_extracts_when_facts_are_missing_or_stale(project: Path) -> None:
    assert main(["-C", str(project), "build"]) == 0
    gifts = project / "content" / "facts" / "gifts.yaml"
    assert gifts.is_file()
    source = next((project / "content" / "sources").glob("004-*.md"))
    source.write_text(source.read_text(encoding="utf-8").replace(
        "a tea set and", "a samovar and"), encoding="utf-8")
    assert main(["-C", str(project), "build"]) == 0
    assert "samovar" in gifts.read_text(encoding="utf-8")


def test_format_iso_names_every_month() -> None:
    """Each month number is shown with its own name (an abbreviation such as "sept" once
    shifted October to December by one)."""
    from generator.dates import format_iso

    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
    for number, name in enumerate(names, start=1):
        assert format_iso(f"2017-{number:02d}") == f"{name} 2017"
        assert format_iso(f"2017-{number:02d}-09") == f"9 {name} 2017"
