"""The indexes and caches that keep cost linear in the number of articles give the answers of
the plain definitions they replace."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import generator.extract as extract_module
import generator.parallel
from bench.extract_eval import EVAL
from bench.synthetic import article, make_project
from generator.analysis import syndication
from generator.analysis import update as analysis_update
from generator.analysis.syndication import (
    CANDIDATES_PER_ARTICLE,
    MIN_SHARED_FEATURES,
    candidate_pairs,
)
from generator.build import prepare
from generator.cache import ContentCache
from generator.extract import source_mentions, stable_repr
from generator.extract.people import People
from generator.extract.register import learn_people, view_for
from generator.ingest.raw import SAME_ARTICLE_SIMILARITY, KnownArticles
from generator.ingest.text import CleanArticle, clean_article, comparison_key
from generator.project import Project
from generator.sources import Source, load_sources, parse_source
from generator.yamlfile import dump_yaml, dump_yaml_items
from tests.test_speed_equivalence import snapshot

REPO = Path(__file__).resolve().parent.parent


def _differ(mine: str | None, theirs: str | None) -> bool:
    if mine is None or theirs is None:
        return False
    a, b = (re.sub(r"^the ", "", comparison_key(v)) for v in (mine, theirs))
    return a not in b and b not in a


def _bare(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?|[?#].*$|/+$", "", url.lower())


def twin_by_scan(article: CleanArticle, sources: list[Source]) -> Source | None:
    """The definition: every source in order, the first that is the same page or text."""
    body_key = comparison_key(article.body)
    for source in sources:
        if article.url and source.url and _bare(article.url) == _bare(source.url):
            return source
        if any(_differ(m, t) for m, t in ((article.publisher, source.publisher),
                                          (article.date, source.date), (article.url, source.url))):
            continue
        other_key = comparison_key(source.body)
        shorter, longer = sorted((len(body_key), len(other_key)))
        if body_key == other_key or (shorter >= 0.9 * longer and fuzz.ratio(
                body_key, other_key, score_cutoff=SAME_ARTICLE_SIMILARITY)):
            return source
    return None


PUBLISHERS = st.sampled_from([None, "Reuters", "Thomson Reuters", "The Times", "Times", "AP",
                              "Japan Times", "!!", "the"])
DATES = st.sampled_from([None, "2024", "2024-06", "2024-06-19", "2024-06-20", "2023-06-19"])
URLS = st.sampled_from([None, "https://a.example/x", "http://www.a.example/x/", "https://a.example/x?s=1",
                        "https://b.example/y", "https://a.example/x/more"])
BODIES = st.sampled_from([
    "Putin gave Kim a car. The two men met in Pyongyang.",
    "Putin gave Kim a car! The two men met in Pyongyang",
    "Putin gave Kim a car. The two men met in Pyongyang today.",
    "Kim gave Putin two dogs. They met in Pyongyang.",
    "An unrelated story about a bridge that reopened after repairs.",
])
ARTICLES = st.builds(CleanArticle, body=BODIES, title=st.none(), publisher=PUBLISHERS,
                     date=DATES, url=URLS)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARTICLES, max_size=12), ARTICLES, st.integers(min_value=-1, max_value=12))
def test_indexed_twin_is_the_first_twin_by_scan(known: list[CleanArticle], article: CleanArticle,
                                                 excluded: int) -> None:
    sources = [Source(id=f"s{i}", raw=f"r{i}.txt", title=None, publisher=a.publisher, date=a.date,
                      url=a.url, body=a.body, path=Path(f"s{i}.md"))
               for i, a in enumerate(known)]
    index = KnownArticles()
    for source in sources:
        index.put(source)
    exclude = f"r{excluded}.txt"
    expected = twin_by_scan(article, [s for s in sources if s.raw != exclude])
    assert index.twin(article, exclude_raw=exclude) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(ARTICLES, min_size=1, max_size=8), st.lists(ARTICLES, min_size=1, max_size=8),
       ARTICLES)
def test_index_follows_replaced_sources(first: list[CleanArticle], later: list[CleanArticle],
                                        article: CleanArticle) -> None:
    """A source replaced under its raw file name (ingest fills in a twin's unknown fields, or
    reads a changed file) keeps its place and is found by its new values only."""
    def made(i: int, a: CleanArticle) -> Source:
        return Source(id=f"s{i}", raw=f"r{i}.txt", title=None, publisher=a.publisher, date=a.date,
                      url=a.url, body=a.body, path=Path(f"s{i}.md"))

    current = {i: made(i, a) for i, a in enumerate(first)}
    index = KnownArticles()
    for source in current.values():
        index.put(source)
    for i, a in enumerate(later):
        current[i] = made(i, a)
        index.put(current[i])
    assert index.twin(article) == twin_by_scan(article, list(current.values()))


def candidates_by_all_pairs(features: list[frozenset[int]], cap: int) -> list[tuple[int, int]]:
    """The definition: count the features every pair of articles shares (only features found
    in 2..cap articles), keep each article's best peers."""
    members: dict[int, set[int]] = {}
    for index, found in enumerate(features):
        for feature in found:
            members.setdefault(feature, set()).add(index)
    usable = {f for f, m in members.items() if 1 < len(m) <= cap}
    chosen = set()
    for i, first in enumerate(features):
        peers = []
        for j, second in enumerate(features):
            shared = len(first & second & usable)
            if j != i and shared >= MIN_SHARED_FEATURES:
                peers.append((-shared, j))
        for _, j in sorted(peers)[:CANDIDATES_PER_ARTICLE]:
            chosen.add((min(i, j), max(i, j)))
    return sorted(chosen)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.frozensets(st.integers(0, 40), max_size=25), max_size=40),
       st.integers(2, 6))
