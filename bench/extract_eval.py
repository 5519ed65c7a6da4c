"""Precision and recall of ``explainer extract`` on invented articles it was not written for.

Each ``tests/fixtures/extract_eval/<name>.md`` (a source file) has ``<name>.expected.yaml``:
the facts a careful reader takes from it, by key fields. Extraction runs on each article
alone and on all of them together; extracted facts are matched one to one, leniently
(names by surname, items by their words, dates equal or more precise). Run:
``.venv/bin/python bench/extract_eval.py [-v] [--raw]
[--set old|held-out|new|heldout4|heldout3|heldout2|both]`` (``-v`` lists misses and false
positives). ``heldout-*.md``, ``heldout2-*.md`` to ``heldout5-*.md`` articles are scored apart:
they guard against overfitting; ``--set new`` scores the latest ``heldout5-*.md`` round alone,
``--set heldout4``, ``--set heldout3`` and ``--set heldout2`` the rounds before it.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.dates import dateline_day, story_year
from generator.extract import extract_facts
from generator.extract.phrases import singular
from generator.facts import Fact
from generator.ingest.text import clean_article
from generator.sources import Source, parse_source

EVAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "extract_eval"
# Articles written before the rules they test, and never used to tune them; ``heldout2-`` to
# ``heldout5-`` are later rounds written without reading the rules.
HELD_OUT_PREFIXES = ("heldout-", "heldout2-", "heldout3-", "heldout4-", "heldout5-")
NEW_PREFIX = "heldout5-"
ROUNDS = {"new": (NEW_PREFIX, "New held-out set (heldout5-)"),
          "heldout4": ("heldout4-", "Held-out round 4 (heldout4-)"),
          "heldout3": ("heldout3-", "Held-out round 3 (heldout3-)"),
          "heldout2": ("heldout2-", "Held-out round 2 (heldout2-)")}
CATEGORIES = ("gifts", "car-collection", "aurus-production", "timeline")
Expected = dict[str, Any]


# One kind of thing under two names: a reader lists "a dirk" and "a dagger" as one gift.
SAME_KIND = {"dagger": "dirk", "hound": "dog", "carbine": "rifle", "service": "set"}


def words(text: object) -> set[str]:
    found = {singular(w) for w in re.findall(r"[a-z0-9]+", str(text or "").lower())}
    return {SAME_KIND.get(w, w) for w in found}


def date_fits(expected: object, found: object) -> bool:
    """Equal, or ``found`` more precise and compatible; null expects null."""
    if expected is None:
        return found is None
    return found is not None and str(found).startswith(str(expected))


def gift_matches(want: Expected, fact: Fact) -> bool:
    f = fact.fields
    return (str(want["giver"]) in words(f["giver"]) and str(want["recipient"]) in
            words(f["recipient"]) and words(want["item"]) <= words(f["item"])
            and ("date" not in want or date_fits(want["date"], f["date"])))


def make_words(text: object) -> set[str]:
    return {w for w in re.split(r"[\s-]+", str(text or "").lower()) if w and w != "benz"}


def car_matches(want: Expected, fact: Fact) -> bool:
    f = fact.fields
    vehicle = make_words(f"{f['make']} {f.get('model') or ''}")
    return (make_words(want["make"]) <= vehicle
            and ("model" not in want or make_words(want["model"]) <= vehicle)
            and ("acquired" not in want or want["acquired"] == f["acquired"]))


def figure_matches(want: Expected, fact: Fact) -> bool:
    f = fact.fields
    metric = str(f["metric"])
    if "start" in want["metric"]:
        metric_ok = metric == want["metric"]
    else:
        metric_ok = want["metric"] in metric and "start" not in metric
    digits = re.sub(r"[^0-9]", "", str(f["value"]))
    return (metric_ok and digits == str(want["value"])
            and ("period" not in want or str(f.get("period") or "").startswith(
                str(want["period"]))))


def event_matches(want: Expected, fact: Fact) -> bool:
    text = str(fact.fields["event"]).lower()
    return (date_fits(want["date"], fact.fields["date"])
            and any(w.lower() in text for w in want["words"]))


MATCHERS: dict[str, Callable[[Expected, Fact], bool]] = {
    "gifts": gift_matches, "car-collection": car_matches,
    "aurus-production": figure_matches, "timeline": event_matches,
}


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.matched += other.matched
        self.misses += other.misses
        self.false += other.false


def score(category: str, expected: list[Expected], facts: list[Fact], label: str) -> Score:
    matcher = MATCHERS[category]
    found = [f for f in facts if f.category == category]
    unused = list(found)
    result = Score(expected=len(expected), found=len(found))
    for want in expected:
        hit = next((f for f in unused if matcher(want, f)), None)
        if hit is None:
            result.misses.append(f"{label}: {want}")
        else:
            unused.remove(hit)
            result.matched += 1
    result.false = [f"{label}: {f.claim}" for f in unused]
    return result


RAW = False  # --raw: read each article as ingest would read a scraped page


def load(path: Path) -> tuple[Source, dict[str, list[Expected]]]:
    source = parse_source(path.read_text(encoding="utf-8"), path, path.name)
    if RAW:
        # the page as scraped: headline, then the body with its furniture; ingest finds the
        # title, date and text again (the front matter's date is not given to it)
        article = clean_article(f"{source.title or ''}\n\n{source.body}\n")
        source = dataclasses.replace(source, body=article.body, date=article.date)
    raw = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    return source, {c: list(raw.get(c) or []) for c in CATEGORIES}


def same_expected(category: str, a: Expected, b: Expected) -> bool:
    """Two articles' expectations of one fact (the combined run reports it once)."""
    if category == "gifts":
        return ((a["giver"], a["recipient"]) == (b["giver"], b["recipient"])
                and bool(words(a["item"]) & words(b["item"]) or ({"aurus", "limousine", "limo"}
                         & words(a["item"]) and {"aurus", "limousine", "limo"} & words(b["item"])))
                and (a.get("date") is None or b.get("date") is None
                     or str(a["date"])[:7] == str(b["date"])[:7]))
    if category == "car-collection":
        return make_words(a["make"]) == make_words(b["make"])
    if category == "aurus-production":
        return (a["metric"], str(a["value"])) == (b["metric"], str(b["value"]))
    return str(a["date"]) == str(b["date"]) and bool(set(a["words"]) & set(b["words"]))


