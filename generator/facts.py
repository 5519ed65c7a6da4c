"""Facts files (``content/facts/<category>.yaml``): schema, load, quote checks, merge, save.

API for every stage that reads or writes facts (extract, analysis, render):

- :data:`CATEGORIES` — one :class:`Category` per facts file kind (file stem → fields).
  A new kind (e.g. ``discrepancies``) is one more ``Category`` added with :func:`add_category`.
- :func:`load_facts` — every fact of every existing facts file, with positions; raises
  :class:`ContentError` (``path:line:col: message``) for bad YAML, schema violations and
  duplicate ids. :func:`load_facts_files` gives the same per file, with header metadata.
- :func:`verify_facts` — problems for unknown source ids and quotes not in their source;
  :func:`load_verified_facts` loads and verifies in one call (what check and build use).
- :func:`merge` — combine facts on disk with a fresh extraction, keeping editors' facts.
- :func:`save_facts` — write facts files deterministically and atomically.
- :func:`normalise_quote_text` — the normal form in which quotes are compared with bodies.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.cache import ContentCache, content_key
from generator.errors import ContentError, Problem
from generator.fsutil import write_atomic
from generator.project import Project
from generator.sources import DATE_PATTERN, ID_PATTERN, Source
from generator.textfile import read_text
from generator.yamlfile import Key, Located, dump_yaml_items, parse_yaml, validate

STATUSES = ("extracted", "reviewed")

TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
QUANTITY: dict[str, Any] = {"type": ["integer", "string"], "minimum": 0, "minLength": 1}
NUMBER_OR_TEXT: dict[str, Any] = {"type": ["number", "string"], "minLength": 1}
ISO_DATE: dict[str, Any] = {"type": "string", "pattern": DATE_PATTERN,
                            "description": "an ISO date: YYYY-MM-DD, YYYY-MM or YYYY"}
ISO_DATE_OR_NULL: dict[str, Any] = {**ISO_DATE, "type": ["string", "null"]}


@dataclass(frozen=True)
class CategoryField:
    """One category-specific field of a fact: its JSON Schema and whether it must be present."""

    name: str
    schema: dict[str, Any]
    required: bool = True


@dataclass(frozen=True)
class Category:
    """A kind of facts file: ``content/facts/<name>.yaml`` and the fields its facts carry.

    ``sort_by`` names the fields (in priority order) that order facts in the file, before
    the id; missing values sort first. ``None`` values of optional fields are not written.
    """

    name: str
    fields: tuple[CategoryField, ...]
    sort_by: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.yaml"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def schema(self) -> dict[str, Any]:
        """JSON Schema of the file: a mapping with a ``facts`` list; unknown keys rejected."""
        fact = {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "claim", "status", "sources",
                         *[f.name for f in self.fields if f.required]],
            "properties": {
                "id": {"type": "string", "pattern": ID_PATTERN,
                       "description": "a slug of lowercase letters, digits and hyphens"},
                "claim": TEXT,
                "status": {"enum": list(STATUSES)},
                **{f.name: f.schema for f in self.fields},
                "sources": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["source", "quote"],
                        "properties": {
                            "source": {"type": "string", "pattern": ID_PATTERN,
                                       "description": "a source id (content/sources/<id>.md)"},
                            "quote": TEXT,
                        },
                    },
                },
            },
        }
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["facts"],
            "properties": {"facts": {"type": "array", "items": fact}},
        }


CATEGORIES: dict[str, Category] = {}


def add_category(category: Category) -> Category:
    """Register a facts file kind; its file is loaded, verified and saved like the others."""
    CATEGORIES[category.name] = category
    return category


GIFTS = add_category(Category("gifts", (
    CategoryField("giver", TEXT),
    CategoryField("recipient", TEXT),
    CategoryField("item", TEXT),
    CategoryField("quantity", QUANTITY, required=False),
    CategoryField("date", ISO_DATE_OR_NULL),
), sort_by=("date", "giver", "item")))

CAR_COLLECTION = add_category(Category("car-collection", (
    CategoryField("owner", TEXT),
    CategoryField("make", TEXT),
    CategoryField("model", TEXT, required=False),
    CategoryField("type", TEXT),
    CategoryField("quantity", QUANTITY),
    CategoryField("acquired", {"enum": ["gift", "smuggled", "unknown"]}),
), sort_by=("make", "model")))

AURUS_PRODUCTION = add_category(Category("aurus-production", (
    CategoryField("metric", TEXT),
    CategoryField("value", NUMBER_OR_TEXT),
    CategoryField("unit", TEXT),
    CategoryField("period", TEXT, required=False),
    CategoryField("as_of", ISO_DATE, required=False),
    CategoryField("place", TEXT, required=False),
    CategoryField("attributed_to", TEXT, required=False),
), sort_by=("metric", "period", "as_of")))

TIMELINE = add_category(Category("timeline", (
    CategoryField("date", ISO_DATE),
    CategoryField("event", TEXT),
), sort_by=("date",)))

# The files extraction writes; the cross-source analysis adds the discrepancies.
EXTRACTED_CATEGORIES = (GIFTS.name, CAR_COLLECTION.name, AURUS_PRODUCTION.name, TIMELINE.name)


@dataclass(frozen=True)
class Quote:
    """One source's verbatim support for a fact."""

    source: str
    quote: str


