"""Bad input catalogue and hostile text: each bad input is one located message, exit 1, no
traceback, and a previously built ``site/`` left byte for byte as it was."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.conftest import REPO
from tests.tools import tree_digest

FIXTURE = REPO / "tests" / "fixtures" / "site"
SOURCE = "content/sources/wire-b.md"
GIFTS = "content/facts/gifts.yaml"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project, built once; each case works on a copy."""
    root = tmp_path_factory.mktemp("built") / "proj"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "content/sources/raw").mkdir()
    assert main(["-C", str(root), "build"]) == 0
    return root


def run(root: Path, capsys: pytest.CaptureFixture[str], command: str = "build") -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(root), command])
    return code, capsys.readouterr().err


def write(root: Path, rel: str, data: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def replace(root: Path, rel: str, old: str, new: str) -> int:
    """Replace ``old`` in a file; returns the line number where it was."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def outside(root: Path, name: str = "secret.txt") -> Path:
    """A file outside the project, as a symlink would point to."""
    target = root.parent / "elsewhere" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text("title: secret\n", encoding="utf-8")
    return target


ARTICLE = "A headline\n\nThe mayor of Eastport gave a brass bell on Friday, officials said.\n"
LONG_ARTICLE = "A headline\n\n" + ("The mayor spoke at length. " * 7 + "\n\n") * 110_000
LONG_LINE = "The mayor spoke at length. " * 40_000


# Each case: (id, what the editor did → the exact problem line expected).
def _invalid_utf8(root: Path) -> str:
    write(root, "content/sources/raw/bad.txt", b"A headline\n\nThe na\xefve mayor.\n")
    return "content/sources/raw/bad.txt:3:7: not valid UTF-8 (byte 0xef); save the file as UTF-8"


def _utf16(root: Path) -> str:
    write(root, "content/sources/raw/bad.txt", ARTICLE.encode("utf-16"))
    return ("content/sources/raw/bad.txt:1:1: saved as UTF-16 (it starts with a UTF-16 byte-order "
            "mark); save the file as UTF-8")


def _source_invalid_utf8(root: Path) -> str:
    line = replace(root, SOURCE, "cold and windy", "cold and windy")
    path = root / SOURCE
    path.write_bytes(path.read_bytes().replace(b"cold and windy", b"cold and w\xffindy"))
    col = path.read_bytes().split(b"\n")[line - 1].index(b"\xff") + 1
    return f"{SOURCE}:{line}:{col}: not valid UTF-8 (byte 0xff); save the file as UTF-8"


def _empty_article(root: Path) -> str:
    write(root, "content/sources/raw/empty.txt", "")
    return "content/sources/raw/empty.txt: no article text found (the file is empty or only boilerplate)"


def _blank_article(root: Path) -> str:
    write(root, "content/sources/raw/blank.txt", " \n\t\n\n   \n")
    return "content/sources/raw/blank.txt: no article text found (the file is empty or only boilerplate)"


def _empty_source(root: Path) -> str:
    write(root, SOURCE, "   \n")
    return f"{SOURCE}:1:1: must start with a '---' line opening the front matter"


def _huge_article(root: Path) -> str:
    write(root, "content/sources/raw/huge.txt", LONG_ARTICLE)
    assert (root / "content/sources/raw/huge.txt").stat().st_size > 20_000_000
    return (f"content/sources/raw/huge.txt: article is {len(LONG_ARTICLE):,} characters "
            "long; the limit for an article is 100,000 (about 15,000 words): is this one article?")


def _long_line(root: Path) -> str:
    text = (root / SOURCE).read_text(encoding="utf-8") + "\n" + LONG_LINE + "\n"
    write(root, SOURCE, text)
    line = text.split("\n").index(LONG_LINE) + 1
    return (f"{SOURCE}:{line}:1: line {line} is {len(LONG_LINE.rstrip()):,} characters long; "
            "the limit for an article is 100,000 (about 15,000 words)")


def _yaml_tab(root: Path) -> str:
    line = replace(root, "site.yaml", "theme: default", "\ttheme: default")
    return f"site.yaml:{line}:1: invalid YAML: tab character: YAML indentation must use spaces"


def _yaml_control_character(root: Path) -> str:
    line = replace(root, SOURCE, "publisher: Harbour Daily", "publisher: Harbour\x07 Daily")
    return f"{SOURCE}:{line}:19: invalid YAML: control character U+0007 is not allowed"


def _duplicate_key(root: Path) -> str:
    line = replace(root, SOURCE, "publisher: Harbour Daily", "publisher: Harbour Daily\npublisher: X")
    return f"{SOURCE}:{line + 1}:1: duplicate key 'publisher'"


def _wrong_type(root: Path) -> str:
    line = replace(root, GIFTS, "    quantity: 2\n", "    quantity: [2]\n")
    return f"{GIFTS}:{line}:15: 'facts.0.quantity' must be integer or string, not a list"


def _unknown_field(root: Path) -> str:
    line = replace(root, "site.yaml", "theme: default", "theme: default\ndescripton: x")
    return f"site.yaml:{line + 1}:1: unknown field 'descripton' (did you mean 'description'?)"


def _alias_bomb(root: Path) -> str:
    write(root, "site.yaml", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                             "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                             "title: T\nbase_url: https://x.org/\n")
    return "site.yaml:2:8: invalid YAML: aliases (*name) are not allowed"


def _unknown_source(root: Path) -> str:
    line = replace(root, GIFTS, "- source: local-c", "- source: local-d")
    return f"{GIFTS}:{line}:17: unknown source 'local-d'"


def _quote_not_in_source(root: Path) -> str:
    line = replace(root, GIFTS, "quote: handed over a bronze lantern", "quote: handed over a silver lantern")
    return f"{GIFTS}:{line}:16: quote not found in source 'local-c'"


def _missing_fact(root: Path) -> str:
    line = replace(root, "content/pages/index.md", "[[gift-benches]]", "[[gift-bench]]")
    return f"content/pages/index.md:{line}:23: citation of unknown fact 'gift-bench' (did you mean 'gift-benches'?)"


def _template_syntax(root: Path) -> str:
    line = replace(root, "themes/default/templates/404.html", "{% block", "{% blok")
    return f"themes/default/templates/404.html:{line}:1: template error: Encountered unknown tag 'blok'."


def _unknown_theme(root: Path) -> str:
    line = replace(root, "site.yaml", "theme: default", "theme: defualt")
    return (f"site.yaml:{line}:8: unknown theme 'defualt' (did you mean 'default'?); "
            "themes/ has: broadsheet, default")


def _source_id_collision(root: Path) -> str:
    text = (root / SOURCE).read_text(encoding="utf-8").replace("raw: wire-b.txt", "raw: wire-b2.txt")
    write(root, "content/sources/wire-b2.md", text)
    return ("content/sources/wire-b2.md:2:5: id 'wire-b' must match the file name 'wire-b2.md'; "
            "'wire-b' is already the id of content/sources/wire-b.md")


def _duplicate_fact_id(root: Path) -> str:
    replace(root, GIFTS, "id: gift-benches", "id: gift-lantern")
    lines = (root / GIFTS).read_text(encoding="utf-8").split("\n")
    second = [n for n, text in enumerate(lines, 1) if text == "  - id: gift-lantern"][1]
    return f"{GIFTS}:{second}:9: duplicate fact id 'gift-lantern' (also in {GIFTS})"


def _page_takes_site_folder(root: Path) -> str:
    write(root, "content/pages/facts.md", "---\ntitle: Facts\n---\nMine.\n")
    return "content/pages/facts.md: page name 'facts' is taken by the site's /facts/ pages; rename the file"


# Paths: ids, slugs and theme names never reach outside their folder.
def _theme_dotdot(root: Path) -> str:
    line = replace(root, "site.yaml", "theme: default", "theme: ../x")
    return (f"site.yaml:{line}:8: 'theme' must be a theme folder name (lowercase letters, digits, "
            "- and _) (got '../x')")


def _source_id_dotdot(root: Path) -> str:
    text = (root / SOURCE).read_text(encoding="utf-8")
    write(root, "content/sources/x.md", text.replace("id: wire-b", "id: ../x").replace("wire-b.txt", "x.txt"))
    return ("content/sources/x.md:2:5: 'id' must be a slug of lowercase letters, digits and hyphens "
            "(got '../x')")


def _raw_symlink_out(root: Path) -> str:
    target = outside(root)
    os.symlink(target, root / "content/sources/raw/passwd.txt")
    return (f"content/sources/raw/passwd.txt: is a symbolic link to {target}, outside the project; "
            "copy it into the project instead")


def _page_symlink_out(root: Path) -> str:
    target = outside(root)
    os.symlink(target, root / "content/pages/about.md")
    return (f"content/pages/about.md: is a symbolic link to {target}, outside the project; "
            "copy it into the project instead")


def _static_symlink_out(root: Path) -> str:
    target = outside(root)
    os.symlink(target, root / "themes/default/static/secret.css")
    return (f"themes/default/static/secret.css: is a symbolic link to {target}, outside the "
            "project; copy it into the project instead")


def _template_symlink_out(root: Path) -> str:
    target = outside(root, "404.html")
    (root / "themes/default/templates/404.html").unlink()
    os.symlink(target, root / "themes/default/templates/404.html")
    return (f"themes/default/templates/404.html: is a symbolic link to {target}, outside the "
            "project; copy it into the project instead")


def _theme_folder_symlink_out(root: Path) -> str:
    target = root.parent / "elsewhere-theme"
    shutil.copytree(root / "themes/default", target)
    os.symlink(target, root / "themes/evil")
    replace(root, "site.yaml", "theme: default", "theme: evil")
    return (f"site.yaml: theme 'evil': themes/evil is a symbolic link to {target}, outside the "
            "project; copy it into the project instead")


CASES: list[tuple[str, Callable[[Path], str]]] = [
    ("invalid UTF-8", _invalid_utf8),
    ("UTF-16 byte-order mark", _utf16),
    ("invalid UTF-8 in a source", _source_invalid_utf8),
    ("empty article", _empty_article),
    ("whitespace-only article", _blank_article),
    ("empty source file", _empty_source),
    ("20 MB article", _huge_article),
    ("1 MB line", _long_line),
    ("YAML tab", _yaml_tab),
    ("YAML control character", _yaml_control_character),
    ("YAML duplicate key", _duplicate_key),
    ("YAML wrong type", _wrong_type),
    ("YAML unknown field", _unknown_field),
    ("YAML alias bomb", _alias_bomb),
    ("fact citing an unknown source", _unknown_source),
    ("quote not in its source", _quote_not_in_source),
    ("citation of a missing fact", _missing_fact),
    ("template syntax error", _template_syntax),
    ("unknown theme", _unknown_theme),
    ("source id collision", _source_id_collision),
    ("fact id collision", _duplicate_fact_id),
    ("page named like a site folder", _page_takes_site_folder),
    ("theme name ../x", _theme_dotdot),
    ("source id ../x", _source_id_dotdot),
    ("raw file symlinked outside", _raw_symlink_out),
    ("page symlinked outside", _page_symlink_out),
    ("static file symlinked outside", _static_symlink_out),
    ("template symlinked outside", _template_symlink_out),
    ("theme folder symlinked outside", _theme_folder_symlink_out),
]


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_catalogue(built_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             make: Callable[[Path], str]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built_project, root, symlinks=True)
    before = tree_digest(root / "site")
    expected = make(root)
    raw = expected.startswith("content/sources/raw/")  # check leaves raw files to ingest
    for command in ("build",) if raw else ("check", "build"):
        code, err = run(root, capsys, command)
        assert code == 1, err
        assert "Traceback" not in err
        assert expected in err.splitlines(), err
        assert err.splitlines()[-1].startswith("explainer: ")
    assert tree_digest(root / "site") == before


def test_site_folder_that_is_a_symlink_is_refused(built_project: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built_project, root, symlinks=True)
    target = tmp_path / "web"
    (root / "site").rename(target)
    os.symlink(target, root / "site")
    before = tree_digest(target)
    code, err = run(root, capsys)
    assert code == 1
    assert f"site: is a symbolic link (to {target}); explainer writes this folder itself: remove the link" in err
    assert tree_digest(target) == before and (root / "site").is_symlink()


def test_byte_order_marks_are_accepted(built_project: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built_project, root, symlinks=True)
    for rel in ("site.yaml", SOURCE, GIFTS, "content/pages/index.md"):
        write(root, rel, b"\xef\xbb\xbf" + (root / rel).read_bytes())
    write(root, "content/sources/raw/bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    code, err = run(root, capsys)
    assert code == 0, err
    ingested = [p.read_text(encoding="utf-8") for p in (root / "content/sources").glob("*.md")]
    assert [text[:4] for text in ingested if "Eastport" in text] == ["---\n"]
    assert "Harbour Bridge" in (root / "site/index.html").read_text(encoding="utf-8")


HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(1)> <a href=x onclick=alert(1)>y</a> "
           "[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) <!-- note --> "
           "\u202eevil\u202c zero\u200bwidth \x01\x0b\x7f {{ 7*7 }} {% if true %}yes{% endif %}")


class _Markup(HTMLParser):
    """Collects what a browser would act on: tags with their attributes, and comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def assert_inert(site: Path) -> None:
    """No script, handler, dangerous link, comment or invisible character from content anywhere."""
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        markup = _Markup()
        markup.feed(text)
        for tag, attrs in markup.tags:
            assert tag not in ("img", "iframe", "object", "embed"), (path, tag)
            assert tag != "script" or attrs == [("type", "application/ld+json")], (path, attrs)
            for name, value in attrs:
                assert not name.startswith("on"), (path, tag, name)
                assert not re.match(r"\s*(?:javascript|data):", value or "", re.I), (path, value)
        assert not markup.comments, path
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200b]", text), path


