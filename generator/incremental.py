"""Incremental rebuilds for ``explainer serve``: which project files each output is made from
(a dependency graph you can print), and a rebuild that re-renders only what a change affects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.meta

from generator.build import load_content, prepare
from generator.output import MadeFrom, OutputSelection, SiteFiles
from generator.project import Project
from generator.render.site import render_site
from generator.render.theme import Theme
from generator.textfile import ParsedFiles


@dataclass(frozen=True)
class DependencyGraph:
    """Output path → the input keys it is made from. A key is a project-relative file path, or a
    folder ending in ``/`` standing for every file in it. Outputs not listed (sitemap, robots)
    are cheap and made on every rebuild."""

    outputs: dict[str, frozenset[str]]
    global_inputs: frozenset[str]  # a change to one of these redoes everything

    def affected(self, changed: Iterable[str], files_only: bool = False) -> set[str]:
        """Outputs made from a ``changed`` path; ``files_only``: only those that name the file
        itself, not a folder holding it (a page showing one article, not every listing)."""
        changed = set(changed)
        return {out for out, keys in self.outputs.items()
                if any(_matches(k, changed) for k in keys if not (files_only and k.endswith("/")))}

    def knows(self, path: str) -> bool:
        """True when some output (or every output) is made from ``path``."""
        return path in self.global_inputs or any(
            _matches(key, {path}) for keys in self.outputs.values() for key in keys)

    def __str__(self) -> str:
        lines = [f"* <- {', '.join(sorted(self.global_inputs))}"]
        lines += [f"{out} <- {', '.join(sorted(keys))}" for out, keys in sorted(self.outputs.items())]
        return "\n".join(lines)


def _matches(key: str, changed: set[str]) -> bool:
    if key.endswith("/"):
        return any(path.startswith(key) for path in changed)
    return key in changed


@lru_cache(maxsize=256)
def _referenced_templates(path: str, mtime_ns: int, size: int) -> tuple[str | None, ...]:
    """Names a template file extends, includes or imports (None: a name computed at render)."""
    try:
        ast = jinja2.Environment().parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return (None,)  # rendering reports the problem; until fixed, assume any template
    return tuple(jinja2.meta.find_referenced_templates(ast))


def template_files(project: Project, theme: Theme, name: str) -> frozenset[str]:
    """The theme files a template is made of: itself and everything it extends, includes or
    imports, resolved through the theme chain. A dynamic name means "any template"."""
    found: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        path = next((folder / "templates" / current for folder in theme.folders
                     if (folder / "templates" / current).is_file()), None)
        if path is None:
            continue  # rendering has already reported it
        key = project.show(path)
        if key in found:
            continue
        found.add(key)
        stat = path.stat()
        for ref in _referenced_templates(str(path), stat.st_mtime_ns, stat.st_size):
            if ref is None:
                found.update(project.show(folder / "templates") + "/" for folder in theme.folders)
            else:
                pending.append(ref)
    return frozenset(found)


def asset_files(project: Project, theme: Theme) -> dict[str, str]:
    """Published asset path → the theme file it comes from (a child theme's file wins)."""
    result = {}
    for logical, (published, _) in theme.assets.items():
        source = next(folder / "static" / logical for folder in theme.folders
                      if (folder / "static" / logical).is_file())
        result[published] = project.show(source)
    return result


def dependency_graph(project: Project, files: SiteFiles, theme: Theme) -> DependencyGraph:
    """Each page: its declared inputs and template files, plus every asset whose (hashed) name
    its bytes contain, since a changed asset gets a new name. Each asset: its theme file."""
    templates = {name: template_files(project, theme, name)
                 for name in {m.template for m in files.made_from.values()}}
    assets = asset_files(project, theme)
    references = {published: ("/" + published).encode() for published in assets}
    outputs: dict[str, frozenset[str]] = {published: frozenset({source})
                                          for published, source in assets.items()}
    for path, made_from in files.made_from.items():
        data = files.files[path]
        used = {assets[p] for p, ref in references.items() if ref in data}
        outputs[path] = made_from.inputs | templates[made_from.template] | used
    theme_files = {project.show(folder / "theme.yaml") for folder in theme.folders}
    return DependencyGraph(outputs, frozenset({project.show(project.config), *theme_files}))


@dataclass(frozen=True)
class SiteState:
    """A complete build: its files and what they were made from."""

    files: SiteFiles
    graph: DependencyGraph
    theme: Theme


def needs_full_render(project: Project, graph: DependencyGraph, changed: Iterable[str]) -> bool:
    """Site-wide inputs changed, or a file no output is known to use (a new template, say):
    only a full render is sure to be right. Raw articles are ingested before rendering."""
    raw = project.show(project.raw) + "/"
    return any(path in graph.global_inputs or (not path.startswith(raw) and not graph.knows(path))
               for path in changed)


def _selection(previous: SiteState, changed: set[str], narrow: bool) -> OutputSelection:
    affected = previous.graph.affected(changed, files_only=narrow)

    def selected(path: str, made_from: MadeFrom) -> bool:
        return (path in affected or path not in previous.files.files
                or previous.files.made_from.get(path) != made_from)

    return selected


def rebuild(project: Project, parsed: ParsedFiles, previous: SiteState | None,
            changed: set[str], provisional: bool = False) -> SiteState:
    """Render the site again after ``changed`` (project-relative paths), reusing the previous
    bytes of every page the change does not affect. Raises ContentError like a build.

    ``provisional``: extraction has not caught up with the sources yet (see ``load_content``);
    then only the pages that show a changed file itself are rendered (an article's page, not
    every page listing all articles), and the caller renders again with the same changes once
    extraction has run, since the facts will have changed too."""
    content, theme = load_content(project, parsed, provisional)
    if previous is None or needs_full_render(project, previous.graph, changed):
        files = render_site(project, content, theme)
    else:
        fresh = render_site(project, content, theme, _selection(previous, changed, provisional))
        files = SiteFiles()
        files.made_from = fresh.made_from
        files.files = {path: previous.files.files[path] for path in fresh.made_from
                       if path not in fresh.files}
        files.files.update(fresh.files)
    return SiteState(files, dependency_graph(project, files, theme), theme)


def update(project: Project, parsed: ParsedFiles, previous: SiteState | None,
           changed: set[str]) -> SiteState:
    """What serve does after a save: when an article changed (raw or cleaned), or on the first
    build, run the generating stages first exactly as ``build`` does (ingest, extraction,
    analysis) and count what they wrote as changed too; then :func:`rebuild`."""
    sources = project.show(project.sources) + "/"
    if previous is None or any(path.startswith(sources) for path in changed):
        changed = changed | {project.show(path) for path in prepare(project, parsed)}
    return rebuild(project, parsed, previous, changed)
