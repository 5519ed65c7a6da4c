"""The dependency graph behind serve, and incremental rebuilds that equal full builds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import incremental
from generator.analysis.syndication import group_of
from generator.build import build, load_content, prepare, render
from generator.facts import load_facts
from generator.incremental import SiteState, needs_full_render, rebuild, update
from generator.output import SiteFiles, update_site, write_site
from generator.project import Project
from generator.render.site import RenderStopped, render_site
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
    drawn = {f"content/facts/{f.category}.yaml" for f in
             next(p for p in build_views_of(built) if p.source.id == source.stem).facts}
    assert drawn  # the first seed is quoted: its page depends on the facts files it draws from
    assert graph.outputs[page] == {key, *copies, *drawn, "content/syndication.yaml",
                                   "content/pages/about.md",  # the navigation shows its title
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


def _rendered_by(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The outputs each later rebuild renders (not those it keeps)."""
    rendered: list[str] = []

    def recording_render_site(*args: Any, **kwargs: Any) -> SiteFiles:
        files = render_site(*args, **kwargs)
        rendered.extend(files.files)
        return files

    monkeypatch.setattr(incremental, "render_site", recording_render_site)
    return rendered


def _two_phases(project: Project, parsed: ParsedFiles, state: SiteState,
                changed: set[str]) -> tuple[SiteState, SiteState]:
    """What serve does after a save of an article: the provisional render, then the content
    stages and the render of what they changed."""
    first = rebuild(project, parsed, state, changed, provisional=True)
    written = {project.show(path) for path in prepare(project, parsed)}
    return first, rebuild(project, parsed, first, changed | written)


