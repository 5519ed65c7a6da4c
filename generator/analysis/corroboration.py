"""Corroboration: how many articles report a fact, and how many independent groups they form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Corroboration:
    articles: int
    independent: int

    def as_data(self) -> dict[str, int]:
        return {"articles": self.articles, "independent": self.independent}


def corroboration(source_ids: Iterable[str], group_of: Mapping[str, str]) -> Corroboration:
    """Counts for a fact cited by ``source_ids``; a source in no group stands alone."""
    articles = set(source_ids)
    return Corroboration(len(articles), len({group_of.get(s, s) for s in articles}))