def test_candidate_pairs_are_the_all_pairs_choice(features: list[frozenset[int]], cap: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(syndication, "MAX_FEATURE_ARTICLES", cap)
        assert candidate_pairs(features) == candidates_by_all_pairs(features, cap)


def corpora() -> list[list[Source]]:
    """Every set of articles the tests know: the seeds, each extraction fixture, the
    evaluation articles, synthetic articles."""
    from tests.test_extract import FIXTURES, fixture_sources

    found = [load_sources(Project(REPO)),
             [parse_source(p.read_text(encoding="utf-8"), p, p.name)
              for p in sorted(EVAL.glob("*.md"))]]
    found += [fixture_sources(yaml.safe_load(p.read_text(encoding="utf-8")))
              for p in sorted(FIXTURES.glob("*.yaml"))]
    synthetic = [CleanArticle(body=clean_article(article(i)).body, title=None, publisher=None,
                              date="2024-07-01") for i in range(40)]
    found.append([Source(id=f"syn-{i}", raw=None, title=None, publisher=None, date=a.date, url=None,
                         body=a.body, path=Path(f"syn-{i}.md")) for i, a in enumerate(synthetic)])
    return found


@pytest.mark.parametrize("sources", corpora(), ids=lambda s: s[0].id if s else "none")
def test_register_learned_per_source_is_people_learn(sources: list[Source]) -> None:
    texts = [s.body for s in sources]
    learned = learn_people(texts)
    expected = People.learn(texts)
    assert stable_repr(learned) == stable_repr(expected)
    titled = [k for k in expected.names if expected.roles[k]]
    assert [k for k in learned.names if learned.roles[k]] == titled  # the order find_people sees


@pytest.mark.parametrize("sources", corpora(), ids=lambda s: s[0].id if s else "none")
def test_a_sources_view_of_the_register_finds_the_same_mentions(sources: list[Source]) -> None:
    names = People.learn(s.body for s in sources)
    for source in sources:
        view = view_for(names, source.body)
        assert source_mentions(source, view) == source_mentions(source, names), source.id


def test_one_changed_article_is_extracted_again_alone(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(make_project(tmp_path / "p", 12))
    prepare(project)
    extracted: list[str] = []
    original = extract_module.source_mentions

    def counting(source: Source, names: People) -> object:
        extracted.append(source.id)
        return original(source, names)

    monkeypatch.setattr(extract_module, "source_mentions", counting)
    compared: list[tuple[int, int]] = []
    compare = analysis_update._compare

    def counting_pairs(articles: object, pair: tuple[int, int]) -> object:
        compared.append(pair)
        return compare(articles, pair)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis_update, "_compare", counting_pairs)
    monkeypatch.setattr(generator.parallel, "workers", lambda: 1)  # counted in this process
    changed = sorted(project.raw.iterdir())[5]
    changed.write_text(changed.read_text(encoding="utf-8")
                       + "\n\nPutin gave Kim a second tea set on Friday, officials said.\n",
                       encoding="utf-8")
    prepare(project)
    assert len(extracted) == 1 and extracted[0].startswith("05")
    assert compared and all(5 in pair for pair in compared)  # sources sorted: "05-…" is 6th
    written = snapshot(project.content)
    shutil.rmtree(project.cache)
    for generated in [*project.facts.glob("*.yaml"), project.content / "syndication.yaml"]:
        generated.unlink()
    prepare(project)
    assert snapshot(project.content) == written


TEXTS = st.one_of(st.text(max_size=150), st.sampled_from(
    ["2024-06-19", "yes", "null", "- item", "a: b", "#hash", "'quoted'", "x" * 130,
     "a long sentence " * 12, "Ünïcödé “quotes” — dashes", "  padded  ", "line\nbreak"]))
SCALARS = st.one_of(TEXTS, st.integers(), st.none(), st.booleans())
ITEMS = st.dictionaries(st.sampled_from(["id", "claim", "sources", "value", "when"]),
                        st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                                  st.lists(st.dictionaries(st.sampled_from(["source", "quote"]),
                                                           SCALARS, min_size=1), max_size=3)),
                        min_size=1)


