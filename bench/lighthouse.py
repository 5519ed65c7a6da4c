"""Lighthouse scores (performance, accessibility, best practices, SEO) of the built site.

Usage: .venv/bin/python bench/lighthouse.py [PAGE ...]   (default: / and /facts/)

Builds this repository's site into a temp folder, serves it on 127.0.0.1 and runs the npm
package ``lighthouse`` with Debian's Chromium. Installs lighthouse into the tools folder
(``EXPLAINER_TOOLS``, default ``~/.cache/explainer-tools``) on first use. Prints a table.
Not part of the test suite: scores are measurements, not assertions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.tools import CHROMIUM, CHROMIUM_ARGS, TOOLS, static_server  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "lighthouse"],
                       cwd=TOOLS, check=True)
    return binary


def build_site(tmp: Path) -> Path:
    root = tmp / "proj"
    for name in ("content", "themes"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build"], check=True,
                   stdout=subprocess.DEVNULL)
    return root / "site"


def scores(binary: Path, url: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"], env=env, check=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main(pages: list[str]) -> None:
    binary = lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp))
        with static_server(site) as base:
            print(f"{'page':<24}" + "".join(f"{c:>16}" for c in CATEGORIES))
            for page in pages:
                result = scores(binary, base + page, Path(tmp) / "report.json")
                print(f"{page:<24}" + "".join(f"{result[c]:>16}" for c in CATEGORIES))


if __name__ == "__main__":
    main(sys.argv[1:] or ["/", "/facts/"])