def test_hostile_text_is_inert_and_readable(built_project: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built_project, root, symlinks=True)
    write(root, "content/pages/about.md", f"---\ntitle: About {HOSTILE[:40]}\n---\n{HOSTILE}\n")
    write(root, "content/sources/raw/hostile.txt",
          f"Hostile {HOSTILE}\n\nThe mayor of Eastport gave a brass bell on Friday. {HOSTILE}\n")
    replace(root, SOURCE, "The weather was cold", f"{HOSTILE} The weather was cold")
    code, err = run(root, capsys)
    assert code == 0, err
    assert_inert(root / "site")
    about = (root / "site/about/index.html").read_text(encoding="utf-8")
    assert ("&lt;script&gt;alert(1)&lt;/script&gt;" in about and "{{ 7*7 }}" in about
            and "{% if true %}yes{% endif %}" in about and "evil" in about and "zerowidth" in about)


HOSTILE_PIECES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "onclick=alert(1)",
                  "[x](javascript:alert(1))", "[y](data:text/html,hi)", "<!-- c -->", "-->", "{{ site }}",
                  "{% raw %}", "{# c #}", "\u202e", "\u2066", "\u200b", "\ufeff", "\x00", "\x07", "\x1b[2J",
                  "\r", "\r\n", "\t", "&amp;", "&#x3C;", "]]>", "---", "\n\n", "[[gift]]", "'", '"', "\\",
                  "Putin gave Kim an Aurus limousine on Wednesday, officials said."]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=30)),
                        max_size=10).map("".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headline=hostile_text, body=hostile_text, page=hostile_text)
def test_any_text_builds_escaped_or_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  headline: str, body: str, page: str) -> None:
    """Random and adversarial text through ingest → extract → build: an inert site, or located
    problems and exit 1."""
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        root = Path(folder)
        shutil.copytree(REPO / "themes", root / "themes")
        write(root, "site.yaml", "title: Hostile\nbase_url: https://example.org/\ntheme: default\n")
        write(root, "content/sources/raw/001_article.txt",
              f"{headline}\n\nRussian President Vladimir Putin gave Kim Jong Un an Aurus limousine on "
              f"19 June 2024, officials said. {body}\n\nKim {body} thanked him.\n")
        write(root, "content/pages/about.md", f"---\ntitle: About\n---\n{page}\n")
        write(root, "content/pages/index.md", f"{body}\n")
        code, err = run(root, capsys)
        assert "Traceback" not in err
        if code == 0:
            assert_inert(root / "site")
            return
        assert code == 1
        problems = [line for line in err.splitlines() if not line.startswith("warning: ")]
        assert problems[-1].startswith("explainer: ") and "problem" in problems[-1]
        for line in problems[:-1]:
            assert re.match(r"(?:content/|site\.yaml)[^:]*(?::\d+:\d+)?: \S", line), line
