"""Syndication: find articles that are copies or rewrites of one underlying story, and group them.

Two measures, both over cleaned bodies (never names or credits):

- *shared wording*: the share of the shorter article's 5-word sequences (shingles) that also
  occur in the other article. Wire copies, however trimmed or lightly edited, share most of them.
- *aligned sentences*: the share of the shorter article's sentences that have a counterpart in
  the other, in the same order, with most content words in common. A paraphrased rewrite keeps
  the original's sentences and their order while changing most 5-word sequences.

Comparing all pairs of whole texts would not scale, so candidate pairs come from an inverted
index of cheap features (a sample of the shingles and adjacent content-word pairs); only the
best candidates of each article are measured. Pairs over a threshold are joined by union-find.
"""

from __future__ import annotations

import hashlib
import heapq
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

from rapidfuzz import fuzz, process

from generator.analysis.passages import Sentence, content_words, sentences, words
from generator.sources import Source

SHINGLE_WORDS = 5
# Share of shingles above which two articles are copies of one text. Measured: wire copies in
# the seeds share 0.45–0.72 of the shorter one's shingles, rewrites and independent reports of
# the same event at most 0.17 (the constructed pairs in tests/test_analysis.py agree).
COPY_SHARED_WORDING = 0.30
# Share of in-order matching sentences above which one article rewrites the other. Measured:
# the seeds' paraphrased rewrite pair aligns 0.81, articles that only reuse some background
# paragraphs of another 0.50–0.56; independent reports of one event stay lower still.
REWRITE_ALIGNED_SENTENCES = 0.70
# Two sentences are counterparts when this share (0–100) of the shorter one's content words,
# as rapidfuzz's token-set ratio measures it, is shared.
SENTENCE_MATCH = 60
MIN_SENTENCE_WORDS = 4
# Pre-filter: 1 in SHINGLE_SAMPLE shingles (chosen by hash, so the same in every article) is
# indexed; features found in more than MAX_FEATURE_ARTICLES articles are too common to tell
# copies apart and are skipped (a fixed number, not a share of the corpus, so the work stays
# linear: on 1,000 synthetic articles a share of a quarter found the same 181 true copy pairs
# and 117 more false ones); each article keeps its CANDIDATES_PER_ARTICLE best peers.
SHINGLE_SAMPLE = 4
MAX_FEATURE_ARTICLES = 64
CANDIDATES_PER_ARTICLE = 12
MIN_SHARED_FEATURES = 3


@dataclass(frozen=True)
class ArticleProfile:
    """What the comparison needs of one article. Hashes are kept as sorted arrays of distinct
    64-bit values (8 bytes each; a set of Python ints takes ten times that, and 10,000 articles
    hold millions of them)."""

    id: str
    shingles: array[int]
    features: array[int]
    sentence_words: tuple[str, ...]


def hash_array(values: Iterable[int]) -> array[int]:
    return array("Q", sorted(set(values)))


@dataclass(frozen=True)
class Link:
    """Two articles measured as copies (``shared_wording``) or a rewrite (``aligned``)."""

    a: str
    b: str
    shared_wording: float
    aligned_sentences: float


@dataclass(frozen=True)
class Group:
    """Articles that count as one independent source. ``status: reviewed`` groups are editors'."""

    id: str
    members: tuple[str, ...]
    status: str = "extracted"
    links: tuple[Link, ...] = ()


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def profile(source: Source, split: Sequence[Sentence] | None = None) -> ArticleProfile:
    """``split``: the source's sentences when the caller has them already."""
    all_words = words(source.body)
    shingles = frozenset(
        _hash(" ".join(all_words[i : i + SHINGLE_WORDS]))
        for i in range(max(len(all_words) - SHINGLE_WORDS + 1, 0))
    )
    content = content_words(source.body)
    pairs = {_hash(f"{x}+{y}") for x, y in pairwise(content)}
    sampled = {h for h in shingles if h % SHINGLE_SAMPLE == 0}
    sentence_words = tuple(
        " ".join(content_words(s.text)) for s in (sentences(source) if split is None else split)
        if len(s.tokens) >= MIN_SENTENCE_WORDS
    )
    return ArticleProfile(source.id, hash_array(shingles), hash_array(sampled | pairs),
                          sentence_words)


