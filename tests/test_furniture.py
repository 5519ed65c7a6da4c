"""Page furniture in scraped articles: each rule on varied made-up examples, both ways, and no
real paragraph of the seed or evaluation articles taken for furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.ingest.text import (
    boilerplate_kind,
    clean_article,
    furniture_kinds,
    is_furniture,
    without_furniture,
)

REPO = Path(__file__).resolve().parent.parent
SEED_SOURCES = sorted((REPO / "content" / "sources").glob("*.md"))
EVAL_ARTICLES = sorted((REPO / "tests" / "fixtures" / "extract_eval").glob("*.md"))


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        # link lists: a heading alone, or run on with its items
        ("Related stories", "link to another story"),
        ("Recommended for you", "link to another story"),
        ("What to read next:", "link to another story"),
        ("MOST READ", "link to another story"),
        ("More from Business", "link to another story"),
        ("Read next → The dam that split a valley → Five charts on the drought", "link to another story"),
        ("Trending 1. Storm warning for the coast 2. Rail strike called off", "link to another story"),
        # share, social and section bars
        ("Share on LinkedIn · Share on WhatsApp · Copy link", "share or section bar"),
        ("Politics | Analysis", "share or section bar"),
        ("Video · Europe · 2 min", "share or section bar"),
        ("Bookmark · Print · A A", "share or section bar"),
        ("ECONOMY · MARKETS", "section kicker"),
        ("ECONOMY & MARKETS", "section kicker"),
        ("THE BIG PICTURE", "section kicker"),
        ("Tags: elections, parliament, budget", "tag list"),
        ("Topics: Climate · Energy", "tag list"),
        ("Filed under: Europe", "tag list"),
        # reading time and stamps
        ("8 min read", "reading time"),
        ("4 March 2025 · 6 min read", "reading time"),
        ("Reading time: 4 minutes", "reading time"),
        ("Listen to this story · 6 min", "reading time"),
        ("Published: 4 March 2025, 08:12 · Updated: 4 March 2025, 09:40", "date stamp"),
        ("Last modified on Tue 4 Mar 2025 09.40 GMT", "date stamp"),
        ("Updated 3 hours ago", "date stamp"),
        ("12:45 CET", "date stamp"),
        ("Wednesday 5 March 2025 14.02 GMT · 3 min read", "reading time"),
        # bylines and author notes
        ("By Jane Doe, Europe correspondent", "byline"),
        ("By Luis Ortega in Madrid", "byline"),
        ("By Maria Lopez, Staff Writer", "byline"),
        ("By Maria Lopez 3 March 2025 10:15 GMT · Updated 11:02 GMT", "byline"),
        ("Tom Baker and Ines Duarte, political correspondents", "byline"),
        ("Jane Doe is a contributing editor at the Review and the author of two books on energy.",
         "author note"),
        ("Luis Ortega has covered Latin American politics since 2012.", "author note"),
        ("About the author: Maria Lopez writes on trade.", "author note"),
        ("The views expressed in this article are the author's own.", "author note"),
        ("Write to the author at jdoe@example.org", "author note"),
        # notices, tickers, breadcrumbs, credits
        ("© 2025 Harbour Media Group. All rights reserved.", "credit line"),
        ("Copyright 2025 Example Ltd. This material may not be republished, broadcast or rewritten.",
         "copyright notice"),
        ("Spotted a typo? Let us know.", "error report prompt"),
        ("Correction: This article has been changed to fix the spelling of a name.", "correction note"),
        ("Comments are now closed.", "comment widget"),
        ("Comments (12)", "comment widget"),
        ("You need to enable JavaScript to view this chart.", "browser notice"),
        ("We and our partners use cookies to personalise ads. Accept all · Manage preferences",
         "consent banner"),
        ("EUR/USD 1.08 ▼ · FTSE 100 8,120 ▲", "market data"),
        ("Home » World » Asia", "breadcrumb"),
        ("News › Politics › Elections", "breadcrumb"),
        ("3 of 24", "picture counter"),
        ("Swipe to see the full chart.", "layout notice"),
        ("Like this story? Follow the Courier on Threads", "social prompt"),
        ("Source: Eurostat", "source credit"),
        ("Sources: ministry data, agency reports", "source credit"),
        ("Read our editorial guidelines", "standards note"),
        ("Join our WhatsApp channel and never miss a story.", "subscription prompt"),
    ],
)
def test_furniture_is_recognised(block: str, kind: str) -> None:
    assert boilerplate_kind(block) == kind
    assert is_furniture(block)


@pytest.mark.parametrize(
    "block",
    [
        "Is this the end of limousine diplomacy?",
        "Who paid for the cars?",
        "- 12 March 2025: the council approves the budget for the new bridge",
        "- 2019: Kim and Putin meet in Vladivostok",
        "Rolls-Royce Phantom | saloon | 2012 | smuggled",
        "Model | Price | Units sold",
        "Car | Type | First seen | How it arrived",
        "Kim Jong Un and Vladimir Putin",
        "Harbour Bridge Reopens After Two-Year Repair | Watch Video",
        "FACTBOX · How the two leaders' relationship developed",
        "UN SECURITY COUNCIL BANS ALL VEHICLE EXPORTS",
        "The two leaders met in Vladivostok on 25 April 2019.",
        "Related talks will resume next week in Geneva, officials said.",
        "More than 70 animals were shipped to the zoo in November.",
        "Most popular among officials was the Senat, which costs 36 million roubles.",
        "Key events of the day included the signing of the treaty.",
        "Published figures show the carmaker sold 187 cars in 2024.",
        "Updated figures released on 3 March 2025 show sales rose 18%, the agency said.",
        "Vladimir Putin has written to Kim twice this year, the Kremlin said.",
        "Listen carefully, the general told his officers.",
        "Reading the treaty closely, analysts found a mutual-defence clause.",
        "All rights to the design belong to the institute, the company said.",
        "Sources said the car was armoured.",
        "Sources: the deal was signed on Wednesday, two officials told reporters.",
        "Market share rose to 12% in May, Autostat said.",
        "The limousine was presented to him as a gift on Wednesday. Photo: Pool / Agency",
        "By Thursday, the two sides had signed a pact covering trade and security.",
        "The views of the two leaders differ on sanctions, analysts said.",
        "Contact between the two sides has been limited since 2019.",
    ],
)
def test_article_text_is_not_furniture(block: str) -> None:
    assert boilerplate_kind(block) is None
    assert not is_furniture(block)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Related stories\n- Rail strike called off\n- Storm warning for the coast",
        "Most read\n1. Heat records fall across the south\n2. Budget: what it means for you",
        "You may have missed\nFive charts on the drought · The dam that split a valley",
        "Key moments\n- Treaty signed\n- Leaders drive the new car",
        "Markets\nBrent $82.10 ▲ · Gold $2,301 ▼",
        "Ana Ruiz and Piotr Nowak\n4 March 2025 · 6 min read",
        "By Ana Ruiz in Lisbon\n4 March 2025",
    ],
)
def test_multi_line_furniture_paragraphs(paragraph: str) -> None:
    assert is_furniture(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        # a live-blog entry under its time stamp, a gallery caption between counter and credit
        "16.00 BST\nFrom our correspondent: the two leaders have signed the treaty in Pyongyang.",
        "4 of 11\nThe leaders shake hands after signing the treaty on Wednesday.\nPhoto: Pool / Agency",
        "- 19 June 2024: Putin and Kim sign a mutual-defence treaty in Pyongyang.\n"
        "- 20 June 2024: Putin arrives in Hanoi.",
        "Ana Ruiz and Piotr Nowak\nThe two researchers found that the fleet grew in 2018.",
    ],
)
def test_paragraphs_holding_text_are_not_furniture(paragraph: str) -> None:
    assert not is_furniture(paragraph)


def test_furniture_lines_leave_a_paragraph_that_holds_text() -> None:
    gallery = "4 of 11\nThe leaders shake hands after signing the treaty on Wednesday.\nPhoto: Pool / Agency"
    assert without_furniture(gallery) == "The leaders shake hands after signing the treaty on Wednesday."
    entry = "16.00 BST\nFrom our correspondent: the two leaders have signed the treaty."
    assert without_furniture(entry) == "From our correspondent: the two leaders have signed the treaty."
    assert without_furniture("Related stories\n- Rail strike called off") == ""


def test_author_name_needs_a_stamp_beside_it() -> None:
    assert furniture_kinds(["Ana Ruiz and Piotr Nowak", "4 March 2025 · 6 min read"])[0] == "author line"
    assert furniture_kinds(["Ana Ruiz and Piotr Nowak", "A new report on trade."])[0] is None
    # in another paragraph, a name-shaped headline stays a headline
    assert furniture_kinds(["Ana Ruiz and Piotr Nowak", "Published 4 March 2025, 09:12"], [0, 1])[0] is None


RAW = """\
Home › Science › Climate

