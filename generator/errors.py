"""The one error type of the pipeline: a content problem located by file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a user's file; ``line``/``col`` are 1-based, 0 when unknown."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{max(self.col, 1)}: {self.message}"
        return f"{self.path}: {self.message}"


class ContentError(Exception):
    """Raised when content is wrong; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str | Path, message: str, line: int = 0, col: int = 0) -> ContentError:
        return cls([Problem(str(path), line, col, message)])


class UsageError(Exception):
    """The command line was used wrongly (exit code 2)."""


class ServeError(Exception):
    """``explainer serve`` cannot listen where asked (exit code 1)."""
