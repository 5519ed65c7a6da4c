"""Killed builds and extractions, reproducible output, and serve under a burst of saves and
clients: the editor's work and the published site always survive whole."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from generator.facts import load_facts
from generator.project import Project
from tests.conftest import MINIMAL_SITE, REPO, SEEDS, RunCli
from tests.serving import fetch, running_server, wait_for
from tests.tools import tree_digest

INDEX = "content/pages/index.md"


def start(root: Path, command: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), command],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(run_cli: RunCli, root: Path, command: str) -> float:
    began = time.monotonic()
    result = run_cli("-C", root, command)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - began


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles, ingested and extracted, and 300 pages: a build takes long enough
    (most of a second) to be killed midway through writing."""
    root = tmp_path_factory.mktemp("synthetic") / "proj"
    (root / "content/sources/raw").mkdir(parents=True)
    (root / "content/pages").mkdir()
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "site.yaml").write_text(MINIMAL_SITE, encoding="utf-8")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, root / "content/sources/raw" / path.name)
    for number in range(300):
        (root / f"content/pages/page-{number}.md").write_text(
            f"---\ntitle: Page {number}\n---\nThe words of page {number}.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return root


def test_killed_build_leaves_old_or_new_site(synthetic: Path, run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(synthetic, root)
    versions = ["The first version of the home page.\n", "The second version of the home page.\n"]
    trees = []
    for text in versions:
        (root / INDEX).write_text(text, encoding="utf-8")
        duration = timed(run_cli, root, "build")
        trees.append(tree_digest(root / "site"))
    assert trees[0] != trees[1]
    rng = random.Random(8)
    for attempt in range(6):
        target = attempt % 2
        (root / INDEX).write_text(versions[target], encoding="utf-8")
        process = start(root, "build")
        time.sleep(rng.uniform(0.1, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert tree_digest(root / "site") in trees, f"attempt {attempt}: a mixed or broken site/"
        assert run_cli("-C", root, "build").returncode == 0
        assert tree_digest(root / "site") == trees[target]
        assert not list(root.glob(".site.*")), "leftovers of the killed build"


def test_killed_extraction_leaves_every_facts_file_old_or_new(synthetic: Path, run_cli: RunCli,
                                                               tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(synthetic, root)
    source = sorted((root / "content/sources").glob("*.md"))[0]
    original = source.read_text(encoding="utf-8")
    versions = [original, original.rstrip("\n") + "\n\nOn 3 May 2023 the mayor of Westport opened a "
                "new museum of limousines, officials said.\n"]
    facts = root / "content/facts"
    states = []
    for text in versions:
        source.write_text(text, encoding="utf-8")
        duration = timed(run_cli, root, "extract")
        states.append({p.name: p.read_bytes() for p in facts.glob("*.yaml")})
    assert states[0] != states[1]
    rng = random.Random(9)
    for attempt in range(6):
        target = attempt % 2
        source.write_text(versions[target], encoding="utf-8")
        process = start(root, "extract")
        time.sleep(rng.uniform(0.1, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in facts.glob("*.yaml"):
            assert path.read_bytes() in (states[0][path.name], states[1][path.name]), path.name
        load_facts(Project(root))  # every file parses
        assert run_cli("-C", root, "extract").returncode == 0
        assert {p.name: p.read_bytes() for p in facts.glob("*.yaml")} == states[target]


def test_reviewed_facts_survive_ingest_and_extract(seed_project: Path, run_cli: RunCli) -> None:
    assert run_cli("-C", seed_project, "build").returncode == 0
    gifts = seed_project / "content/facts/gifts.yaml"
    text = gifts.read_text(encoding="utf-8")
    first = text.index("status: extracted")
    claim_at = text.rindex("claim: ", 0, first)
    edited = (text[:claim_at] + "claim: Reviewed by an editor.\n    " + text[first:]
              .replace("status: extracted", "status: reviewed", 1))
    gifts.write_text(edited, encoding="utf-8")
    reviewed = [f for f in load_facts(Project(seed_project)) if f.reviewed]
    assert len(reviewed) == 1 and reviewed[0].claim == "Reviewed by an editor."
    sources = sorted((seed_project / "content/sources").glob("*.md"))
    raw = sorted((seed_project / "content/sources/raw").glob("*.txt"))
    steps = [
        ("extract",), ("ingest",),
        ("edit", sources[0]), ("extract",),
        ("edit raw", raw[1]), ("ingest",), ("extract",),
        ("new raw",), ("build",),
        ("remove", sources[2]), ("extract",), ("extract",),
    ]
    for step in steps:
        if step[0] == "edit":
            step[1].write_text(step[1].read_text(encoding="utf-8") + "\nA new closing line.\n",
                               encoding="utf-8")
        elif step[0] == "edit raw":
            step[1].write_text(step[1].read_text(encoding="utf-8") + "\nAn update was added.\n",
                               encoding="utf-8")
        elif step[0] == "new raw":
            (seed_project / "content/sources/raw/900_new.txt").write_text(
                "A new report\n\nPutin gave Kim a tea set on Friday, officials said.\n", encoding="utf-8")
        elif step[0] == "remove":
            step[1].unlink()
        else:
            result = run_cli("-C", seed_project, step[0])
            assert result.returncode in (0, 1), result.stderr
            assert "Traceback" not in result.stderr
        after = {f.id: replace(f, by_extract=True) for f in load_facts(Project(seed_project))}
        assert after[reviewed[0].id] == replace(reviewed[0], by_extract=True), step  # bookkeeping aside


def test_builds_are_reproducible_across_seeds_zones_and_folders(seed_project: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "copy"
    shutil.copytree(seed_project, other)
    runs = [({"PYTHONHASHSEED": "1", "TZ": "UTC"}, Path("/"), ["-C", str(seed_project)]),
            ({"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati"}, other, [])]
    for env, cwd, where in runs:
        result = subprocess.run([sys.executable, "-m", "generator", *where, "build"], cwd=cwd,
                                env={**os.environ, **env, "PYTHONPATH": str(REPO)},
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
    assert tree_digest(seed_project / "site") == tree_digest(other / "site")
    now = dt.datetime.now(dt.UTC)
    days = {(now + dt.timedelta(hours=h)).date().isoformat() for h in (-12, 0, 14)}
    for path in (seed_project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".yaml"):
            text = path.read_text(encoding="utf-8")
            assert not any(day in text for day in days), f"{path}: today's date from the clock"


def test_serve_survives_a_burst_of_saves_and_clients(project: Path, run_cli: RunCli,
                                                     tmp_path: Path) -> None:
    site = REPO / "tests" / "fixtures" / "site"
    shutil.rmtree(project / "content")
    shutil.copytree(site / "content", project / "content")
    shutil.copy(site / "site.yaml", project / "site.yaml")
    pages = [project / "content/pages/about.md", project / "content/pages/more.md"]
    statuses: list[int] = []
    failures: list[str] = []
    with running_server(project) as server:
        stop = threading.Event()

        def client(number: int) -> None:
            paths = ["", "about/", "facts/", "more/", "sources/"]
            for request in range(15):
                try:
                    status, body = fetch(server.url + paths[(number + request) % len(paths)])
                except OSError as exc:
                    failures.append(repr(exc))
                    continue
                statuses.append(status)
                if status not in (200, 404) and not (status == 500 and "problem" in body.lower()):
                    failures.append(f"{status}: {body[:200]}")

        def saves() -> None:
            for event in range(1000):
                page = pages[event % 2]
                temporary = page.with_name(f".{page.name}.saving")
                temporary.write_text(f"---\ntitle: Page {page.stem}\n---\nVersion {event} of "
                                     f"{page.stem}.\n", encoding="utf-8")
                temporary.replace(page)
            stop.set()

        threads = [threading.Thread(target=saves)]
        threads += [threading.Thread(target=client, args=(n,)) for n in range(100)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert stop.is_set()
        assert not failures, failures[:5]
        assert len(statuses) == 1500
        final = "Version 999 of more."
        assert wait_for(lambda: final in server.get("more/")[1], 30), "final save not served"
        assert wait_for(lambda: "Version 998 of about." in server.get("about/")[1], 10)
        time.sleep(0.5)  # the disk copy follows the in-memory swap
        served = {path: server.get(path) for path in ("", "about/", "more/", "facts/")}
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site", ".site*"))
    assert run_cli("-C", fresh, "build").returncode == 0
    assert tree_digest(project / "site") == tree_digest(fresh / "site")
    for path, (status, body) in served.items():
        assert status == 200
        shown = re.sub(r'<script type="text/javascript">\(function\(\).*?livereload\.js.*?</script>', "",
                       body, flags=re.S)
        assert shown == (fresh / "site" / path / "index.html").read_text(encoding="utf-8"), path
