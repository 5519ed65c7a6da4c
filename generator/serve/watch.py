"""Watching the project's inputs: a thread that reports each burst of changes once, after the
files have been still for a moment, so a half-written file is never read as final. On Linux it
is woken by the kernel (inotify) the moment a file changes, and a file is final once the
program writing it has closed it (or renamed it into place); elsewhere, or when inotify cannot
be had, it polls every file's size and modification time."""

from __future__ import annotations

import ctypes
import errno
import os
import select
import struct
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from livereload.watcher import Watcher

Snapshot = dict[str, tuple[int, int, int]]  # project-relative path → (mtime_ns, size, inode)

POLL_SECONDS = 0.04
QUIET_SECONDS = 0.04
EVENT_QUIET_SECONDS = 0.02  # with inotify: no event for this long ends a burst ("save all")
STALLED_SECONDS = 2.0  # a file written and not closed for this long, with no event, counts as saved


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


# inotify(7): event mask bits, and the flags of inotify_init1.
_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_Q_OVERFLOW, _IN_IGNORED = 0x400, 0x800, 0x4000, 0x8000
_IN_ISDIR = 0x40000000
_MASK = (_IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE
         | _IN_DELETE | _IN_DELETE_SELF | _IN_MOVE_SELF)
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows
OVERFLOW = "*"  # reported instead of paths when the kernel dropped events


