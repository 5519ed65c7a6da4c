"""Bad input: each kind gets `path:line:col: message`, exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_SITE, RunCli

GOOD_SOURCE = """---
id: good-story
raw: good.txt
title: Good story
publisher: null
date: 2024-06-19
url: null
---

The leaders met in the capital on Wednesday, officials said.
"""


def write(project: Path, rel: str, text: str) -> None:
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text(text, encoding="utf-8")


CASES = [
    ("site.yaml", "title: [unclosed\nbase_url: https://x.org/\n", "site.yaml:1:", "invalid YAML"),
    ("site.yaml", "title: T\nbase_url: https://x.org/\n\tthem: x\n", "site.yaml:3:", "tab"),
    ("site.yaml", "title: T\ntitle: U\nbase_url: https://x.org/\n", "site.yaml:2:1:", "duplicate key 'title'"),
    ("site.yaml", "title: T\nbase_url: https://x.org/\nthme: default\n", "site.yaml:3:1:",
     "unknown field 'thme' (did you mean 'theme'?)"),
    ("site.yaml", "title: T\nbase_url: ftp://x.org/\n", "site.yaml:2:11:", "'base_url' must be"),
    ("site.yaml", "title: [1, 2]\nbase_url: https://x.org/\n", "site.yaml:1:8:", "'title' must be a string"),
    ("site.yaml", "base_url: https://x.org/\n", "site.yaml:1:1:", "missing required field 'title'"),
    ("site.yaml", MINIMAL_SITE.replace("default", "defualt"), "site.yaml:3:8:",
     "unknown theme 'defualt' (did you mean 'default'?)"),
    ("site.yaml", "a: &a [x, x]\nb: &b [*a, *a]\ntitle: T\nbase_url: https://x.org/\n",
     "site.yaml:2:8:", "aliases"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("date: 2024-06-19", "date: June 19"),
     "content/sources/good-story.md:6:7:", "'date' must be an ISO date"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("title: Good", "titel: Good"),
     "content/sources/good-story.md:4:1:", "unknown field 'titel' (did you mean 'title'?)"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("id: good-story", "id: other-story"),
     "content/sources/good-story.md:2:5:", "must match the file name"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("id: good-story", "id: ../../etc"),
     "content/sources/good-story.md:2:5:", "'id' must be a slug"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("url: null", "url: [oops"),
     "content/sources/good-story.md:7:", "invalid YAML"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("---\n\n", "\n"),
     "content/sources/good-story.md:1:1:", "front matter is not closed"),
    ("content/sources/good-story.md", GOOD_SOURCE.replace("raw: good.txt", "raw: ../x.txt"),
     "content/sources/good-story.md:3:6:", "'raw' must be a file name"),
    ("content/pages/index.md", "---\ntitle: [\n---\nHello\n", "content/pages/index.md:3:1:", "invalid YAML"),
]


@pytest.mark.parametrize(("rel", "text", "where", "message"), CASES,
                         ids=[f"{c[0]}-{c[3][:24]}" for c in CASES])
def test_bad_input_is_located(project: Path, run_cli: RunCli, rel: str, text: str, where: str,
                              message: str) -> None:
    write(project, "content/sources/good-story.md", GOOD_SOURCE)
    write(project, rel, text)
    result = run_cli("-C", project, "check")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    line = next((ln for ln in result.stderr.splitlines() if ln.startswith(where)), None)
    assert line is not None, result.stderr
    assert message in line, result.stderr


def test_all_problems_reported_at_once(project: Path, run_cli: RunCli) -> None:
    write(project, "content/sources/good-story.md", GOOD_SOURCE.replace("title: Good", "titel: Good"))
    write(project, "content/sources/second.md",
          GOOD_SOURCE.replace("good-story", "second").replace("raw: good.txt", "raw: 2.txt")
          .replace("date: 2024-06-19", "date: soon"))
    result = run_cli("-C", project, "check")
    assert result.returncode == 1
    assert "good-story.md:4:1:" in result.stderr and "second.md:6:7:" in result.stderr


def test_source_not_utf8(project: Path, run_cli: RunCli) -> None:
    (project / "content/sources/bad.md").write_bytes(b"---\nid: bad\nraw: b.txt\n---\n\nna\xefve\n")
    result = run_cli("-C", project, "check")
    assert result.returncode == 1
    assert "content/sources/bad.md:6:3: not valid UTF-8" in result.stderr


def test_two_sources_claiming_one_raw_file(project: Path, run_cli: RunCli) -> None:
    write(project, "content/sources/good-story.md", GOOD_SOURCE)
    write(project, "content/sources/copy.md", GOOD_SOURCE.replace("id: good-story", "id: copy"))
    result = run_cli("-C", project, "check")
    assert result.returncode == 1
    assert ("content/sources/good-story.md:3:1: raw file 'good.txt' is already the source of "
            "content/sources/copy.md") in result.stderr


def test_missing_site_yaml(project: Path, run_cli: RunCli) -> None:
    (project / "site.yaml").unlink()
    result = run_cli("-C", project, "build")
    assert result.returncode == 1
    assert "site.yaml: missing" in result.stderr
