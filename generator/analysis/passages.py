"""Sentences and words of cleaned article bodies, as the cross-source analysis compares them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sentencex import segment

from generator.facts import normalise_quote_text
from generator.sources import Source

# Words that carry no content of their own; left out when comparing what sentences say.
_FUNCTION_WORDS_TEXT = """
a an the of to in on at by for from with without into onto over under about after before
during since until while as than then so and or but nor if that which who whom whose this
these those it its is are was were be been being has have had do does did will would shall
should can could may might must not no also very just there here their his her he she they
them we our you your i me my us what when where how all any some such each both more most
other another only own same too up down out off again further once
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

_WORD = r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w'.-]*\w)?"
_TOKEN = re.compile(_WORD)
# Punctuation kept as tokens where it shows the end of a phrase (see discrepancies).
_TOKEN_OR_MARK = re.compile(rf'{_WORD}|[,;:()"!?]')


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a source: ``text`` is verbatim (whitespace collapsed), a valid quote."""

    source: str
    index: int
    text: str

    @property
    def tokens(self) -> list[str]:
        return tokens(self.text)


def tokens(text: str) -> list[str]:
    """Words and numbers of ``text`` as written (case kept, punctuation dropped)."""
    return _TOKEN.findall(comparable_text(text))


def comparable_text(text: str) -> str:
    """``text`` with Unicode variants, quote marks, dashes and whitespace made uniform."""
    return normalise_quote_text(unicodedata.normalize("NFKC", text))


def marked_tokens(text: str) -> list[re.Match[str]]:
    """Words, numbers and phrase-ending marks of the normalised ``text``, with their spans."""
    return list(_TOKEN_OR_MARK.finditer(text))


def match_key(token: str) -> str:
    """How a token is compared: case, dots and apostrophes ignored ("U.N." = "UN")."""
    return token.lower().replace(".", "").replace("'", "").replace(",", "")


def words(text: str) -> list[str]:
    """Comparison keys of every token of ``text``."""
    return [match_key(t) for t in tokens(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in FUNCTION_WORDS]


def sentences(source: Source) -> list[Sentence]:
    """The body's sentences in order; paragraph breaks inside a sentence are joined."""
    body = " ".join(" ".join(p.split()) for p in source.paragraphs)
    found = [s.strip() for s in segment("en", body)]
    return [Sentence(source.id, i, s) for i, s in enumerate(s for s in found if s)]
