"""Serve's parts without a server: the debounce, the watcher thread and the error page."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.serve.app import LiveSite, Showing
from generator.serve.errorpage import error_page, error_text
from generator.serve.watch import Burst, ProjectWatcher, changed_paths, snapshot
from tests.serving import wait_for


def test_burst_is_released_once_quiet() -> None:
    burst = Burst(quiet=0.05)
    after = {"a.md": (int(10.00 * 1e9), 1, 1), "b.md": (int(10.01 * 1e9), 1, 2)}
    burst.add({"a.md"}, after, now=10.02)
    assert burst.release(10.03) == set()  # a.md changed 30 ms ago: not quiet yet
    burst.add({"b.md"}, after, now=10.04)
    assert burst.release(10.055) == set()  # b.md changed 45 ms ago
    assert burst.release(10.07) == {"a.md", "b.md"}  # one release for the burst
    assert burst.release(10.2) == set()


def test_deleted_files_count_as_activity_now() -> None:
    burst = Burst(quiet=0.05)
    burst.add({"gone.md"}, {}, now=20.0)
    assert burst.release(20.03) == set() and burst.release(20.06) == {"gone.md"}


def test_snapshot_ignores_editor_and_temporary_files(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    for name in ("a.md", ".a.md.swp", "a.md~", ".#a.md", "4913", ".a.md.x.tmp"):
        (tmp_path / "content" / name).write_text("x", encoding="utf-8")
    (tmp_path / "site.yaml").write_text("x", encoding="utf-8")
    found = snapshot(tmp_path, ["content", "site.yaml", "missing"])
    assert set(found) == {"content/a.md", "site.yaml"}
    (tmp_path / "content/a.md").write_text("xy", encoding="utf-8")
    assert changed_paths(found, snapshot(tmp_path, ["content", "site.yaml"])) == {"content/a.md"}


# Each watcher test runs with the kernel's notifications (inotify) and by polling.
notified = pytest.mark.parametrize("notified", [True, False], ids=["inotify", "polling"])


def _watch(tmp_path: Path, notified: bool = True) -> tuple[ProjectWatcher, list[set[str]]]:
    (tmp_path / "content").mkdir(exist_ok=True)
    bursts: list[set[str]] = []
    # Quiet times longer than serve's, so that a loaded machine does not split a burst.
    watcher = ProjectWatcher(tmp_path, bursts.append, poll=0.02, quiet=0.08, notified=notified,
                             event_quiet=0.05)
    watcher.watch(str(tmp_path / "content"))
    watcher.begin()
    assert (watcher.inotify is not None) == notified
    assert watcher.ready.wait(5)
    return watcher, bursts


@notified
def test_a_save_all_causes_one_rebuild(tmp_path: Path, notified: bool) -> None:
    watcher, bursts = _watch(tmp_path, notified)
    try:
        for n in range(20):
            (tmp_path / "content" / f"{n}.md").write_text(f"file {n}", encoding="utf-8")
            time.sleep(0.002)
        time.sleep(0.5)
    finally:
        watcher.stop()
    assert bursts == [{f"content/{n}.md" for n in range(20)}]


@notified
def test_a_file_still_being_written_is_not_read(tmp_path: Path, notified: bool) -> None:
    watcher, bursts = _watch(tmp_path, notified)
    seen: list[int] = []
    watcher.on_changes = lambda paths: (bursts.append(paths),
                                        seen.append(len((tmp_path / "content/big.md").read_bytes())))
    try:
        with (tmp_path / "content/big.md").open("wb") as handle:
            for _ in range(15):  # 300 ms of slow writing, each pause shorter than the quiet time
                handle.write(b"x" * 1000)
                handle.flush()
                time.sleep(0.02)
        time.sleep(0.4)
    finally:
        watcher.stop()
    assert seen == [15000]


@notified
def test_watcher_survives_a_failing_rebuild(tmp_path: Path, notified: bool) -> None:
    watcher, bursts = _watch(tmp_path, notified)
    calls = threading.Event()

    def failing(paths: set[str]) -> None:
        bursts.append(paths)
        if len(bursts) == 1:
            raise RuntimeError("bug")
        calls.set()

    watcher.on_changes = failing
    try:
        (tmp_path / "content/a.md").write_text("1", encoding="utf-8")
        time.sleep(0.3)
        (tmp_path / "content/a.md").write_text("22", encoding="utf-8")
        assert calls.wait(3)
    finally:
        watcher.stop()


@notified
def test_new_folders_renames_and_removals_are_reported(tmp_path: Path, notified: bool) -> None:
    (tmp_path / "content" / "old").mkdir(parents=True)
    (tmp_path / "content" / "old" / "gone.md").write_text("x", encoding="utf-8")
    (tmp_path / "content" / "kept.md").write_text("x", encoding="utf-8")
    watcher, bursts = _watch(tmp_path, notified)
    try:
        (tmp_path / "content" / "new" / "deeper").mkdir(parents=True)
        (tmp_path / "content" / "new" / "deeper" / "a.md").write_text("a", encoding="utf-8")
        (tmp_path / "content" / ".kept.md.saving").write_text("xy", encoding="utf-8")  # ignored
        (tmp_path / "content" / ".kept.md.saving").replace(tmp_path / "content" / "kept.md")
        shutil.rmtree(tmp_path / "content" / "old")
        assert wait_for(lambda: set().union(*bursts) >= {
            "content/new/deeper/a.md", "content/kept.md", "content/old/gone.md"}, 5)
        time.sleep(0.2)
        assert set().union(*bursts) == {"content/new/deeper/a.md", "content/kept.md",
                                        "content/old/gone.md"}
    finally:
        watcher.stop()


def test_error_page_shows_each_problem_with_its_line_escaped(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/facts.yaml").write_text("a: 1\nclaim: <script>x</script>\n", encoding="utf-8")
    problems = [Problem("content/facts.yaml", 2, 8, "bad <claim>"), Problem("site.yaml", 0, 0, "missing")]
    page = error_page(tmp_path, problems).decode("utf-8")
    assert "content/facts.yaml:2:8" in page and "bad &lt;claim&gt;" in page
    assert "claim: &lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page
    assert "site.yaml</span>: missing" in page and "2 problems" in page
    text = error_text(tmp_path, problems)
    assert text.splitlines() == ["content/facts.yaml:2:8: bad <claim>",
                                 "    2 | claim: <script>x</script>",
                                 "      |        ^",
                                 "site.yaml: missing"]


def test_live_site_serves_one_build_and_redirects_old_asset_names() -> None:
    site = LiveSite()
    site.showing = Showing({"index.html": b"<html>home</html>", "a/index.html": b"a",
                            "static/s.2.css": b"css", "404.html": b"nf"},
                           None, {"static/s.1.css": "static/s.2.css"})
    assert site.respond("/")[0] == "200 OK"
    assert site.respond("/a")[:2] == ("301 Moved Permanently",
                                      [("Cache-Control", "no-store"), ("Location", "/a/")])
    assert ("Location", "/static/s.2.css") in site.respond("/static/s.1.css")[1]
    assert site.respond("/static/s.2.css")[1] == [("Cache-Control", "max-age=31536000, immutable"),
                                                  ("Content-Type", "text/css; charset=utf-8")]
    assert ("Cache-Control", "no-store") in site.respond("/")[1]
    assert site.respond("/nope")[::2] == ("404 Not Found", b"nf")
    site.showing = Showing(site.showing.files, b"error page", {})
    assert site.respond("/static/s.2.css")[::2] == ("500 Internal Server Error", b"error page")