def test_an_edit_that_changes_no_fact_renders_only_the_article_page(
        built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = ParsedFiles()
    state = update(built, parsed, None, set())
    source, quote = _quoted_source(built)
    text = source.read_text(encoding="utf-8")
    start = text.rfind("\n\n", 0, text.index(quote)) + 2  # the quoted paragraph starts a sentence
    source.write_text(text[:start] + "An added remark. " + text[start:], encoding="utf-8")
    rendered = _rendered_by(monkeypatch)
    first, second = _two_phases(built, parsed, state, {built.show(source)})
    html = {p for p in rendered if p.endswith(".html")}
    page = f"sources/{source.stem}/index.html"
    assert rendered.count(page) == 1  # in the first phase
    # The listing of sources reads every source page's view (whose passages changed); nothing
    # else shows the article's text.
    assert html - {page} <= {"sources/index.html"}
    assert "facts.json" not in rendered and "feed.xml" not in rendered
    assert "An added remark." in first.files.files[f"sources/{source.stem}/index.html"].decode()
    assert second.files.files == render(built).files


def test_an_edit_that_drops_a_fact_renders_the_pages_showing_it(
        built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = ParsedFiles()
    state = update(built, parsed, None, set())
    source, quote = _quoted_source(built)
    edit(source, quote, "Nothing to see here.")
    rendered = _rendered_by(monkeypatch)
    _, second = _two_phases(built, parsed, state, {built.show(source)})
    full = render(built).files
    assert second.files.files == full
    changed = {p for p, data in full.items() if state.files.files.get(p) != data}
    html = {p for p in rendered if p.endswith(".html")}
    assert f"sources/{source.stem}/index.html" in changed and "facts/index.html" in changed
    assert changed <= set(rendered)
    # Pages that show nothing that changed are not rendered again: the other categories'
    # pages, the 404 page. (Pages reading a changed value may be: the home page reads
    # every category for its counts, an article's page every fact for its passages' claims.)
    others = {f"{name}/index.html" for name in ("gifts", "car-collection", "aurus-production",
                                                 "timeline", "discrepancies")} - changed
    assert others and not html & (others | {"404.html"})


def _quoted_source(project: Project) -> tuple[Path, str]:
    """A source and a quote of an extracted (not reviewed) fact from it."""
    facts = load_facts(project)
    for fact in facts:
        if fact.by_extract and not fact.reviewed:
            for quote in fact.sources:
                path = project.sources / f"{quote.source}.md"
                if quote.quote in path.read_text(encoding="utf-8"):
                    return path, quote.quote
    raise AssertionError("no extracted quote")


def _same_tree(a: Path, b: Path) -> None:
    files_a = {p.relative_to(a).as_posix(): p.read_bytes() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix(): p.read_bytes() for p in b.rglob("*") if p.is_file()}
    assert sorted(files_a) == sorted(files_b)
    assert [p for p in files_a if files_a[p] != files_b[p]] == []


def test_a_sequence_of_edits_keeps_site_identical_to_a_clean_full_build(
        built: Project, tmp_path: Path) -> None:
    """Serve's path (two phases for articles, one render otherwise, ``site/`` updated file by
    file) after each of a series of edits, against ``explainer build`` of a clean copy."""
    parsed = ParsedFiles()
    state = update(built, parsed, None, set())
    write_site(built.site, state.files)

    def added_remark(project: Project) -> set[str]:
        source, quote = _quoted_source(project)
        edit(source, quote, quote + " A remark")
        return {project.show(source)}

    def dropped_quote(project: Project) -> set[str]:
        source, quote = _quoted_source(project)
        edit(source, quote, "Nothing here.")
        return {project.show(source)}

    def new_first_paragraph(project: Project) -> set[str]:
        """Every quote of the article moves one paragraph down: the facts' links change."""
        source, _ = _quoted_source(project)
        text = source.read_text(encoding="utf-8")
        start = text.index("---\n", 4) + 4
        source.write_text(text[:start] + "\nAn opening paragraph.\n" + text[start:], encoding="utf-8")
        return {project.show(source)}

    def reviewed_claim(project: Project) -> set[str]:
        path = project.facts / "aurus-production.yaml"
        edit(path, "claim: ", "claim: Reworded ")
        return {project.show(path)}

    def about_title(project: Project) -> set[str]:
        path = project.pages / "about.md"
        path.write_text("---\ntitle: About this site\n---\n\nWho we are.\n", encoding="utf-8")
        return {project.show(path)}

    steps = [added_remark, _retitle_source, new_first_paragraph, dropped_quote, _add_source, reviewed_claim,
             _edit_template, _remove_source, _edit_stylesheet, _edit_home_page, about_title,
             added_remark]
    for number, step in enumerate(steps):
        changed = step(built)
        if any(path.startswith("content/sources/") for path in changed):
            first, after = _two_phases(built, parsed, state, changed)
            update_site(built.site, state.files, first.files)
            update_site(built.site, first.files, after.files)
        else:
            after = rebuild(built, parsed, state, changed)
            update_site(built.site, state.files, after.files)
        state = after
        clean = tmp_path / f"clean-{number}"
        clean.mkdir()
        for name in ("content", "themes", "site.yaml"):
            copy = shutil.copytree if (built.root / name).is_dir() else shutil.copy
            copy(built.root / name, clean / name)
        build(Project(clean))
        _same_tree(built.site, clean / "site")


def test_a_stylesheet_change_renders_no_page(built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages only name the stylesheet: its new hashed name replaces the old in their bytes."""
    parsed = ParsedFiles()
    before = update(built, parsed, None, set())
    rendered = _rendered_by(monkeypatch)
    after = update(built, parsed, before, _edit_stylesheet(built))
    assert [p for p in rendered if p.endswith(".html")] == []
    assert after.files.files == render(built).files
    old = next(p for p in before.files.files if p.startswith("static/style."))
    new = next(p for p in after.files.files if p.startswith("static/style."))
    assert old != new and new.encode() in after.files.files["index.html"]


def test_a_render_can_be_stopped_between_pages(built: Project) -> None:
    """Serve stops the render of the stages' output when a save arrives (it is shown first)."""
    parsed = ParsedFiles()
    before = update(built, parsed, None, set())
    template = built.themes / "default/templates/source.html"
    edit(template, "<article", "<article data-edited")
    asked: list[int] = []
    with pytest.raises(RenderStopped):
        rebuild(built, parsed, before, {built.show(template)}, stop=lambda: bool(asked.append(1)) or True)
    assert asked == [1]  # after the first page
    after = rebuild(built, parsed, before, {built.show(template)}, stop=lambda: False)
    assert after.files.files == render(built).files
