"""Build times of explainer itself, as the number of articles grows: the seed site and synthetic
projects of 100, 1,000 and 10,000 raw articles (``bench/synthetic.py``).

    .venv/bin/python -m bench.run [--sizes 5,100,1000,10000] [--runs 3] [--big-runs 1]

For each size, every run starts from a fresh copy (the seeds: the committed content, as a clean
checkout has it; synthetic: raw articles only, so the build ingests, extracts and analyses them)
and times ``explainer build`` as a new process, start to finish: the cold full build, a rebuild
with nothing changed, and a rebuild after one raw article changed. Peak memory is the build
process's own maximum resident size. Medians over the runs are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.synthetic import REPO, make_project

EXPLAINER = Path(sys.executable).with_name("explainer")


@dataclass
class Timings:
    cold: list[float] = field(default_factory=list)
    unchanged: list[float] = field(default_factory=list)
    one_changed: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    pages: int = 0


def timed_build(root: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one ``explainer build`` process."""
    started = time.perf_counter()
    process = subprocess.Popen([str(EXPLAINER), "-C", str(root), "build"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"explainer build failed in {root}:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def seed_template(base: Path) -> Path:
    """The repository's tracked site files, as a fresh checkout has them."""
    root = base / "template-seeds"
    tracked = subprocess.run(["git", "ls-files", "content", "themes", "site.yaml"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, root / name)
    return root


def change_one_article(root: Path, run: int) -> None:
    raw = sorted((root / "content" / "sources" / "raw").iterdir())
    path = raw[(run * 7919) % len(raw)]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f" Officials gave no further details on day {run}.\n", encoding="utf-8")


def measure(template: Path, work: Path, runs: int) -> Timings:
    timings = Timings()
    for run in range(runs):
        root = work / f"run-{run}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(template, root, symlinks=True)
        cold, peak = timed_build(root)
        timings.cold.append(cold)
        timings.peak_mib.append(peak)
        timings.unchanged.append(timed_build(root)[0])
        change_one_article(root, run)
        changed, peak = timed_build(root)
        timings.one_changed.append(changed)
        timings.peak_mib.append(peak)
        timings.pages = sum(1 for p in (root / "site").rglob("*.html"))
        shutil.rmtree(root, ignore_errors=True)
    return timings


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="5,100,1000,10000",
                         help="article counts; 5 means the seed site")
    options.add_argument("--runs", type=int, default=3, help="runs per size below 10,000")
    options.add_argument("--big-runs", type=int, default=1, help="runs at 10,000 articles and more")
    args = options.parse_args()
    base = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    rows = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            template = seed_template(base) if size == 5 else make_project(base / f"template-{size}", size)
            runs = args.big_runs if size >= 10000 else args.runs
            timings = measure(template, base, runs)
            shutil.rmtree(template)
            cold = statistics.median(timings.cold)
            rows.append(
                f"| {'5 (seeds)' if size == 5 else f'{size:,}'} | {cold:.2f} s | "
                f"{statistics.median(timings.unchanged):.3f} s | "
                f"{statistics.median(timings.one_changed):.2f} s | {max(timings.peak_mib):.0f} MiB | "
                f"{timings.pages / cold:,.0f} | {size / cold:,.0f} | {runs} |")
            print(rows[-1], flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print("\n| articles | cold full build | no-change rebuild | one article changed | peak memory "
          "| pages/s (cold) | articles/s (cold) | runs |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
