"""Cross-source analysis on constructed article pairs and on the seed articles."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.analysis.corroboration import corroboration
from generator.analysis.discrepancies import compare_articles, numbers
from generator.analysis.passages import sentences
from generator.analysis.syndication import (
    COPY_SHARED_WORDING,
    Group,
    Link,
    is_syndicated,
    measure,
    profile,
)
from generator.analysis.syndication_file import load_groups
from generator.analysis.update import analyse, update_analysis
from generator.facts import load_facts, verify_facts
from generator.project import Project
from generator.sources import Source, load_sources

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "analysis"


def article(name: str) -> str:
    """A constructed article about an invented event (see tests/fixtures/analysis/)."""
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").strip()


WIRE = article("wire")
LIGHT_REWRITE = article("light-rewrite")
INDEPENDENT = article("independent")
PARAPHRASE = article("paraphrase")

def one_number_changed(text: str) -> str:
    return text.replace("About 14,000 vehicles", "About 41,000 vehicles")


def wording_changed(text: str) -> str:
    return (text.replace("deep cracks", "serious cracks")
                .replace("a well-kept", "a manicured")
                .replace("would stay closed", "would remain shut")
                .replace("Drivers will be sent", "Motorists will be sent"))


def source(source_id: str, body: str) -> Source:
    return Source(id=source_id, raw=None, title=None, publisher=None, date=None, url=None,
                  body=body + "\n", path=Path(f"{source_id}.md"))


def link(a: str, b: str) -> Link:
    return measure(profile(source("a", a)), profile(source("b", b)))


def differences(a: str, b: str) -> list[tuple[tuple[str, ...], str, str]]:
    found = compare_articles(sentences(source("a", a)), sentences(source("b", b)))
    return [(d.kinds, d.sides[0].value, d.sides[1].value) for d in found]


# --- syndication on constructed pairs --------------------------------------------------------

def test_exact_copy_is_syndicated() -> None:
    measured = link(WIRE, WIRE)
    assert measured.shared_wording == 1.0
    assert is_syndicated(measured)


def test_light_rewrite_is_syndicated_as_a_copy() -> None:
    measured = link(WIRE, LIGHT_REWRITE)
    assert measured.shared_wording >= COPY_SHARED_WORDING
    assert is_syndicated(measured)


def test_paraphrased_rewrite_is_syndicated_by_sentence_alignment() -> None:
    measured = link(WIRE, PARAPHRASE)
    assert measured.shared_wording < COPY_SHARED_WORDING
    assert is_syndicated(measured)


def test_independent_report_of_the_same_event_is_not_syndicated() -> None:
    measured = link(WIRE, INDEPENDENT)
    assert not is_syndicated(measured)
    assert measured.shared_wording < 0.1


def test_groups_join_copies_and_keep_independent_reports_apart() -> None:
    sources = [source("a-wire", WIRE), source("b-copy", LIGHT_REWRITE),
               source("c-own", INDEPENDENT), source("d-rewrite", PARAPHRASE)]
    groups = analyse(sources).groups
    assert [g.members for g in groups] == [("a-wire", "b-copy", "d-rewrite"), ("c-own",)]
    assert groups[0].id == "story-a-wire"


def test_reviewed_groups_are_kept_and_their_members_taken_out() -> None:
    sources = [source("a-wire", WIRE), source("b-copy", LIGHT_REWRITE),
               source("c-own", INDEPENDENT)]
    reviewed = [Group("my-group", ("b-copy",), status="reviewed")]
    groups = analyse(sources, reviewed).groups
    assert [(g.id, g.members) for g in groups] == [
        ("story-a-wire", ("a-wire",)), ("my-group", ("b-copy",)), ("story-c-own", ("c-own",))]


def test_corroboration_counts_a_group_once() -> None:
    group_of = {"a": "story-a", "b": "story-a", "c": "story-c"}
    counted = corroboration(["a", "b", "c", "d", "a"], group_of)
    assert (counted.articles, counted.independent) == (4, 3)


# --- discrepancies on constructed pairs ------------------------------------------------------

def test_pair_differing_in_one_number_is_a_discrepancy() -> None:
    found = differences(WIRE, one_number_changed(WIRE))
    assert found == [(("number",), "14,000", "41,000")]


def test_pair_differing_only_in_wording_has_no_discrepancy() -> None:
    assert differences(WIRE, wording_changed(WIRE)) == []
    assert differences("He walked through a well-kept park near the river.",
                       "He walked through a manicured park near the river.") == []


def test_paraphrase_and_light_rewrite_have_no_discrepancy() -> None:
    assert differences(WIRE, PARAPHRASE) == []
    assert differences(WIRE, LIGHT_REWRITE) == []
    assert differences(WIRE, INDEPENDENT) == []


@pytest.mark.parametrize(("first", "second", "kind"), [
    ("The mayor met two ministers, reportedly advisers, at the port on Monday.",
     "The mayor met three ministers, reportedly advisers, at the port on Monday.", "number"),
    ("The meeting was chaired by Finance Minister Lena Holt in the capital.",
     "The meeting was chaired by Finance Minister Maria Sorel in the capital.", "name"),
    ("The agreement was signed in Oslo after two days of talks.",
     "The agreement was signed in Geneva after two days of talks.", "name"),
    ("The ferry left the harbour on Monday with forty passengers aboard.",
     "The ferry left the harbour on Thursday with forty passengers aboard.", "date"),
    ("Behind them walked a man in a grey coat, presumably an interpreter, carrying a folder.",
     "Behind them walked a man in a grey coat, presumably a bodyguard, carrying a folder.", "noun"),
])
def test_factual_differences_are_found(first: str, second: str, kind: str) -> None:
    found = differences(first, second)
    assert len(found) == 1 and kind in found[0][0]


@pytest.mark.parametrize(("first", "second"), [
    ("Around 1,000 people attended the rally in the square.",
     "Around 1000 people attended the rally in the square."),
    ("The president received a pair of hunting dogs from his host.",
     "The president received two hunting dogs from his host."),
    ("He owns a Lexus, a Maybach limousine and several Mercedes cars.",
     "He owns a Maybach limousine, a Lexus and several Mercedes cars."),
    ("The factory in St. Petersburg will open this year, officials said.",
     "The factory in St Petersburg will open in 2024, officials said."),
    ("U.N. Security Council resolutions ban the export of luxury goods.",
     "UN Security Council resolutions prohibit the export of luxury goods."),
    ("The black armoured car drove through a carefully kept park.",
     "The black armored car drove through a neat park."),
])
def test_wording_variants_are_not_discrepancies(first: str, second: str) -> None:
    assert differences(first, second) == []


def test_number_words_and_digits_share_one_form() -> None:
    assert numbers(["about", "1,000", "km", "and", "two", "hundred", "miles"]) == {"1000", "200"}
    assert numbers(["a", "pair", "of", "first"]) == {"2", "#1"}


# --- the seed articles -----------------------------------------------------------------------

@pytest.fixture()
def seed_project(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "content" / "sources", tmp_path / "content" / "sources")
    shutil.copytree(REPO / "content" / "pages", tmp_path / "content" / "pages")
    shutil.copytree(REPO / "themes", tmp_path / "themes")
    shutil.copy(REPO / "site.yaml", tmp_path / "site.yaml")
    return Project(tmp_path)


def test_seed_wire_copies_group_together_and_disagree(seed_project: Project) -> None:
    sources = load_sources(seed_project)
    result = analyse(sources)
    multi = [g for g in result.groups if len(g.members) > 1]
    # The two articles with the highest shared wording must be in one group.
    best = max((link for g in multi for link in g.links), key=lambda k: k.shared_wording)
    assert best.shared_wording > 0.6
    pair_group = [g for g in multi if best.a in g.members]
    assert pair_group and best.b in pair_group[0].members
    # ...and at least one discrepancy is found between those two copies, with verified quotes.
    between = [f for f in result.discrepancies if {q.source for q in f.sources} >= {best.a, best.b}]
    assert between
    assert verify_facts(result.discrepancies, sources) == []
    assert all(len(f.fields["versions"]) == 2 for f in result.discrepancies)


def test_update_keeps_reviewed_entries_and_is_deterministic(seed_project: Project) -> None:
    sources = load_sources(seed_project)
    update_analysis(seed_project, sources)
    facts_file = seed_project.facts / "discrepancies.yaml"
    groups_file = seed_project.content / "syndication.yaml"
    first = facts_file.read_text(), groups_file.read_text()
    assert update_analysis(seed_project, sources) == []
    assert (facts_file.read_text(), groups_file.read_text()) == first

    edited = first[0].replace("status: extracted", "status: reviewed", 1).replace(
        "claim: '", "claim: 'Edited. ", 1)
    facts_file.write_text(edited)
    groups_file.write_text(first[1].replace("status: extracted", "status: reviewed", 1))
    update_analysis(seed_project, sources)
    assert "claim: 'Edited." in facts_file.read_text()
    assert "status: reviewed" in groups_file.read_text()
    assert any(g.status == "reviewed" for g in load_groups(seed_project, [s.id for s in sources]))
    assert any(f.reviewed for f in load_facts(seed_project))


def test_build_publishes_corroboration_in_facts_json(seed_project: Project) -> None:
    run = subprocess.run([sys.executable, "-m", "generator", "-C", str(seed_project.root), "build"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    data = json.loads((seed_project.site / "facts.json").read_text())
    assert data["facts"]
    for fact in data["facts"]:
        counted = fact["corroboration"]
        assert counted["articles"] == len({s["source"] for s in fact["sources"]})
        assert 1 <= counted["independent"] <= counted["articles"]
    page = next((seed_project.site / "sources").glob("001-*/index.html")).read_text()
    assert "Same underlying story as" in page


def test_unknown_member_in_syndication_file_is_a_located_error(seed_project: Project) -> None:
    (seed_project.content / "syndication.yaml").write_text(
        "groups:\n  - id: story-x\n    status: reviewed\n    members:\n      - no-such-source\n")
    run = subprocess.run([sys.executable, "-m", "generator", "-C", str(seed_project.root), "check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "content/syndication.yaml:5:9: unknown source 'no-such-source'" in run.stderr
    assert "Traceback" not in run.stderr
