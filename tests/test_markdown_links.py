"""Links rendered with the shortcut for plain addresses come out exactly as markdown-it-py's
own link normalisation makes them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink

from generator.render.markdown import _PLAIN_LINK, render_markdown

PIECES = [*"aZ09;/?:@&=+$,-_.!~*'()#%[] ", "é", "http://", "https://", "HTTP://", "mailto:", "//",
          "xn--", "www.", ".org", ":80", "example", "/"]
addresses = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.tuples(st.sampled_from(["http://", "https://", ""]),
              st.sampled_from(["a", "ex-1.org", "a.b.c", "x--y.z", "", "a_b.c", "A.B"]),
              st.sampled_from(["", ":80", ":8080", ":", ":123456"]),
              st.lists(st.sampled_from(PIECES), max_size=8).map("".join)).map("".join))


@settings(max_examples=5000, deadline=None)
@given(url=addresses)
def test_plain_addresses_are_those_normalisation_keeps(url: str) -> None:
    if _PLAIN_LINK.fullmatch(url):
        assert normalizeLink(url) == url


@settings(max_examples=500, deadline=None)
@given(url=addresses, text=st.sampled_from(["a", "*b*", "c d"]))
def test_links_render_as_markdown_it_renders_them(url: str, text: str) -> None:
    stock = MarkdownIt("commonmark", {"html": False})
    stock.validateLink = lambda _: True  # type: ignore[method-assign]
    ours = render_markdown(f"[{text}]({url}) and <{url}>\n")
    expected = stock.render(f"[{text}]({url}) and <{url}>\n")
    if "href" in ours or "href" not in expected:  # ours drops unsafe schemes: compare the rest
        assert ours == expected
