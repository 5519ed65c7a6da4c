"""Real builds into temp folders, asserting on the written site."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import RunCli
from tests.tools import tree_digest


def test_seed_build_writes_home_and_one_page_per_source(seed_project: Path, run_cli: RunCli) -> None:
    result = run_cli("-C", seed_project, "build")
    assert result.returncode == 0, result.stderr
    assert "explainer serve" in result.stdout  # says how to look at the site
    site = seed_project / "site"
    sources = sorted((seed_project / "content/sources").glob("*.md"))
    assert len(sources) == 5
    home = (site / "index.html").read_text(encoding="utf-8")
    listing = (site / "sources" / "index.html").read_text(encoding="utf-8")
    for source in sources:
        page = site / "sources" / source.stem / "index.html"
        assert page.is_file()
        assert f'href="/sources/{source.stem}/"' in listing
    assert '<link rel="canonical" href="https://example.org/">' in home
    css = re.search(r'href="/(static/style\.[0-9a-f]{10}\.css)"', home)
    assert css and (site / css.group(1)).is_file()
    assert (site / "404.html").is_file() and (site / "sitemap.xml").is_file()


def test_sources_page_lists_every_article(seed_project: Path, run_cli: RunCli) -> None:
    assert run_cli("-C", seed_project, "build").returncode == 0
    listing = (seed_project / "site/sources/index.html").read_text(encoding="utf-8")
    for source in (seed_project / "content/sources").glob("*.md"):
        assert f'href="/sources/{source.stem}/"' in listing
    assert "Reuters" in listing and "Subscribe now" not in listing


def test_article_text_is_escaped(project: Path, run_cli: RunCli) -> None:
    (project / "content/sources/raw/evil.txt").write_text(
        "Evil <b>Headline</b> {{ site.title }}\n\nThe article says <script>alert(1)</script> as plain "
        "text, a reporter wrote.\n", encoding="utf-8")
    (project / "content/pages/index.md").write_text(
        "Hello <img src=x onerror=alert(1)> [click](javascript:alert(1))\n", encoding="utf-8")
    result = run_cli("-C", project, "build")
    assert result.returncode == 0, result.stderr
    page = next((project / "site/sources").glob("*/index.html")).read_text(encoding="utf-8")
    assert "<b>" not in page and "Evil &lt;b&gt;Headline&lt;/b&gt; {{ site.title }}" in page
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert "<img" not in home and 'href="javascript:' not in home
    assert "&lt;img src=x onerror=alert(1)&gt;" in home


def test_builds_are_byte_identical(seed_project: Path, run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("-C", seed_project, "build").returncode == 0
    first = tree_digest(seed_project / "site")
    assert run_cli("-C", seed_project, "build").returncode == 0
    assert tree_digest(seed_project / "site") == first


def test_failed_build_leaves_previous_site(seed_project: Path, run_cli: RunCli) -> None:
    assert run_cli("-C", seed_project, "build").returncode == 0
    before = tree_digest(seed_project / "site")
    template = seed_project / "themes/default/templates/source.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = run_cli("-C", seed_project, "build")
    assert result.returncode == 1
    assert "themes/default/templates/source.html:" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(seed_project / "site") == before
    assert not list(seed_project.glob(".site.*"))


def test_python_m_generator_and_minus_c(seed_project: Path, run_cli: RunCli) -> None:
    result = run_cli("check", cwd=seed_project)
    assert result.returncode == 0, result.stderr
    assert "not ingested yet" in result.stderr  # check writes nothing, but says so
    assert not (seed_project / "site").exists()
    assert not list((seed_project / "content/sources").glob("*.md"))


def test_usage_errors_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("-C", tmp_path / "missing", "build").returncode == 2


def test_output_into_a_closed_pipe_ends_quietly(seed_project: Path) -> None:
    """``explainer extract --report | head -1``: no traceback when the reader stops early."""
    import subprocess
    import sys

    ingest = subprocess.run([sys.executable, "-m", "generator", "ingest"], cwd=seed_project,
                            capture_output=True, text=True, timeout=120, check=False)
    assert ingest.returncode == 0, ingest.stderr
    # ``true`` reads nothing and exits long before Python, starting up, writes its report
    result = subprocess.run(
        f"'{sys.executable}' -m generator extract --report | true; echo \"${{PIPESTATUS[0]}}\"",
        shell=True, executable="/bin/bash", cwd=seed_project, capture_output=True, text=True,
        timeout=120, check=False)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.stdout.strip() == "141"  # as a command stopped by SIGPIPE
