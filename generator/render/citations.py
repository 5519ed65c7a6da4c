"""Fact citations in editors' Markdown: ``[[fact-id]]`` renders as a numbered link to the fact.

A citation of a fact that does not exist is a content error at the citation's line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from generator.errors import Problem
from generator.yamlfile import did_you_mean

CITATION = re.compile(r"\[\[\s*([^\[\]\s]{1,120})\s*\]\]")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Citation:
    fact_id: str
    line: int
    col: int


def cites(markdown: str) -> bool:
    """Whether ``markdown`` has a ``[[fact-id]]`` citation (a quick test first: most pages
    have none)."""
    return "[[" in markdown and CITATION.search(markdown) is not None


def find_citations(markdown: str, first_line: int = 1) -> list[Citation]:
    """Every ``[[id]]`` outside code, with its 1-based position in the file."""
    found, fenced = [], False
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith("    "):
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        found += [Citation(m.group(1), number, m.start() + 1) for m in CITATION.finditer(visible)]
    return found


def check_citations(markdown: str, shown: str, first_line: int, known: Sequence[str]) -> list[Problem]:
    known_set = set(known)
    return [
        Problem(shown, c.line, c.col,
                f"citation of unknown fact '{c.fact_id}'{did_you_mean(c.fact_id, list(known))}")
        for c in find_citations(markdown, first_line) if c.fact_id not in known_set
    ]


def _citation_rule(state: StateInline, silent: bool) -> bool:
    match = CITATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("fact_citation", "", 0)
        token.meta = {"id": match.group(1)}
    state.pos = match.end()
    return True


CitationRenderer = Callable[[str], str]


def citations_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "fact_citation", _citation_rule)

    def render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        renderer: CitationRenderer | None = env.get("cite") if isinstance(env, dict) else None
        fact_id = str(tokens[idx].meta["id"])
        return renderer(fact_id) if renderer else ""

    md.add_render_rule("fact_citation", render)
