"""``content/syndication.yaml``: the syndication groups, where editors see and override them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from generator.analysis.syndication import Group, Link
from generator.errors import ContentError, Problem
from generator.fsutil import write_atomic
from generator.project import Project
from generator.sources import ID_PATTERN
from generator.textfile import read_text
from generator.yamlfile import dump_yaml, parse_yaml, validate

FILENAME = "syndication.yaml"
_ID = {"type": "string", "pattern": ID_PATTERN,
       "description": "a slug of lowercase letters, digits and hyphens"}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["groups"],
    "properties": {"groups": {"type": "array", "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "status", "members"],
        "properties": {
            "id": _ID,
            "status": {"enum": ["extracted", "reviewed"]},
            "members": {"type": "array", "minItems": 1, "items": _ID},
            "evidence": {"type": "array", "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["between", "shared_wording", "aligned_sentences"],
                "properties": {
                    "between": {"type": "array", "minItems": 2, "maxItems": 2, "items": _ID},
                    "shared_wording": _SHARE,
                    "aligned_sentences": _SHARE,
                },
            }},
        },
    }}},
}

HEADER = """\
# Written by the analysis (explainer build / extract). Articles in one group are copies or
# rewrites of one story and count once as an independent source. To override, edit `members`
# and set `status: reviewed`: reviewed groups are kept as they are on re-analysis (a reviewed
# group with one member marks that article as independent). Evidence: shared_wording is the
# share of the shorter article's 5-word sequences found in the other (copies ≥ 0.30);
# aligned_sentences the share of its sentences matched in order (rewrites ≥ 0.70).
"""


def load_groups(project: Project, source_ids: Iterable[str]) -> list[Group]:
    """Groups as saved; [] when there is no file yet. Repeated members are errors, and so are
    unknown members of a reviewed group; an extracted group just forgets an article that is
    gone (the next analysis rewrites it)."""
    path = project.content / FILENAME
    if not path.is_file():
        return []
    shown = project.show(path)
    return list(_groups(read_text(path, shown, project.root), shown, frozenset(source_ids)))


@lru_cache(maxsize=4)  # serve loads the groups on every save
def _groups(text: str, shown: str, known: frozenset[str]) -> tuple[Group, ...]:
    located, problems = parse_yaml(text, shown)
    if not problems:
        if located.data is None:
            located.data = {"groups": []}
        problems = validate(located, SCHEMA, shown)
    if problems:
        raise ContentError(problems)
    seen: dict[str, str] = {}
    groups = []
    for g, data in enumerate(located.data["groups"]):
        reviewed = data["status"] == "reviewed"
        members = [m for m in data["members"] if reviewed or m in known]
        for m, member in enumerate(data["members"]):
            line, col = located.position(("groups", g, "members", m))
            if member not in known:
                if reviewed:
                    problems.append(Problem(shown, line, col, f"unknown source '{member}'"))
            elif member in seen:
                problems.append(Problem(shown, line, col,
                                        f"source '{member}' is already in group '{seen[member]}'"))
            else:
                seen[member] = data["id"]
        groups.append(Group(
            id=data["id"], members=tuple(members), status=data["status"],
            links=tuple(Link(e["between"][0], e["between"][1], e["shared_wording"],
                             e["aligned_sentences"]) for e in data.get("evidence", [])),
        ))
    if problems:
        raise ContentError(problems)
    return tuple(groups)


def format_groups(groups: Iterable[Group]) -> str:
    """The file's text; groups of one unreviewed article are left out (nothing to say)."""
    rows = []
    for group in groups:
        if len(group.members) < 2 and group.status != "reviewed":
            continue
        row: dict[str, Any] = {"id": group.id, "status": group.status,
                               "members": list(group.members)}
        if group.links:
            row["evidence"] = [{"between": [link.a, link.b],
                                "shared_wording": link.shared_wording,
                                "aligned_sentences": link.aligned_sentences}
                               for link in group.links]
        rows.append(row)
    return HEADER + dump_yaml({"groups": rows})


def save_groups(project: Project, groups: Iterable[Group]) -> bool:
    return write_atomic(project.content / FILENAME, format_groups(groups))
