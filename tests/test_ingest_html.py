"""Saved web pages → sources: text, metadata, charsets, duplicates and bad pages, end to end."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from generator.build import stale_raw_files
from generator.cli import main
from generator.errors import ContentError
from generator.ingest.html import clean_page, decode_page
from generator.project import Project
from generator.sources import parse_source

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGES = sorted(p for p in FIXTURES.glob("*.html") if p.with_suffix(".expected.md").exists())
_DIGEST_LINE = re.compile(r"^# ingested from raw sha256:.*\n", re.MULTILINE)


def make_project(root: Path) -> Path:
    (root / "content" / "sources" / "raw").mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    (root / "site.yaml").write_text("title: Test site\nbase_url: https://example.org/\n",
                                    encoding="utf-8")
    shutil.copytree(REPO / "themes", root / "themes")
    return root


def run(root: Path, *args: str) -> int:
    return main(["-C", str(root), *args])


def visible_text(page: Path) -> str:
    """The page's text as a reader sees it, whitespace collapsed (independent of the extractor)."""
    text, _ = decode_page(page.read_bytes())
    tree = lxml.html.document_fromstring(text)
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    return " ".join(tree.text_content().split())


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_becomes_expected_source(tmp_path: Path, page: Path) -> None:
    root = make_project(tmp_path)
    shutil.copy(page, root / "content" / "sources" / "raw" / page.name)
    assert run(root, "ingest") == 0
    written = list((root / "content" / "sources").glob("*.md"))
    assert len(written) == 1
    got = _DIGEST_LINE.sub("", written[0].read_text(encoding="utf-8"))
    assert got == page.with_suffix(".expected.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_paragraph_is_verbatim_and_in_page_order(page: Path) -> None:
    article = clean_page(page.read_bytes(), page.name)
    text = visible_text(page)
    position = 0
    for paragraph in article.body.split("\n\n"):
        found = text.find(" ".join(paragraph.split()), position)
        assert found >= position, paragraph
        position = found + len(paragraph)


@pytest.mark.parametrize(("page", "furniture"), [
    ("jsonld.html", ["cookies", "Sign up", "newsletter", "Harbour fees", "Subscribe", "Home",
                     "All rights reserved", "dataLayer", "Do not show", "Share", "Maren Holt",
                     "Wednesday, 10 May 2023"]),
    ("opengraph.html", ["neighbour lost all six", "frost in March", "Share this", "Facebook",
                        "Log in", "Imprint", "4 min read", "Monday, 25 April 2022"]),
    ("comments-related.html", ["lived next to that bridge", "Reply", "likes", "Join the discussion",
                               "cycle lanes", "Bakery closes", "Heat wave", "Also read",
                               "Registered in England", "Related stories"]),
    ("topbar-date.html", ["Weather", "E-paper", "Last updated", "Site last updated", "Oskar Lind"]),
])
def test_page_furniture_is_dropped(page: str, furniture: list[str]) -> None:
    body = clean_page((FIXTURES / page).read_bytes(), page).body
    for text in furniture:
        assert text not in body


def test_json_ld_outranks_open_graph() -> None:
    # The page's Open Graph tags give another title, site name and date on purpose.
    article = clean_page((FIXTURES / "jsonld.html").read_bytes(), "jsonld.html")
    assert (article.title, article.publisher, article.date) == (
        "Ferry goes electric after 90 years", "The Lakeside Courier", "2023-05-03")


def test_furniture_dates_are_not_the_publication_date() -> None:
    # a "today" <time> above the headline, a "Last updated" stamp and a site-wide footer date
    article = clean_page((FIXTURES / "topbar-date.html").read_bytes(), "topbar-date.html")
    assert article.date == "2024-10-30"


def test_unmarked_date_above_the_headline_is_not_the_publication_date() -> None:
    page = ("<html><body><div><time datetime='2030-01-02'>2 January 2030</time></div>"
            "<h1>Mill burns down</h1><p>The old mill by the river burned down overnight, the fire "
            "service said, and nobody was hurt.</p><p>Posted <time datetime='2029-12-30'>"
            "30 December</time></p></body></html>")
    assert clean_page(page.encode(), "mill.html").date == "2029-12-30"


def test_json_ld_article_nested_in_a_web_page() -> None:
    page = ("<html><head><script type='application/ld+json'><!--\n"
            '{"@type": "WebPage", "datePublished": "2001-01-01", "mainEntity": {"@type": '
            '["ReportageNewsArticle"], "headline": "Mill burns down", "datePublished": '
            '"Tue, 31 Dec 2029 04:00:00 GMT", "publisher": [{"@type": "Organization", '
            '"name": "River News"}], "url": "https://river.example/mill"}}\n--></script></head>'
            "<body><h1>Old mill burns</h1><p>The old mill by the river burned down overnight, the "
            "fire service said, and nobody was hurt.</p></body></html>")
    article = clean_page(page.encode(), "mill.html")
    assert (article.title, article.publisher, article.date, article.url) == (
        "Mill burns down", "River News", "2029-12-31", "https://river.example/mill")


def test_comment_dates_are_not_the_publication_date(tmp_path: Path) -> None:
    page = (FIXTURES / "comments-related.html").read_text(encoding="utf-8")
    page = re.sub(r'<p class="meta">.*?</p>', "", page, flags=re.DOTALL)
    article = clean_page(page.encode(), "page.html")
    assert article.date is None


@pytest.mark.parametrize(("og_title", "title"), [
    ("Dam vote – a fair result? | River News", "Dam vote – a fair result?"),
    ("River News - Dam vote – a fair result?", "Dam vote – a fair result?"),
    ("Dam vote – a fair result?", "Dam vote – a fair result?"),
])
def test_site_name_is_cut_from_open_graph_title(og_title: str, title: str) -> None:
    page = (f"<html><head><meta property='og:title' content='{og_title}'><meta "
            "property='og:site_name' content='River News'></head><body><p>The vote on the dam "
            "ended with the mayor calling it a fair result for the town.</p></body></html>")
    assert clean_page(page.encode(), "dam.html").title == title


def test_unknown_metadata_stays_null() -> None:
    page = ("<html><body><article><p>A short story with no headline, no date and no publisher "
            "anywhere on the page, told in one sentence.</p></article></body></html>")
    article = clean_page(page.encode(), "bare.html")
    assert (article.title, article.publisher, article.date, article.url) == (None, None, None, None)


def test_relative_inline_elements_keep_their_words() -> None:
    page = ("<html><body><article><h1>Vote on the dam</h1><p>The vote on "
            "<time datetime='2024-03-05'>Tuesday</time> ended with the mayor calling it "
            "<q>a fair result</q> for the town and its farmers.</p></article></body></html>")
    article = clean_page(page.encode(), "inline.html")
    assert article.body == ("The vote on Tuesday ended with the mayor calling it a fair result "
                            "for the town and its farmers.")


# Encodings

_ARTICLE_1252 = ("<html><head>{meta}</head><body><article><h1>Caf\u00e9 reopens</h1>"
                 "<p>\u201cWe are back,\u201d said Ren\u00e9e, whose caf\u00e9 had been closed for "
                 "months \u2013 the repairs cost \u20ac12,000.</p></article></body></html>")
_SENTENCE = ("\u201cWe are back,\u201d said Ren\u00e9e, whose caf\u00e9 had been closed for months "
             "\u2013 the repairs cost \u20ac12,000.")


@pytest.mark.parametrize(("meta", "encoding", "warned"), [
    ('<meta charset="windows-1252">', "cp1252", False),
    ('<meta charset="iso-8859-1">', "cp1252", False),  # HTML reads Latin-1 as windows-1252
    ('<meta charset="utf-8">', "cp1252", True),  # lies: the bytes are windows-1252
    ('<meta charset="iso-8859-1">', "utf-8", True),  # lies: the bytes are UTF-8
    ("", "utf-8", False),
    ("", "cp1252", False),
    ('<meta charset="utf-8">', "utf-8-sig", False),  # a byte-order mark
    ('<meta charset="utf-8">', "utf-16", False),  # UTF-16 with its byte-order mark
])
def test_charset_is_honoured_or_detected(meta: str, encoding: str, warned: bool) -> None:
    data = _ARTICLE_1252.format(meta=meta).encode(encoding)
    article = clean_page(data, "page.html")
    assert article.body == _SENTENCE
    assert bool(article.warnings) == warned
    if warned:
        assert "declares charset" in article.warnings[0]


def test_windows_1252_page_arrives_as_utf8_with_typographic_quotes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    shutil.copy(FIXTURES / "windows-1252.html", root / "content" / "sources" / "raw")
    assert run(root, "ingest") == 0
    (written,) = (root / "content" / "sources").glob("*.md")
    text = written.read_bytes().decode("utf-8")
    assert "\u201cI am relieved" in text and "Ren\u00e9e M\u00fcller" in text
    assert "\u2018studying the judgment\u2019" in text and "\u20ac40,000" in text


# Bad pages


def test_navigation_only_page_writes_nothing(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    shutil.copy(FIXTURES / "navigation-only.html", root / "content" / "sources" / "raw")
    assert run(root, "ingest") == 1
    err = capsys.readouterr().err
    assert "content/sources/raw/navigation-only.html: no article text found" in err
    assert "Traceback" not in err
    assert list((root / "content" / "sources").glob("*.md")) == []


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.html", b"", "no article text found"),
    ("blank.html", b"   \n  ", "no article text found"),
    ("binary.html", bytes(range(256)) * 40, "not a web page (the file holds binary data)"),
    ("scripts.html", b"<html><script>var a = 'a long enough sentence that is not prose at all.';"
                     b"</script><body></body></html>", "no article text found"),
])
def test_pages_without_article_text_are_refused(tmp_path: Path, name: str, data: bytes,
                                                message: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    (root / "content" / "sources" / "raw" / name).write_bytes(data)
    assert run(root, "ingest") == 1
    assert f"content/sources/raw/{name}: {message}" in capsys.readouterr().err
    assert list((root / "content" / "sources").glob("*.md")) == []


def test_truncated_page_is_read_as_far_as_it_goes() -> None:
    page = (FIXTURES / "jsonld.html").read_bytes()
    cut = page[: page.index(b"The boat, named") + 40]
    article = clean_page(cut, "cut.html")
    assert article.title == "Ferry goes electric after 90 years"
    assert article.body.startswith("The diesel engines")
    assert "It is quieter than my kitchen" in article.body


def test_malformed_markup_is_repaired() -> None:
    page = ("<html><body><div><article><h1>Storm <b>closes <i>port</b></i></h1><p>The port closed "
            "at noon on Monday <span>because of the storm, harbour master Lena Vik said.<p>Ferries "
            "will not sail before Wednesday, she added, and lorries are waiting.</div></table>")
    article = clean_page(page.encode(), "bad.html")
    assert "The port closed at noon on Monday because of the storm" in article.body
    assert "Ferries will not sail before Wednesday" in article.body


def test_page_of_twenty_megabytes_of_inline_images_is_read(tmp_path: Path) -> None:
    page = (FIXTURES / "opengraph.html").read_text(encoding="utf-8")
    image = '<img src="data:image/png;base64,' + "A" * 2_000_000 + '">'
    big = page.replace("</body>", image * 10 + "</body>").encode()
    assert len(big) > 20_000_000
    article = clean_page(big, "big.html")
    assert article.body.startswith("Beekeepers in the upper valley")


def test_page_with_too_many_elements_gets_a_clear_message() -> None:
    page = "<html><body><article><h1>x</h1>" + "<div><p>y</p></div>" * 60_000 + "</body></html>"
    with pytest.raises(ContentError, match=r"huge\.html: page has \d+ elements"):
        clean_page(page.encode(), "huge.html")


def test_bad_page_leaves_earlier_sources_intact(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    raw = root / "content" / "sources" / "raw"
    shutil.copy(FIXTURES / "opengraph.html", raw / "001-bees.html")
    assert run(root, "ingest") == 0
    (source,) = (root / "content" / "sources").glob("*.md")
    before = source.read_bytes()
    shutil.copy(FIXTURES / "navigation-only.html", raw / "002-nav.html")
    shutil.copy(FIXTURES / "neither.html", raw / "003-library.html")
    assert run(root, "ingest") == 1
    assert "002-nav.html: no article text found" in capsys.readouterr().err
    assert source.read_bytes() == before
    names = sorted(p.name for p in (root / "content" / "sources").glob("*.md"))
    assert names == [source.name, "003-harbourtown-library-reopens-flood-repairs.md"]


# Duplicates

_TXT_COPY = """Beekeepers count losses after cold spring

Beekeepers in the upper valley lost almost half of their colonies over the winter, the regional \
beekeeping association said on Wednesday, after a warm February was followed by six weeks of frost.

“The bees flew out in February because it felt like spring, and then there was nothing for them \
to eat,” said association chair Tomasz Wierzbicki. “Many colonies simply starved.”

The association counted 1,140 surviving colonies among its 62 members, down from 2,050 a year \
earlier.

He declined to say whether honey prices would rise.

Share this article
"""


@pytest.mark.parametrize(("txt_name", "html_name", "kept"), [
    ("bees.txt", "bees.html", "bees.html"),  # the first by name is kept
    ("a-bees.txt", "b-bees.html", "a-bees.txt"),
])
def test_same_article_saved_as_text_and_page_is_one_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        txt_name: str, html_name: str, kept: str) -> None:
    root = make_project(tmp_path)
    raw = root / "content" / "sources" / "raw"
    (raw / txt_name).write_text(_TXT_COPY, encoding="utf-8")
    shutil.copy(FIXTURES / "opengraph.html", raw / html_name)
    assert run(root, "ingest") == 0
    err = capsys.readouterr().err
    (written,) = (root / "content" / "sources").glob("*.md")
    source = parse_source(written.read_text(encoding="utf-8"), written, written.name)
    assert source.raw == kept
    other = html_name if kept == txt_name else txt_name
    assert f"content/sources/raw/{other}: same article as content/sources/raw/{kept}" in err
    # what the page says about itself is not lost when the text copy is kept
    assert source.url == "https://valleypost.example/2022/04/beekeepers-losses"
    assert source.publisher == "Valley Post"
    # a second run changes nothing and still warns
    assert run(root, "ingest") == 0
    assert "same article as" in capsys.readouterr().err
    assert list((root / "content" / "sources").glob("*.md")) == [written]
    # build and check take the copy as ingested, until it changes
    assert stale_raw_files(Project(root)) == []
    (raw / other).write_bytes((raw / other).read_bytes() + b"\n")
    assert stale_raw_files(Project(root)) == [raw / other]


def test_same_page_saved_twice_is_one_source(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    raw = root / "content" / "sources" / "raw"
    shutil.copy(FIXTURES / "jsonld.html", raw / "ferry.html")
    page = (FIXTURES / "jsonld.html").read_text(encoding="utf-8")
    (raw / "ferry-again.htm").write_text(page.replace("Accept all cookies", "OK"), encoding="utf-8")
    assert run(root, "ingest") == 0
    assert len(list((root / "content" / "sources").glob("*.md"))) == 1
    err = capsys.readouterr().err
    assert "ferry.html: same article as content/sources/raw/ferry-again.htm" in err


def test_wire_copies_from_two_publishers_stay_two_sources(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    raw = root / "content" / "sources" / "raw"
    page = (FIXTURES / "opengraph.html").read_text(encoding="utf-8")
    (raw / "one.html").write_text(page, encoding="utf-8")
    other = page.replace("Valley Post", "Hill Times").replace("valleypost", "hilltimes")
    (raw / "two.html").write_text(other, encoding="utf-8")
    assert run(root, "ingest") == 0
    assert len(list((root / "content" / "sources").glob("*.md"))) == 2


# Editors' edits, the rest of the pipeline, and the plain build


def test_editor_edits_survive_reingest_of_a_changed_page(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    raw = root / "content" / "sources" / "raw"
    shutil.copy(FIXTURES / "neither.html", raw / "library.html")
    assert run(root, "ingest") == 0
    (written,) = (root / "content" / "sources").glob("*.md")
    text = written.read_text(encoding="utf-8")
    edited = text.replace("publisher: null", "publisher: Harbourtown Weekly")
    written.write_text(edited.replace("url: null", "url: https://weekly.example/library"),
                       encoding="utf-8")
    page = (raw / "library.html").read_text(encoding="utf-8")
    (raw / "library.html").write_text(page.replace("9,000 books", "9,500 books"), encoding="utf-8")
    assert run(root, "ingest") == 0
    source = parse_source(written.read_text(encoding="utf-8"), written, written.name)
    assert source.publisher == "Harbourtown Weekly"
    assert source.url == "https://weekly.example/library"
    assert "9,500 books" in source.body


def test_build_shows_page_address_as_escaped_link(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    page = (FIXTURES / "opengraph.html").read_text(encoding="utf-8")
    page = page.replace("2022/04/beekeepers-losses\"", "2022/04/beekeepers-losses?a=1&b=<2>\"")
    (root / "content" / "sources" / "raw" / "bees.html").write_text(page, encoding="utf-8")
    assert run(root, "build") == 0
    (source_page,) = (root / "site" / "sources").glob("*/index.html")
    html = source_page.read_text(encoding="utf-8")
    assert 'href="https://valleypost.example/2022/04/beekeepers-losses?a=1&amp;b=&lt;2&gt;"' in html
    assert "Beekeepers count losses after cold spring" in html
    assert "Valley Post" in html
    listing = (root / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "https://valleypost.example/2022/04/beekeepers-losses?a=1&amp;b=&lt;2&gt;" in listing
    assert run(root, "check") == 0


def test_plain_build_does_not_load_the_page_extractor(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "content" / "sources" / "raw" / "bees.txt").write_text(_TXT_COPY, encoding="utf-8")
    code = ("import sys; from generator.cli import main; "
            "code = main(['-C', sys.argv[1], 'build']); "
            "assert 'trafilatura' not in sys.modules and 'lxml' not in sys.modules; "
            "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_build_shows_ingest_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    raw = root / "content" / "sources" / "raw"
    shutil.copy(FIXTURES / "jsonld.html", raw / "ferry.html")
    shutil.copy(FIXTURES / "jsonld.html", raw / "ferry-copy.html")
    assert run(root, "build") == 0
    assert "warning: content/sources/raw/ferry.html: same article as" in capsys.readouterr().err
