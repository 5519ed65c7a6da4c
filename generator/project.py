"""Where a project's files live, and how their paths are shown to editors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folder layout of one explainer project (see DESIGN.md, top level)."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def sources(self) -> Path:
        return self.content / "sources"

    @property
    def raw(self) -> Path:
        return self.sources / "raw"

    @property
    def facts(self) -> Path:
        return self.content / "facts"

    @property
    def pages(self) -> Path:
        return self.content / "pages"

    @property
    def config(self) -> Path:
        return self.root / "site.yaml"

    @property
    def themes(self) -> Path:
        return self.root / "themes"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / ".explainer-cache"

    def show(self, path: Path) -> str:
        """A path as editors see it in messages: relative to the project root when inside it."""
        text, root = str(path), str(self.root)
        if text.startswith(root + os.sep) and ".." not in path.parts:
            return text[len(root) + 1 :].replace(os.sep, "/")  # made from the root: no resolving
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)
