"""Ingest of plain-text articles: boilerplate, metadata, ids, editor edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dates import dateline_day, story_year
from generator.ingest.raw import ingest, make_id
from generator.ingest.text import CleanArticle, boilerplate_kind, clean_article
from generator.project import Project
from generator.sources import load_sources

ARTICLE = """\
Mon, Mar 3, 2025

Harbour Bridge Reopens After Two-Year Repair | Watch Video

Harbour Bridge Reopens After Two-Year Repair | Watch Video

Written by: Coastline News Desk -- February 27th 2025 09:40 AM

The city's harbour bridge reopened to traffic on Thursday after a repair that took two years and cost 40 million dollars.

Engineers replaced 120 steel cables and repainted the whole span, the council said.

The bridge reopened on Thursday

Also Read: Ten places to eat near the waterfront

Read more: Council budget explained

A cyclist crosses the bridge at dawn. Photo: Jane Roe/Getty Images

Mayor Ana Li said the bridge would carry 30,000 vehicles a day. "It is a great day for the city," she said.

The bridge reopened on Thursday, the mayor's office said, weeks later than planned.

- With inputs from agencies

(This report has not been edited by Coastline staff and is auto-generated from a syndicated feed.)

Trending Stories view more...

Please read our comment policy before posting.

Subscribe now

