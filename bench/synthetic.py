"""A deterministic synthetic project: N news-like raw articles about one story, for benchmarks.

A fixed set of underlying facts (gifts, vehicles, production figures, dated events) is told by
every article in its own choice of wording; articles carry site boilerplate, a few report a
figure differently, and about one in six is a syndicated near-copy of an earlier article (another
publisher, a paragraph dropped, a word changed). Article ``i`` depends only on ``i``.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PUBLISHERS = ["Reuters", "Associated Press", "The Daily Courier", "Evening Ledger", "Global Wire",
              "Northern Times", "City Herald", "Metro Post", "Harbour Gazette", "Capital Review",
              "Pacific Observer", "Morning Standard", "Asia Desk", "Continental News",
              "The Lantern", "Riverside Chronicle", "Seoul Dispatch", "Eastern Monitor",
              "Weekly Record", "The Courier-Journal"]
PUTIN = ["Russian President Vladimir Putin", "Putin", "the Russian president", "the Kremlin leader"]
KIM = ["North Korean leader Kim Jong Un", "Kim", "the North Korean leader", "Kim Jong Un"]
PLACES = ["Pyongyang", "Vladivostok", "the Vostochny cosmodrome", "Moscow", "the Amur region"]

# (giver, recipient, wordings of the item, ISO date of the gift)
GIFTS = [
    (PUTIN, KIM, ["an Aurus Senat limousine", "a Russian-made Aurus limousine",
                  "a luxury Aurus Senat car"], date(2024, 6, 19)),
    (PUTIN, KIM, ["an Aurus limousine", "a first Aurus limousine"], date(2024, 2, 18)),
    (PUTIN, KIM, ["a tea set", "a hand-painted tea set"], date(2024, 6, 19)),
    (PUTIN, KIM, ["an admiral's dagger", "a naval officer's dirk"], date(2024, 6, 19)),
    (KIM, PUTIN, ["a pair of Pungsan hunting dogs", "two Pungsan dogs"], date(2024, 6, 19)),
    (KIM, PUTIN, ["artworks depicting Putin", "a set of portraits"], date(2024, 6, 19)),
    (PUTIN, KIM, ["a rifle", "a Russian-made rifle"], date(2023, 9, 13)),
]
GIFT_VERBS = ["gave {r} {i}", "presented {r} with {i}", "handed {r} {i}", "gifted {i} to {r}"]

VEHICLES = ["Mercedes-Maybach S650 Pullman", "Rolls-Royce Phantom", "Lexus LX 570",
            "Mercedes-Benz S600 Guard", "Toyota Land Cruiser", "Aurus Senat"]
CAR_SENTENCES = [
    "{k} has been spotted in a {v} on several occasions.",
    "{k} owns at least {n} {v} vehicles, according to analysts.",
    "A {v} was smuggled into the country despite sanctions, investigators said.",
    "Images from state media showed {k} arriving in a {v}.",
]

# (what is counted, true value, wordings with {n})
FIGURES = [
    ("cars made", 400, ["The St. Petersburg factory made {n} Aurus cars last year.",
                        "Aurus produced {n} vehicles in 2023, the company said."]),
    ("cars sold", 155, ["{n} Aurus cars were sold in the first eight months, an industry agency said.",
                        "Sales of the brand reached {n} cars by August, according to Autostat."]),
    ("plan", 5000, ["The company plans to make {n} cars a year by 2026.",
                    "Aurus aims to build {n} vehicles annually within two years."]),
    ("price", 18, ["A Senat limousine costs about {n} million roubles.",
                   "The base model sells for roughly {n} million roubles."]),
]

EVENTS = [
    (date(2024, 6, 19), ["The two leaders signed a mutual defence pact.",
                         "The leaders signed a comprehensive strategic partnership treaty."]),
    (date(2023, 9, 13), ["Kim visited the Vostochny cosmodrome in the Amur region.",
                         "The two men met at a space launch centre in Russia's Far East."]),
    (date(2024, 6, 18), ["Putin arrived in Pyongyang shortly before dawn.",
                         "The Russian leader landed in the North Korean capital overnight."]),
    (date(2019, 4, 25), ["The pair first met in Vladivostok.",
                         "Their first summit was held on Russky Island."]),
]
BACKGROUND = [
    "United Nations resolutions ban the supply of luxury goods to North Korea.",
    "Analysts said the gift may breach international sanctions.",
    "A Kremlin spokesman declined to say how much the vehicle cost.",
    "State television showed the two men driving around a park.",
    "The visit was Putin's first to the country in 24 years.",
    "South Korea and the United States condemned the growing military cooperation.",
    "Officials said the car was delivered by plane ahead of the ceremony.",
    "Observers noted that the motorcade passed cheering crowds along the main avenue.",
    "The Russian-built car is used by Putin as his official state vehicle.",
    "Experts said the exchange of gifts was meant to signal a close personal bond.",
]
BOILERPLATE = ["Advertisement", "Also read: Five things to know about the summit",
               "Subscribe to our newsletter for the latest updates.", "Share this article",
               "Read more:", "(Reporting by staff; editing by the desk)"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _gift_sentence(rng: random.Random, published: date) -> str:
    giver, recipient, items, when = rng.choice(GIFTS)
    verb = rng.choice(GIFT_VERBS).format(r=rng.choice(recipient), i=rng.choice(items))
    said = rng.choice([f"in {when:%B %Y}", f"on {when:%B} {when.day}, {when.year}", "", "last year"
                       if when.year == published.year - 1 else ""])
    return f"{_cap(rng.choice(giver))} {verb}{' ' + said if said else ''}."


def _figure_sentence(rng: random.Random) -> str:
    _, value, wordings = rng.choice(FIGURES)
    reported = value if rng.random() > 0.05 else value + rng.choice((-20, 10, 50))
    return rng.choice(wordings).format(n=f"{reported:,}")


# An article's own reporting: sentences put together from these, so that two independent
# articles rarely share a sentence (as in real coverage) while copies share all of theirs.
SUBJECTS = ["Diplomats", "Residents of the capital", "Western officials", "Regional experts",
            "Analysts in Seoul", "Observers", "Former negotiators", "Trade officials",
            "Military analysts", "Commentators on state radio", "Economists", "Local reporters"]
VERBS = ["described", "questioned", "welcomed", "played down", "pointed to", "dismissed",
         "highlighted", "warned about", "criticised", "praised", "compared", "examined"]
OBJECTS = ["the lavish welcome ceremony", "the timing of the trip", "the new rail link",
           "fuel shipments across the border", "the choice of venue", "the lengthy banquet",
           "the security arrangements", "the state of the economy", "ammunition deliveries",
           "the guest list", "the joint statement", "labour exports", "satellite technology",
           "tourism plans", "the agricultural talks", "student exchanges", "the port upgrade",
           "the closing press briefing", "a planned bridge", "the grain deal"]
CLAUSES = ["as the talks went on late into the night", "in interviews this week",
           "despite months of speculation", "while crowds lined the streets", "in a rare move",
           "according to people familiar with the plans", "in remarks to reporters",
           "before the delegations left", "amid wider tensions in the region",
           "after a long period of isolation", "with little public detail", "in a written note"]


def _own_sentence(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(CLAUSES)}, and {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}.")


def _sentence(rng: random.Random, published: date, background: list[str]) -> str:
    kind = rng.random()
    if kind < 0.1:
        return _gift_sentence(rng, published)
    if kind < 0.16:
        vehicle = rng.randrange(len(VEHICLES))
        owned = 2 + vehicle % 3 if rng.random() > 0.05 else 6  # a few articles say otherwise
        return rng.choice(CAR_SENTENCES).format(k=rng.choice(KIM), v=VEHICLES[vehicle], n=owned)
    if kind < 0.22:
        return _figure_sentence(rng)
    if kind < 0.28:
        when, wordings = rng.choice(EVENTS)
        return f"On {when:%B} {when.day}, {when.year}, {_lower_first(rng.choice(wordings))}"
    if kind < 0.34 and background:
        return background.pop()
    return _own_sentence(rng)


def _lower_first(text: str) -> str:
    return text if text.startswith(("Putin", "Kim", "Russia")) else text[:1].lower() + text[1:]


def _original(index: int) -> tuple[str, str, date, list[str]]:
    """Headline, publisher, date and body paragraphs of an article written from scratch."""
    rng = random.Random(index)
    published = date(2024, 6, 19) + timedelta(days=rng.randint(0, 400))
    headline = f"{_cap(rng.choice(PUTIN))} and {rng.choice(KIM)} meet in {rng.choice(PLACES)} ({index})"
    lead = f"{_gift_sentence(rng, published)[:-1]} {rng.choice(CLAUSES)}. {_own_sentence(rng)}"
    paragraphs = [lead]
    background = rng.sample(BACKGROUND, 3)
    for _ in range(rng.randint(6, 12)):
        sentences = [_sentence(rng, published, background) for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
    return headline, rng.choice(PUBLISHERS), published, paragraphs


def article(index: int) -> str:
    """Raw text of article ``index``: a headline, its date, the body, boilerplate and a credit line."""
    rng = random.Random(f"copy-{index}")
    if index >= 6 and rng.random() < 0.17:
        headline, _, published, paragraphs = _original(rng.randrange(index))
        publisher = rng.choice(PUBLISHERS)
        paragraphs = list(paragraphs)
        if len(paragraphs) > 4:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        paragraphs[-1] = paragraphs[-1].replace("said", "reported", 1)
        published += timedelta(days=rng.randint(0, 2))
    else:
        headline, publisher, published, paragraphs = _original(index)
    body = list(paragraphs)
    body.insert(min(3, len(body)), rng.choice(BOILERPLATE))
    body.append(rng.choice(BOILERPLATE))
    credit = f"© {published.year} {publisher}. All rights reserved."
    return f"{headline}\n\nDate: {published.isoformat()}\n\n" + "\n\n".join([*body, credit]) + "\n"


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
