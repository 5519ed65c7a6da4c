"""The real site, built from this repository's content, passes the outside checkers:
valid HTML (Nu Html Checker), no broken internal links or anchors, no axe-core violations
in light and dark at phone and desktop widths, and no script or inline style anywhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import REPO, RunCli
from tests.tools import NODE_MODULES, chromium_browser, java, require, static_server


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean build of the repository's own content, in a temp folder."""
    root = tmp_path_factory.mktemp("real") / "proj"
    root.mkdir()
    for name in ("content", "themes"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    result = subprocess.run([*RUN, "-C", str(root), "build"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return root / "site"


RUN = [sys.executable, "-m", "generator"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self.inline_styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") != "application/ld+json":  # data, not code
            self.scripts += 1
        if "style" in values or tag == "style":
            self.inline_styles += 1
        if any(name.startswith("on") for name in values):
            self.scripts += 1
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))
        if values.get("id"):
            self.ids.add(str(values["id"]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        resolved = page
    elif path.startswith("/"):
        resolved = site / path.lstrip("/")
    else:
        resolved = page.parent / path
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, parts.fragment


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    parsed = {page: _parse(page) for page in html_pages(built_site)}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            target = _target(built_site, page, link)
            if target is None:
                continue
            path, fragment = target
            if not path.is_file():
                broken.append(f"{page.relative_to(built_site)}: {link} (no such file)")
            elif fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else _parse(path).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken)
    assert len(parsed) >= 3


def test_no_javascript_and_no_inline_style(built_site: Path) -> None:
    for page in html_pages(built_site):
        links = _parse(page)
        assert links.scripts == 0, page
        assert links.inline_styles == 0, page  # the CSP allows only the site's own stylesheet


def test_home_page_is_small(built_site: Path) -> None:
    home = built_site / "index.html"
    css = sum(p.stat().st_size for p in (built_site / "static").glob("*.css"))
    assert home.stat().st_size + css < 50 * 1024


def test_html_is_valid(built_site: Path) -> None:
    vnu = require(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "vnu-jar")
    result = subprocess.run(
        [str(java()), "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "gnu",
         str(built_site)], capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_no_accessibility_violations(built_site: Path) -> None:
    axe = require(NODE_MODULES / "axe-core" / "axe.min.js", "axe-core")
    pages = [p.relative_to(built_site).as_posix() for p in html_pages(built_site)]
    urls = [re.sub(r"index\.html$", "", p) for p in pages]
    problems = []
    with static_server(built_site) as base, chromium_browser() as browser:
        for scheme, width in (("light", 1280), ("dark", 375)):
            page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
            page.emulate_media(color_scheme=scheme)
            for url in urls:
                page.goto(f"{base}/{url}")
                page.add_script_tag(path=str(axe))
                result = page.evaluate(
                    "axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']})")
                for violation in result["violations"]:
                    nodes = [n["target"] for n in violation["nodes"]][:3]
                    problems.append(f"{scheme} {width}px /{url}: {violation['id']} {nodes}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{scheme} {width}px /{url}: horizontal scroll ({scroll}px)")
            page.close()
    assert not problems, json.dumps(problems, indent=1)


def test_real_content_checks_clean(run_cli: RunCli) -> None:
    result = run_cli("-C", REPO, "check")
    assert result.returncode == 0, result.stderr