def combined(expected: list[dict[str, list[Expected]]]) -> dict[str, list[Expected]]:
    merged: dict[str, list[Expected]] = {c: [] for c in CATEGORIES}
    for per_article in expected:
        for category, wants in per_article.items():
            for want in wants:
                known = [w for w in merged[category] if same_expected(category, w, want)]
                if not known:
                    merged[category].append(dict(want))
                elif category == "gifts" and len(str(want.get("date") or "")) > len(
                        str(known[0].get("date") or "")):
                    known[0]["date"] = want["date"]
                elif category == "timeline":
                    known[0]["words"] = sorted({*known[0]["words"], *want["words"]})
    return merged


def table(title: str, scores: dict[str, Score]) -> None:
    print(f"\n{title}")
    print(f"  {'category':18} {'expected':>8} {'found':>6} {'matched':>7} {'precision':>9} "
          f"{'recall':>7}")
    for category, s in scores.items():
        precision = s.matched / s.found if s.found else 1.0
        recall = s.matched / s.expected if s.expected else 1.0
        print(f"  {category:18} {s.expected:8} {s.found:6} {s.matched:7} {precision:9.2f} "
              f"{recall:7.2f}")


def details(scores: dict[str, Score]) -> None:
    for category, s in scores.items():
        for line in s.misses:
            print(f"  MISS  {category}: {line}")
        for line in s.false:
            print(f"  FALSE {category}: {line}")


def evaluate(paths: list[Path], title: str, verbose: bool) -> None:
    """Print the scores of one set of articles, each alone and all together."""
    articles = [load(p) for p in paths]
    if RAW:  # as ingest dates a dateline without a year by the story's other articles
        dated = [s.date for s, _ in articles if s.date]
        for i, (source, expected) in enumerate(articles):
            day = None if source.date else next(
                (d for p in source.body.split("\n\n")[:3] if (d := dateline_day(p.strip()))), None)
            year = story_year(*day, dated) if day else None
            if day and year:
                articles[i] = (dataclasses.replace(source, date=f"{year}-{day[0]:02d}-{day[1]:02d}"),
                               expected)
    alone = {c: Score() for c in CATEGORIES}
    for source, expected in articles:
        facts = extract_facts([source])
        for category in CATEGORIES:
            alone[category].add(score(category, expected[category], facts, source.id))
    together_facts = extract_facts([s for s, _ in articles])
    together_expected = combined([e for _, e in articles])
    together = {c: score(c, together_expected[c], together_facts, "all") for c in CATEGORIES}
    table(f"{title}: each article alone ({len(articles)} articles)", alone)
    if verbose:
        details(alone)
    table(f"{title}: all articles together", together)
    if verbose:
        details(together)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false ones")
    parser.add_argument("--raw", action="store_true",
                        help="read each article as a scraped page through ingest (its own "
                             "date, title and furniture finding) instead of as a source file")
    parser.add_argument("--set", choices=("old", "held-out", "new", "heldout4", "heldout3",
                                           "heldout2", "both"),
                        default="both", help="the articles the rules were tuned on, the held-out "
                        "ones (new: only the latest, heldout5- round; heldout4, heldout3, "
                        "heldout2: only that round), or both")
    args = parser.parse_args(argv)
    global RAW
    RAW = args.raw
    paths = sorted(EVAL.glob("*.md"))
    held_out = [p for p in paths if p.name.startswith(HELD_OUT_PREFIXES)]
    tuned = [p for p in paths if p not in held_out]
    if args.set in ("old", "both"):
        evaluate(tuned, "Old set", args.verbose)
    if args.set in ("held-out", "both"):
        evaluate(held_out, "Held-out set", args.verbose)
    if args.set in ROUNDS:
        prefix, title = ROUNDS[args.set]
        evaluate([p for p in held_out if p.name.startswith(prefix)], title, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