CLIMATE

Glacier Retreat Doubles in a Decade

By Ana Ruiz, science correspondent
Published 4 March 2025, 09:12 · Updated 4 March 2025, 11:40

Share · Save · Print

Swiss glaciers lost twice as much ice in the past decade as in the one before, a study published on Tuesday found.

Read also
→ Why the Alps are warming faster
→ Ski resorts plan for snowless winters

The researchers measured 176 glaciers between 2014 and 2024.

Tags: glaciers · Alps · climate

Ana Ruiz has covered climate science since 2015.

Most popular

Storm warning for the coast

Rail strike called off

© 2025 Alpine Courier. All rights reserved.
"""


def test_clean_article_drops_furniture_and_link_lists() -> None:
    article = clean_article(RAW)
    assert article.title == "Glacier Retreat Doubles in a Decade"
    assert article.date == "2025-03-04"
    assert article.body.split("\n\n") == [
        "Swiss glaciers lost twice as much ice in the past decade as in the one before, a study "
        "published on Tuesday found.",
        "The researchers measured 176 glaciers between 2014 and 2024.",
    ]


def test_a_list_heading_never_swallows_prose() -> None:
    text = ("The ministers met on Monday and agreed a new timetable for the talks.\n"
            "Related\n- Talks stall in Geneva\n"
            "Officials said the next round would open in May, after the elections.\n")
    assert clean_article(text).body.split("\n\n") == [
        "The ministers met on Monday and agreed a new timetable for the talks.",
        "Officials said the next round would open in May, after the elections.",
    ]


def test_no_seed_paragraph_is_furniture() -> None:
    assert SEED_SOURCES
    flagged = [(p.name, para) for p in SEED_SOURCES for para in paragraphs(body_of(p)) if is_furniture(para)]
    assert flagged == []


def quoted_paragraphs(body: str, quote: str) -> list[str]:
    """The paragraphs a quote lies in (a quote may run over two)."""
    spans, text = [], ""
    for para in paragraphs(body):
        start = len(text) + 1 if text else 0
        text = f"{text} {' '.join(para.split())}" if text else " ".join(para.split())
        spans.append((start, len(text), para))
    start = text.find(" ".join(quote.split()))
    if start < 0:
        return []
    end = start + len(" ".join(quote.split()))
    return [para for first, last, para in spans if first < end and start < last]


def test_no_quoted_paragraph_is_furniture() -> None:
    bodies = {p.stem: body_of(p) for p in SEED_SOURCES}
    checked = 0
    for facts_file in sorted((REPO / "content" / "facts").glob("*.yaml")):
        for fact in (yaml.safe_load(facts_file.read_text(encoding="utf-8")) or {}).get("facts") or []:
            for support in fact.get("sources") or []:
                holding = quoted_paragraphs(bodies[support["source"]], support["quote"])
                assert holding, support
                assert not any(is_furniture(p) for p in holding), support
                checked += 1
    assert checked > 20


def plainly_prose(paragraph: str) -> bool:
    """A long line of several sentences, with none of the marks furniture is made of."""
    return not re.search(r"[·©@\[]", paragraph) and any(
        len(line.split()) >= 25 and len(re.findall(r"[.!?][\"'”’)]*(?:\s|$)", line)) >= 2
        for line in paragraph.split("\n")
    )


def test_no_prose_paragraph_of_an_evaluation_article_is_furniture() -> None:
    prose = [(p.name, para) for p in EVAL_ARTICLES for para in paragraphs(body_of(p)) if plainly_prose(para)]
    assert len(prose) > 150
    assert [item for item in prose if is_furniture(item[1])] == []