@dataclass(frozen=True, eq=False)
class FileText:
    """The text a facts file was parsed from (compressed), shared by its facts. The positions
    of its values are worked out again only when a problem needs one: kept for every value of
    every fact, they took more memory than the facts themselves (a fifth of a 10,000-article
    build's)."""

    shown: str
    packed: bytes

    @classmethod
    def of(cls, shown: str, text: str) -> FileText:
        return cls(shown, zlib.compress(text.encode("utf-8"), 1))

    def located(self) -> Located:
        return _located(self.packed, self.shown)


@lru_cache(maxsize=4)
def _located(packed: bytes, shown: str) -> Located:
    return parse_yaml(zlib.decompress(packed).decode("utf-8"), shown)[0]


@dataclass(frozen=True)
class FactOrigin:
    """Where a loaded fact was read: ``key`` is its path inside the file's data."""

    path: str
    file: FileText
    key: Key

    def position(self, *subkey: str | int) -> tuple[int, int]:
        return self.file.located().position((*self.key, *subkey))


@dataclass(frozen=True)
class Fact:
    """One fact of one category.

    ``fields`` holds the category's own fields (see :class:`Category`), in declared order.
    ``by_extract`` is True when ``explainer extract`` wrote the fact (it may replace it);
    False for a fact an editor added by hand. ``origin`` is set for facts read from a file.
    """

    category: str
    id: str
    claim: str
    status: str
    sources: tuple[Quote, ...]
    fields: dict[str, Any] = field(default_factory=dict)
    by_extract: bool = True
    origin: FactOrigin | None = field(default=None, compare=False, repr=False)

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"

    def as_yaml_data(self) -> dict[str, Any]:
        """The fact as written to its file: id, claim, status, category fields, sources."""
        category = CATEGORIES[self.category]
        data: dict[str, Any] = {"id": self.id, "claim": self.claim, "status": self.status}
        for spec in category.fields:
            value = self.fields.get(spec.name)
            if value is not None or spec.required:
                data[spec.name] = value
        data["sources"] = [{"source": q.source, "quote": q.quote} for q in self.sources]
        return data


@dataclass(frozen=True)
class FactsFile:
    """One loaded facts file: its facts plus what the last extraction recorded in its header."""

    category: Category
    path: Path
    facts: list[Fact]
    sources_digest: str | None
    extracted_ids: frozenset[str]


# --- quotes -------------------------------------------------------------------------------

_TYPOGRAPHIC = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "",
})
_SPACES = re.compile(r"\s+")