.
"""


@pytest.fixture(scope="module")
def cleaned() -> CleanArticle:
    return clean_article(ARTICLE)


def test_keeps_every_real_paragraph_in_order(cleaned: CleanArticle) -> None:
    assert cleaned.body.split("\n\n") == [
        "The city's harbour bridge reopened to traffic on Thursday after a repair that took two "
        "years and cost 40 million dollars.",
        "Engineers replaced 120 steel cables and repainted the whole span, the council said.",
        'Mayor Ana Li said the bridge would carry 30,000 vehicles a day. "It is a great day for '
        'the city," she said.',
        "The bridge reopened on Thursday, the mayor's office said, weeks later than planned.",
    ]


def test_headline_counted_once_without_site_suffix(cleaned: CleanArticle) -> None:
    assert cleaned.title == "Harbour Bridge Reopens After Two-Year Repair"


def test_dateline_wins_over_todays_date_at_top(cleaned: CleanArticle) -> None:
    assert cleaned.date == "2025-02-27"


def test_staff_credit_names_the_publisher(cleaned: CleanArticle) -> None:
    assert cleaned.publisher == "Coastline"


@pytest.mark.parametrize(
    "line",
    [
        "Also Read: Why the bridge closed",
        "READ MORE | The council's new plan",
        "subscribe Support our independent journalism. Premium is $5 a month, ad-free for subscribers.",
        "Subscribe now",
        "Sign up (it's free) or sign in to continue.",
        "Would you like to comment on this article?",
        "Latest News view more...",
        "The mayor at the opening. Picture: CITY PRESS OFFICE/HANDOUT VIA GETTY IMAGES",
        "(This story has not been edited by Example staff and is auto-generated from a syndicated feed.)",
        "(With inputs from Reuters)",
        "Reuters",
        "- AFP",
        "© 2025 Coastline Media",
        "Great day! pic.twitter.com/abc123 — City Hall (@cityhall) March 1, 2025",
        "Advertisement",
        "Share Tweet Email",
        ".",
        "***",
        "Tue, Jul 16, 2024",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert boilerplate_kind(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Putin gave Kim a limousine, officials said.",
        "The council said subscribers to the transit pass would ride free.",
        "Reuters reported that the talks would resume next week, citing two officials.",
        "A photo of the two leaders was released by state media on Thursday.",
        "Comments from the minister were not available.",
        # a caption that tells the story, labelled and credited
        "File photo: Berg presents Varga with a silver compass at their first summit in Vigo, "
        "25 April 2019. Varga reciprocated with a sabre. Photograph: Ana Lopes/Pool",
    ],
)
def test_article_sentences_are_not_boilerplate(line: str) -> None:
    assert boilerplate_kind(line) is None


def test_explicit_date_line_and_no_headline() -> None:
    text = (" date 2023-11-05 Farmers in the valley harvested a record crop of apples on Sunday, "
            "officials said. The harvest\n\nwas the largest since 1990.\n")
    article = clean_article(text)
    assert article.date == "2023-11-05"
    assert article.title is None
    assert article.publisher is None
    assert article.body.startswith("Farmers in the valley")
    assert "The harvest\n\nwas the largest" in article.body  # paragraphs unchanged


def test_unknown_metadata_stays_null() -> None:
    article = clean_article("A storm hit the coast overnight, cutting power to 2,000 homes.\n")
    assert (article.title, article.publisher, article.date) == (None, None, None)


def test_wire_credit_line_is_publisher() -> None:
    text = "The talks ended without a deal late on Friday, both sides said.\n\nAssociated Press\n"
    assert clean_article(text).publisher == "Associated Press"


def test_repeated_standfirst_kept_once_where_it_last_appears() -> None:
    standfirst = "The two ministers met for three hours behind closed doors in the capital."
    text = f"{standfirst}\n\nTalks Resume\n\nOfficials confirmed the meeting on Monday.\n\n{standfirst}\n"
    body = clean_article(text).body.split("\n\n")
    assert body == ["Officials confirmed the meeting on Monday.", standfirst]


def test_updated_stamp_is_not_the_publication_date() -> None:
    text = ("Storm Leaves Thousands Without Power\n\nUpdated: March 9, 2025\n\n"
            "Published: March 7, 2025\n\nThe storm cut power to 20,000 homes, the utility said.\n")
    assert clean_article(text).date == "2025-03-07"


@pytest.mark.parametrize(
    ("furniture", "expected"),
    [
        ("12 March 2025 · 4 min read · Save for later", "2025-03-12"),
        ("Newsroom staff · 12.03.2025, 16:05 · 1,284 views", "2025-03-12"),
        ("Ann Lee and Bo Kim\nMarch 12, 2025 · 7 min read", "2025-03-12"),
        ("Updated 14 March 2025, 21:37", "2025-03-14"),  # the only date there is
        ("2 July 2024 | Hyun-woo Lim and Claire Abernathy", "2024-07-02"),  # date, then names
        ("Published on: 19/06/2024 - 16:27 Modified: 20/06/2024 - 18:03", "2024-06-19"),
        ("Updated June 20, 2024 at 6:15 a.m. CDT", "2024-06-20"),  # ends in a full stop
        ("Aired June 19, 2024 - 20:00 ET", "2024-06-19"),  # a broadcast's transcript
        ("Posted 06/21/2024 10:02", "2024-06-21"),  # month first: 21 is no month
    ],
)
def test_publication_date_from_other_page_furniture(furniture: str, expected: str) -> None:
    """A page whose only date is in a reading-time line, a share bar or an update stamp."""
    text = (f"Storm Leaves Thousands Without Power\n\n{furniture}\n\n"
            "The storm cut power to 20,000 homes on Tuesday, the utility said. Crews worked "
            "through the night.\n\nRead more\n- Floods hit the north (2 January 2025)\n")
    assert clean_article(text).date == expected


def test_dotted_dates_are_day_month_year() -> None:
    from generator.dates import find_full_dates

    assert [d.isoformat() for _, d in find_full_dates("on 03.04.2025 and 31.12.2024")] == [
        "2025-04-03", "2024-12-31"]
    assert find_full_dates("build 1.13.2024") == []  # no month 13: not a date


def test_hostile_invisible_and_control_characters_removed() -> None:
    text = "Kim\u202e met\u200b Putin\x07 in the capital on Tuesday, state media said.\n"
    assert clean_article(text).body == "Kim met Putin in the capital on Tuesday, state media said."


@pytest.mark.parametrize(
    ("raw", "title", "expected"),
    [
        ("000_abc.txt", "Putin, Kim Take Turns To Drive", "000-putin-kim-take-turns-drive"),
        ("story.txt", "Ça va? Élan ../../etc/passwd", "ca-va-elan-etc-passwd"),
        ("x.txt", "....", "article"),
    ],
)
def test_ids_are_readable_safe_slugs(raw: str, title: str, expected: str) -> None:
    article = CleanArticle(body="Body text here.", title=title, publisher=None, date=None)
    assert make_id(raw, article, set()) == expected


def test_ids_are_unique() -> None:
    article = CleanArticle(body="Body.", title="Same Headline Here", publisher=None, date=None)
    assert make_id("a.txt", article, {"same-headline-here"}) == "same-headline-here-2"


def test_seed_ingest_metadata(seed_project: Path) -> None:
    report = ingest(Project(seed_project))
    assert not report.problems
    sources = {s.raw: s for s in load_sources(Project(seed_project))}
    assert len(sources) == 5
    for source in sources.values():
        assert "\n\n" in source.body and "Also Read" not in source.body
        assert "subscribe" not in source.body.lower()
        assert source.id.startswith(source.raw[:3])
    dated = sorted(s.date for s in sources.values() if s.date)
    assert dated and all(d.startswith("2024-06") for d in dated)  # no "today" furniture dates


def test_reingest_is_stable_and_keeps_editor_edits(seed_project: Path) -> None:
    project = Project(seed_project)
    ingest(project)
    before = {p.name: p.read_text(encoding="utf-8") for p in project.sources.glob("*.md")}
    assert ingest(project).written == []  # unchanged raw files are skipped
    assert {p.name: p.read_text(encoding="utf-8") for p in project.sources.glob("*.md")} == before

    target = sorted(project.sources.glob("*.md"))[1]
    edited = target.read_text(encoding="utf-8").replace("publisher: null", "publisher: Wire Service")
    edited = edited.replace("url: null", "url: https://example.com/story")
    target.write_text(edited, encoding="utf-8")
    raw = project.raw / load_sources(project)[1].raw  # type: ignore[operator]
    raw.write_text(raw.read_text(encoding="utf-8") + "\nA new closing paragraph was added today.\n",
                   encoding="utf-8")
    report = ingest(project)
    assert report.written == [target.stem]
    text = target.read_text(encoding="utf-8")
    assert "publisher: Wire Service" in text and "url: https://example.com/story" in text
    assert "A new closing paragraph was added today." in text


def test_ingest_cli_copies_files_from_elsewhere(project: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "downloads" / "017_story.txt"
    outside.parent.mkdir()
    outside.write_text("Rain Returns\n\nRain returned to the plains on Monday after a dry month.\n",
                       encoding="utf-8")
    result = run_cli("-C", project, "ingest", outside)
    assert result.returncode == 0, result.stderr
    assert (project / "content/sources/raw/017_story.txt").is_file()
    assert (project / "content/sources/017-rain-returns.md").is_file()


def test_ingest_cli_rejects_bad_files_and_keeps_good_ones(project: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    raw = project / "content/sources/raw"
    (raw / "a_good.txt").write_text("Good News\n\nThe harvest came in early this year, farmers said.\n")
    (raw / "b_latin1.txt").write_bytes("Caf\xe9 owners said prices rose.\n".encode("latin-1"))
    (raw / "c_empty.txt").write_text("  \n\n")
    result = run_cli("-C", project, "ingest")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/sources/raw/b_latin1.txt:1:4: not valid UTF-8" in result.stderr
    assert "content/sources/raw/c_empty.txt: no article text found" in result.stderr
    assert [p.name for p in (project / "content/sources").glob("*.md")] == ["good-news.md"]


def test_wire_dateline_and_reporter_credits() -> None:
    text = ("By Anna Petrova and John Smith\n\n"
            "MOSCOW, June 19 (Reuters) - Russia's president arrived in the capital on Wednesday for "
            "talks, officials said.\n\n"
            "By Thursday, the two sides had signed a pact covering trade and security.\n\n"
            "(Reporting by Anna Petrova; Editing by John Smith)\n")
    article = clean_article(text)
    assert article.publisher == "Reuters"
    assert article.body.split("\n\n") == [
        "MOSCOW, June 19 (Reuters) - Russia's president arrived in the capital on Wednesday for "
        "talks, officials said.",
        "By Thursday, the two sides had signed a pact covering trade and security.",
    ]


@pytest.mark.parametrize(("line", "expected"), [
    ("SEOUL, June 20 (Yonhap) -- The ministry said", (6, 20)),
    ("Lisbon, 3 March (Lusa) – The port reopened", (3, 3)),
    ("VIGO, Sept. 9 — Fishermen returned", (9, 9)),
    ("Berg, June 20 – a note", None),  # a name, not a dateline: no capitals, no agency
    ("The boats left on June 20 - early", None),
    ("OSLO, Feb 30 (NTB) - x", None),  # no such day
])
def test_dateline_day(line: str, expected: tuple[int, int] | None) -> None:
    assert dateline_day(line) == expected


def test_story_year_is_the_one_nearest_the_other_articles() -> None:
    assert story_year(6, 20, ["2019-06-18", "2019-06-21", "2019-07-30"]) == 2019
    assert story_year(1, 2, ["2018-12-30", "2018-12-31"]) == 2019  # across new year
    assert story_year(6, 20, []) is None  # alone: no guess
    assert story_year(1, 2, ["2019-06-19"]) is None  # too far from the story


def test_dateline_without_year_takes_the_storys_year(project: Path) -> None:
    raw = project / "content/sources/raw"
    (raw / "a.txt").write_text("Harbour Reopens\n\n18 June 2019\n\nThe harbour reopened on Monday, "
                               "the port authority said.\n", encoding="utf-8")
    (raw / "b.txt").write_text("Boats Return\n\nVIGO, June 20 (Lusa) -- Fishing boats returned to the "
                               "harbour on Wednesday, officials said.\n", encoding="utf-8")
    (raw / "c.txt").write_text("Storm Warning\n\nOSLO, June 20 (NTB) -- A storm is expected "
                               "tonight, forecasters said.\n", encoding="utf-8")
    report = ingest(Project(project))
    dates = {s.raw: s.date for s in load_sources(Project(project))}
    assert dates == {"a.txt": "2019-06-18", "b.txt": "2019-06-20", "c.txt": "2019-06-20"}
    assert sum("dated 2019-06-20: its dateline gives the day" in w for w in report.warnings) == 2
    assert ingest(Project(project)).written == []  # dated once, then left alone


def test_dateline_alone_gives_no_year(project: Path) -> None:
    (project / "content/sources/raw/b.txt").write_text(
        "Boats Return\n\nVIGO, June 20 (Lusa) -- Fishing boats returned on Wednesday.\n",
        encoding="utf-8")
    ingest(Project(project))
    assert [s.date for s in load_sources(Project(project))] == [None]


def test_gallery_headline_is_the_title_not_a_caption() -> None:
    article = clean_article("In pictures: Storm hits the coast\n\nUpdated 3 March 2025\n\n"
                            "The storm cut power to 20,000 homes on Tuesday, the utility said.\n")
    assert article.title == "In pictures: Storm hits the coast"
    assert article.date == "2025-03-03"


def test_a_wiki_page_is_dated_by_its_last_edit() -> None:
    text = ("Storm of 2025\n\nThe storm cut power to 20,000 homes on 4 March 2025, the utility "
            "said.\n\nThis page was last edited on 10 December 2025, at 09:14 (UTC).\n")
    assert clean_article(text).date == "2025-12-10"


def test_slashed_dates_only_when_the_order_is_plain() -> None:
    from generator.dates import find_full_dates

    found = [day.isoformat() for _, day in find_full_dates("19/06/2024, 06/19/2024, 06/07/2024")]
    assert found == ["2024-06-19", "2024-06-19"]
