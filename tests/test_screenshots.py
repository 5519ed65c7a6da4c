"""Screenshots of the real site for people to look at, and layout checks at phone widths.

Writes ``test-artifacts/screenshots/<theme>-<page>-<width>-<scheme>.png`` (git-ignored):
home and facts pages, at 375 and 1280 px, light and dark, in both bundled themes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.tools import chromium_browser, static_server

SHOTS = REPO / "test-artifacts" / "screenshots"
THEMES = ("default", "broadsheet")


def _build(tmp: Path, theme: str) -> Path:
    root = tmp / theme
    for name in ("content", "themes"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(config.replace("theme: default", f"theme: {theme}"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_screenshots_and_no_sideways_scrolling(theme: str, tmp_path: Path) -> None:
    site = _build(tmp_path, theme)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("*.html"))
    too_wide = []
    with static_server(site) as base, chromium_browser() as browser:
        for width in (320, 375, 1280):
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
                page.emulate_media(color_scheme=scheme)
                for url in pages:
                    page.goto(base + url)
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    if scroll > width:
                        too_wide.append(f"{url} at {width}px: {scroll}px wide")
                    name = {"/": "home", "/facts/": "facts"}.get(url)
                    if name and width != 320:
                        shot = SHOTS / f"{theme}-{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(shot), full_page=True)
                        assert shot.stat().st_size > 10_000
                page.close()
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.browser
def test_themes_look_different(tmp_path: Path) -> None:
    colours = {}
    for theme in THEMES:
        site = _build(tmp_path, theme)
        with static_server(site) as base, chromium_browser() as browser:
            page = browser.new_page()  # type: ignore[attr-defined]
            page.goto(base + "/")
            colours[theme] = page.evaluate(
                "[getComputedStyle(document.querySelector('.masthead')).backgroundColor,"
                " getComputedStyle(document.querySelector('h1')).fontFamily]")
            page.close()
    assert colours["default"][0] != colours["broadsheet"][0]
    assert colours["default"][1] != colours["broadsheet"][1]


@pytest.mark.browser
def test_print_stylesheet_shows_the_evidence(tmp_path: Path) -> None:
    site = _build(tmp_path, "default")
    with static_server(site) as base, chromium_browser() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(base + "/facts/")
        screen_nav = page.evaluate("getComputedStyle(document.querySelector('.masthead nav')).display")
        page.emulate_media(media="print")
        print_nav = page.evaluate("getComputedStyle(document.querySelector('.masthead nav')).display")
        quote_visible = page.evaluate(
            "document.querySelector('.quotes blockquote').getBoundingClientRect().height > 0")
        page.close()
    assert screen_nav != "none" and print_nav == "none"
    assert quote_visible  # closed <details> still print their quotes
