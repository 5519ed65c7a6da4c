"""What templates see: sources, facts and categories turned into ready-to-print views.

Templates present data; they do not compute it. Everything a page shows — corroboration
counts, formatted dates, URLs, passage anchors, chart markup — is computed here, purely.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from generator.analysis.corroboration import corroboration
from generator.dates import format_iso
from generator.facts import CATEGORIES, Fact
from generator.render.charts import Bar, bar_chart
from generator.render.highlight import Passage, cited_passages, paragraph_of
from generator.sources import Source

# Readers' names for the built-in fact categories; site.yaml's `categories` overrides them.
DEFAULT_CATEGORY_TITLES = {
    "gifts": "Gifts exchanged",
    "car-collection": "The car collection",
    "aurus-production": "Production and sales figures",
    "timeline": "Timeline",
    "discrepancies": "Where sources disagree",
}
_NOT_IN_TABLES = {"versions", "kind", "subject"}
T = TypeVar("T")
CATEGORY_ORDER = ("gifts", "car-collection", "aurus-production", "timeline", "discrepancies")


@dataclass(frozen=True)
class SourceRef:
    id: str
    url: str
    title: str
    publisher: str
    date: str | None
    date_text: str
    link: str | None
    group: str
    group_size: int


@dataclass(frozen=True)
class QuoteView:
    source: SourceRef
    quote: str
    url: str  # the passage on the source's page


@dataclass(frozen=True)
class VersionView:
    """One side of a discrepancy: the detail as some articles gave it, in their words."""

    value: str
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True, eq=False)
class FactView:
    id: str
    category: str
    claim: str
    reviewed: bool
    fields: dict[str, Any]
    quotes: tuple[QuoteView, ...]
    articles: int
    independent: int
    url: str
    date: str | None
    date_text: str
    versions: tuple[VersionView, ...] = ()
    cells: tuple[str, ...] = ()  # the category table's row, in ``CategoryView.columns`` order

    @property
    def support(self) -> str:
        """"3 articles, 2 independent" in words a reader understands at a glance."""
        articles = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        if self.independent == self.articles:
            return f"{articles}, all independent" if self.articles > 1 else articles
        return f"{articles}, {self.independent} independent"


@dataclass(frozen=True)
class CategoryView:
    name: str
    title: str
    description: str
    url: str
    facts: tuple[FactView, ...]
    chart: str = ""
    columns: tuple[str, ...] = ()  # table headings, one per category field shown


@dataclass(frozen=True)
class SourcePage:
    source: SourceRef
    passages: tuple[Passage, ...]
    facts: tuple[FactView, ...]
    same_story: tuple[SourceRef, ...]


@dataclass(frozen=True)
class KeyFigure:
    value: str
    label: str
    url: str


@dataclass
class SiteViews:
    sources: list[SourceRef]
    source_pages: list[SourcePage]
    categories: list[CategoryView]
    facts_by_id: dict[str, FactView]
    key_figures: list[KeyFigure]
    independent_sources: int
    groups: dict[str, list[SourceRef]] = field(default_factory=dict)


def source_url(source_id: str) -> str:
    return f"/sources/{source_id}/"


def category_url(name: str) -> str:
    return f"/{name}/"


def _fact_date(fact: Fact) -> str | None:
    for name in ("date", "as_of"):
        value = fact.fields.get(name)
        if isinstance(value, str) and value:
            return value
    return None


class ViewMemo:
    """Views kept from one :func:`build_views` to the next (``explainer serve``): a view whose
    inputs are unchanged is reused, and a view computed again that equals the previous one
    replaces it by that object, so that unchanged views are the *same* objects from build to
    build (serve compares what each page shows by identity first). Only the last build's views
    are kept."""

    def __init__(self) -> None:
        # source id → the source, its reference, and the (fact, quote) pairs its page cites
        self.sources: dict[str, tuple[Source, SourceRef]] = {}
        self.cited: dict[str, tuple[tuple[FactView, QuoteView], ...]] = {}
        self.facts: dict[str, tuple[Fact, FactView]] = {}
        self.quotes: dict[tuple[str, str], tuple[SourceRef, str, QuoteView]] = {}
        self.quoting: dict[str, set[str]] = {}  # source id → ids of facts quoting it
        self.pages: dict[str, SourcePage] = {}
        self.categories: dict[str, CategoryView] = {}
        self.derived: dict[str, tuple[object, Any]] = {}  # see ``derive``

    def derive(self, key: str, view: object, make: Callable[[], T]) -> T:
        """``make()``, a value computed from ``view`` alone, kept while ``view`` is the same
        object (serve: e.g. the files a page declares it is made from)."""
        kept = self.derived.get(key)
        if kept is not None and kept[0] is view:
            return cast(T, kept[1])
        value = make()
        self.derived[key] = (view, value)
        return value

    def ref(self, source: Source, group_of: Mapping[str, str],
            members: Mapping[str, list[str]]) -> SourceRef:
        ref = _source_ref(source, group_of, members)
        known = self.sources.get(source.id)
        return known[1] if known is not None and known[1] == ref else ref

    def quote(self, ref: SourceRef, body: str, quote: str) -> QuoteView:
        """A quote's view: where in its source's text it is."""
        known = self.quotes.get((ref.id, quote))
        if known is not None and (known[0] is ref or known[0] == ref) and known[1] == body:
            return known[2]
        number = paragraph_of(body, quote)
        return QuoteView(ref, quote, ref.url + (f"#p{number}" if number else ""))

    def fact_view(self, view: FactView) -> FactView:
        kept = self.facts.get(view.id)
        return kept[1] if kept is not None and _same_view(kept[1], view) else view

    def page(self, page: SourcePage) -> SourcePage:
        kept = self.pages.get(page.source.id)
        return kept if kept == page else page

    def category(self, view: CategoryView) -> CategoryView:
        kept = self.categories.get(view.name)
        return kept if kept == view else view


def _quotes_unchanged(fact: Fact, changed: set[str], refs: Mapping[str, SourceRef],
                      bodies: Mapping[str, str], memo: ViewMemo) -> bool:
    """Whether the fact's quotes from the ``changed`` sources look as before (same source
    reference, same paragraph): then its view is the last build's."""
    for quote in fact.sources:
        if quote.source not in changed:
            continue
        ref = refs.get(quote.source)
        known = memo.quotes.get((quote.source, quote.quote))
        if ref is None or known is None or known[0] is not ref:
            return False
        view = memo.quote(ref, bodies[quote.source], quote.quote)
        if view != known[2]:
            return False
        memo.quotes[(quote.source, quote.quote)] = (ref, bodies[quote.source], known[2])
    return True


