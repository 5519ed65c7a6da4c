"""Watching the project's inputs: a polling thread that reports each burst of changes once, after
the files have been still for a moment, so a half-written file is never read as final."""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from livereload.watcher import Watcher

Snapshot = dict[str, tuple[int, int, int]]  # project-relative path → (mtime_ns, size, inode)

POLL_SECONDS = 0.04
QUIET_SECONDS = 0.04


def is_ignored(name: str) -> bool:
    """Editor swap and backup files, hidden files and our own temporary files."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def snapshot(root: Path, watched: Iterable[str]) -> Snapshot:
    """The size and modification time of every watched file (``watched``: paths under ``root``)."""
    found: Snapshot = {}

    def visit(path: str, rel: str) -> None:
        try:
            entries = list(os.scandir(path))
        except NotADirectoryError:
            stat = os.stat(path)
            found[rel] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            return
        except OSError:
            return
        for entry in entries:
            if is_ignored(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, f"{rel}/{entry.name}")
                elif entry.is_file():
                    stat = entry.stat()
                    found[f"{rel}/{entry.name}"] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            except OSError:
                continue  # vanished while we looked: the next scan sees it gone

    for rel in watched:
        visit(str(root / rel), rel)
    return found


def changed_paths(before: Snapshot, after: Snapshot) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


class Burst:
    """Changes seen so far; released once no watched file has changed for ``quiet`` seconds.
    Activity is dated by the files' own modification times where they exist."""

    def __init__(self, quiet: float = QUIET_SECONDS) -> None:
        self.quiet = quiet
        self.paths: set[str] = set()
        self.last_activity = 0.0

    def add(self, paths: set[str], after: Snapshot, now: float) -> None:
        self.paths |= paths
        times = [after[p][0] / 1e9 if p in after else now for p in paths]
        self.last_activity = max(self.last_activity, min(now, max(times, default=now)))

    def release(self, now: float) -> set[str]:
        """The burst's paths if it has been quiet long enough (and then forget them), else none."""
        if not self.paths or now - self.last_activity < self.quiet:
            return set()
        paths, self.paths = self.paths, set()
        return paths

    def wait(self, now: float, poll: float) -> float:
        if not self.paths:
            return poll
        return max(0.002, min(poll, self.last_activity + self.quiet - now))


class ProjectWatcher(Watcher):  # type: ignore[misc]
    """livereload's watcher, polling on its own thread: paths registered with
    ``Server.watch`` are scanned every ``poll`` seconds and each quiet burst of changes is
    handed to ``on_changes`` (project-relative paths)."""

    def __init__(self, root: Path, on_changes: Callable[[set[str]], None],
                 poll: float = POLL_SECONDS, quiet: float = QUIET_SECONDS) -> None:
        super().__init__()
        self.root = root
        self.on_changes = on_changes
        self.poll = poll
        self.quiet = quiet
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="explainer-watch", daemon=True)
        self._baseline: Snapshot = {}

    def watched(self) -> list[str]:
        return [Path(path).resolve().relative_to(self.root).as_posix() for path in self._tasks]

    def start(self, callback: Callable[[], None]) -> bool:
        """livereload's hook; True tells it we schedule ourselves (no 800 ms polling)."""
        self.begin()
        return True

    def take_baseline(self) -> None:
        """Remember the files as they are now: later changes (even before ``begin``) are reported."""
        self._baseline = snapshot(self.root, self.watched())

    def begin(self) -> None:
        if not self._thread.is_alive():
            if not self._baseline:
                self.take_baseline()
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        watched, before, burst = self.watched(), self._baseline, Burst(self.quiet)
        wait = self.poll
        while not self._stop.wait(wait):
            now = time.time()
            after = snapshot(self.root, watched)
            changed = changed_paths(before, after)
            before = after
            if changed:
                burst.add(changed, after, now)
            ready = burst.release(now)
            if ready:
                try:
                    self.on_changes(ready)
                except Exception:  # a bug in a rebuild must not stop the watching
                    traceback.print_exc()
            wait = burst.wait(time.time(), self.poll)
