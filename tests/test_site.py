"""The explainer site built from a small hand-written project (tests/fixtures/site)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli

FIXTURE = REPO / "tests" / "fixtures" / "site"


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "themes", root / "themes")
    return root


@pytest.fixture
def built(site_project: Path, run_cli: RunCli) -> Path:
    result = run_cli("-C", site_project, "build")
    assert result.returncode == 0, result.stderr
    return site_project / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_is_built(built: Path) -> None:
    for rel in ("index.html", "facts/index.html", "gifts/index.html", "car-collection/index.html",
                "aurus-production/index.html", "timeline/index.html", "discrepancies/index.html",
                "sources/index.html", "sources/wire-a/index.html", "sources/local-c/index.html",
                "404.html", "facts.json", "facts.yaml", "feed.xml",
                "sitemap.xml", "robots.txt"):
        assert (built / rel).is_file(), rel


def test_home_cites_facts_with_numbered_links(built: Path) -> None:
    home = read(built, "index.html")
    cites = re.findall(r'<sup class="citation"><a href="/facts/#([a-z0-9-]+)"[^>]*>\[(\d)\]</a></sup>', home)
    assert cites == [("gift-lantern", "1"), ("gift-benches", "2"), ("gift-lantern", "1")]
    assert "3 articles, 2 independent" in home  # the notes give each cited fact's support
    assert "Gifts between the mayors" in home  # category title from site.yaml


def test_missing_citation_is_a_located_error(site_project: Path, run_cli: RunCli) -> None:
    page = site_project / "content/pages/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee also [[gift-lanturn]].\n", encoding="utf-8")
    result = run_cli("-C", site_project, "build")
    assert result.returncode == 1
    assert ("content/pages/index.md:7:10: citation of unknown fact 'gift-lanturn' "
            "(did you mean 'gift-lantern'?)") in result.stderr
    assert not (site_project / "site").exists()


def test_facts_page_shows_support_and_linked_quotes(built: Path) -> None:
    facts = read(built, "facts/index.html")
    assert 'id="gift-lantern"' in facts
    assert "3 articles, 2 independent" in facts and "1 article" in facts
    # each quote links to the passage on its source's page
    assert 'href="/sources/wire-a/#p1">Coastline Wire</a>' in facts
    assert 'href="/sources/local-c/#p1">Publisher unknown</a>' in facts
    assert "checked by an editor" in facts  # status: reviewed


def test_source_page_shows_only_cited_passages_highlighted(built: Path) -> None:
    page = read(built, "sources/wire-b/index.html")
    assert "<mark>The mayor of Northport gave the mayor of Southport a bronze lantern on Thursday</mark>" in page
    assert "cold and windy" not in page  # uncited paragraphs of the article are not republished
    assert 'href="/sources/wire-a/"' in page  # same story as wire-a (syndication group)
    local = read(built, "sources/local-c/index.html")
    assert "An independent report" in local


def test_category_pages_have_tables_and_charts(built: Path) -> None:
    gifts = read(built, "gifts/index.html")
    assert "<th scope=\"col\">Giver</th>" in gifts and "27 February 2025" in gifts
    cars = read(built, "car-collection/index.html")
    svg = re.search(r"<svg class=\"chart\".*?</svg>", cars, re.S)
    assert svg and 'role="img"' in svg.group(0)
    ET.fromstring(svg.group(0))  # well-formed SVG
    assert "electric bus: 12" in svg.group(0)  # the description carries the numbers


def test_timeline_is_in_date_order(built: Path) -> None:
    timeline = read(built, "timeline/index.html")
    assert timeline.index('datetime="1932"') < timeline.index('datetime="2025-02-27"')


def test_discrepancies_show_both_versions(built: Path) -> None:
    page = read(built, "discrepancies/index.html")
    assert "two" in page and "three" in page
    assert "Officials said two engineers" in page and "Officials said three engineers" in page


def test_facts_json_and_yaml(built: Path) -> None:
    data = json.loads(read(built, "facts.json"))
    lantern = next(f for f in data["facts"] if f["id"] == "gift-lantern")
    assert lantern["corroboration"] == {"articles": 3, "independent": 2}
    assert lantern["category"] == "gifts" and lantern["giver"] == "Mayor of Northport"
    assert "gift-lantern" in read(built, "facts.yaml")


def test_feed_sitemap_robots_and_meta(built: Path) -> None:
    feed = ET.fromstring(read(built, "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(feed.findall("a:entry", ns)) == 3
    assert feed.findtext("a:updated", namespaces=ns) == "2025-02-28T00:00:00Z"
    urls = [e.text for e in ET.fromstring(read(built, "sitemap.xml")).iter()
            if e.tag.endswith("loc")]
    assert "https://bridge.example.org/facts/" in urls and "https://bridge.example.org/404.html" not in urls
    assert "Sitemap: https://bridge.example.org/sitemap.xml" in read(built, "robots.txt")
    facts = read(built, "facts/index.html")
    assert '<link rel="canonical" href="https://bridge.example.org/facts/">' in facts
    assert '<meta property="og:title" content="All facts">' in facts
    assert '<meta name="twitter:card" content="summary">' in facts
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', facts, re.S)
    assert ld and json.loads(ld.group(1))["@type"] == "WebPage"


def test_hostile_text_stays_inert(site_project: Path, run_cli: RunCli) -> None:
    page = site_project / "content/pages/about.md"
    page.write_text("---\ntitle: About\n---\n<script>alert(1)</script> [x](javascript:alert(1)) "
                    "<a href=x onclick=alert(1)>y</a> {{ site.title }}\n", encoding="utf-8")
    assert run_cli("-C", site_project, "build").returncode == 0
    about = read(site_project / "site", "about/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in about and "{{ site.title }}" in about
    for html in (site_project / "site").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert" not in text and 'href="javascript:' not in text
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", text)  # no event-handler attributes
    # article text quoted by a fact is shown escaped, never as markup or a template
    source = read(site_project / "site", "sources/wire-b/index.html")
    assert "A crowd of &lt;script&gt;alert(1)&lt;/script&gt; onlookers cheered" in source
    assert "{{ site.title }}" in source


def test_second_theme_extends_default(site_project: Path, run_cli: RunCli) -> None:
    config = site_project / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme: default", "theme: broadsheet"),
                      encoding="utf-8")
    assert run_cli("-C", site_project, "build").returncode == 0
    home = read(site_project / "site", "index.html")
    sheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)">', home)
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", s) for s in sheets] == ["style.css", "broadsheet.css"]
    assert 'id="gift-lantern"' in read(site_project / "site", "facts/index.html")  # parent's templates


def test_theme_can_override_one_template(site_project: Path, run_cli: RunCli) -> None:
    child = site_project / "themes/mine"
    (child / "templates").mkdir(parents=True)
    (child / "theme.yaml").write_text("extends: default\n", encoding="utf-8")
    (child / "templates/404.html").write_text(
        '{% extends "default/404.html" %}{% block main %}<h1>Lost at sea</h1>{% endblock %}', encoding="utf-8")
    config = site_project / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme: default", "theme: mine"),
                      encoding="utf-8")
    assert run_cli("-C", site_project, "build").returncode == 0
    assert "Lost at sea" in read(site_project / "site", "404.html")
    assert "gift-lantern" in read(site_project / "site", "facts/index.html")


def test_hashed_assets_change_name_with_content(site_project: Path, run_cli: RunCli) -> None:
    assert run_cli("-C", site_project, "build").returncode == 0
    before = {p.name for p in (site_project / "site/static").iterdir()}
    css = site_project / "themes/default/static/style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert run_cli("-C", site_project, "build").returncode == 0
    after = {p.name for p in (site_project / "site/static").iterdir()}
    assert before != after and any(n.startswith("favicon.") for n in after & before)
