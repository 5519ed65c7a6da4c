"""Finding a quote in its article by folding both texts gives exactly the span that the quote's
regular expression (any whitespace run for a whitespace run, any variant of each quotation
mark, apostrophe and dash) finds first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.highlight import find_quote, quote_pattern

PIECES = [*"ab c.x", *"\"“”„‟″«»'‘’‚‛′`-–—‒―−‐‑", "  ", "\n", "\t", "\u00a0", "\u2009", "\n\n"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def expected(body: str, quote: str) -> tuple[int, int] | None:
    match = quote_pattern(quote).search(body)
    return (match.start(), match.end()) if match else None


@settings(max_examples=3000, deadline=None)
@given(body=texts, start=st.integers(0, 30), length=st.integers(0, 12),
       changes=st.lists(st.tuples(st.integers(0, 11), st.sampled_from(PIECES)), max_size=3))
def test_folded_search_finds_what_the_pattern_finds(body: str, start: int, length: int,
                                                     changes: list[tuple[int, str]]) -> None:
    quote = list(body[start:start + length])
    for index, piece in changes:
        if index < len(quote):
            quote[index] = piece
    assert find_quote(body, "".join(quote)) == expected(body, "".join(quote))


def test_variants_whitespace_and_positions() -> None:
    body = "He said:\n\n  “It’s a gift” — twice.  Then  left."
    start, end = find_quote(body, "said: \"It's a gift\" - twice.") or (0, 0)
    assert body[start:end] == "said:\n\n  “It’s a gift” — twice."
    start, end = find_quote(body, "Then left.") or (0, 0)
    assert body[start:end] == "Then  left."
    assert find_quote(body, "It's a Gift") is None
    assert find_quote("a „b“ c", "„b“") == (2, 5)  # „ is matched only by itself
    assert find_quote("a \"b“ c", "„b“") is None
