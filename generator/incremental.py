"""Incremental rebuilds for ``explainer serve``: which project files each output is made from
(a dependency graph you can print), and a rebuild that re-renders only what a change affects."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from generator.build import load_content, prepare
from generator.output import MadeFrom, SiteFiles
from generator.project import Project
from generator.render.site import DOWNLOAD, render_site
from generator.render.theme import Theme
from generator.render.views import ViewMemo
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
        keys = _keys_of(changed, not files_only)
        if not keys:
            return set()
        return {out for out, inputs in self.outputs.items() if not keys.isdisjoint(inputs)}

    def knows(self, path: str) -> bool:
        """True when some output (or every output) is made from ``path``."""
        keys = _keys_of([path], True)
        return path in self.global_inputs or any(
            not keys.isdisjoint(inputs) for inputs in self.outputs.values())

    def __str__(self) -> str:
        lines = [f"* <- {', '.join(sorted(self.global_inputs))}"]
        lines += [f"{out} <- {', '.join(sorted(keys))}" for out, keys in sorted(self.outputs.items())]
        return "\n".join(lines)


def _keys_of(paths: Iterable[str], folders: bool) -> set[str]:
    """The keys naming ``paths``: each path, and (``folders``) each folder holding it."""
    keys = set(paths)
    if folders:
        for path in list(keys):
            parts = path.split("/")
            keys.update("/".join(parts[:n]) + "/" for n in range(1, len(parts)))
    return keys


@lru_cache(maxsize=256)
def _template_facts(path: str, mtime_ns: int, size: int) -> tuple[tuple[str | None, ...], frozenset[str]]:
    """Names a template file extends, includes or imports (None: a name computed at render),
    and the variables it reads from its context."""
    try:
        ast = jinja2.Environment().parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return (None,), frozenset()  # rendering reports the problem; until fixed, assume any
    return (tuple(jinja2.meta.find_referenced_templates(ast)),
            frozenset(jinja2.meta.find_undeclared_variables(ast)))


def _template_file_facts(path: Path) -> tuple[tuple[str | None, ...], frozenset[str]]:
    stat = path.stat()
    return _template_facts(str(path), stat.st_mtime_ns, stat.st_size)


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
        for ref in _template_file_facts(path)[0]:
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


def template_variables(project: Project, theme: Theme, name: str) -> frozenset[str] | None:
    """The context variables a template reads, with everything it extends, includes or imports
    (``jinja2.meta``: a superset, since a branch not taken counts too); None when a template
    name is computed at render time (then it may read any variable)."""
    used: set[str] = set()
    for key in template_files(project, theme, name):
        if key.endswith("/"):
            return None
        used |= _template_file_facts(project.root / key)[1]
    return frozenset(used)


def dependency_graph(project: Project, files: SiteFiles, theme: Theme,
                     previous: DependencyGraph | None = None,
                     rendered: Iterable[str] | None = None) -> DependencyGraph:
    """Each page: its declared inputs and template files, plus every asset whose (hashed) name
    its bytes contain, since a changed asset gets a new name. Each asset: its theme file.
    ``previous``: the graph of the previous render, whose entries stand for the outputs not
    ``rendered`` again (same bytes, same declared inputs)."""
    rendered = set(files.files if rendered is None else rendered)
    templates = {name: template_files(project, theme, name)
                 for name in {m.template for m in files.made_from.values()}}
    assets = asset_files(project, theme)
    references = {published: ("/" + published).encode() for published in assets}
    outputs: dict[str, frozenset[str]] = {published: frozenset({source})
                                          for published, source in assets.items()}
    for path, made_from in files.made_from.items():
        if previous is not None and path not in rendered and path in previous.outputs:
            outputs[path] = previous.outputs[path]
            continue
        data = files.files[path]
        used = {assets[p] for p, ref in references.items() if ref in data}
        outputs[path] = made_from.inputs | templates[made_from.template] | used
    theme_files = {project.show(folder / "theme.yaml") for folder in theme.folders}
    return DependencyGraph(outputs, frozenset({project.show(project.config), *theme_files}))


@dataclass(frozen=True)
class SiteState:
    """A complete build: its files, what they were made from, and for each output the values it
    showed when it was last rendered (``shown``; compared by equality, which the views kept in
    ``memo`` make mostly identity)."""

    files: SiteFiles
    graph: DependencyGraph
    theme: Theme
    shown: dict[str, dict[str, Any]] = field(default_factory=dict)
    memo: ViewMemo = field(default_factory=ViewMemo)
    variables: dict[str, frozenset[str] | None] = field(default_factory=dict)  # by template


def needs_full_render(project: Project, graph: DependencyGraph, changed: Iterable[str]) -> bool:
    """Site-wide inputs changed, or a theme file no output is known to use (a new template,
    say): only a full render is sure to be right. Content needs none: each output is rendered
    again when the values it shows changed (raw articles are ingested before rendering)."""
    content = project.show(project.content) + "/"
    return any(path in graph.global_inputs or (not path.startswith(content) and not graph.knows(path))
               for path in changed)


class _Selection:
    """Which outputs to render again: those whose template or assets changed (the graph), new
    ones, those whose declared inputs changed, and those whose shown values changed: the
    variables of its context the template reads (all of a download's data). ``provisional``:
    of the last, only outputs that name a changed content file themselves (an article's
    page, not every listing); the others keep their previous bytes and values until the
    render after extraction."""

    def __init__(self, project: Project, theme: Theme, previous: SiteState | None,
                 changed: set[str], provisional: bool, restyled: Iterable[str] = ()) -> None:
        self.project, self.theme, self.previous = project, theme, previous
        self.shown: dict[str, dict[str, Any]] = {}
        self._compared: dict[tuple[int, int], tuple[object, object, bool]] = {}
        self.rendered: set[str] = set()
        content = project.show(project.content) + "/"
        themes = project.show(project.themes) + "/"
        self.variables: dict[str, frozenset[str] | None] = (
            dict(previous.variables) if previous is not None
            and not any(path.startswith(themes) for path in changed) else {})
        if previous is None:
            self.forced: set[str] | None = None  # everything
            self.eligible: set[str] | None = None
        else:
            self.forced = previous.graph.affected(
                p for p in changed if not p.startswith(content) and p not in restyled)
            self.eligible = (previous.graph.affected(
                {p for p in changed if p.startswith(content)}, files_only=True)
                if provisional else None)

    def __call__(self, path: str, made_from: MadeFrom, context: dict[str, Any]) -> bool:
        if made_from.template == DOWNLOAD:
            shown = context
        else:
            if made_from.template not in self.variables:
                self.variables[made_from.template] = template_variables(
                    self.project, self.theme, made_from.template)
            names = self.variables[made_from.template]
            shown = {k: v for k, v in context.items() if names is None or k in names}
        previous = self.previous
        render = (self.forced is None or previous is None or path in self.forced
                  or path not in previous.files.files or path not in previous.shown
                  or previous.files.made_from.get(path) != made_from)
        if not render and previous is not None and not self._same(previous.shown[path], shown):
            render = self.eligible is None or path in self.eligible
        if render:
            self.rendered.add(path)
            self.shown[path] = shown
        elif previous is not None:
            self.shown[path] = previous.shown[path]
        return render

    def _same(self, old: dict[str, Any], new: dict[str, Any]) -> bool:
        """``old == new``; values shared by many pages (the site's configuration, every fact
        by id, the navigation) are compared once: each pair of objects is remembered, and
        kept alive meanwhile, so that no other object can take its identity."""
        if old.keys() != new.keys():
            return False
        for name, value in new.items():
            before = old[name]
            if before is value or isinstance(value, str | int | tuple):
                if before != value:
                    return False
                continue
            key = (id(before), id(value))
            known = self._compared.get(key)
            if known is None:
                known = self._compared[key] = (before, value, before == value)
            if not known[2]:
                return False
        return True


def _renamed_assets(project: Project, before: Theme, after: Theme,
                    changed: set[str]) -> dict[str, tuple[str, str]]:
    """Changed theme files that stay the same asset under a new (content-hashed) name:
    theme file → (old published name, new one)."""
    old = {source: published for published, source in asset_files(project, before).items()}
    new = {source: published for published, source in asset_files(project, after).items()}
    return {source: (old[source], new[source]) for source in changed
            if source in old and source in new and old[source] != new[source]}


def rebuild(project: Project, parsed: ParsedFiles, previous: SiteState | None,
            changed: set[str], provisional: bool = False,
            stop: Callable[[], bool] | None = None) -> SiteState:
    """Render the site again after ``changed`` (project-relative paths), reusing the previous
    bytes of every output whose template, assets and shown values are unchanged. Raises
    ContentError like a build.

    ``provisional``: extraction has not caught up with the sources yet (see ``load_content``);
    then only the pages that show a changed file itself are rendered (an article's page, not
    every page listing all articles), and the caller renders again once extraction has run:
    the outputs left out then are rendered if what they show changed."""
    content, theme = load_content(project, parsed, provisional)
    memo = previous.memo if previous is not None else ViewMemo()
    if previous is not None and needs_full_render(project, previous.graph, changed):
        previous = None
    renamed = _renamed_assets(project, previous.theme, theme, changed) if previous is not None else {}
    selection = _Selection(project, theme, previous, changed, provisional, renamed)
    fresh = render_site(project, content, theme, selection, memo=memo, stop=stop)
    if previous is None:
        return SiteState(fresh, dependency_graph(project, fresh, theme), theme, selection.shown, memo,
                         selection.variables)
    files = SiteFiles()
    files.made_from = fresh.made_from
    files.files = {path: previous.files.files[path] for path in fresh.made_from
                   if path not in fresh.files}
    # A page kept whose stylesheet (or other asset) changed: the asset's name is all a page
    # has of it (``asset()`` in a template), so the new name replaces the old.
    names = {("/" + old).encode(): ("/" + new).encode()
             for source, (old, new) in renamed.items()}
    for path in previous.graph.affected(renamed) & files.files.keys():
        data = files.files[path]
        for old_name, new_name in names.items():
            data = data.replace(old_name, new_name)
        files.files[path] = data
    files.files.update(fresh.files)
    graph = dependency_graph(project, files, theme, previous.graph, fresh.files)
    return SiteState(files, graph, theme, selection.shown, memo, selection.variables)


def update(project: Project, parsed: ParsedFiles, previous: SiteState | None,
           changed: set[str]) -> SiteState:
    """What serve does after a save: when an article changed (raw or cleaned), or on the first
    build, run the generating stages first exactly as ``build`` does (ingest, extraction,
    analysis) and count what they wrote as changed too; then :func:`rebuild`."""
    sources = project.show(project.sources) + "/"
    if previous is None or any(path.startswith(sources) for path in changed):
        changed = changed | {project.show(path) for path in prepare(project, parsed)}
    return rebuild(project, parsed, previous, changed)
