"""Filter the library: substring search over name, summary and tags, plus facets.

Each entry's searchable text is lowercased once and kept, so a keystroke
costs one substring test per method (a few milliseconds at 10,000). Fuzzy
matching is deliberately avoided: it is slow and explodes on long texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from facilkit.library.model import Entry, Text


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the list to; None means no limit."""

    query: str = ""
    category: str | None = None
    process: str | None = None
    fits_minutes: int | None = None
    participants: int | None = None


def _all_languages(text: Text | None) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else " ".join(text.values())


class SearchIndex:
    """The library's entries with their search text prepared once."""

    def __init__(self, entries: Iterable[Entry], sort_lang: str | None = None) -> None:
        self.entries = list(entries)
        if sort_lang is not None:  # people look for names, so the UI lists them alphabetically
            self.entries.sort(key=lambda entry: entry.head.name_in(sort_lang).casefold())
        self.haystacks = [
            " ".join(
                (
                    entry.id,
                    _all_languages(entry.head.name),
                    _all_languages(entry.head.summary),
                    " ".join(entry.head.tags),
                )
            ).casefold()
            for entry in self.entries
        ]

    def categories(self) -> list[str]:
        return sorted({entry.head.category for entry in self.entries})

    def filter(self, filters: Filters) -> list[Entry]:
        """Entries matching every filter, in library order."""
        pairs = zip(self.entries, self.haystacks, strict=True)
        words = filters.query.casefold().split()
        if words:
            first, rest = words[0], words[1:]
            candidates = [
                entry
                for entry, haystack in pairs
                if first in haystack and all(word in haystack for word in rest)
            ]
        else:
            candidates = self.entries
        if filters == Filters(query=filters.query):
            return list(candidates)
        return [entry for entry in candidates if _facets_match(entry, filters)]


def _facets_match(entry: Entry, filters: Filters) -> bool:
    method = entry.head
    if filters.category and method.category != filters.category:
        return False
    if filters.process and method.process not in (filters.process, "both"):
        return False
    if filters.fits_minutes is not None and method.duration.min > filters.fits_minutes:
        return False
    return filters.participants is None or method.group_size.suits(filters.participants)
