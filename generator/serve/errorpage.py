"""What an editor sees while their content is broken: each problem with the offending line of
the file, as an HTML page for the browser and as text for the terminal."""

from __future__ import annotations

import html
from pathlib import Path

from generator.errors import Problem


def offending_line(root: Path, problem: Problem) -> str | None:
    """The text of the line a problem points at, when the file and line exist."""
    if problem.line < 1:
        return None
    path = Path(problem.path)
    try:
        lines = (path if path.is_absolute() else root / path).read_text(
            encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[problem.line - 1] if problem.line <= len(lines) else None


def _excerpt(line: str, problem: Problem) -> tuple[str, str]:
    """The line (tabs made visible as spaces) and a caret under the column."""
    gutter = f"{problem.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * max(problem.col - 1, 0) + "^"
    return gutter + line.expandtabs(1), caret


def error_text(root: Path, problems: list[Problem]) -> str:
    """The terminal's version: ``path:line:col: message`` and the offending line."""
    out = []
    for problem in problems:
        out.append(str(problem))
        line = offending_line(root, problem)
        if line is not None:
            out.extend(_excerpt(line, problem))
    return "\n".join(out)


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff;color:#1a1a1a}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;color:#a4161a}
li{margin:0 0 1.5rem}
.where{font-family:ui-monospace,monospace;font-weight:bold}
pre{background:#f4f4f4;border-left:4px solid #a4161a;padding:.75rem;overflow-x:auto}
@media (prefers-color-scheme:dark){body{background:#161616;color:#eee}pre{background:#262626}
h1{color:#ff8a8a}pre{border-color:#ff8a8a}}
"""


def error_page(root: Path, problems: list[Problem]) -> bytes:
    """A page shown for every address until the problems are fixed (every text escaped)."""
    items = []
    for problem in problems:
        where = problem.path + (f":{problem.line}:{max(problem.col, 1)}" if problem.line else "")
        item = (f'<li><p><span class="where">{html.escape(where)}</span>: '
                f"{html.escape(problem.message)}</p>")
        line = offending_line(root, problem)
        if line is not None:
            item += "<pre>" + html.escape("\n".join(_excerpt(line, problem))) + "</pre>"
        items.append(item + "</li>")
    count = len(problems)
    title = f"{count} problem{'s' if count != 1 else ''} in the content"
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Build error · {html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{html.escape(title)}</h1>\n"
        "<p>The site is back as soon as the files are fixed and saved; this page reloads by "
        "itself.</p>\n"
        f"<ol class=\"problems\">\n{''.join(items)}\n</ol>\n</main>\n</body>\n</html>\n"
    ).encode()
