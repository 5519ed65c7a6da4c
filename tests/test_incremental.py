"""The dependency graph behind serve, and incremental rebuilds that equal full builds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import incremental
from generator.build import build, render
from generator.incremental import needs_full_render, rebuild
from generator.output import SiteFiles
from generator.project import Project
from generator.render.site import render_site
from generator.textfile import ParsedFiles
from tests.serving import edit

T = "themes/default/templates/"


@pytest.fixture
def built(seed_project: Path) -> Project:
    project = Project(seed_project)
    build(project)
    return project


def test_graph_records_sources_templates_and_assets(built: Project) -> None:
    state = rebuild(built, ParsedFiles(), None, set())
    graph = state.graph
    source = sorted(built.sources.glob("*.md"))[0]
    key = f"content/sources/{source.name}"
    page = f"sources/{source.stem}/index.html"
    assert graph.outputs[page] == {key, T + "source.html", T + "base.html",
                                   "themes/default/static/style.css"}
    assert {"content/sources/", "content/pages/index.md", T + "index.html",
            T + "source-list.html"} <= graph.outputs["index.html"]
    assert graph.affected({key}) == {page, "index.html", "sources/index.html"}
    assert graph.affected({T + "source-list.html"}) == {"index.html", "sources/index.html"}
    stylesheet = graph.affected({"themes/default/static/style.css"})
    assert {p for p in stylesheet if p.endswith(".css")} == {
        p for p in state.files.files if p.startswith("static/style.")}
    assert {p for p in state.files.files if p.endswith(".html")} <= stylesheet
    assert f"{page} <- {key}, " in str(graph)  # printable, one output a line


def test_site_wide_and_unknown_inputs_need_a_full_render(built: Project) -> None:
    graph = rebuild(built, ParsedFiles(), None, set()).graph
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
    source = sorted(project.sources.glob("*.md"))[2]
    source.unlink()
    return {project.show(source)}


def _add_source(project: Project) -> set[str]:
    new = project.sources / "zz-new.md"
    new.write_text("---\nid: zz-new\nraw: null\ntitle: A new one\n---\n\nNew words.\n", encoding="utf-8")
    return {project.show(new)}


def _edit_template(project: Project) -> set[str]:
    template = project.themes / "default/templates/source-list.html"
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
    before = rebuild(built, parsed, None, set())
    changed = change(built)
    after = rebuild(built, parsed, before, changed)
    full = render(built)
    assert after.files.files == full.files
    assert after.files.files != before.files.files


def test_unaffected_pages_are_not_rendered_again(built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = ParsedFiles()
    before = rebuild(built, parsed, None, set())
    changed = _edit_source(built)
    rendered: list[str] = []

    def recording_render_site(*args: Any, **kwargs: Any) -> SiteFiles:
        files = render_site(*args, **kwargs)
        rendered.extend(files.files)
        return files

    monkeypatch.setattr(incremental, "render_site", recording_render_site)
    rebuild(built, parsed, before, changed)
    assert {p for p in rendered if p.endswith(".html")} == before.graph.affected(changed)
