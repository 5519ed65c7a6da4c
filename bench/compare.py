"""The same N Markdown documents (front matter + about 600 words) built by explainer, Pelican,
MkDocs and Hugo; prints each tool's median wall time and explainer's ratio to each peer.

    .venv/bin/python -m bench.compare [--documents 1000] [--runs 5] [--keep DIR]

Every run is a fresh process building into an emptied output folder (explainer: no site/ and
no .explainer-cache/), the tools taking turns so that machine noise hits all of them alike.
Pelican and MkDocs are installed into a throwaway virtual environment (never into the project's),
Hugo comes from Debian's ``hugo`` package; a peer that cannot be installed is skipped with a message.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.synthetic import REPO

_TEXT = """
the leaders agreed on a new treaty while officials described talks as open and productive
analysts noted that sanctions remain in force and trade across the border has grown since
last year when the first delegation arrived with proposals for railways ports energy and
food supplies critics warned about weapons transfers and the region watched closely as
ministers signed documents covering science education tourism and cultural exchanges
"""
WORDS = _TEXT.split()


def document(index: int) -> tuple[str, str]:
    """Title and Markdown body (about 600 words: headings, paragraphs, a list, emphasis, links)."""
    rng = random.Random(index)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
        if rng.random() < 0.3:
            words[2] = f"**{words[2]}**"
        if rng.random() < 0.2:
            words[5] = f"[{words[5]}](https://example.org/{index}/{words[5]})"
        return " ".join(words).capitalize() + "."

    parts: list[str] = []
    for section in range(3):
        parts.append(f"## Part {section + 1}: {rng.choice(WORDS)} {rng.choice(WORDS)}")
        parts.extend(" ".join(sentence() for _ in range(4)) for _ in range(3))
        parts.append("\n".join(f"- {sentence()}" for _ in range(3)))
    return f"Document {index}: {rng.choice(WORDS)} {rng.choice(WORDS)}", "\n\n".join(parts) + "\n"


def slug(index: int) -> str:
    return f"doc-{index:05d}"


@dataclass
class Tool:
    name: str
    root: Path
    command: list[str]
    output: list[Path]
    times: list[float] = field(default_factory=list)

    def run(self) -> float:
        for folder in self.output:
            shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        done = subprocess.run(self.command, cwd=self.root, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"{self.name} failed:\n{done.stdout}\n{done.stderr}")
        return elapsed


def explainer_tool(base: Path, count: int) -> Tool:
    root = base / "explainer"
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "sources").mkdir()
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "site.yaml").write_text("title: Bench\nbase_url: https://example.org/\ntheme: default\n",
                                    encoding="utf-8")
    for index in range(count):
        title, body = document(index)
        (root / "content" / "pages" / f"{slug(index)}.md").write_text(
            f"---\ntitle: '{title}'\n---\n{body}", encoding="utf-8")
    explainer = Path(sys.executable).with_name("explainer")
    tool = Tool("explainer", root, [str(explainer), "build"], [root / "site", root / ".explainer-cache"])
    tool.run()  # writes the (empty) facts files once: content, not output
    return tool


def hugo_tool(base: Path, count: int) -> Tool | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        print("skipping Hugo: not installed (apt-get install hugo)")
        return None
    root = base / "hugo"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\n'
                                      'disableKinds = ["taxonomy", "term"]\n', encoding="utf-8")
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '</head><body><main><h1>{{ .Title }}</h1>%s</main></body></html>\n')
    (root / "layouts" / "_default" / "single.html").write_text(page % "{{ .Content }}", encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(
        page % "<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>"
               "{{ end }}</ul>", encoding="utf-8")
    for index in range(count):
        title, body = document(index)
        (root / "content" / "posts" / f"{slug(index)}.md").write_text(
            f"---\ntitle: '{title}'\n---\n{body}", encoding="utf-8")
    return Tool("Hugo", root, [hugo, "--quiet"], [root / "public", root / "resources"])


def python_peers(base: Path, count: int) -> list[Tool]:
    """Pelican and MkDocs from a throwaway virtual environment."""
    venv = base / "peers-venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "pelican[markdown]", "mkdocs"],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        print(f"skipping Pelican and MkDocs: could not install them ({(exc.stderr or '').strip()[-300:]})")
        return []
    tools = []
    pelican = base / "pelican"
    (pelican / "content").mkdir(parents=True)
    (pelican / "pelicanconf.py").write_text(
        "SITENAME = 'Bench'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nDEFAULT_PAGINATION = False\n",
        encoding="utf-8")
    for index in range(count):
        title, body = document(index)
        (pelican / "content" / f"{slug(index)}.md").write_text(
            f"Title: {title}\nDate: 2024-06-19 10:00\nSlug: {slug(index)}\n\n{body}", encoding="utf-8")
    tools.append(Tool("Pelican", pelican, [str(venv / "bin" / "pelican"), "content", "-o", "output",
                                           "-s", "pelicanconf.py", "-q"], [pelican / "output"]))
    mkdocs = base / "mkdocs"
    (mkdocs / "docs").mkdir(parents=True)
    (mkdocs / "mkdocs.yml").write_text("site_name: Bench\n", encoding="utf-8")
    (mkdocs / "docs" / "index.md").write_text("# Bench\n", encoding="utf-8")
    for index in range(count):
        title, body = document(index)
        (mkdocs / "docs" / f"{slug(index)}.md").write_text(
            f"---\ntitle: '{title}'\n---\n{body}", encoding="utf-8")
    tools.append(Tool("MkDocs", mkdocs, [str(venv / "bin" / "mkdocs"), "build", "-q"],
                      [mkdocs / "site"]))
    return tools


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--documents", type=int, default=1000)
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = options.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="explainer-compare-"))
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    try:
        explainer = explainer_tool(base, args.documents)
        tools = [explainer, *filter(None, [hugo_tool(base, args.documents)]),
                 *python_peers(base, args.documents)]
        # Compiled bytecode for every tool: pip compiled Pelican's and MkDocs' modules when it
        # installed them, and their warm-up runs would have written any missing; explainer's
        # own modules (an editable install) are compiled here, since this machine's
        # environment may forbid Python to write bytecode (PYTHONDONTWRITEBYTECODE) and every
        # run would compile them again (~0.1 s).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")],
                       check=True, capture_output=True)
        for tool in tools[1:]:
            tool.run()  # warm-up: caches of the file system, compiled bytecode
        no_change: list[float] = []
        for run in range(args.runs):
            for tool in tools[run % len(tools):] + tools[: run % len(tools)]:
                tool.times.append(tool.run())
            no_change.append(Tool("explainer", explainer.root, explainer.command, []).run())
        ours = statistics.median(explainer.times)
        print(f"\n{args.documents} documents, median of {args.runs} runs (wall seconds)\n")
        print("| tool | full build | explainer's time ÷ tool's |")
        print("| --- | --- | --- |")
        for tool in tools:
            median = statistics.median(tool.times)
            print(f"| {tool.name} | {median:.2f} s | {ours / median:.2f} |")
        print(f"| explainer, no-change rebuild | {statistics.median(no_change):.2f} s | |")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
