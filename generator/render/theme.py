"""Themes: a chain of folders (a theme, then the themes it extends) giving templates and
static assets. Assets are published under content-hashed names so they can be cached forever."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import markupsafe

from generator.config import NAME_PATTERN
from generator.errors import ContentError, Problem
from generator.project import Project
from generator.textfile import confined, outside_message, printable, read_text
from generator.yamlfile import parse_yaml, validate

THEME_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "description": {"type": "string"},
        "extends": {"type": "string", "pattern": NAME_PATTERN,
                    "description": "the name of another theme folder"},
    },
}


@dataclass(frozen=True)
class Theme:
    name: str
    folders: tuple[Path, ...]  # the theme first, then its ancestors
    assets: dict[str, tuple[str, bytes]]  # logical name → (published path, bytes)

    def asset_url(self, name: str) -> str:
        if name not in self.assets:
            raise jinja2.TemplateRuntimeError(f"no static asset '{name}' in theme '{self.name}'")
        return "/" + self.assets[name][0]


def theme_chain(project: Project, name: str) -> list[Path]:
    """The theme's folder followed by each theme it extends; refuses cycles and escapes."""
    chain: list[Path] = []
    themes_root = project.themes.resolve()
    while True:
        folder = (project.themes / name).resolve()
        if folder.parent != themes_root or not folder.is_dir():
            shown = project.show(chain[-1] / "theme.yaml") if chain else project.show(project.config)
            if (project.themes / name).is_symlink():
                raise ContentError.at(shown, f"theme '{name}': themes/{name} "
                                             + outside_message(project.themes / name))
            raise ContentError.at(shown, f"unknown theme '{name}' (no folder themes/{name}/)")
        if folder in chain:
            raise ContentError.at(project.show(folder / "theme.yaml"), f"theme '{name}' extends itself")
        chain.append(folder)
        meta = folder / "theme.yaml"
        if not meta.is_file():
            return chain
        shown = project.show(meta)
        located, problems = parse_yaml(read_text(meta, shown, project.root), shown)
        if not problems:
            problems = validate(located, THEME_SCHEMA, shown) if located.data is not None else []
        if problems:
            raise ContentError(problems)
        parent = (located.data or {}).get("extends")
        if not parent:
            return chain
        name = parent


def _collect_assets(project: Project, chain: list[Path]) -> dict[str, tuple[str, bytes]]:
    assets: dict[str, tuple[str, bytes]] = {}
    for folder in reversed(chain):  # a child's file replaces its parent's
        static = folder / "static"
        if not static.is_dir():
            continue
        for file in sorted(static.rglob("*")):
            if not file.is_file():
                continue
            if not confined(file, project.root):
                raise ContentError.at(project.show(file), outside_message(file))
            logical = file.relative_to(static).as_posix()
            assets[logical] = (logical, file.read_bytes())
    published = {}
    for logical, (_, data) in sorted(assets.items()):
        path = PurePosixPath(logical)
        digest = hashlib.sha256(data).hexdigest()[:10]
        published[logical] = (f"static/{path.with_name(f'{path.stem}.{digest}{path.suffix}')}", data)
    return published


def load_theme(project: Project, name: str) -> Theme:
    chain = theme_chain(project, name)
    return Theme(name=name, folders=tuple(chain), assets=_collect_assets(project, chain))


class _ProjectLoader(jinja2.FileSystemLoader):
    """Template files of the project's theme folders; a link to a file outside the project is
    refused, so a theme can never publish a file from elsewhere on the machine."""

    def __init__(self, searchpath: str | list[str], root: Path) -> None:
        super().__init__(searchpath, followlinks=False)
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not confined(Path(filename), self.root):
            raise ContentError.at(Project(self.root).show(Path(filename)),
                                  outside_message(Path(filename)))
        return source, filename, uptodate


def _printable(value: Any) -> Any:
    """Every value a template prints loses control and text-reordering characters (a value
    that has none, nearly every one, is printed as it is: no copy)."""
    if not isinstance(value, str):  # Markup included
        return value
    cleaned = printable(value)
    if len(cleaned) == len(value):  # printable only removes characters: nothing removed
        return value
    return markupsafe.Markup(cleaned) if isinstance(value, markupsafe.Markup) else cleaned


@lru_cache(maxsize=8)
def _environment(folders: tuple[str, ...], root: Path) -> jinja2.Environment:
    """One environment per template folder chain, so compiled templates are reused between the
    builds of one process (``serve``); Jinja recompiles a template whose file changed.

    "base.html" is the nearest theme's; "default/base.html" names one theme's own copy, so a
    child theme can extend its parent's template of the same name and override one block."""
    by_name = {Path(folder).parent.name: _ProjectLoader(folder, root) for folder in folders}
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([_ProjectLoader(list(folders), root),
                                    jinja2.PrefixLoader(by_name)]),
        autoescape=True,
        finalize=_printable,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_environment(project: Project, theme: Theme) -> jinja2.Environment:
    env = _environment(tuple(str(folder / "templates") for folder in theme.folders), project.root)
    env.globals["asset"] = theme.asset_url  # this build's asset names
    return env


def template_problem(project: Project, theme: Theme, exc: Exception, name: str) -> Problem:
    """Locate a template error in the theme file the editor has to fix."""
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None) or 0
    if filename is None:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith(".html"):
                filename, lineno = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    if isinstance(exc, jinja2.TemplateNotFound):
        searched = ", ".join(project.show(f / "templates") for f in theme.folders)
        return Problem(project.show(Path(filename)) if filename else name, lineno, 0,
                       f"template '{exc.name}' not found (searched {searched})")
    shown = project.show(Path(filename)) if filename else f"template {name}"
    message = " ".join((getattr(exc, "message", None) or str(exc)).split())
    return Problem(shown, lineno, 0, f"template error: {message}")


def render_template(env: jinja2.Environment, project: Project, theme: Theme,
                    name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ContentError([template_problem(project, theme, exc, name)]) from None
