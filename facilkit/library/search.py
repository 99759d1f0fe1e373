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

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self.haystacks = [
            " ".join(
                (
                    entry.id,
                    _all_languages(entry.method.name),
                    _all_languages(entry.method.summary),
                    " ".join(entry.method.tags),
                )
            ).casefold()
            for entry in self.entries
        ]

    def categories(self) -> list[str]:
        return sorted({entry.method.category for entry in self.entries})

    def filter(self, filters: Filters) -> list[Entry]:
        """Entries matching every filter, in library order."""
        words = filters.query.casefold().split()
        result = []
        for entry, haystack in zip(self.entries, self.haystacks, strict=True):
            if words and not all(word in haystack for word in words):
                continue
            method = entry.method
            if filters.category and method.category != filters.category:
                continue
            if filters.process and method.process not in (filters.process, "both"):
                continue
            if filters.fits_minutes is not None and method.duration.min > filters.fits_minutes:
                continue
            if filters.participants is not None and not method.group_size.suits(
                filters.participants
            ):
                continue
            result.append(entry)
        return result
