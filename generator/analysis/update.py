"""Run the cross-source analysis over all sources and save what editors review:
``content/syndication.yaml`` and ``content/facts/discrepancies.yaml``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.analysis.discrepancies import (
    DISCREPANCIES,
    Difference,
    alignment_keys,
    compare_articles,
    discrepancy_facts,
)
from generator.analysis.passages import Sentence, sentences
from generator.analysis.syndication import (
    ArticleProfile,
    Group,
    Link,
    candidate_pairs,
    group_sources,
    is_syndicated,
    measure,
    profile,
)
from generator.analysis.syndication_file import FILENAME, load_groups, save_groups
from generator.cache import ContentCache, content_key
from generator.facts import Fact, load_facts_files, merge, save_facts, sources_digest
from generator.parallel import map_in_order
from generator.project import Project
from generator.sources import Source


@dataclass(frozen=True)
class Analysis:
    groups: list[Group]
    discrepancies: list[Fact]


@dataclass(frozen=True)
class _Article:
    """What the analysis works out once per source."""

    sentences: list[Sentence]
    keys: list[str]
    profile: ArticleProfile


def _article(source: Source) -> _Article:
    split = sentences(source)
    return _Article(split, alignment_keys(split), profile(source, split))


def _compare(articles: Sequence[_Article], pair: tuple[int, int]) -> tuple[Link, list[Difference]]:
    first, second = articles[pair[0]], articles[pair[1]]
    return (measure(first.profile, second.profile),
            compare_articles(first.sentences, second.sentences, (first.keys, second.keys)))


# Time each piece of work takes on one core, measured on bench/synthetic.py's articles.
MS_PER_ARTICLE = 6.0
MS_PER_PAIR = 5.0


def _cached(cache_folder: Path | None, name: str, keys: list[str], items: Sequence[Any],
            work: Callable[[Any, Any], Any], ms_per_item: float, shared: Any = None) -> list[Any]:
    """``work(shared, item)`` for each item, kept in the cache under its key; missing results
    are computed on every core when there are many."""
    cache = ContentCache(cache_folder, name) if cache_folder else None
    missing = [i for i, key in enumerate(keys) if cache is None or cache.get(key) is None]
    done = dict(zip(missing, map_in_order(work, [items[i] for i in missing], shared, ms_per_item),
                    strict=True))
    if cache is None:
        return [done[i] for i in range(len(items))]
    for i, result in done.items():
        cache.put(keys[i], result)
    cache.save()
    return [cache.get(key) for key in keys]


def _unshared(_: None, source: Source) -> _Article:
    return _article(source)


def analyse(sources: Sequence[Source], reviewed: Sequence[Group] = (),
            cache_folder: Path | None = None) -> Analysis:
    """Pure: groups and discrepancies of ``sources``. Both share one pre-filter, so no pair
    of articles without common wording is ever compared in full. Per-article work and each
    compared pair are kept in ``cache_folder`` under the articles' content."""
    ordered = sorted(sources, key=lambda s: s.id)
    article_keys = [content_key("analysis-article", s.id, s.body) for s in ordered]
    articles = _cached(cache_folder, "analysis-articles", article_keys, ordered, _unshared,
                       MS_PER_ARTICLE)
    pairs = candidate_pairs([a.profile for a in articles])
    pair_keys = [content_key("analysis-pair", article_keys[i], article_keys[j]) for i, j in pairs]
    compared = _cached(cache_folder, "analysis-pairs", pair_keys, pairs, _compare, MS_PER_PAIR,
                       articles)
    links = [link for link, _ in compared if is_syndicated(link)]
    groups = group_sources([s.id for s in ordered], links, reviewed)
    differences = [d for _, found in compared for d in found]
    return Analysis(groups, discrepancy_facts(differences))


def analysis_is_stale(project: Project, sources: Sequence[Source]) -> bool:
    """True when the saved analysis was made from other sources (or was never made)."""
    saved = load_facts_files(project).get(DISCREPANCIES.name)
    return (saved is None or saved.sources_digest != sources_digest(sources)
            or not (project.content / FILENAME).is_file())


def update_analysis(project: Project, sources: Sequence[Source]) -> list[Path]:
    """Re-analyse and save, keeping reviewed groups and reviewed or hand-written
    discrepancies; returns the files that changed."""
    reviewed = [g for g in load_groups(project, [s.id for s in sources])
                if g.status == "reviewed"]
    result = analyse(sources, reviewed, project.cache)
    changed = [project.content / FILENAME] if save_groups(project, result.groups) else []
    saved = load_facts_files(project).get(DISCREPANCIES.name)
    facts = merge(saved.facts if saved else [], result.discrepancies)
    changed += save_facts(project, facts, sources_digest(sources), [DISCREPANCIES.name])
    return changed
