"""Links rendered with the shortcut for plain addresses come out exactly as markdown-it-py's
own link normalisation makes them; a text with no ``[[`` renders the same without the
citation rule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink

from generator.render.markdown import _PLAIN_LINK, markdown_parser, render_markdown

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


MARKDOWN_PIECES = ["[", "]", "[x]", "(", ")", "(/a)", "[a](/b)", "*", "**", "_", "`", "\\", "!", "<",
                   ">", "&amp;", "&#91;", "word", " ", "\n", "\n\n", "# ", "- ", "1. ", "> ",
                   "    ", "```", "|", "---", "[a]: /c", "é"]


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join),
       allow_html=st.booleans())
def test_texts_without_a_citation_mark_render_alike_without_the_citation_rule(
        text: str, allow_html: bool) -> None:
    if "[[" in text:
        text = text.replace("[[", "[ [")
    with_rule = markdown_parser(allow_html, True).render(text, {})
    assert markdown_parser(allow_html, False).render(text, {}) == with_rule
    assert render_markdown(text, allow_html) == with_rule


def test_the_citation_rule_is_kept_where_a_citation_may_be() -> None:
    cited = render_markdown("See [[gift-car]].\n", cite=lambda fact: f"<sup>{fact}</sup>")
    assert cited == "<p>See <sup>gift-car</sup>.</p>\n"