def _same_view(a: FactView, b: FactView) -> bool:
    return a is b or all(getattr(a, f.name) == getattr(b, f.name) for f in dataclasses.fields(FactView))


def build_views(sources: Sequence[Source], facts: Sequence[Fact], group_of: Mapping[str, str],
                category_titles: Mapping[str, Mapping[str, str]],
                memo: ViewMemo | None = None) -> SiteViews:
    """Every view the templates need, from loaded content; pure and deterministic. ``memo``
    (serve): the previous build's views, reused where their inputs are unchanged and replaced
    by this build's."""
    last = memo or ViewMemo()
    group_members: dict[str, list[str]] = {}
    for source in sources:
        group_members.setdefault(group_of.get(source.id, source.id), []).append(source.id)
    refs = {}
    changed: set[str] = set()  # sources whose text or reference is not the last build's
    for source in sources:
        known = last.sources.get(source.id)
        if known is not None and known[0] is source and known[1].group == group_of.get(source.id, source.id) \
                and known[1].group_size == len(group_members[known[1].group]):
            refs[source.id] = known[1]
        else:
            refs[source.id] = last.ref(source, group_of, group_members)
            changed.add(source.id)
    changed |= last.sources.keys() - refs.keys()
    bodies = {s.id: s.body for s in sources}

    redo: set[str] = set()  # facts quoting a changed source
    for source_id in changed:
        redo |= last.quoting.get(source_id, set())
    fact_views = []
    facts_kept: dict[str, tuple[Fact, FactView]] = {}
    new_views = False  # a fact's view is not the last build's
    for fact in facts:
        known_fact = last.facts.get(fact.id)
        if (known_fact is not None and (known_fact[0] is fact or known_fact[0] == fact)
                and (fact.id not in redo or _quotes_unchanged(fact, changed, refs, bodies, last))):
            view = known_fact[1]
        else:
            view = last.fact_view(_fact_view(fact, refs, bodies, group_of, last))
            new_views = new_views or known_fact is None or view is not known_fact[1]
        facts_kept[fact.id] = (fact, view)
        fact_views.append(view)
    new_views = new_views or list(facts_kept) != list(last.facts)
    by_id = {f.id: f for f in fact_views}
    categories = [last.category(c) for c in _categories(fact_views, category_titles)]

    if new_views or memo is None:  # which facts quote each source, in order
        cited_kept: dict[str, tuple[tuple[FactView, QuoteView], ...]] = {}
        quoted: dict[str, list[tuple[FactView, QuoteView]]] = {}
        for fact_view in fact_views:
            for quote in fact_view.quotes:
                quoted.setdefault(quote.source.id, []).append((fact_view, quote))
        cited_kept = {s.id: tuple(quoted.get(s.id, ())) for s in sources}
    else:
        cited_kept = {s.id: last.cited.get(s.id, ()) for s in sources}
    source_pages = []
    for source in sources:
        cited = cited_kept[source.id]
        page = last.pages.get(source.id)
        if page is None or source.id in changed or last.cited.get(source.id) != cited or any(
                m in changed for m in group_members[refs[source.id].group]):
            passages = cited_passages(source.body, [(f.id, q.quote) for f, q in cited])
            same = tuple(refs[m] for m in group_members[refs[source.id].group] if m != source.id)
            drawn = tuple({f.id: f for f, _ in cited}.values())
            page = last.page(SourcePage(refs[source.id], tuple(passages), drawn, same))
        source_pages.append(page)
    if memo is not None:
        memo.sources = {s.id: (s, refs[s.id]) for s in sources}
        memo.cited = cited_kept
        memo.facts = facts_kept
        if new_views:
            memo.quoting = {}
            for fact_view in fact_views:
                for quote in fact_view.quotes:
                    memo.quoting.setdefault(quote.source.id, set()).add(fact_view.id)
        if len(memo.quotes) > 4 * sum(len(v.quotes) for v in fact_views) + 1000:
            memo.quotes = {}  # forget quotes no longer shown
        for fact_view in fact_views:
            if last.facts.get(fact_view.id, (None, None))[1] is not fact_view:  # made now
                memo.quotes.update(((q.source.id, q.quote), (q.source, bodies[q.source.id], q))
                                   for q in fact_view.quotes)
        memo.pages = {p.source.id: p for p in source_pages}
        memo.categories = {c.name: c for c in categories}
    groups = {g: [refs[m] for m in members] for g, members in group_members.items()}
    return SiteViews(
        sources=[refs[s.id] for s in sources],
        source_pages=source_pages,
        categories=categories,
        facts_by_id=by_id,
        key_figures=_key_figures(categories, len(sources), len(group_members)),
        independent_sources=len(group_members),
        groups=groups,
    )


