"""A deterministic synthetic project: N raw articles about one story, for benchmarks."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PUBLISHERS = ["Reuters", "Associated Press", "The Daily Courier", "Evening Ledger", "Global Wire",
              "Northern Times", "City Herald", "Metro Post"]
LEADERS = ["the Russian president", "Vladimir Putin", "the Kremlin leader", "Putin"]
GUESTS = ["Kim Jong Un", "the North Korean leader", "Kim", "the visiting leader"]
CARS = ["an Aurus Senat limousine", "a Russian-built limousine", "a luxury Aurus car",
        "an armoured limousine"]
PLACES = ["Pyongyang", "Vladivostok", "the Vostochny cosmodrome", "Moscow"]
VERBS = ["gave", "presented", "handed over", "gifted"]
DETAILS = [
    "Officials said the car was delivered by plane.",
    "State television showed the two men driving around a park.",
    "Analysts said the gift may breach United Nations sanctions.",
    "The factory in St. Petersburg plans to make {n} cars this year.",
    "{n} Aurus cars were sold in the first {m} months, according to an industry agency.",
    "A spokesman declined to say how much the vehicle cost.",
    "The leaders signed a defence pact on the same day.",
    "Kim is believed to own at least {m} foreign luxury cars.",
]


def article(index: int) -> str:
    """One article: a headline, a dateline paragraph and 6 to 12 body paragraphs."""
    rng = random.Random(index)
    leader, guest, car = rng.choice(LEADERS), rng.choice(GUESTS), rng.choice(CARS)
    day = 1 + index % 28
    headline = f"{leader.capitalize()} {rng.choice(VERBS)} {guest} {car} in {rng.choice(PLACES)}"
    paragraphs = [
        f"{rng.choice(PUBLISHERS)}, June {day}, 2024 - {leader.capitalize()} {rng.choice(VERBS)} "
        f"{guest} {car} on Wednesday, officials said, in report number {index}.",
    ]
    for _ in range(rng.randint(6, 12)):
        sentences = [rng.choice(DETAILS).format(n=rng.randint(2, 900), m=rng.randint(2, 11))
                     for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def make_project(root: Path, articles: int) -> Path:
    """A project folder with the repository's theme and ``articles`` raw files (not ingested)."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "sources" / "raw").mkdir(parents=True)
    (root / "content" / "pages").mkdir(parents=True)
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "site.yaml").write_text(
        "title: Synthetic explainer\nbase_url: https://example.org/\ntheme: default\n", encoding="utf-8")
    (root / "content" / "pages" / "index.md").write_text("A synthetic site for benchmarks.\n",
                                                         encoding="utf-8")
    width = len(str(articles))
    for index in range(articles):
        name = f"{index:0{width}d}_synthetic.txt"
        (root / "content" / "sources" / "raw" / name).write_text(article(index), encoding="utf-8")
    return root
