"""Narrative pages written by editors: ``content/pages/<slug>.md`` (optional front matter)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase as fnmatch
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.project import Project
from generator.sources import ID_RE, split_front_matter
from generator.textfile import ParsedFiles, confined
from generator.yamlfile import parse_yaml, validate

HOME_PAGE = "index"  # content/pages/index.md is the home page's narrative

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
    },
}


@dataclass(frozen=True)
class Page:
    slug: str
    title: str | None
    description: str | None
    markdown: str
    path: Path
    body_line: int


def split_page(text: str, shown: str) -> tuple[str, str, int]:
    """(front matter, Markdown body, line where the body starts); the front matter is
    optional for a page."""
    return split_front_matter(text, shown) if text.startswith("---\n") else ("", text, 1)


def parse_page(text: str, path: Path, shown: str) -> Page:
    meta: dict[str, str] = {}
    front, body, body_line = split_page(text, shown)
    if text.startswith("---\n"):
        located, problems = parse_yaml(front, shown, line_offset=1)
        if not problems and located.data is not None:
            problems = validate(located, SCHEMA, shown)
        if problems:
            raise ContentError(problems)
        meta = located.data or {}
    return Page(path.stem, meta.get("title"), meta.get("description"), body, path, body_line)


def load_pages(project: Project, parsed: ParsedFiles | None = None) -> list[Page]:
    parsed = parsed or ParsedFiles()
    pages, problems = [], []
    try:
        entries = sorted((e for e in os.scandir(project.pages) if fnmatch(e.name, "*.md")),
                         key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        entries = []
    # The folder is checked once: a file in a folder inside the project is outside it only
    # if the file itself is a link.
    inside = confined(project.pages, project.root)
    for entry in entries:
        path = project.pages / entry.name
        shown = project.show(path)
        if not ID_RE.match(path.stem):
            problems.append(Problem(shown, 0, 0, "page file names must be lowercase slugs "
                                                 "(letters, digits and hyphens)"))
            continue
        check = project.root if entry.is_symlink() or not inside else None
        try:
            pages.append(parsed.get(path, shown, parse_page, check))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return pages
