"""Raw article files → ``content/sources/<id>.md``, keeping every edit an editor made."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz
from slugify import slugify

from generator.dates import dateline_day, story_year
from generator.errors import ContentError, Problem
from generator.fsutil import write_atomic
from generator.ingest.text import CleanArticle, clean_article, comparison_key
from generator.project import Project
from generator.sources import ID_RE, Source, format_source, load_sources
from generator.textfile import (
    MAX_TEXT_BYTES,
    ParsedFiles,
    check_article_size,
    confined,
    decode_utf8,
    outside_message,
)

HTML_SUFFIXES = (".html", ".htm")
RAW_SUFFIXES = (".txt", *HTML_SUFFIXES)
# Two files whose bodies are this similar (0-100, after case and punctuation are ignored) are
# one article saved twice, unless their metadata says they are two publications.
SAME_ARTICLE_SIMILARITY = 95
_SLUG_STOPWORDS = (
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "his", "her", "its", "their", "is", "are", "was", "were", "has", "have", "had", "be",
    "each", "other", "that", "this", "as", "after", "into", "him",
)


@dataclass
class IngestReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_raw(path: Path, shown: str) -> CleanArticle:
    """Clean one raw file, or raise a ContentError saying why nothing usable came out."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ContentError.at(shown, f"file is {size // (1024 * 1024)} MB; the limit is 50 MB")
    data = path.read_bytes()
    if path.suffix.lower() in HTML_SUFFIXES:
        from generator.ingest.html import clean_page  # the extractor loads only for pages

        article = clean_page(data, shown)
    else:
        text = decode_utf8(data, shown)
        check_article_size(text, shown)
        article = clean_article(text)
    if not article.body.strip():
        raise ContentError.at(shown, "no article text found (the file is empty or only boilerplate)")
    check_article_size(article.body, shown)
    return article


def make_id(raw_name: str, article: CleanArticle, taken: set[str]) -> str:
    """A readable, unique, path-safe slug: the raw file's number (if any) and headline words."""
    number = re.match(r"\d+", raw_name)
    words = article.title or re.split(r"(?<=[.!?])\s", article.body, maxsplit=1)[0]
    slug = slugify(words, max_length=48, word_boundary=True, stopwords=_SLUG_STOPWORDS) or "article"
    base = f"{number.group(0)}-{slug}" if number else slug
    base = base[:90].strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    assert ID_RE.match(candidate), candidate
    return candidate


def _adopt(project: Project, path: Path, report: IngestReport) -> Path | None:
    """A raw file given from elsewhere is copied into ``content/sources/raw/`` first."""
    raw_dir = project.raw.resolve()
    if path.absolute().parent.resolve() == raw_dir:  # the file itself may be a link
        return path
    target = project.raw / path.name
    if target.exists() and target.read_bytes() != path.read_bytes():
        report.problems.append(Problem(str(path), 0, 0,
                                       f"a different file named {path.name} is already in "
                                       f"{project.show(project.raw)}/; rename one of them"))
        return None
    project.raw.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target


def raw_files(project: Project, paths: list[Path] | None) -> list[Path]:
    if paths:
        return paths
    if not project.raw.is_dir():
        return []
    return sorted(p for p in project.raw.iterdir() if p.suffix.lower() in RAW_SUFFIXES and p.is_file())


def ingest(project: Project, paths: list[Path] | None = None,
           parsed: ParsedFiles | None = None) -> IngestReport:
    """Turn raw files into sources. Unchanged raw files are skipped; for changed ones the
    body is rewritten while front-matter values an editor set (non-null) are kept."""
    report = IngestReport()
    existing = {s.raw: s for s in load_sources(project, parsed) if s.raw}
    known = KnownArticles()
    for source in existing.values():
        known.put(source)
    taken = {s.id for s in existing.values()} | {p.stem for p in project.sources.glob("*.md")}
    for given in raw_files(project, paths):
        if not given.is_file():
            report.problems.append(Problem(str(given), 0, 0, "no such file"))
            continue
        if given.suffix.lower() not in RAW_SUFFIXES:
            report.problems.append(Problem(str(given), 0, 0,
                                           f"not an article file (expected {', '.join(RAW_SUFFIXES)})"))
            continue
        path = _adopt(project, given, report)
        if path is None:
            continue
        shown = project.show(path)
        if not confined(path, project.root):
            report.problems.append(Problem(shown, 0, 0, outside_message(path)))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        old = existing.get(path.name)
        if old is not None and old.raw_sha256 == digest:
            report.unchanged.append(old.id)
            continue
        try:
            article = read_raw(path, shown)
        except ContentError as exc:
            report.problems.extend(exc.problems)
            continue
        report.warnings.extend(f"{shown}: {warning}" for warning in article.warnings)
        twin = known.twin(article, exclude_raw=path.name)
        if twin is not None:
            report.warnings.append(
                f"{shown}: same article as {project.show(project.raw / (twin.raw or ''))} "
                f"(source {twin.id}); kept as one source, remove one of the two files")
            _record_duplicate(project, path.name, digest)
            filled = _fill_unknown(twin, article)
            if write_atomic(filled.path, format_source(filled)) and filled.id not in report.written:
                report.written.append(filled.id)
            existing[filled.raw or ""] = filled
            known.put(filled)
            continue
        source = _merge(old, article, path, digest, project, taken)
        taken.add(source.id)
        existing[path.name] = source
        known.put(source)
        write_atomic(source.path, format_source(source))
        report.written.append(source.id)
    _date_from_story(project, existing, report)
    return report


def _date_from_story(project: Project, sources: dict[str, Source], report: IngestReport) -> None:
    """An undated source whose dateline names a day without its year ("SEOUL, June 20
    (Yonhap) --") takes the year that puts that day nearest the story's other articles."""
    dated = [s.date for s in sources.values() if s.date]
    for raw_name, source in sorted(sources.items()):
        if source.date is not None:
            continue
        day = next((found for paragraph in source.body.split("\n\n")[:3]
                    if (found := dateline_day(paragraph.strip()))), None)
        year = story_year(*day, dated) if day else None
        if day is None or year is None:
            continue
        source = replace(source, date=f"{year}-{day[0]:02d}-{day[1]:02d}")
        sources[raw_name] = source
        write_atomic(source.path, format_source(source))
        if source.id not in report.written:
            report.written.append(source.id)
        report.warnings.append(
            f"{project.show(source.path)}: dated {source.date}: its dateline gives the day, the "
            f"story's other articles the year; set its date if that is wrong")


def _merge(old: Source | None, article: CleanArticle, path: Path, digest: str,
           project: Project, taken: set[str]) -> Source:
    if old is None:
        source_id = make_id(path.stem, article, taken)
        return Source(id=source_id, raw=path.name, title=article.title, publisher=article.publisher,
                      date=article.date, url=article.url, body=article.body,
                      path=project.sources / f"{source_id}.md", raw_sha256=digest)
    return replace(
        old,
        title=old.title if old.title is not None else article.title,
        publisher=old.publisher if old.publisher is not None else article.publisher,
        date=old.date if old.date is not None else article.date,
        url=old.url if old.url is not None else article.url,
        body=article.body,
        raw_sha256=digest,
    )


def same_article(article: CleanArticle, sources: list[Source]) -> Source | None:
    """The source that ``article`` is another copy of: the same page address, or the same
    (or near-identical) text with no publisher, date or address that tells them apart. Wire
    copies run by two publishers differ in publisher, so they stay two sources. The first such
    source in ``sources`` order."""
    known = KnownArticles()
    for source in sources:
        known.put(source)
    return known.twin(article)


class KnownArticles:
    """The sources a new article may repeat, indexed so that finding its twin looks only at
    sources with the same address or with metadata that does not tell the two apart (found
    through indexes of the metadata values), not at every source: ingesting N articles costs
    about N look-ups, not N². The answer is :func:`same_article`'s definition, exactly."""

    def __init__(self) -> None:
        self._order: dict[str, int] = {}  # raw file name → position (first put)
        self._sources: list[Source | None] = []
        self._body_keys: dict[int, str] = {}
        self._urls: dict[str, set[int]] = {}  # bare address → positions
        self._fields = {name: _FieldIndex() for name in ("publisher", "date")}

    def put(self, source: Source) -> None:
        """Add ``source``, or replace the one with the same raw file name (keeping its place)."""
        name = source.raw or f"<no raw file {len(self._sources)}>"
        position = self._order.setdefault(name, len(self._sources))
        if position == len(self._sources):
            self._sources.append(None)
        self._drop(position)
        self._sources[position] = source
        if source.url:
            self._urls.setdefault(_bare_url(source.url), set()).add(position)
        for field_name, index in self._fields.items():
            index.add(getattr(source, field_name), position)

    def _drop(self, position: int) -> None:
        old = self._sources[position]
        if old is None:
            return
        self._body_keys.pop(position, None)
        if old.url:
            self._urls[_bare_url(old.url)].discard(position)
        for field_name, index in self._fields.items():
            index.remove(getattr(old, field_name), position)

    def twin(self, article: CleanArticle, exclude_raw: str | None = None) -> Source | None:
        """The first source (in the order put) that ``article`` repeats; ``exclude_raw``: the
        raw file the article is read from (its own earlier version is no twin)."""
        excluded = self._order.get(exclude_raw) if exclude_raw is not None else None
        same_url = set(self._urls.get(_bare_url(article.url), ())) if article.url else set()
        compatible: set[int] | None = None  # None: every position
        for field_name, index in self._fields.items():
            value = getattr(article, field_name)
            if value is not None:
                found = index.compatible(value)
                compatible = found if compatible is None else compatible & found
        if compatible is None:
            compatible = set(range(len(self._sources)))
        body_key: str | None = None
        for position in sorted(same_url | compatible):
            source = self._sources[position]
            if source is None or position == excluded:
                continue
            if article.url and source.url and _same_url(article.url, source.url):
                return source
            if position not in compatible or any(_differ(mine, theirs) for mine, theirs in (
                    (article.publisher, source.publisher), (article.date, source.date),
                    (article.url, source.url))):
                continue  # the indexes only narrow the search; this is the definition
            body_key = comparison_key(article.body) if body_key is None else body_key
            other_key = self._body_key(position, source)
            shorter, longer = sorted((len(body_key), len(other_key)))
            if body_key == other_key or (
                shorter >= 0.9 * longer
                and fuzz.ratio(body_key, other_key, score_cutoff=SAME_ARTICLE_SIMILARITY)
            ):
                return source
        return None

    def _body_key(self, position: int, source: Source) -> str:
        key = self._body_keys.get(position)
        if key is None:
            key = self._body_keys[position] = comparison_key(source.body)
        return key


class _FieldIndex:
    """Positions by one metadata field, answering "which sources does this value not tell
    apart" (:func:`_differ`: unknown, or one value contained in the other) without a scan:
    every substring of every distinct value is indexed, and values are short (a publisher, a
    date)."""

    def __init__(self) -> None:
        self.unknown: set[int] = set()
        self.by_value: dict[str, set[int]] = {}  # normalised value → positions
        self.containing: dict[str, set[str]] = {}  # substring → normalised values containing it

    def add(self, value: str | None, position: int) -> None:
        if value is None:
            self.unknown.add(position)
            return
        key = _differ_key(value)
        if key not in self.by_value:
            for part in _substrings(key):
                self.containing.setdefault(part, set()).add(key)
        self.by_value.setdefault(key, set()).add(position)

    def remove(self, value: str | None, position: int) -> None:
        if value is None:
            self.unknown.discard(position)
        else:
            self.by_value[_differ_key(value)].discard(position)

    def compatible(self, value: str) -> set[int]:
        """Positions whose value is unknown, or contains or is contained in ``value``."""
        key = _differ_key(value)
        values = {part for part in _substrings(key) if part in self.by_value}
        values |= self.containing.get(key, set())
        found = set(self.unknown)
        for other in values:
            found |= self.by_value[other]
        return found


def _substrings(text: str) -> set[str]:
    return {text[i:j] for i in range(len(text) + 1) for j in range(i, len(text) + 1)}


def _bare_url(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?|[?#].*$|/+$", "", url.lower())


def _same_url(first: str, second: str) -> bool:
    return _bare_url(first) == _bare_url(second)


def _differ_key(value: str) -> str:
    return re.sub(r"^the ", "", comparison_key(value))


def _differ(mine: str | None, theirs: str | None) -> bool:
    """Both known and not the same (ignoring case, punctuation and a "The")."""
    if mine is None or theirs is None:
        return False
    a, b = _differ_key(mine), _differ_key(theirs)
    return a not in b and b not in a


def _fill_unknown(source: Source, article: CleanArticle) -> Source:
    """Front-matter fields still unknown (null) are filled from another copy of the article."""
    return replace(
        source,
        title=source.title if source.title is not None else article.title,
        publisher=source.publisher if source.publisher is not None else article.publisher,
        date=source.date if source.date is not None else article.date,
        url=source.url if source.url is not None else article.url,
    )


def _duplicates_file(project: Project) -> Path:
    return project.cache / "duplicate-raw-files.json"


def known_duplicates(project: Project) -> dict[str, str]:
    """Raw files last found to repeat another source's article: name → sha256 of their bytes."""
    try:
        recorded = json.loads(_duplicates_file(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def _record_duplicate(project: Project, raw_name: str, digest: str) -> None:
    """Remembered so that build does not re-read a known copy every time (``ingest`` does)."""
    recorded = known_duplicates(project)
    recorded[raw_name] = digest
    write_atomic(_duplicates_file(project), json.dumps(recorded, indent=1, sort_keys=True) + "\n")
