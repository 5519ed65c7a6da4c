"""``site.yaml``: the site's title, address and theme, validated against a declared schema."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import ContentError
from generator.project import Project
from generator.textfile import read_text
from generator.yamlfile import did_you_mean, parse_yaml, validate

NAME_PATTERN = "^[a-z0-9][a-z0-9_-]*$"

SCHEMA = {
    "type": "object",
    "required": ["title", "base_url"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "base_url": {
            "type": "string",
            "pattern": "^https?://[^\\s/]+(/[^\\s]*)?$",
            "description": "an http:// or https:// address",
        },
        "theme": {
            "type": "string",
            "pattern": NAME_PATTERN,
            "description": "a theme folder name (lowercase letters, digits, - and _)",
        },
        "language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]+)*$",
                     "description": "a language tag such as en or en-GB"},
        "author": {"type": "string"},
        "allow_raw_html": {"type": "boolean"},
        "categories": {
            "type": "object",
            "description": "readers' titles for fact categories",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"title": {"type": "string", "minLength": 1},
                               "description": {"type": "string"}},
            },
        },
    },
}


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str
    theme: str = "default"
    description: str = ""
    language: str = "en"
    author: str = ""
    allow_raw_html: bool = False
    categories: dict[str, dict[str, str]] = field(default_factory=dict)


def load_config(project: Project) -> SiteConfig:
    """Read and validate ``site.yaml``; every problem is reported at once."""
    shown = project.show(project.config)
    if not project.config.is_file():
        raise ContentError.at(shown, "missing: every project needs a site.yaml (title, base_url)")
    located, problems = parse_yaml(read_text(project.config, shown, project.root), shown)
    if not problems:
        if located.data is None:
            located.data = {}
        problems = validate(located, SCHEMA, shown)
    if problems:
        raise ContentError(problems)
    data = dict(located.data)
    data["base_url"] = data["base_url"].rstrip("/") + "/"
    config = SiteConfig(**data)
    if not (project.themes / config.theme).is_dir():
        line, col = located.position(("theme",))
        available = sorted(p.name for p in project.themes.glob("*/") if p.is_dir())
        raise ContentError.at(
            shown,
            f"unknown theme '{config.theme}'{did_you_mean(config.theme, available)}; "
            f"themes/ has: {', '.join(available) or 'nothing'}",
            line,
            col,
        )
    return config
