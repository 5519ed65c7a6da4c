"""Caches and worker processes only save time: a cached rebuild and a parallel build write the
same bytes as a clean serial build, and a rebuild leaves unchanged site files untouched."""

from __future__ import annotations

import array
import fcntl
import os
import shutil
from pathlib import Path

import pytest

import generator.parallel
import generator.render.early
from generator.build import build
from generator.cli import main
from generator.output import _FS_IOC_GETFLAGS, _FS_TOPDIR_FL
from generator.pages import parse_page
from generator.project import Project
from generator.render.early import early_markdown, markdown_key

REPO = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fresh_project(root: Path) -> Project:
    """The seed site with its facts and analysis to be made again, and a few plain pages."""
    for name in ("content", "themes", "site.yaml"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, root / name)
    for stale in [*root.glob("content/facts/*.yaml"), root / "content" / "syndication.yaml"]:
        stale.unlink()
    for index in range(3):
        (root / "content" / "pages" / f"note-{index}.md").write_text(
            f"---\ntitle: Note {index}\n---\nA *plain* page number {index}, with a [link](/facts/).\n",
            encoding="utf-8")
    return Project(root)


def outputs(project: Project) -> tuple[dict[str, bytes], dict[str, bytes]]:
    return snapshot(project.site), snapshot(project.content)


@pytest.fixture
def serial_outputs(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    project = fresh_project(tmp_path / "serial")
    build(project)
    assert not list(project.site.rglob("*.tmp"))
    return outputs(project)


def test_cached_rebuild_is_byte_identical(tmp_path: Path, serial_outputs: tuple) -> None:
    project = fresh_project(tmp_path / "cached")
    build(project)
    cached = sorted(p.name for p in project.cache.glob("*.pickle"))
    assert {"mentions.pickle", "markdown.pickle", "analysis-features.pickle"} <= set(cached)
    # Same inputs again, with every cache warm: content/ regenerated from cached work.
    shutil.rmtree(project.site)
    for generated in [*project.facts.glob("*.yaml"), project.content / "syndication.yaml"]:
        generated.unlink()
    build(project)
    assert outputs(project) == serial_outputs


def test_parallel_build_is_byte_identical(tmp_path: Path, serial_outputs: tuple,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if generator.parallel.workers() < 2:
        pytest.skip("one core: builds never fork")
    monkeypatch.setattr(generator.parallel, "MIN_PARALLEL_MS", 0.0)
    project = fresh_project(tmp_path / "parallel")
    build(project)
    assert outputs(project) == serial_outputs


def test_early_markdown_build_is_byte_identical(tmp_path: Path, serial_outputs: tuple,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build whose page bodies start rendering before it loads anything; a page edited
    after the early workers read it is rendered from its new text."""
    if generator.parallel.workers() < 2:
        pytest.skip("one core: builds never fork")
    monkeypatch.setattr(generator.parallel, "MIN_PARALLEL_MS", 0.0)
    monkeypatch.setattr(generator.render.early, "MIN_PARALLEL_MS", 0.0)
    project = fresh_project(tmp_path / "early")
    note = project.pages / "note-2.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("plain", "early"), encoding="utf-8")
    with early_markdown(project) as early:
        assert early is not None
        read = parse_page(note.read_text(encoding="utf-8"), note, "note-2.md").markdown
        assert "<em>early</em>" in (early.body(markdown_key(read, False)) or "")
        note.write_text(text, encoding="utf-8")
        build(project, early=early)
    assert outputs(project) == serial_outputs
    with early_markdown(project) as again:
        assert again is None  # a Markdown cache exists now: no head start needed


def test_rebuild_rewrites_only_changed_files(tmp_path: Path) -> None:
    project = fresh_project(tmp_path / "site")
    build(project)
    before = {p: p.stat().st_ino for p in project.site.rglob("*.html")}
    note = project.pages / "note-1.md"
    note.write_text(note.read_text(encoding="utf-8").replace("plain", "changed"), encoding="utf-8")
    build(project)
    changed = project.site / "note-1" / "index.html"
    assert "<em>changed</em>" in changed.read_text(encoding="utf-8")
    assert changed.stat().st_ino != before[changed]
    same = project.site / "note-2" / "index.html"
    assert same.stat().st_ino == before[same]  # linked from the previous site, not rewritten


def test_build_with_nothing_changed_does_nothing(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = fresh_project(tmp_path / "site")
    assert main(["-C", str(project.root), "build"]) == 0
    listing = {p: p.stat().st_mtime_ns for p in project.site.rglob("*")}
    assert main(["-C", str(project.root), "build"]) == 0
    assert {p: p.stat().st_mtime_ns for p in project.site.rglob("*")} == listing
    first, second = capsys.readouterr().out.split("preview:")[:2]
    assert "built" in first and first.split("built")[1] == second.split("built")[1]
    # An edit, or a damaged site/, means a real build again.
    (project.site / "robots.txt").unlink()
    assert main(["-C", str(project.root), "build"]) == 0
    assert (project.site / "robots.txt").is_file()
    page = project.pages / "note-0.md"
    page.write_text(page.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    assert main(["-C", str(project.root), "build"]) == 0
    assert "More." in (project.site / "note-0" / "index.html").read_text(encoding="utf-8")


def test_site_folder_is_a_top_of_hierarchy_where_the_file_system_has_one(tmp_path: Path) -> None:
    """The build's folder carries ext4's top-of-hierarchy attribute (``chattr +T``), so its page
    folders are spread over block groups; where the file system has no such attribute the
    build goes on without it."""
    project = Project(tmp_path / "p")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "site.yaml").write_text(
        "title: T\nbase_url: https://example.org/\ntheme: default\n", encoding="utf-8")
    shutil.copytree(REPO / "themes", tmp_path / "p" / "themes")
    (tmp_path / "p" / "content" / "pages").mkdir(parents=True)
    (tmp_path / "p" / "content" / "sources").mkdir()
    (tmp_path / "p" / "content" / "pages" / "a.md").write_text("# A\n", encoding="utf-8")
    build(project)
    assert (project.site / "a" / "index.html").is_file()
    descriptor = os.open(project.site, os.O_RDONLY | os.O_DIRECTORY)
    try:
        flags = array.array("i", [0])
        try:
            fcntl.ioctl(descriptor, _FS_IOC_GETFLAGS, flags, True)
        except OSError:
            pytest.skip("this file system has no inode attributes")
    finally:
        os.close(descriptor)
    assert flags[0] & _FS_TOPDIR_FL
