"""Sources: cleaned articles in ``content/sources/<id>.md`` (YAML front matter + body)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem
from generator.project import Project
from generator.textfile import ParsedFiles, check_article_size
from generator.yamlfile import dump_yaml, parse_yaml, validate

ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,99}$"
ID_RE = re.compile(ID_PATTERN)
DATE_PATTERN = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_NULLABLE_TEXT = {"type": ["string", "null"]}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "raw"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN,
               "description": "a slug of lowercase letters, digits and hyphens"},
        "raw": {"type": ["string", "null"], "pattern": "^[^/\\\\]+$",
                "description": "a file name in content/sources/raw/ (no folders)"},
        "title": _NULLABLE_TEXT,
        "publisher": _NULLABLE_TEXT,
        "date": {"type": ["string", "null"], "pattern": DATE_PATTERN,
                 "description": "an ISO date: YYYY-MM-DD, YYYY-MM or YYYY"},
        "url": {"type": ["string", "null"], "pattern": "^https?://\\S+$",
                "description": "an http:// or https:// address"},
        "syndicated_with": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
        "independent": {"type": "boolean"},
    },
}

FIELD_ORDER = ("id", "raw", "title", "publisher", "date", "url")
_RAW_DIGEST = re.compile(r"^# ingested from raw sha256:([0-9a-f]{64})", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    """One cleaned article with its metadata."""

    id: str
    raw: str | None
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None
    body: str
    path: Path
    body_line: int = 1
    extra: dict[str, Any] = field(default_factory=dict)
    raw_sha256: str | None = None
    field_positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


def split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    """Return (front matter YAML, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        raise ContentError.at(shown, "must start with a '---' line opening the front matter", 1, 1)
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ContentError.at(shown, "front matter is not closed by a '---' line", 1, 1)
    front = text[4 : end + 1]
    body = text[end + 5 :]
    body_line = front.count("\n") + 3
    stripped = body.lstrip("\n")
    body_line += len(body) - len(stripped)
    return front, stripped.rstrip() + ("\n" if stripped.strip() else ""), body_line


def parse_source(text: str, path: Path, shown: str) -> Source:
    front, body, body_line = split_front_matter(text, shown)
    located, problems = parse_yaml(front, shown, line_offset=1)
    if not problems:
        if not isinstance(located.data, dict):
            problems = [Problem(shown, 2, 1, "front matter must be a mapping of fields")]
        else:
            problems = validate(located, SCHEMA, shown)
    if not problems and located.data["id"] != path.stem:
        line, col = located.position(("id",))
        claimed = located.data["id"]
        taken = (f"; '{claimed}' is already the id of {Path(shown).parent.as_posix()}/{claimed}.md"
                 if path.with_name(f"{claimed}.md").exists() else "")
        problems = [Problem(shown, line, col,
                            f"id '{claimed}' must match the file name '{path.stem}.md'{taken}")]
    if problems:
        raise ContentError(problems)
    check_article_size(body, shown, body_line)
    data = located.data
    digest = _RAW_DIGEST.search(front)
    return Source(
        id=data["id"],
        raw=data.get("raw"),
        title=data.get("title"),
        publisher=data.get("publisher"),
        date=data.get("date"),
        url=data.get("url"),
        body=body,
        path=path,
        body_line=body_line,
        extra={k: v for k, v in data.items() if k not in FIELD_ORDER},
        raw_sha256=digest.group(1) if digest else None,
        field_positions={str(k[0]): v for k, v in located.key_where.items() if len(k) == 1},
    )


def format_source(source: Source) -> str:
    """The ``.md`` text of a source; the exact inverse of :func:`parse_source`."""
    fields: dict[str, Any] = {name: getattr(source, name) for name in FIELD_ORDER}
    fields.update(source.extra)
    front = dump_yaml(fields)
    if source.raw_sha256:
        front += f"# ingested from raw sha256:{source.raw_sha256} (edit the fields above freely)\n"
    return f"---\n{front}---\n\n{source.body.strip()}\n"


def load_sources(project: Project, parsed: ParsedFiles | None = None) -> list[Source]:
    """Every source, sorted by id; all problems in all files are reported together."""
    parsed = parsed or ParsedFiles()
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in sorted(project.sources.glob("*.md"), key=lambda p: p.name):  # one folder
        shown = project.show(path)
        try:
            sources.append(parsed.get(path, shown, parse_source, project.root))
        except ContentError as exc:
            problems.extend(exc.problems)
    by_raw: dict[str, Source] = {}
    for source in sources:
        if source.raw and source.raw in by_raw:
            other = by_raw[source.raw]
            line, col = source.field_positions.get("raw", (1, 1))
            problems.append(Problem(project.show(source.path), line, col,
                                    f"raw file '{source.raw}' is already the source of "
                                    f"{project.show(other.path)}"))
        elif source.raw:
            by_raw[source.raw] = source
    if problems:
        raise ContentError(problems)
    return sources
