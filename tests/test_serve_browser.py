"""The editing loop in a real headless Chromium: saves show up, errors show and clear, and a
stylesheet change restyles the page without reloading it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.project import Project
from tests.serving import RunningServer, edit, running_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                       reason="Debian's chromium is not installed (required under CI)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def served(seed_project: Path) -> Iterator[RunningServer]:
    build(Project(seed_project))  # ingest first, so the test edits real sources
    with running_server(seed_project) as server:
        yield server


@pytest.fixture
def page(browser: Any, served: RunningServer) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def open_connected(page: Any, url: str) -> None:
    """Open a page and wait until its live-reload connection is up."""
    page.goto(url)
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector"
                           " && window.LiveReload.connector._connectionDesired"
                           " && window.LiveReload.connector.socket"
                           " && window.LiveReload.connector.socket.readyState === 1")


def first_source(root: Path) -> Path:
    return sorted((root / "content/sources").glob("*.md"))[0]


def test_saved_article_text_appears_in_the_browser(page: Any, served: RunningServer,
                                                   seed_project: Path) -> None:
    source = first_source(seed_project)
    open_connected(page, served.url + f"sources/{source.stem}/")
    edit(source, "title: ", "title: Edited in the browser test - ")
    page.get_by_role("heading", name="Edited in the browser test -").wait_for()


def test_edited_fact_appears_in_the_browser(page: Any, served: RunningServer,
                                            seed_project: Path) -> None:
    facts = seed_project / "content/facts/gifts.yaml"
    open_connected(page, served.url + "facts/")
    edit(facts, "claim: ", "claim: Edited claim - ")
    page.get_by_text("Edited claim -").first.wait_for()


def test_broken_facts_file_shows_the_error_page_then_the_site_again(page: Any, served: RunningServer,
                                                                   seed_project: Path) -> None:
    facts = seed_project / "content/facts/gifts.yaml"
    open_connected(page, served.url + "facts/")
    edit(facts, "claim: ", "claim: [broken ")
    page.get_by_text("invalid YAML").wait_for()
    body = page.inner_text("body")
    assert "content/facts/gifts.yaml:" in body
    assert "[broken" in page.inner_text("pre")
    edit(facts, "claim: [broken ", "claim: ")
    page.get_by_role("heading", name="All facts").wait_for()


def test_broken_article_front_matter_shows_the_error_page(page: Any, served: RunningServer,
                                                          seed_project: Path) -> None:
    source = first_source(seed_project)
    open_connected(page, served.url)
    edit(source, "title: ", "title: [broken")
    page.get_by_text("invalid YAML").wait_for()
    assert f"content/sources/{source.name}:4:" in page.inner_text("body")
    edit(source, "title: [broken", "title: ")
    page.get_by_role("heading", name="Explore the facts").wait_for()


def test_stylesheet_change_restyles_without_reloading(page: Any, served: RunningServer,
                                                      seed_project: Path) -> None:
    open_connected(page, served.url)
    page.evaluate("() => { window.__notReloaded = true; }")
    stylesheet = seed_project / "themes/default/static/style.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8")
                          + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n", encoding="utf-8")
    page.wait_for_function(
        "() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'")
    assert page.evaluate("() => window.__notReloaded === true")  # restyled in place


def test_built_site_has_no_script(served: RunningServer, seed_project: Path) -> None:
    for html in (seed_project / "site").rglob("*.html"):
        text = html.read_text(encoding="utf-8").replace('<script type="application/ld+json">', "")
        assert "<script" not in text  # the live-reload script is only ever served, never written
