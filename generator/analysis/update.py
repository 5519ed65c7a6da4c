"""Run the cross-source analysis over all sources and save what editors review:
``content/syndication.yaml`` and ``content/facts/discrepancies.yaml``."""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

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
    """What comparing a source with others needs, worked out once per source."""

    sentences: list[Sentence]
    keys: list[str]
    profile: ArticleProfile


@dataclass(frozen=True)
class _Packed:
    """An :class:`_Article` as the analysis keeps it between the two steps: its pre-filter
    features, and the rest pickled and compressed (a third of the size of the objects: at
    10,000 articles the difference is hundreds of megabytes, in this process and in every
    worker forked from it)."""

    features: array[int]
    data: bytes


def _article(_: None, source: Source) -> _Packed:
    split = sentences(source)
    found = profile(source, split)
    article = _Article(split, alignment_keys(split), replace(found, features=array("Q")))
    return _Packed(found.features,
                   zlib.compress(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL), 1))


@lru_cache(maxsize=16)  # pairs come in order: the first article of a pair is met again next
def _unpack(data: bytes) -> _Article:
    article: _Article = pickle.loads(zlib.decompress(data))
    return article


def _compare(articles: Mapping[int, _Packed], pair: tuple[int, int]
             ) -> tuple[Link, list[Difference]]:
    first, second = _unpack(articles[pair[0]].data), _unpack(articles[pair[1]].data)
    return (measure(first.profile, second.profile),
            compare_articles(first.sentences, second.sentences, (first.keys, second.keys)))


# Time each piece of work takes on one core, measured on bench/synthetic.py's articles.
MS_PER_ARTICLE = 6.0
MS_PER_PAIR = 5.0


def analyse(sources: Sequence[Source], reviewed: Sequence[Group] = (),
            cache_folder: Path | None = None) -> Analysis:
    """Pure: groups and discrepancies of ``sources``. Both share one pre-filter, so no pair
    of articles without common wording is ever compared in full.

    With ``cache_folder``, each source's pre-filter features and each compared pair's result are
    kept under the sources' content: after one article changed, only the pairs it is in are
    compared again, and only the sources in those pairs are read again. A source's sentences
    are never kept (they are most of the analysis's memory at 10,000 articles)."""
    ordered = sorted(sources, key=lambda s: s.id)
    article_keys = [content_key("analysis-article", s.id, s.body) for s in ordered]
    feature_cache = ContentCache(cache_folder, "analysis-features") if cache_folder else None
    pair_cache = ContentCache(cache_folder, "analysis-pairs") if cache_folder else None
    features: list[array[int] | None] = [
        feature_cache.get(key) if feature_cache else None for key in article_keys]
    articles = _articles(ordered, [i for i, f in enumerate(features) if f is None], {})
    for i, article in articles.items():
        features[i] = article.features
    pairs = candidate_pairs([f for f in features if f is not None])
    pair_keys = [content_key("analysis-pair", article_keys[i], article_keys[j]) for i, j in pairs]
    compared: list[tuple[Link, list[Difference]] | None] = [
        pair_cache.get(key) if pair_cache else None for key in pair_keys]
    missing = [pair for pair, found in zip(pairs, compared, strict=True) if found is None]
    articles = _articles(ordered, sorted({i for pair in missing for i in pair}), articles)
    done = iter(map_in_order(_compare, missing, articles, MS_PER_PAIR))
    del articles  # their sentences are most of the analysis's memory: free before what follows
    compared = [found if found is not None else next(done) for found in compared]
    if feature_cache is not None and pair_cache is not None:
        for key, found_features in zip(article_keys, features, strict=True):
            feature_cache.put(key, found_features)
        for key, result in zip(pair_keys, compared, strict=True):
            pair_cache.put(key, result)
        feature_cache.save()
        pair_cache.save()
    results = [result for result in compared if result is not None]
    links = [link for link, _ in results if is_syndicated(link)]
    groups = group_sources([s.id for s in ordered], links, reviewed)
    differences = [d for _, found in results for d in found]
    return Analysis(groups, discrepancy_facts(differences))


def _articles(ordered: Sequence[Source], wanted: Sequence[int],
              known: dict[int, _Packed]) -> dict[int, _Packed]:
    """``known`` plus the articles of ``ordered`` at the ``wanted`` positions it lacks."""
    needed = [i for i in wanted if i not in known]
    made = map_in_order(_article, [ordered[i] for i in needed], None, MS_PER_ARTICLE)
    return {**known, **dict(zip(needed, made, strict=True))}


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
