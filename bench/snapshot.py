"""What the content stages produce, saved to a folder, so two versions of the code can be compared
byte for byte (``diff -r``): a speed change must not change a result.

    .venv/bin/python -m bench.snapshot OUT [--articles 100]

Writes under ``OUT``: ``seeds/`` (the repository's sources with the generated facts files and
``syndication.yaml`` made again, and each facts file also extracted from scratch with no
reviewed facts), ``synthetic-N/`` (N raw articles of ``bench/synthetic.py``: the ingested
sources, facts and analysis), each with the same files made a second time from warm caches after
one article changed, and ``extract_eval.txt`` (the output of ``bench/extract_eval.py -v``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.synthetic import REPO, make_project
from generator.analysis.update import update_analysis
from generator.build import prepare
from generator.extract import extract_facts, run_extract
from generator.facts import CATEGORIES, format_facts_file, sources_digest
from generator.project import Project
from generator.sources import load_sources


def keep(project: Project, out: Path) -> None:
    """Copy what the content stages wrote (sources, facts, syndication) into ``out``."""
    for path in sorted(project.content.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yaml"} and "raw" not in path.parts:
            target = out / path.relative_to(project.content)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def change_one(project: Project) -> None:
    raw = sorted(project.raw.iterdir())
    path = raw[len(raw) // 3]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n")
                    + "\n\nPutin gave Kim a second tea set on Friday, officials said.\n",
                    encoding="utf-8")


def seeds(work: Path, out: Path) -> None:
    root = work / "seeds"
    for name in ("content", "themes", "site.yaml"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, root / name)
    project = Project(root)
    sources = load_sources(project)
    # From scratch: what extraction finds, with nothing reviewed to keep.
    facts = extract_facts(sources)
    for category in sorted({f.category for f in facts}):
        text = format_facts_file(CATEGORIES[category],
                                 [f for f in facts if f.category == category],
                                 sources_digest(sources))
        (out / "seeds-scratch").mkdir(parents=True, exist_ok=True)
        (out / "seeds-scratch" / f"{category}.yaml").write_text(text, encoding="utf-8")
    # Made again over the committed files, keeping what editors reviewed.
    run_extract(project)
    update_analysis(project, load_sources(project))
    keep(project, out / "seeds")


def synthetic(work: Path, out: Path, articles: int) -> None:
    project = Project(make_project(work / f"synthetic-{articles}", articles))
    prepare(project)
    keep(project, out / f"synthetic-{articles}")
    change_one(project)
    prepare(project)
    keep(project, out / f"synthetic-{articles}-changed")
    shutil.rmtree(project.cache)
    for generated in [*project.facts.glob("*.yaml"), project.content / "syndication.yaml"]:
        generated.unlink()
    prepare(project)
    keep(project, out / f"synthetic-{articles}-changed-clean")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("out", type=Path)
    options.add_argument("--articles", type=int, default=100)
    args = options.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="explainer-snapshot-"))
    try:
        seeds(work, args.out)
        synthetic(work, args.out, args.articles)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    evaluation = subprocess.run([sys.executable, str(REPO / "bench" / "extract_eval.py"), "-v"],
                                capture_output=True, text=True, check=True, cwd=REPO)
    (args.out / "extract_eval.txt").write_text(evaluation.stdout, encoding="utf-8")


if __name__ == "__main__":
    main()
