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
    edit(source, "Aurus", "Aurus (edited in the browser test)")
    page.get_by_text("Aurus (edited in the browser test)").first.wait_for()


def test_broken_content_shows_the_error_page_then_the_site_again(page: Any, served: RunningServer,
                                                              seed_project: Path) -> None:
    source = first_source(seed_project)
    open_connected(page, served.url)
    edit(source, "title: ", "title: [broken")
    page.get_by_text("invalid YAML").wait_for()
    assert f"content/sources/{source.name}:4:" in page.inner_text("body")
    assert "title: [broken" in page.inner_text("pre")
    edit(source, "title: [broken", "title: ")
    page.get_by_role("heading", name="The coverage").wait_for()


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
        assert "<script" not in html.read_text(encoding="utf-8")
