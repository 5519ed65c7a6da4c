"""The build's output: collected in memory, then swapped into ``site/`` in one step, so a
failed or killed build leaves the previous site complete."""

from __future__ import annotations

import array
import ctypes
import os
import queue
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import ContentError
from generator.fsutil import write_atomic

_RENAME_EXCHANGE = 2
_FS_IOC_GETFLAGS, _FS_IOC_SETFLAGS, _FS_TOPDIR_FL = 0x80086601, 0x40086602, 0x00020000

ALL_CONTENT = "content/"
# A relative path whose every part starts with a letter, digit, "_" or "-": no "", "." or ".."
# part, nothing PurePosixPath would change.
_PLAIN_PATH = re.compile(r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*", re.ASCII)


@dataclass(frozen=True)
class MadeFrom:
    """What a rendered page is made from: its template and the project files (or folders,
    ending in ``/``) whose content it shows. Serve's dependency graph is built from these."""

    template: str
    inputs: frozenset[str]


OutputSelection = Callable[[str, MadeFrom], bool]


class SiteFiles:
    """Output files by site-relative path; refuses a path written twice or outside the site.

    With a ``selection`` (an incremental rebuild), pages it does not select are recorded in
    ``made_from`` but not rendered: the caller keeps their previous bytes."""

    def __init__(self, selection: OutputSelection | None = None,
                 sink: Callable[[str, bytes], None] | None = None) -> None:
        self.files: dict[str, bytes] = {}
        self.made_from: dict[str, MadeFrom] = {}
        self._selection = selection
        self._sink = sink  # given each file as it is added (a build writes it at once)

    def wants(self, path: str, template: str, inputs: Iterable[str] = (ALL_CONTENT,)) -> bool:
        """Record what the page at ``path`` is made from; say whether to render it now."""
        made_from = MadeFrom(template, frozenset(inputs))
        self.made_from[path] = made_from
        return self._selection is None or self._selection(path, made_from)

    def add(self, path: str, data: str | bytes) -> None:
        if _PLAIN_PATH.fullmatch(path):  # nearly every path: already in its plain form
            key = path
        else:
            pure = PurePosixPath(path)
            if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
                raise ValueError(f"output path {path!r} is outside the site folder")
            key = pure.as_posix()
        if key in self.files:
            raise ValueError(f"output path {key!r} written twice")
        self.files[key] = data.encode("utf-8") if isinstance(data, str) else data
        if self._sink is not None:
            self._sink(key, self.files[key])


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _top_of_hierarchy(folder: Path) -> None:
    """Mark ``folder`` as the top of a directory hierarchy for ext4's Orlov allocator (what
    ``chattr +T`` does): the folders made in it are spread over the file system's block
    groups instead of packed next to it. Next to it are the inodes the previous site's
    folders and files just freed, and ext4 without a journal steps over each recently freed
    inode, one by one, for every inode it allocates in that group: writing a site of
    thousands of folders right after deleting one took seconds of kernel time. Only a hint
    to the allocator; elsewhere (other file systems, other systems) nothing happens."""
    try:
        import fcntl

        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (ImportError, OSError):
        return
    try:
        flags = array.array("i", [0])
        fcntl.ioctl(descriptor, _FS_IOC_GETFLAGS, flags, True)
        flags[0] |= _FS_TOPDIR_FL
        fcntl.ioctl(descriptor, _FS_IOC_SETFLAGS, flags, True)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def recover(site: Path) -> None:
    """Finish a swap a killed build left half done, and clear its leftovers."""
    old = site.with_name(f".{site.name}.old")
    if not site.exists() and old.is_dir():
        old.rename(site)
    for leftover in site.parent.glob(f".{site.name}.*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _unchanged(old: Path, data: bytes) -> os.stat_result | None:
    """The status of the previous build's file ``old`` when it holds exactly ``data``."""
    try:
        status = old.stat()
        return status if status.st_size == len(data) and old.read_bytes() == data else None
    except OSError:
        return None


class SiteWriter:
    """Writes a build's files, as they are rendered, into a fresh folder beside ``site/`` and
    then swaps it in whole (:meth:`finish`); on an error the folder is removed and ``site/``
    stays as it was. A file whose bytes did not change is not written again: the previous
    site's file is hard-linked into the new folder (site files are only ever replaced, never
    modified in place, so sharing is safe). ``listing`` holds each file's size and
    modification time, as :func:`generator.uptodate.record_build` keeps them.

    The files are written by a thread of their own, started by the first :meth:`add`, so that
    the file system's work (most of it in the kernel, without the interpreter's lock) goes on
    while this process renders; nothing may fork between that and :meth:`finish`."""

    def __init__(self, site: Path) -> None:
        if site.is_symlink():
            raise ContentError.at(site.name, f"is a symbolic link (to {os.readlink(site)}); "
                                             "explainer writes this folder itself: remove the link")
        recover(site)
        self.site = site
        self.staging = site.with_name(f".{site.name}.new-{os.getpid()}")
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        _top_of_hierarchy(self.staging)
        self.listing: dict[str, list[int]] = {}
        self._folders = {self.staging}
        self._previous = site.is_dir()
        self._queue: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    def add(self, rel: str, data: bytes) -> None:
        if self._failure is not None:
            raise self._failure
        if self._thread is None:
            self._thread = threading.Thread(target=self._write_queued, name="site writer",
                                            daemon=True)
            self._thread.start()
        self._queue.put((rel, data))

    def _write_queued(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._failure is None:
                try:
                    self._write(*item)
                except BaseException as exc:  # handed to the caller by add or finish
                    self._failure = exc

    def _write(self, rel: str, data: bytes) -> None:
        target = self.staging / rel
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        kept = _unchanged(self.site / rel, data) if self._previous else None
        if kept is not None:
            try:
                os.link(self.site / rel, target)
                self.listing[rel] = [kept.st_size, kept.st_mtime_ns]
                return
            except OSError:
                pass  # a file system without hard links: write the bytes
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
            status = os.fstat(descriptor)
        finally:
            os.close(descriptor)
        self.listing[rel] = [status.st_size, status.st_mtime_ns]

    def _drain(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def finish(self) -> None:
        """Wait for the last files, then swap the new folder in for ``site/``."""
        self._drain()
        if self._failure is not None:
            self.abandon()
            raise self._failure
        site, staging = self.site, self.staging
        if site.is_dir() and _exchange(staging, site):
            shutil.rmtree(staging)
            return
        old = site.with_name(f".{site.name}.old")
        if site.exists():
            site.rename(old)
        staging.rename(site)
        shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        self._drain()
        shutil.rmtree(self.staging, ignore_errors=True)


def write_site(site: Path, files: SiteFiles) -> None:
    """Put every file into ``site/`` at once (see :class:`SiteWriter`)."""
    writer = SiteWriter(site)
    try:
        for rel, data in sorted(files.files.items()):
            writer.add(rel, data)
    except BaseException:
        writer.abandon()
        raise
    writer.finish()


SWAP_THRESHOLD = 50  # beyond this many changed files, one folder swap beats per-file fsyncs


def update_site(site: Path, old: SiteFiles, new: SiteFiles) -> tuple[list[str], list[str]]:
    """Bring a built ``site/`` from ``old`` to ``new``: each changed file replaced atomically
    (or, for many changes, the whole folder swapped), vanished files removed.
    Returns (changed paths, removed paths)."""
    changed = sorted(p for p, data in new.files.items() if old.files.get(p) != data)
    removed = sorted(set(old.files) - set(new.files))
    if len(changed) + len(removed) > SWAP_THRESHOLD or not site.is_dir():
        write_site(site, new)
        return changed, removed
    for rel in changed:
        write_atomic(site / rel, new.files[rel])
    for rel in removed:
        (site / rel).unlink(missing_ok=True)
        folder = (site / rel).parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return changed, removed