def normalise_quote_text(text: str) -> str:
    """Text as quotes are compared: plain quote marks and dashes, whitespace collapsed."""
    text = text.translate(_TYPOGRAPHIC).replace("…", "...")
    return _SPACES.sub(" ", text).strip()


def quote_in_body(quote: str, body: str) -> bool:
    """True when ``quote`` appears in ``body`` once both are normalised."""
    needle = normalise_quote_text(quote)
    return bool(needle) and needle in normalise_quote_text(body)


@lru_cache(maxsize=1 << 14)
def _comparable_body(body: str) -> str:
    """A source body as quotes are compared with it (kept: serve verifies on every save)."""
    return normalise_quote_text(body)


@lru_cache(maxsize=1 << 16)
def _comparable_quote(quote: str) -> str:
    return normalise_quote_text(quote)


# Quotes checked by this process: (source id, quote) → (the body it was checked in, found).
# ``serve`` verifies every quote on every save, and nearly all bodies are the same objects.
_CHECKED: dict[tuple[str, str], tuple[str, bool]] = {}


def forget_compared_texts() -> None:
    """Drop the normalised bodies and quotes kept for verifying again, and the checked-quote
    memo (``build`` verifies once: at 10,000 articles they hold 40 MB)."""
    _comparable_body.cache_clear()
    _comparable_quote.cache_clear()
    _CHECKED.clear()


def quote_is_in(quote: Quote, bodies: Mapping[str, str]) -> bool:
    """Whether ``quote`` is in its source's body (``bodies``: source id → body)."""
    body = bodies.get(quote.source)
    if body is None:
        return False
    key = (quote.source, quote.quote)
    checked = _CHECKED.get(key)
    if checked is not None and checked[0] is body:
        return checked[1]
    found = _comparable_quote(quote.quote) in _comparable_body(body)
    if len(_CHECKED) > 1 << 18:
        _CHECKED.clear()
    _CHECKED[key] = (body, found)
    return found


class _QuoteChecks:
    """Which quotes of each fact are in their sources, kept between calls: ``serve`` checks
    every quote on every save, and after a save only the facts quoting a changed source (or
    changed themselves) need checking again."""

    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}
        self.found: dict[str, tuple[Fact, tuple[bool, ...]]] = {}
        self.quoting: dict[str, set[str]] = {}  # source id → ids of facts quoting it

    def __call__(self, facts: Sequence[Fact], bodies: Mapping[str, str]) -> list[tuple[bool, ...]]:
        last = self.bodies
        changed = {s for s, body in bodies.items() if last.get(s) is not body} | (last.keys() - bodies.keys())
        redo: set[str] = set()
        for source in changed:
            redo |= self.quoting.get(source, set())
        if len(self.found) > 4 * len(facts) + 1000:
            self.found, self.quoting = {}, {}
        results = []
        for fact in facts:
            kept = self.found.get(fact.id)
            if kept is None or kept[0] is not fact or fact.id in redo:
                kept = (fact, tuple(quote_is_in(q, bodies) for q in fact.sources))
                self.found[fact.id] = kept
                for quote in fact.sources:
                    self.quoting.setdefault(quote.source, set()).add(fact.id)
            results.append(kept[1])
        self.bodies = dict(bodies)
        return results


found_quotes = _QuoteChecks()


def verify_facts(facts: Iterable[Fact], sources: Iterable[Source]) -> list[Problem]:
    """Problems for quotes citing unknown sources or missing from their source's body."""
    bodies = {s.id: s.body for s in sources}
    facts = list(facts)
    problems: list[Problem] = []
    for fact, found in zip(facts, found_quotes(facts, bodies), strict=True):
        if all(found):
            continue
        for index, quote in enumerate(fact.sources):
            if quote.source not in bodies:
                path, (line, col) = _where(fact, "sources", index, "source")
                problems.append(Problem(path, line, col, f"unknown source '{quote.source}'"))
                continue
            if not quote_is_in(quote, bodies):
                path, (line, col) = _where(fact, "sources", index, "quote")
                problems.append(Problem(path, line, col,
                                        f"quote not found in source '{quote.source}'"))
    return problems


