"""The build, top to bottom: config → fresh sources → content → render → atomic write."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.config import load_config
from generator.errors import ContentError
from generator.ingest.raw import ingest, raw_files
from generator.output import SiteFiles, write_site
from generator.pages import load_pages
from generator.project import Project
from generator.render.site import Content, render_site
from generator.render.theme import Theme, load_theme
from generator.sources import load_sources
from generator.textfile import ParsedFiles


@dataclass(frozen=True)
class BuildResult:
    files: SiteFiles
    ingested: list[str]


def stale_raw_files(project: Project) -> list[Path]:
    """Raw files with no source yet, or changed since they were ingested."""
    recorded = {s.raw: s.raw_sha256 for s in load_sources(project)}
    return [
        path for path in raw_files(project, None)
        if recorded.get(path.name) != hashlib.sha256(path.read_bytes()).hexdigest()
    ]


def refresh_sources(project: Project) -> list[str]:
    """Run ingest on stale raw files only; a problem in any of them stops the build."""
    stale = stale_raw_files(project)
    if not stale:
        return []
    report = ingest(project, stale)
    if report.problems:
        raise ContentError(report.problems)
    return report.written


def prepare(project: Project) -> list[Path]:
    """Bring generated inputs up to date before rendering: ingest stale raw files. Every stage
    that writes into ``content/`` (extraction, when it lands) belongs here, so that ``build``
    and ``serve`` run it the same way. Returns the files written."""
    load_config(project)  # a broken site.yaml is reported before any content is touched
    return [project.sources / f"{source_id}.md" for source_id in refresh_sources(project)]


def load_content(project: Project, parsed: ParsedFiles | None = None) -> tuple[Content, Theme]:
    config = load_config(project)
    content = Content(config=config, sources=load_sources(project, parsed),
                      pages=load_pages(project, parsed))
    return content, load_theme(project, config.theme)


def render(project: Project, parsed: ParsedFiles | None = None) -> SiteFiles:
    """Everything a build does except writing: what ``check`` runs."""
    content, theme = load_content(project, parsed)
    return render_site(project, content, theme)


def build(project: Project, parsed: ParsedFiles | None = None) -> BuildResult:
    written = prepare(project)
    files = render(project, parsed)
    write_site(project.site, files)
    return BuildResult(files=files, ingested=[path.stem for path in written])
