"""Run the cross-source analysis over all sources and save what editors review:
``content/syndication.yaml`` and ``content/facts/discrepancies.yaml``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.analysis.discrepancies import DISCREPANCIES, compare_articles, discrepancy_facts
from generator.analysis.passages import sentences
from generator.analysis.syndication import (
    Group,
    candidate_pairs,
    group_sources,
    is_syndicated,
    measure,
    profile,
)
from generator.analysis.syndication_file import FILENAME, load_groups, save_groups
from generator.facts import Fact, load_facts_files, merge, save_facts, sources_digest
from generator.project import Project
from generator.sources import Source


@dataclass(frozen=True)
class Analysis:
    groups: list[Group]
    discrepancies: list[Fact]


def analyse(sources: Sequence[Source], reviewed: Sequence[Group] = ()) -> Analysis:
    """Pure: groups and discrepancies of ``sources``. Both share one pre-filter, so no pair
    of articles without common wording is ever compared in full."""
    ordered = sorted(sources, key=lambda s: s.id)
    profiles = [profile(s) for s in ordered]
    pairs = candidate_pairs(profiles)
    links = [link for link in (measure(profiles[i], profiles[j]) for i, j in pairs)
             if is_syndicated(link)]
    groups = group_sources([s.id for s in ordered], links, reviewed)
    split = {s.id: sentences(s) for s in ordered}
    differences = [d for i, j in pairs
                   for d in compare_articles(split[ordered[i].id], split[ordered[j].id])]
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
    result = analyse(sources, reviewed)
    changed = [project.content / FILENAME] if save_groups(project, result.groups) else []
    saved = load_facts_files(project).get(DISCREPANCIES.name)
    facts = merge(saved.facts if saved else [], result.discrepancies)
    changed += save_facts(project, facts, sources_digest(sources), [DISCREPANCIES.name])
    return changed
