"""Facts files: schema errors with positions, quote checks, merge keeps editors' facts, no diff."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.facts import (
    GIFTS,
    Fact,
    Quote,
    load_facts,
    merge,
    normalise_quote_text,
    quote_in_body,
)
from generator.project import Project

PROJECT = Path(__file__).parent.parent
SOURCE_ID = "001-russian-president-vladimir-putin-wednesday-took"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT / "content", root / "content",
                    ignore=shutil.ignore_patterns("facts"))
    shutil.copytree(PROJECT / "themes", root / "themes")
    shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    assert main(["-C", str(root), "extract"]) == 0
    return root


def facts_file(project: Path, name: str = "gifts") -> Path:
    return project / "content" / "facts" / f"{name}.yaml"


def run(project: Path, *args: str) -> int:
    return main(["-C", str(project), *args])


GOOD_FACT = f"""\
facts:
  - id: hand-added-gift
    claim: Someone gave someone something.
    status: extracted
    giver: Vladimir Putin
    recipient: Kim Jong Un
    item: tea set
    date: 2024-06-19
    sources:
      - source: {SOURCE_ID}
        quote: "Putin gave Kim a first Aurus limousine"
"""


@pytest.mark.parametrize(("edit", "message"), [
    (("    item: tea set\n", "    itme: tea set\n"),
     "7:5: unknown field 'itme' (did you mean 'item'?)"),
    (("status: extracted", "status: done"), "4:13: 'facts.0.status' must be one of"),
    (("    date: 2024-06-19\n", "    date: 19 June\n"), "8:11: 'facts.0.date' must be an ISO date"),
    (("    giver: Vladimir Putin\n", ""), "2:5: missing required field 'giver'"),
    (("- id: hand-added-gift", "- id: Hand Added"), "2:9: 'facts.0.id' must be a slug"),
])
def test_schema_errors_name_line_and_column(project: Path, capsys: pytest.CaptureFixture[str],
                                            edit: tuple[str, str], message: str) -> None:
    facts_file(project).write_text(GOOD_FACT.replace(*edit), encoding="utf-8")
    assert run(project, "check") == 1
    err = capsys.readouterr().err
    assert f"content/facts/gifts.yaml:{message}" in err
    assert "Traceback" not in err


def test_quote_not_in_source_is_reported_where_it_is(project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    facts_file(project).write_text(GOOD_FACT.replace("a first Aurus", "a second Aurus"),
                                   encoding="utf-8")
    assert run(project, "check") == 1
    err = capsys.readouterr().err
    assert f"content/facts/gifts.yaml:11:16: quote not found in source '{SOURCE_ID}'" in err
    assert run(project, "build") == 1


def test_unknown_source_and_duplicate_ids(project: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    facts_file(project).write_text(GOOD_FACT.replace(f"source: {SOURCE_ID}", "source: nope"),
                                   encoding="utf-8")
    assert run(project, "check") == 1
    assert "content/facts/gifts.yaml:10:17: unknown source 'nope'" in capsys.readouterr().err
    timeline = facts_file(project, "timeline").read_text(encoding="utf-8")
    first_id = timeline.split("- id: ")[1].split("\n")[0]
    facts_file(project).write_text(GOOD_FACT.replace("hand-added-gift", first_id),
                                   encoding="utf-8")
    assert run(project, "check") == 1
    assert f"duplicate fact id '{first_id}'" in capsys.readouterr().err


def test_quotes_compare_with_whitespace_and_typographic_marks_normalised() -> None:
    body = "He said the “alliance” was   strong —\n\nand Kim’s car arrived."
    assert quote_in_body('the "alliance" was strong - and Kim\'s car', body)
    assert not quote_in_body("the alliance was strong", body)
    assert normalise_quote_text("a\u00a0 b…") == "a b..."


def test_reviewed_fact_is_never_changed_by_re_extraction(project: Path) -> None:
    path = facts_file(project)
    text = path.read_text(encoding="utf-8")
    first = text.index("status: extracted")
    edited = text[:first] + "status: reviewed" + text[first + len("status: extracted"):]
    edited = edited.replace("claim: Vladimir Putin gave", "claim: EDITED Vladimir Putin gave", 1)
    path.write_text(edited, encoding="utf-8")
    reviewed = [f for f in load_facts(Project(project)) if f.reviewed]
    assert len(reviewed) == 1 and reviewed[0].claim.startswith("EDITED")
    assert run(project, "extract") == 0
    after = {f.id: f for f in load_facts(Project(project))}
    assert after[reviewed[0].id].claim == reviewed[0].claim
    assert after[reviewed[0].id].status == "reviewed"
    assert len([f for f in after.values() if f.id == reviewed[0].id]) == 1


def test_hand_added_fact_is_kept_and_stale_extracted_facts_go(project: Path) -> None:
    path = facts_file(project)
    text = path.read_text(encoding="utf-8")
    hand = GOOD_FACT.split("facts:\n", 1)[1]
    path.write_text(text.replace("facts:\n", "facts:\n" + hand, 1), encoding="utf-8")
    assert run(project, "extract") == 0
    ids = {f.id for f in load_facts(Project(project))}
    assert "hand-added-gift" in ids
    # A fact extraction wrote (listed in the header) that no source supports any more goes.
    text = path.read_text(encoding="utf-8")
    header, body = text.split("facts:\n", 1)
    stale = hand.replace("hand-added-gift", "gift-stale")
    path.write_text(header.replace("# extracted:", "# extracted: gift-stale", 1) + "facts:\n"
                    + stale + body, encoding="utf-8")
    assert "gift-stale" in {f.id for f in load_facts(Project(project))}
    assert run(project, "extract") == 0
    ids = {f.id for f in load_facts(Project(project))}
    assert "gift-stale" not in ids and "hand-added-gift" in ids


def test_re_extraction_is_byte_identical(project: Path) -> None:
    before = {p.name: p.read_bytes() for p in (project / "content" / "facts").iterdir()}
    assert run(project, "extract") == 0
    after = {p.name: p.read_bytes() for p in (project / "content" / "facts").iterdir()}
    assert before == after


def test_malformed_yaml_stops_extract_and_is_not_overwritten(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = facts_file(project, "car-collection")
    broken = "facts:\n  - id: x\n    claim: [unclosed\n"
    path.write_text(broken, encoding="utf-8")
    gifts_before = facts_file(project).read_bytes()
    assert run(project, "extract") == 1
    err = capsys.readouterr().err
    assert "content/facts/car-collection.yaml:" in err and "invalid YAML" in err
    assert path.read_text(encoding="utf-8") == broken
    assert facts_file(project).read_bytes() == gifts_before


def test_merge_keeps_editors_facts_and_replaces_extracted_ones() -> None:
    def fact(fact_id: str, status: str = "extracted", by_extract: bool = True,
             claim: str = "c") -> Fact:
        return Fact("gifts", fact_id, claim, status, (Quote("s", "q"),),
                    {"giver": "a", "recipient": "b", "item": "i", "date": None}, by_extract)

    existing = [fact("a", "reviewed", claim="editor"), fact("b", by_extract=False),
                fact("c", claim="old"), fact("gone")]
    fresh = [fact("a", claim="new"), fact("c", claim="new"), fact("d")]
    merged = {f.id: f for f in merge(existing, fresh)}
    assert sorted(merged) == ["a", "b", "c", "d"]
    assert merged["a"].claim == "editor" and merged["c"].claim == "new"
    assert GIFTS.filename == "gifts.yaml"
