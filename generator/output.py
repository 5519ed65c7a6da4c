"""The build's output: collected in memory, then swapped into ``site/`` in one step, so a
failed or killed build leaves the previous site complete."""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path, PurePosixPath

_RENAME_EXCHANGE = 2


class SiteFiles:
    """Output files by site-relative path; refuses a path written twice or outside the site."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, data: str | bytes) -> None:
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
            raise ValueError(f"output path {path!r} is outside the site folder")
        key = pure.as_posix()
        if key in self.files:
            raise ValueError(f"output path {key!r} written twice")
        self.files[key] = data.encode("utf-8") if isinstance(data, str) else data


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


def recover(site: Path) -> None:
    """Finish a swap a killed build left half done, and clear its leftovers."""
    old = site.with_name(f".{site.name}.old")
    if not site.exists() and old.is_dir():
        old.rename(site)
    for leftover in site.parent.glob(f".{site.name}.*"):
        shutil.rmtree(leftover, ignore_errors=True)


def write_site(site: Path, files: SiteFiles) -> None:
    """Write every file into a fresh folder beside ``site/``, then swap it in."""
    recover(site)
    staging = site.with_name(f".{site.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for rel, data in sorted(files.files.items()):
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if site.is_dir() and _exchange(staging, site):
        shutil.rmtree(staging)
        return
    old = site.with_name(f".{site.name}.old")
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
