"""The build, top to bottom: config → fresh sources → fresh facts → content → render → write."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analysis.discrepancies import DISCREPANCIES, check_versions
from generator.analysis.syndication_file import load_groups
from generator.analysis.update import analysis_is_stale, update_analysis
from generator.config import load_config
from generator.errors import ContentError
from generator.facts import (
    Fact,
    facts_are_stale,
    forget_compared_texts,
    found_quotes,
    load_facts,
    verify_facts,
)
from generator.ingest.raw import ingest, known_duplicates, raw_files
from generator.output import SiteFiles, SiteWriter
from generator.pages import load_pages
from generator.parallel import release_free_memory
from generator.project import Project
from generator.render.early import EarlyMarkdown
from generator.render.site import Content, render_site
from generator.render.theme import Theme, load_theme
from generator.sources import Source, load_sources
from generator.textfile import ParsedFiles
from generator.uptodate import inputs_digest, record_build


@dataclass(frozen=True)
class BuildResult:
    files: SiteFiles
    ingested: list[str]


def stale_raw_files(project: Project, parsed: ParsedFiles | None = None) -> list[Path]:
    """Raw files with no source yet, or changed since they were ingested (a file found to be
    a copy of another source's article counts as ingested until it changes)."""
    recorded: dict[str | None, str | None] = {}
    recorded.update(known_duplicates(project))
    recorded.update((s.raw, s.raw_sha256) for s in load_sources(project, parsed))
    return [
        path for path in raw_files(project, None)
        if recorded.get(path.name) != hashlib.sha256(path.read_bytes()).hexdigest()
    ]


def refresh_sources(project: Project, parsed: ParsedFiles | None = None) -> list[str]:
    """Run ingest on stale raw files only; a problem in any of them stops the build. Its
    warnings (a page saved twice, a charset that lied) go to the terminal, as from ingest."""
    stale = stale_raw_files(project, parsed)
    if not stale:
        return []
    report = ingest(project, stale, parsed)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.problems:
        raise ContentError(report.problems)
    return report.written


def refresh_facts(project: Project, parsed: ParsedFiles | None = None) -> list[Path]:
    """Run extract when a facts file is missing or the sources changed since it was written."""
    if not facts_are_stale(project, load_sources(project, parsed)):
        return []
    from generator.extract import run_extract  # the rules load only when there is work for them

    return run_extract(project, parsed).written


def refresh_analysis(project: Project, parsed: ParsedFiles | None = None) -> list[Path]:
    """Re-run the cross-source analysis when the sources changed since it last ran."""
    sources = load_sources(project, parsed)
    return update_analysis(project, sources) if analysis_is_stale(project, sources) else []


def prepare(project: Project, parsed: ParsedFiles | None = None) -> list[Path]:
    """Bring generated inputs up to date before rendering: ingest stale raw files, extract
    facts from changed sources, re-run the cross-source analysis. ``build`` and ``serve`` both
    run it. Returns the files written into ``content/``. ``parsed``: the sources are read once
    and parsed again only where a stage rewrote them."""
    parsed = parsed or ParsedFiles()
    load_config(project)  # a broken site.yaml is reported before any content is touched
    written = [project.sources / f"{source_id}.md"
               for source_id in refresh_sources(project, parsed)]
    written += refresh_facts(project, parsed)
    written += refresh_analysis(project, parsed)
    return written


def load_content(project: Project, parsed: ParsedFiles | None = None,
                 provisional: bool = False) -> tuple[Content, Theme]:
    """Everything rendering needs, verified. ``provisional``: the sources changed and extraction
    has not caught up yet (``serve`` shows the change first): see :func:`provisional_facts`."""
    config = load_config(project)
    sources = load_sources(project, parsed)
    facts = load_facts(project)
    if provisional:
        facts = provisional_facts(facts, sources)
    problems = verify_facts(facts, sources) + check_versions(facts)
    if problems:
        raise ContentError(problems)
    content = Content(config=config, sources=sources, pages=load_pages(project, parsed), facts=facts,
                      groups=load_groups(project, [s.id for s in sources]))
    return content, load_theme(project, config.theme)


def provisional_facts(facts: list[Fact], sources: list[Source]) -> list[Fact]:
    """The facts to show while extraction and analysis have not yet caught up with changed
    sources: a quote extraction wrote that is no longer in its source is left out (extraction
    will replace it), and so is a fact left with no quote, or a discrepancy that lost one (its
    versions name the sources it quotes). Reviewed and hand-written facts are kept as they are
    and verified as always: extraction never changes them, so a broken quote there is an error
    now."""
    bodies = {s.id: s.body for s in sources}
    kept = []
    for fact, found in zip(facts, found_quotes(facts, bodies), strict=True):
        if fact.reviewed or not fact.by_extract or all(found):
            kept.append(fact)
            continue
        quotes = tuple(q for q, there in zip(fact.sources, found, strict=True) if there)
        if quotes == fact.sources:
            kept.append(fact)
        elif quotes and fact.category != DISCREPANCIES.name:
            kept.append(replace(fact, sources=quotes))
    return kept


def render(project: Project, parsed: ParsedFiles | None = None,
           sink: Callable[[str, bytes], None] | None = None,
           early: EarlyMarkdown | None = None) -> SiteFiles:
    """Everything a build does except writing (``sink`` is given each file as it is rendered;
    ``early``: page bodies being rendered since the build started): what ``check`` runs."""
    content, theme = load_content(project, parsed)
    return render_site(project, content, theme, sink=sink, early=early)


def build(project: Project, parsed: ParsedFiles | None = None,
          early: EarlyMarkdown | None = None) -> BuildResult:
    parsed = parsed or ParsedFiles()
    written = prepare(project, parsed)
    release_free_memory()  # what extraction and analysis freed, before the render workers fork
    digest = inputs_digest(project)  # before rendering reads them: a later edit means rebuild
    writer = SiteWriter(project.site)  # each page is written while the next ones render
    try:
        content, theme = load_content(project, parsed)
        forget_compared_texts()  # verified: a build does not verify again
        files = render_site(project, content, theme, sink=writer.add, early=early)
    except BaseException:
        writer.abandon()
        raise
    writer.finish()
    record_build(project, digest, writer.listing)
    return BuildResult(files=files, ingested=[p.stem for p in written if p.parent == project.sources])