@settings(max_examples=150, deadline=None)
@given(items=st.lists(ITEMS, max_size=6))
def test_yaml_dumped_item_by_item_is_the_whole_dump(items: list[dict[str, object]],
                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = ContentCache(tmp_path_factory.mktemp("cache"), "items")
    assert dump_yaml_items("facts", items, cache) == dump_yaml({"facts": items})
    assert dump_yaml_items("facts", items, cache) == dump_yaml({"facts": items})  # from the cache


@settings(max_examples=100, deadline=None)
@given(records=st.lists(ITEMS, max_size=5))
def test_facts_json_record_by_record_is_the_whole_dump(records: list[dict[str, object]]) -> None:
    from generator.render import facts_json as module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "fact_record", lambda fact, group_of: fact)
        patch.setattr(module, "sort_facts", lambda facts: facts)
        expected = json.dumps({"facts": records}, ensure_ascii=False, indent=2) + "\n"
        assert module.facts_json(records, {}) == expected  # type: ignore[arg-type]
        assert module.facts_json(records, {}) == expected  # type: ignore[arg-type]


def test_a_facts_file_read_back_from_the_cache_reports_problems_where_they_are(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Loaded facts keep their file's text, not every value's position: a problem found after
    the file was parsed (here a quote missing from its source, and a duplicate id) is still
    reported at its line and column, also when the parsed file comes from the on-disk cache."""
    from generator import facts as facts_module
    from generator.cli import main

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("facts"))
    shutil.copytree(REPO / "themes", root / "themes")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    assert main(["-C", str(root), "extract"]) == 0
    gifts = root / "content" / "facts" / "gifts.yaml"
    source = sorted((root / "content" / "sources").glob("*.md"))[0].stem
    timeline_id = (root / "content" / "facts" / "timeline.yaml").read_text(
        encoding="utf-8").split("- id: ")[1].split("\n")[0]
    gifts.write_text(
        "facts:\n"
        "  - id: hand-added-gift\n    claim: Someone gave someone something.\n"
        "    status: extracted\n    giver: Vladimir Putin\n    recipient: Kim Jong Un\n"
        "    item: tea set\n    date: 2024-06-19\n    sources:\n"
        f"      - source: {source}\n        quote: \"words this article never wrote\"\n"
        f"  - id: {timeline_id}\n    claim: Another.\n"
        "    status: extracted\n    giver: Vladimir Putin\n    recipient: Kim Jong Un\n"
        "    item: tea set\n    date: 2024-06-19\n    sources:\n"
        f"      - source: {source}\n        quote: \"more words never written\"\n",
        encoding="utf-8")
    reports = []
    for _ in range(2):  # parsed, then (this process forgetting it) from .explainer-cache/
        facts_module._RECENT_FACTS_FILES.clear()
        assert main(["-C", str(root), "check"]) == 1
        reports.append(capsys.readouterr().err)
    assert (root / ".explainer-cache" / "facts-files.pickle").is_file()
    assert reports[0] == reports[1]
    timeline = (root / "content" / "facts" / "timeline.yaml").read_text(encoding="utf-8")
    line = timeline.split("\n").index(f"  - id: {timeline_id}") + 1
    assert (f"content/facts/timeline.yaml:{line}:9: duplicate fact id '{timeline_id}' "
            "(also in content/facts/gifts.yaml)") in reports[0]
    facts_module._RECENT_FACTS_FILES.clear()
    gifts.write_text(gifts.read_text(encoding="utf-8").replace(
        f"id: {timeline_id}", "id: another-gift"), encoding="utf-8")
    for _ in range(2):
        facts_module._RECENT_FACTS_FILES.clear()
        assert main(["-C", str(root), "check"]) == 1
        reports.append(capsys.readouterr().err)
    assert reports[2] == reports[3]
    assert f"content/facts/gifts.yaml:11:16: quote not found in source '{source}'" in reports[2]
    assert f"content/facts/gifts.yaml:21:16: quote not found in source '{source}'" in reports[2]


def test_grouping_by_key_gives_the_groups_of_the_full_comparison() -> None:
    """``group_mentions`` compares a mention only with groups of its key (and of key None):
    on every eval article together, each category's groups are the ones comparing every
    mention with every group gives."""
    from generator.extract import aurus_production, car_collection, gifts, timeline
    from generator.extract.mentions import group_mentions

    sources = sorted((parse_source(p.read_text(encoding="utf-8"), p, p.name)
                      for p in EVAL.glob("*.md")), key=lambda s: s.id)
    names = learn_people([s.body for s in sources])
    found = [source_mentions(s, view_for(names, s.body)) for s in sources]
    cases = [
        ([m for f in found for m in f.gifts], gifts.same_gift, False,
         lambda m: (m.fields["giver"], m.fields["recipient"])),
        (car_collection.models_as_models([m for f in found for m in f.cars]),
         car_collection.same_vehicle, False,
         lambda m: (m.fields["owner"], m.fields["make"].lower())),
        ([m for f in found for m in f.production], aurus_production.same_figure, False,
         lambda m: m.fields["metric"]),
        ([m for f in found for m in f.events], timeline.same_event, True, lambda m: m.date.year),
    ]
    for mentions, same, one_per_source, block in cases:
        assert len(mentions) > 20
        full = group_mentions(mentions, same, one_per_source)
        keyed = group_mentions(mentions, same, one_per_source, block)
        assert keyed == full
