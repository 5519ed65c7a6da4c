"""The dependency graph behind serve, and incremental rebuilds that equal full builds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import incremental
from generator.analysis.syndication import group_of
from generator.build import build, load_content, render
from generator.incremental import needs_full_render, update
from generator.output import SiteFiles
from generator.project import Project
from generator.render.site import render_site
from generator.render.views import SourcePage, build_views
from generator.textfile import ParsedFiles
from tests.serving import edit

T = "themes/default/templates/"


@pytest.fixture
def built(seed_project: Path) -> Project:
    project = Project(seed_project)
    build(project)
    return project


def test_graph_records_sources_templates_and_assets(built: Project) -> None:
    state = update(built, ParsedFiles(), None, set())
    graph = state.graph
    source = sorted(built.sources.glob("*.md"))[0]
    key = f"content/sources/{source.name}"
    page = f"sources/{source.stem}/index.html"
    copies = {f"content/sources/{s.id}.md" for s in
              next(p for p in build_views_of(built) if p.source.id == source.stem).same_story}
    assert graph.outputs[page] == {key, *copies, "content/facts/", "content/syndication.yaml",
                                   "content/pages/about.md",
                                   T + "source.html", T + "base.html", T + "macros.html",
                                   "themes/default/static/style.css", "themes/default/static/favicon.svg"}
    assert {"content/", T + "index.html", T + "macros.html"} <= graph.outputs["index.html"]
    other = f"sources/{sorted(built.sources.glob('*.md'))[1].stem}/index.html"
    affected = graph.affected({key})
    assert {page, "index.html", "sources/index.html", "facts/index.html"} <= affected
    assert "404.html" not in affected and "about/index.html" not in affected
    assert other not in affected or other.removeprefix("sources/").removesuffix("/index.html") in {
        c.removeprefix("content/sources/").removesuffix(".md") for c in copies}
    assert graph.affected({T + "sources.html"}) == {"sources/index.html"}
    stylesheet = graph.affected({"themes/default/static/style.css"})
    assert {p for p in stylesheet if p.endswith(".css")} == {
        p for p in state.files.files if p.startswith("static/style.")}
    assert {p for p in state.files.files if p.endswith(".html")} <= stylesheet
    line = next(ln for ln in str(graph).splitlines() if ln.startswith(f"{page} <- "))
    assert key in line  # printable, one output a line


def build_views_of(project: Project) -> list[SourcePage]:
    content, _ = load_content(project)
    return build_views(content.sources, content.facts, group_of(content.groups), {}).source_pages


def test_site_wide_and_unknown_inputs_need_a_full_render(built: Project) -> None:
    graph = update(built, ParsedFiles(), None, set()).graph
    assert needs_full_render(built, graph, {"site.yaml"})
    assert needs_full_render(built, graph, {"themes/default/theme.yaml"})
    assert needs_full_render(built, graph, {T + "new-partial.html"})
    assert not needs_full_render(built, graph, {"content/sources/new-article.md"})
    assert not needs_full_render(built, graph, {"content/sources/raw/new.txt"})
    assert not needs_full_render(built, graph, {T + "source.html"})


def _edit_source(project: Project) -> set[str]:
    source = sorted(project.sources.glob("*.md"))[1]
    edit(source, "Kim", "Kim Jong Un himself")
    return {project.show(source)}


def _retitle_source(project: Project) -> set[str]:
    source = sorted(project.sources.glob("*.md"))[1]
    edit(source, "title: ", "title: Retitled ")
    return {project.show(source)}


def _remove_source(project: Project) -> set[str]:
    """An article taken out: its raw file (else the build would ingest it again) and its source."""
    source = sorted(project.sources.glob("*.md"))[2]
    raw = next(project.raw.glob(source.name[:3] + "*"))
    source.unlink()
    raw.unlink()
    return {project.show(source), project.show(raw)}


def _add_source(project: Project) -> set[str]:
    new = project.sources / "zz-new.md"
    new.write_text("---\nid: zz-new\nraw: null\ntitle: A new one\n---\n\nNew words.\n", encoding="utf-8")
    return {project.show(new)}


def _edit_template(project: Project) -> set[str]:
    template = project.themes / "default/templates/sources.html"
    edit(template, '<ul class="source-list">', '<ul class="source-list changed">')
    return {project.show(template)}


def _edit_stylesheet(project: Project) -> set[str]:
    stylesheet = project.themes / "default/static/style.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nbody { color: red; }\n",
                          encoding="utf-8")
    return {project.show(stylesheet)}


def _edit_home_page(project: Project) -> set[str]:
    page = project.pages / "index.md"
    page.write_text("A *new* introduction.\n", encoding="utf-8")
    return {project.show(page)}


@pytest.mark.parametrize("change", [_edit_source, _retitle_source, _remove_source, _add_source,
                                    _edit_template, _edit_stylesheet, _edit_home_page])
def test_incremental_rebuild_equals_a_full_build(built: Project,
                                                 change: Callable[[Project], set[str]]) -> None:
    parsed = ParsedFiles()
    before = update(built, parsed, None, set())
    changed = change(built)
    after = update(built, parsed, before, changed)
    full = render(built)
    assert after.files.files == full.files
    assert after.files.files != before.files.files


def test_unaffected_pages_are_not_rendered_again(built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = ParsedFiles()
    before = update(built, parsed, None, set())
    template = built.themes / "default/templates/timeline.html"
    edit(template, '<ol class="timeline">', '<ol class="timeline changed">')
    changed = {built.show(template)}
    rendered: list[str] = []

    def recording_render_site(*args: Any, **kwargs: Any) -> SiteFiles:
        files = render_site(*args, **kwargs)
        rendered.extend(files.files)
        return files

    monkeypatch.setattr(incremental, "render_site", recording_render_site)
    update(built, parsed, before, changed)
    assert {p for p in rendered if p.endswith(".html")} == before.graph.affected(changed) == {
        "timeline/index.html"}