class Inotify:
    """The kernel's change notifications for the watched folders (each subfolder watched too,
    as it appears) and files, as project-relative paths. Raises OSError where unavailable."""

    def __init__(self, root: Path, watched: Iterable[str]) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self._add = libc.inotify_add_watch
        self._add.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        self.fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self.root = root
        self.folders: dict[int, str] = {}  # watch descriptor → folder ("" for the root)
        self.files: set[str] = set()  # watched single files (site.yaml), through their folder
        self.trees: list[str] = []
        try:
            for rel in watched:
                if (root / rel).is_dir():
                    self.trees.append(rel)
                    self.add_tree(rel)
                else:
                    self.files.add(rel)
                    self._watch(rel.rpartition("/")[0])
        except OSError:
            self.close()
            raise

    def _watch(self, rel: str) -> None:
        wd = self._add(self.fd, os.fsencode(self.root / rel if rel else self.root), _MASK)
        if wd < 0:
            code = ctypes.get_errno()
            if code in (errno.ENOENT, errno.ENOTDIR):
                return  # gone already: its parent's event reports it
            raise OSError(code, f"cannot watch {rel}: {os.strerror(code)}")
        self.folders[wd] = rel

    def add_tree(self, rel: str) -> list[str]:
        """Watch a folder and every folder in it; returns the files found in them."""
        found = []
        self._watch(rel)
        for folder, subfolders, names in os.walk(self.root / rel):
            subfolders[:] = [d for d in subfolders if not is_ignored(d)]
            base = Path(folder).relative_to(self.root).as_posix()
            for name in subfolders:
                self._watch(f"{base}/{name}")
            found += [f"{base}/{name}" for name in names if not is_ignored(name)]
        return found

    def read(self, timeout: float) -> list[tuple[str, int]] | None:
        """The events of the next ``timeout`` seconds at most, as (path, mask); None when
        events were lost (then anything may have changed)."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return []
        try:
            data = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return []
        events, offset = [], 0
        while offset < len(data):
            wd, mask, _, length = _EVENT.unpack_from(data, offset)
            name = data[offset + _EVENT.size: offset + _EVENT.size + length].rstrip(b"\0")
            offset += _EVENT.size + length
            if mask & _IN_Q_OVERFLOW:
                return None
            if mask & _IN_IGNORED:
                self.folders.pop(wd, None)
                continue
            folder = self.folders.get(wd)
            if folder is None or not name:
                continue
            text = os.fsdecode(name)
            path = f"{folder}/{text}" if folder else text
            if is_ignored(text) or (not folder and path not in self.files
                                    and not any(path == t or path.startswith(t + "/") for t in self.trees)):
                continue
            events.append((path, mask))
        return events

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def signature(root: Path, rel: str) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(root / rel)
    except OSError:
        return None
    if not os.path.isfile(root / rel):
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class ProjectWatcher(Watcher):  # type: ignore[misc]
    """livereload's watcher, polling on its own thread: paths registered with
    ``Server.watch`` are scanned every ``poll`` seconds and each quiet burst of changes is
    handed to ``on_changes`` (project-relative paths)."""

    def __init__(self, root: Path, on_changes: Callable[[set[str]], None],
                 poll: float = POLL_SECONDS, quiet: float = QUIET_SECONDS,
                 notified: bool = True, event_quiet: float = EVENT_QUIET_SECONDS) -> None:
        super().__init__()
        self.root = root
        self.on_changes = on_changes
        self.poll = poll
        self.quiet = quiet
        self.notified = notified  # use inotify where the system has it
        self.event_quiet = event_quiet
        self.inotify: Inotify | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="explainer-watch", daemon=True)
        self._baseline: Snapshot = {}
        self.ready = threading.Event()  # set once changes are being watched

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
            if self.notified:
                try:
                    self.inotify = Inotify(self.root, self.watched())
                except (OSError, AttributeError):  # not Linux, or out of watches: poll
                    self.inotify = None
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _report(self, changed: set[str]) -> None:
        try:
            self.on_changes(changed)
        except Exception:  # a bug in a rebuild must not stop the watching
            traceback.print_exc()

    def _run(self) -> None:
        if self.inotify is not None:
            try:
                self._run_notified(self.inotify)
            finally:
                self.inotify.close()
            return
        watched, before, burst = self.watched(), self._baseline, Burst(self.quiet)
        wait = self.poll
        self.ready.set()
        while not self._stop.wait(wait):
            now = time.time()
            after = snapshot(self.root, watched)
            changed = changed_paths(before, after)
            before = after
            if changed:
                burst.add(changed, after, now)
            ready = burst.release(now)
            if ready:
                self._report(ready)
            wait = burst.wait(time.time(), self.poll)

    def _run_notified(self, inotify: Inotify) -> None:
        """Woken by the kernel: the paths it names are collected until no event came for a
        moment and every file written has been closed or renamed into place (a file kept open
        for writing, with no event for ``STALLED_SECONDS``, counts as saved); then those whose
        size, time or inode differ from before are reported."""
        before = self._baseline
        touched = set(changed_paths(before, snapshot(self.root, self.watched())))  # since baseline
        self.ready.set()
        writing: set[str] = set()
        quiet = self.event_quiet
        last = time.monotonic() - quiet if touched else 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if not touched:
                timeout = self.poll  # only to notice ``stop``
            elif writing:
                timeout = last + STALLED_SECONDS - now
            else:
                timeout = last + quiet - now
            events = inotify.read(min(timeout, self.poll))
            now = time.monotonic()
            if events is None:  # events lost: compare everything
                touched |= before.keys() | snapshot(self.root, self.watched()).keys()
                writing.clear()
                last = now
                continue
            for path, mask in events:
                last = now
                if mask & _IN_ISDIR:
                    if mask & (_IN_CREATE | _IN_MOVED_TO):
                        touched.update(inotify.add_tree(path))
                    elif mask & (_IN_DELETE | _IN_MOVED_FROM):
                        touched.update(p for p in before if p.startswith(path + "/"))
                    continue
                touched.add(path)
                if mask & _IN_MODIFY:
                    writing.add(path)
                if mask & (_IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_MOVED_FROM | _IN_DELETE):
                    writing.discard(path)
            if touched and now - last >= (STALLED_SECONDS if writing else quiet):
                changed = set()
                for path in touched:
                    after = signature(self.root, path)
                    if before.get(path) != after:
                        changed.add(path)
                    if after is None:
                        before.pop(path, None)
                    else:
                        before[path] = after
                touched, writing = set(), set()
                if changed:
                    self._report(changed)