def load_verified_facts(project: Project, sources: Iterable[Source]) -> list[Fact]:
    """:func:`load_facts`, then :func:`verify_facts`; every problem raised as one ContentError."""
    facts = load_facts(project)
    problems = verify_facts(facts, sources)
    if problems:
        raise ContentError(problems)
    return facts


def _where(fact: Fact, *subkey: str | int) -> tuple[str, tuple[int, int]]:
    if fact.origin is None:
        return f"content/facts/{CATEGORIES[fact.category].filename}", (0, 0)
    return fact.origin.path, fact.origin.position(*subkey)


# --- load ---------------------------------------------------------------------------------

_DIGEST_LINE = re.compile(r"^# sources sha256:([0-9a-f]{64})\s*$", re.MULTILINE)
_IDS_LINE = re.compile(r"^# extracted:((?: [a-z0-9-]+)*)\s*$", re.MULTILINE)


def parse_facts_file(text: str, path: Path, shown: str, category: Category) -> FactsFile:
    """Parse and validate one facts file's text; raise ContentError with every problem."""
    located, problems = parse_yaml(text, shown)
    if not problems:
        if located.data is None:
            located.data = {"facts": []}
        problems = validate(located, category.schema(), shown)
    if problems:
        raise ContentError(problems)
    digest = _DIGEST_LINE.search(text)
    extracted = frozenset(i for m in _IDS_LINE.finditer(text) for i in m.group(1).split())
    facts = []
    file = FileText.of(shown, text)
    for index, data in enumerate(located.data["facts"]):
        facts.append(Fact(
            category=category.name,
            id=data["id"],
            claim=data["claim"],
            status=data["status"],
            sources=tuple(Quote(q["source"], q["quote"]) for q in data["sources"]),
            fields={name: data.get(name) for name in category.field_names},
            by_extract=data["id"] in extracted,
            origin=FactOrigin(shown, file, ("facts", index)),
        ))
    return FactsFile(category, path, facts, digest.group(1) if digest else None, extracted)


# Facts files parsed by this process, by content key: ``serve`` loads them on every save, and
# reading the on-disk cache each time costs more than the look-up.
_RECENT_FACTS_FILES: dict[str, FactsFile] = {}


def load_facts_files(project: Project) -> dict[str, FactsFile]:
    """Every existing facts file by category name; all problems of all files raised together."""
    files: dict[str, FactsFile] = {}
    keys: dict[str, str] = {}
    problems: list[Problem] = []
    parsed: ContentCache | None = None  # a file that parsed is not checked again
    for name, category in sorted(CATEGORIES.items()):
        path = project.facts / category.filename
        if not path.is_file():
            continue
        shown = project.show(path)
        try:
            text = read_text(path, shown, project.root)
            key = keys[name] = content_key("facts-file", name, str(path), shown, text)
            found = _RECENT_FACTS_FILES.get(key)
            if found is None:
                parsed = parsed or ContentCache(project.cache, "facts-files")
                found = parsed.get(key) or parse_facts_file(text, path, shown, category)
            files[name] = found
        except ContentError as exc:
            problems.extend(exc.problems)
    if parsed is not None:  # something was not parsed by this process yet: keep what is current
        for name, facts_file in files.items():
            parsed.put(keys[name], facts_file)
        parsed.save()
    _RECENT_FACTS_FILES.clear()
    _RECENT_FACTS_FILES.update((keys[name], facts_file) for name, facts_file in files.items())
    problems.extend(_duplicate_ids(f for ff in files.values() for f in ff.facts))
    if problems:
        raise ContentError(problems)
    return files