def _source_ref(source: Source, group_of: Mapping[str, str],
                members: Mapping[str, list[str]]) -> SourceRef:
    group = group_of.get(source.id, source.id)
    return SourceRef(
        id=source.id,
        url=source_url(source.id),
        title=source.title or _first_words(source.body),
        publisher=source.publisher or "Publisher unknown",
        date=source.date,
        date_text=format_iso(source.date),
        link=source.url,
        group=group,
        group_size=len(members[group]),
    )


def _first_words(body: str, limit: int = 12) -> str:
    words = body.split()
    text = " ".join(words[:limit])
    return text + ("…" if len(words) > limit else "")


def _table_fields(category: str) -> tuple[str, ...]:
    spec = CATEGORIES.get(category)
    return tuple(f.name for f in spec.fields if f.name not in _NOT_IN_TABLES) if spec else ()


def _cell(name: str, value: Any, unit: Any = None) -> str:
    if value is None or value == "":
        return "—"
    if name in {"date", "as_of"} and isinstance(value, str):
        return format_iso(value)
    if isinstance(value, float | int) and not isinstance(value, bool) and unit != "year":
        return f"{value:,}"
    return str(value)


def _fact_view(fact: Fact, refs: Mapping[str, SourceRef], bodies: Mapping[str, str],
               group_of: Mapping[str, str], memo: ViewMemo) -> FactView:
    quotes = [memo.quote(refs[q.source], bodies[q.source], q.quote) for q in fact.sources]
    counted = corroboration((q.source.id for q in quotes), group_of)
    date = _fact_date(fact)
    versions = tuple(
        VersionView(str(v.get("value", "")),
                    tuple(q for q in quotes if q.source.id in set(v.get("sources", []))))
        for v in fact.fields.get("versions") or [] if isinstance(v, dict)
    )
    return FactView(
        id=fact.id,
        category=fact.category,
        claim=fact.claim,
        reviewed=fact.reviewed,
        fields=dict(fact.fields),
        quotes=tuple(sorted(quotes, key=lambda q: (q.source.date or "9999", q.source.id))),
        articles=counted.articles,
        independent=counted.independent,
        url=f"/facts/#{fact.id}",
        date=date,
        date_text=format_iso(date) if date else "",
        versions=versions,
        cells=tuple(_cell(name, fact.fields.get(name), fact.fields.get("unit"))
                    for name in _table_fields(fact.category)),
    )


