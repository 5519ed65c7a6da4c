"""Shared fixtures: real projects in temp folders, and the CLI run in-process or as a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
if not SEEDS.is_dir():  # the repository's own copy of the seeds
    SEEDS = REPO / "content" / "sources" / "raw"

MINIMAL_SITE = "title: Test explainer\nbase_url: https://example.org/\ntheme: default\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project: site.yaml, the repository's themes, no sources."""
    root = tmp_path / "proj"
    (root / "content" / "sources" / "raw").mkdir(parents=True)
    (root / "content" / "pages").mkdir(parents=True)
    (root / "site.yaml").write_text(MINIMAL_SITE, encoding="utf-8")
    shutil.copytree(REPO / "themes", root / "themes")
    return root


@pytest.fixture
def seed_project(project: Path) -> Path:
    """A project holding the five seed articles as raw files, not yet ingested."""
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, project / "content" / "sources" / "raw" / path.name)
    return project


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``python -m generator ARGS`` in a fresh process, as an editor would."""

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", *map(str, args)],
            cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
        )

    return run