def candidate_pairs(features: Sequence[Iterable[int]]) -> list[tuple[int, int]]:
    """Pairs of article indexes worth measuring, found without comparing whole texts: each
    article's best peers by the number of (rare enough) ``features`` (distinct, per article)
    they share. The work is the sum, over each article's features, of the articles sharing
    that feature, at most ``MAX_FEATURE_ARTICLES`` each: linear in the number of articles."""
    postings: dict[int, list[int]] = defaultdict(list)
    for index, found in enumerate(features):
        for feature in found:
            postings[feature].append(index)
    chosen = set()
    for index, found in enumerate(features):
        shared = Counter(chain.from_iterable(
            members for feature in found
            if 1 < len(members := postings[feature]) <= MAX_FEATURE_ARTICLES))
        del shared[index]
        peers = [(-count, other) for other, count in shared.items()
                 if count >= MIN_SHARED_FEATURES]
        for _, other in heapq.nsmallest(CANDIDATES_PER_ARTICLE, peers):
            chosen.add((min(index, other), max(index, other)))
    return sorted(chosen)


def aligned_share(a: Sequence[str], b: Sequence[str], needed: float | None = None) -> float:
    """Share of the shorter list's sentences matched in order (longest common subsequence).

    ``needed``: the caller only asks whether the share reaches it (rounded to 2 places), so the
    work stops once even matching every remaining sentence could not reach it, returning that
    upper bound (below ``needed``).
    """
    if not a or not b:
        return 0.0
    if len(b) < len(a):  # matching is symmetric: walk the shorter list, stop early on it
        a, b = b, a
    row = [0] * (len(b) + 1)  # longest common subsequence of a[:done] and b[:j]
    for done, x in enumerate(a, start=1):
        # Which sentences of ``b`` this one matches, in one C call.
        hits = {hit[2] for hit in process.extract(x, b, scorer=fuzz.token_set_ratio,
                                                  score_cutoff=SENTENCE_MATCH, limit=None)}
        previous_diagonal = 0
        for j in range(1, len(b) + 1):
            above = row[j]
            if j - 1 in hits:
                row[j] = previous_diagonal + 1
            else:
                row[j] = max(above, row[j - 1])
            previous_diagonal = above
        best_possible = (row[-1] + len(a) - done) / len(a)
        if needed is not None and round(best_possible, 2) < needed:
            return best_possible
    return row[-1] / len(a)


def measure(a: ArticleProfile, b: ArticleProfile) -> Link:
    """The two measures of a pair; ``aligned_sentences`` is worked out only as far as deciding
    whether it reaches the rewrite threshold (a pair that does not is never shown)."""
    smaller = min(len(a.shingles), len(b.shingles)) or 1
    shared = len(set(a.shingles).intersection(b.shingles)) / smaller
    # Shown as evidence when the pair is syndicated by its wording (rounded) alone.
    copy = round(shared, 2) >= COPY_SHARED_WORDING
    aligned = 0.0 if shared >= COPY_SHARED_WORDING else aligned_share(
        a.sentence_words, b.sentence_words, None if copy else REWRITE_ALIGNED_SENTENCES)
    return Link(a.id, b.id, round(shared, 2), round(aligned, 2))


def is_syndicated(link: Link) -> bool:
    return (link.shared_wording >= COPY_SHARED_WORDING
            or link.aligned_sentences >= REWRITE_ALIGNED_SENTENCES)


def find_links(sources: Sequence[Source]) -> list[Link]:
    """Every measured pair of syndicated articles, in a stable order."""
    profiles = [profile(s) for s in sorted(sources, key=lambda s: s.id)]
    measured = (measure(profiles[i], profiles[j])
                for i, j in candidate_pairs([p.features for p in profiles]))
    return [link for link in measured if is_syndicated(link)]


def group_sources(source_ids: Iterable[str], links: Iterable[Link],
                  reviewed: Iterable[Group] = ()) -> list[Group]:
    """Union-find over ``links``; ``reviewed`` groups are kept as editors set them, and their
    members are left out of every other group. Every source ends up in exactly one group."""
    fixed = list(reviewed)
    taken = {member for group in fixed for member in group.members}
    parent = {sid: sid for sid in source_ids if sid not in taken}

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    kept_links: dict[str, list[Link]] = defaultdict(list)
    usable = [link for link in links if link.a in parent and link.b in parent]
    for link in usable:
        first, second = sorted((root(link.a), root(link.b)))
        parent[second] = first
    for link in usable:
        kept_links[root(link.a)].append(link)
    members: dict[str, list[str]] = defaultdict(list)
    for sid in parent:
        members[root(sid)].append(sid)
    fresh = [
        Group(id=group_id(sorted(ids)), members=tuple(sorted(ids)),
              links=tuple(sorted(kept_links[top], key=lambda k: (k.a, k.b))))
        for top, ids in members.items()
    ]
    return sorted([*fixed, *fresh], key=lambda g: g.members)


def group_id(members: Sequence[str]) -> str:
    """Named after its first member, so ids stay put while other members come and go."""
    return f"story-{members[0]}"[:100]


def group_of(groups: Iterable[Group]) -> dict[str, str]:
    """Source id → id of the group it belongs to."""
    return {member: group.id for group in groups for member in group.members}