def load_facts(project: Project) -> list[Fact]:
    """Every fact of every facts file (by category name, then file order), with positions."""
    return [fact for ff in load_facts_files(project).values() for fact in ff.facts]


def _duplicate_ids(facts: Iterable[Fact]) -> list[Problem]:
    seen: dict[str, Fact] = {}
    problems = []
    for fact in facts:
        if fact.id in seen:
            path, (line, col) = _where(fact, "id")
            other, _ = _where(seen[fact.id])
            problems.append(Problem(path, line, col,
                                    f"duplicate fact id '{fact.id}' (also in {other})"))
        else:
            seen[fact.id] = fact
    return problems


# --- merge and save -----------------------------------------------------------------------


def merge(existing: Iterable[Fact], extracted: Iterable[Fact]) -> list[Fact]:
    """Facts after re-extraction: editors' facts as they are, plus the fresh extraction.

    Kept unchanged: facts with ``status: reviewed`` and facts an editor added by hand
    (``by_extract`` False). Facts a previous extraction wrote are replaced by ``extracted``
    (dropped when no longer extracted). A fresh fact whose id an editor's fact already
    uses is left out: the editor's version wins.
    """
    kept = [f for f in existing if f.reviewed or not f.by_extract]
    taken = {f.id for f in kept}
    fresh = [replace(f, by_extract=True, origin=None) for f in extracted if f.id not in taken]
    return sort_facts([*kept, *fresh])


def sort_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Deterministic order: by category, then the category's ``sort_by`` fields, then id."""

    def key(fact: Fact) -> tuple[Any, ...]:
        category = CATEGORIES[fact.category]
        values = tuple(str(fact.fields.get(name) or "") for name in category.sort_by)
        return (fact.category, values, fact.id)

    return sorted(facts, key=key)


def format_facts_file(category: Category, facts: list[Fact], sources_digest: str,
                      cache: ContentCache | None = None) -> str:
    """The text of one facts file: a header (sources digest, ids written by extract), then YAML."""
    ids = sorted(f.id for f in facts if f.by_extract and not f.reviewed)
    header = [
        "# Written by `explainer extract`. Edit freely: set `status: reviewed` on a fact to keep",
        "# re-extraction from changing it; facts you add by hand are kept as well.",
        f"# sources sha256:{sources_digest}",
    ]
    line = "# extracted:"
    for fact_id in ids:
        if len(line) + len(fact_id) > 99 and line != "# extracted:":
            header.append(line)
            line = "# extracted:"
        line += f" {fact_id}"
    header.append(line)
    body = dump_yaml_items("facts", [f.as_yaml_data() for f in sort_facts(facts)], cache)
    return "\n".join(header) + "\n" + body


def save_facts(project: Project, facts: Iterable[Fact], sources_digest: str,
               categories: Iterable[str] | None = None) -> list[Path]:
    """Write one file per category (``categories``, default all); returns the paths changed."""
    by_category: dict[str, list[Fact]] = {name: [] for name in (categories or CATEGORIES)}
    for fact in facts:
        by_category.setdefault(fact.category, []).append(fact)
    written = []
    for name in sorted(by_category):
        path = project.facts / CATEGORIES[name].filename
        cache = ContentCache(project.cache, f"yaml-{name}")  # each fact's text, by content
        text = format_facts_file(CATEGORIES[name], by_category[name], sources_digest, cache)
        cache.save()
        if write_atomic(path, text):
            written.append(path)
    return written


def sources_digest(sources: Iterable[Source]) -> str:
    """A digest of everything extraction reads from the sources (ids, dates, bodies)."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: s.id):
        for part in (source.id, source.date or "", source.body):
            digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def facts_are_stale(project: Project, sources: list[Source]) -> bool:
    """True when an extracted facts file is missing or was extracted from different sources
    (answered without loading the extraction rules)."""
    digest = sources_digest(sources)
    files = load_facts_files(project)
    return any(name not in files or files[name].sources_digest != digest
               for name in EXTRACTED_CATEGORIES)
