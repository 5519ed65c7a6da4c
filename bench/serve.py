"""How fast a save shows up under ``explainer serve``: save → rebuilt page served (HTTP polling)
and save → browser showing it (headless Chromium), for the seed site and a synthetic site.

    .venv/bin/python -m bench.serve [--articles 1000] [--rounds 10] [--reuse DIR]

``--reuse DIR`` keeps the synthetic project, built, in DIR and measures a copy of it, so that
later runs skip its full build (made again when explainer's code changed since, since the
per-article caches would otherwise be redone during the measurement).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import REPO, make_project
from generator.build import build
from generator.cache import code_version
from generator.facts import load_facts
from generator.project import Project
from tests.serving import RunningServer, edit, running_server

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def seed_project(root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in ("content", "themes", "site.yaml"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, root / name)
    return root


def timed_until(condition: Callable[[], bool], started: float, timeout: float = 10.0) -> float:
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the change never showed up")
        time.sleep(0.005)  # polling harder would slow the server it measures
    return (time.perf_counter() - started) * 1000


def served_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def cited_source(root: Path) -> Path:
    """The middle source among those a fact quotes word for word (a page shows only the
    paragraphs the facts quote)."""
    sources = sorted((root / "content/sources").glob("*.md"))
    cited = {q.source for f in load_facts(Project(root)) for q in f.sources}
    quoted = [s for s in sources if s.stem in cited]
    return quoted[len(quoted) // 2]


# When the page now in the tab was first painted (or its DOM complete), on the browser's clock
# (the machine's, as ``time.time()``): what a reader sees, without Playwright's polling delay.
PAINTED = """() => {
  const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
  const nav = performance.getEntriesByType('navigation')[0];
  return performance.timeOrigin + (paint ? paint.startTime : nav.domContentLoadedEventEnd);
}"""


def measure(root: Path, rounds: int) -> tuple[list[float], list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    source = cited_source(root)
    text = source.read_text(encoding="utf-8")
    quote = next(q.quote for f in load_facts(Project(root)) for q in f.sources
                 if q.source == source.stem and q.quote in text)
    # The marker ends the paragraph of a quote, so the article's page shows it.
    end = text.find("\n\n", text.index(quote))
    end = len(text.rstrip("\n")) if end == -1 else end
    source.write_text(f"{text[:end]} bench-marker-0{text[end:]}", encoding="utf-8")
    served_times, shown_times, painted_times = [], [], []
    server: RunningServer
    with running_server(root) as server, sync_playwright() as playwright:
        url = server.url + f"sources/{source.stem}/"
        timed_until(lambda: "bench-marker-0" in served_text(url), time.perf_counter(), 30)
        for n in range(1, rounds + 1):  # save → served, polling over HTTP
            time.sleep(0.3)
            started = time.perf_counter()
            edit(source, f"bench-marker-{n - 1}\n", f"bench-marker-{n}\n")
            served_times.append(timed_until(lambda n=n: f"bench-marker-{n}" in served_text(url), started))
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.socket"
                               " && window.LiveReload.connector.socket.readyState === 1")
        for n in range(rounds + 1, 2 * rounds + 1):  # save → the browser shows it
            time.sleep(0.3)
            started, saved = time.perf_counter(), time.time()
            edit(source, f"bench-marker-{n - 1}\n", f"bench-marker-{n}\n")
            page.get_by_text(re.compile(rf"bench-marker-{n}\b")).wait_for(timeout=10_000)
            shown_times.append((time.perf_counter() - started) * 1000)
            painted_times.append(page.evaluate(PAINTED) - saved * 1000)
        browser.close()
    return served_times, shown_times, painted_times


def synthetic_project(root: Path, articles: int, reuse: Path | None) -> tuple[Path, float | None]:
    """The synthetic project, built; its full build's time in ms (None: reused)."""
    if reuse is None:
        make_project(root, articles)
        started = time.perf_counter()
        build(Project(root))
        return root, (time.perf_counter() - started) * 1000
    stamp = reuse / ".bench-built"
    full = None
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != f"{articles} {code_version()}":
        make_project(reuse, articles)
        started = time.perf_counter()
        build(Project(reuse))
        full = (time.perf_counter() - started) * 1000
        stamp.write_text(f"{articles} {code_version()}", encoding="utf-8")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(reuse, root, symlinks=True)  # times kept: the copy is as built
    return root, full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--reuse", type=Path, help="keep the built synthetic project here")
    parser.add_argument("--only", choices=["seed", "synthetic"], help="measure one site")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    rows = []
    for name in ("seed", "synthetic"):
        if args.only not in (None, name):
            continue
        if name == "seed":
            root = seed_project(work / "seed")
            started = time.perf_counter()
            build(Project(root))
            full: float | None = (time.perf_counter() - started) * 1000
        else:
            root, full = synthetic_project(work / "synthetic", args.articles, args.reuse)
            name = f"{args.articles} articles"
        served, shown, painted = measure(root, args.rounds)
        print(f"{name}: served {[round(t) for t in served]} ms, shown {[round(t) for t in shown]} ms"
              f", painted {[round(t) for t in painted]} ms", flush=True)
        rows.append((name, full, served, shown, painted))
    print(f"{'site':<16} {'full build':>11} {'save→served median/max':>24} "
          f"{'save→browser median/max':>25} {'save→painted median/max':>25}")
    for name, full, served, shown, painted in rows:
        built = f"{full:>8.0f} ms" if full is not None else f"{'(reused)':>11}"
        print(f"{name:<16} {built} {statistics.median(served):>13.0f} / {max(served):>4.0f} ms"
              f" {statistics.median(shown):>14.0f} / {max(shown):>4.0f} ms"
              f" {statistics.median(painted):>14.0f} / {max(painted):>4.0f} ms")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
