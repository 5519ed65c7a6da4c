"""Real builds into temp folders, asserting on the written site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.conftest import RunCli


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_seed_build_writes_home_and_one_page_per_source(seed_project: Path, run_cli: RunCli) -> None:
    result = run_cli("-C", seed_project, "build")
    assert result.returncode == 0, result.stderr
    assert "explainer serve" in result.stdout  # says how to look at the site
    site = seed_project / "site"
    sources = sorted((seed_project / "content/sources").glob("*.md"))
    assert len(sources) == 5
    home = (site / "index.html").read_text(encoding="utf-8")
    for source in sources:
        page = site / "sources" / source.stem / "index.html"
        assert page.is_file()
        assert f'href="/sources/{source.stem}/"' in home
    assert '<link rel="canonical" href="https://example.org/">' in home
    css = re.search(r'href="/(static/style\.[0-9a-f]{10}\.css)"', home)
    assert css and (site / css.group(1)).is_file()
    assert (site / "404.html").is_file() and (site / "sitemap.xml").is_file()


def test_source_page_shows_cleaned_paragraphs(seed_project: Path, run_cli: RunCli) -> None:
    assert run_cli("-C", seed_project, "build").returncode == 0
    pages = [p.read_text(encoding="utf-8") for p in (seed_project / "site/sources").glob("*/index.html")]
    joined = "\n".join(pages)
    assert "Aurus" in joined and "Also Read" not in joined and "Subscribe now" not in joined


def test_article_text_is_escaped(project: Path, run_cli: RunCli) -> None:
    (project / "content/sources/raw/evil.txt").write_text(
        "Evil <b>Headline</b>\n\nThe article says <script>alert(1)</script> and {{ site.title }} "
        "and {% raw %} as plain text, a reporter wrote.\n", encoding="utf-8")
    (project / "content/pages/index.md").write_text(
        "Hello <img src=x onerror=alert(1)> [click](javascript:alert(1))\n", encoding="utf-8")
    result = run_cli("-C", project, "build")
    assert result.returncode == 0, result.stderr
    page = next((project / "site/sources").glob("*/index.html")).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ site.title }}" in page and "{% raw %}" in page  # never evaluated as a template
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert "<img" not in home and 'href="javascript:' not in home


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


def test_unavailable_commands_say_so(project: Path, run_cli: RunCli) -> None:
    for command in ("extract",):
        result = run_cli("-C", project, command)
        assert result.returncode == 2
        assert "not yet available" in result.stderr


def test_usage_errors_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("-C", tmp_path / "missing", "build").returncode == 2
