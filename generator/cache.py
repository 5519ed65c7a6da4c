"""Per-item work kept between builds in ``.explainer-cache/``, keyed by content hash and code
version, so an unchanged article or page costs a dictionary look-up. A cache never changes output:
a key names everything the cached result depends on."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.fsutil import write_atomic

_PACKAGE = Path(__file__).resolve().parent
# Libraries whose output is cached: a new version of any of them empties the caches.
_LIBRARIES = ("markdown-it-py", "pyyaml", "sentencex", "rapidfuzz", "python-dateutil", "python-slugify")


def _project_name(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def library_version(library: str) -> str:
    """The installed version of ``library``, from the name of its ``<name>-<version>.dist-info``
    folder, first on ``sys.path`` as Python would import it (``importlib.metadata`` says the
    same, but importing it costs a build without work 50 ms); "none" when not installed."""
    wanted = _project_name(library)
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry.removesuffix(".dist-info").partition("-")
                if _project_name(name) == wanted:
                    return version
    from importlib import metadata  # installed some other way (an .egg-info): ask it

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "none"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of this package's source and of the libraries whose results are cached."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={library_version(library)}".encode())
    return digest.hexdigest()


def content_key(*parts: str | bytes) -> str:
    """A key for work on ``parts`` (texts and settings), valid for this code version only."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class ContentCache:
    """One kind of cached work, ``.explainer-cache/<name>.pickle``. Entries a build did not use
    are dropped when it saves, so the file holds what the current content needs. The file is
    the project's own (git-ignored); one that cannot be read is treated as empty."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / f"{name}.pickle"
        self._stored: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        try:
            with self.path.open("rb") as file:
                stored = pickle.load(file)
            if isinstance(stored, dict):
                self._stored = stored
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError):
            pass

    def get(self, key: str) -> Any:
        """The value kept under ``key``, or None."""
        value = self._used.get(key)
        if value is None and key in self._stored:
            value = self._used[key] = self._stored[key]
        return value

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Keep exactly the entries this build used; nothing is written when they are unchanged."""
        if self._used.keys() == self._stored.keys():
            return
        write_atomic(self.path, pickle.dumps(self._used, protocol=pickle.HIGHEST_PROTOCOL))
        self._stored = dict(self._used)