def _categories(facts: Sequence[FactView],
                titles: Mapping[str, Mapping[str, str]]) -> list[CategoryView]:
    names = sorted({f.category for f in facts} | set(CATEGORY_ORDER),
                   key=lambda n: (CATEGORY_ORDER.index(n) if n in CATEGORY_ORDER else 99, n))
    views = []
    for name in names:
        members = tuple(f for f in facts if f.category == name)
        if name == "timeline":
            members = tuple(sorted(members, key=lambda f: (f.date or "", f.id)))
        meta = titles.get(name, {})
        title = meta.get("title") or DEFAULT_CATEGORY_TITLES.get(name) or name.replace("-", " ").capitalize()
        columns = tuple(n.replace("_", " ").capitalize() for n in _table_fields(name))
        views.append(CategoryView(name=name, title=title, description=meta.get("description", ""),
                                  url=category_url(name), facts=members,
                                  chart=_chart(name, title, members), columns=columns))
    return views


def _quantity(value: Any) -> tuple[float, str] | None:
    """A number a chart can draw from a quantity such as 3, "40", "at least 2" or "several"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value), ""
    if isinstance(value, str):
        match = re.search(r"\d[\d,]*(?:\.\d+)?", value)
        if match:
            note = value[: match.start()].strip()
            return float(match.group(0).replace(",", "")), note
    return None


def _chart(name: str, title: str, facts: Sequence[FactView]) -> str:
    """A bar chart where one helps: how many of each vehicle; the numeric Aurus figures."""
    bars = []
    if name == "car-collection":
        for fact in facts:
            amount = _quantity(fact.fields.get("quantity"))
            if amount:
                label = " ".join(str(fact.fields.get(k) or "") for k in ("make", "model")).strip()
                if label.lower() in {"", "various", "unknown"}:
                    label = str(fact.fields.get("type"))
                bars.append(Bar(label, amount[0], amount[1]))
        return bar_chart(bars, f"{title}: vehicles by number (where stated)", f"chart-{name}")
    if name == "aurus-production":
        for fact in facts:
            amount = _quantity(fact.fields.get("value"))
            if amount and str(fact.fields.get("unit", "")).lower() not in {"year", "km", "kilometres"}:
                period = fact.fields.get("period") or fact.fields.get("as_of") or ""
                label = f"{fact.fields.get('metric', '')} {period}".strip()
                bars.append(Bar(label, amount[0], amount[1]))
        return bar_chart(bars, f"{title}: the figures reported", f"chart-{name}") if len(bars) > 1 else ""
    return ""


def _key_figures(categories: Sequence[CategoryView], articles: int, independent: int) -> list[KeyFigure]:
    """The story's numbers at a glance: facts per category, the first reported figure, and
    how many independent reports stand behind it all."""
    figures = []
    for category in categories:
        if not category.facts:
            continue
        if category.name == "aurus-production":
            numeric = [f for f in category.facts if _quantity(f.fields.get("value"))]
            if numeric:
                fact = numeric[0]
                amount = _quantity(fact.fields.get("value"))
                assert amount is not None
                value = f"{amount[1] + ' ' if amount[1] else ''}{amount[0]:,.0f}"
                label = str(fact.fields.get("metric") or fact.fields.get("unit") or "")
                place, who = fact.fields.get("place"), fact.fields.get("attributed_to")
                when = fact.fields.get("period") or (format_iso(fact.fields["as_of"])
                                                     if fact.fields.get("as_of") else "")
                label += f" in {place}" if place else ""
                label += f", {when}" if when else ""
                label += f" (according to {who})" if who else ""
                figures.append(KeyFigure(value, label, fact.url))
                continue
        figures.append(KeyFigure(str(len(category.facts)), category.title, category.url))
    figures.append(KeyFigure(str(articles), f"articles read ({independent} independent reports)",
                             "/sources/"))
    return figures
