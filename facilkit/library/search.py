"""Filter the library: substring search over name, summary and tags, plus facets.

Each entry's searchable text is lowercased once and kept, so a keystroke
costs one substring test per method (a few milliseconds at 10,000). When the
new query only extends the last one (the user typed on), only the last matches
are tested again. Fuzzy matching is deliberately avoided: it is slow and
explodes on long texts. Matches are ranked: a word found in the name counts
more than one in the tags, which counts more than one in the summary; equal
ranks keep the library's (alphabetical) order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress

from facilkit.library.model import Entry, Text

_PROCESSES_SHOWN = {
    "open": ("open", "both"),
    "close": ("close", "both"),
    "both": ("both",),
    "none": ("none",),
}
"""A method that both opens and closes serves either; "neither" means neither."""


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

    def __init__(
        self, entries: Iterable[Entry], sort_lang: str | None = None, prepare: bool = True
    ) -> None:
        """``prepare=False`` leaves the search text for :meth:`prepare` (or the first search)."""
        self.entries = list(entries)
        if sort_lang is not None:  # people look for names, so the UI lists them alphabetically
            self.entries.sort(key=lambda entry: entry.head.name_in(sort_lang).casefold())
        self._haystacks: list[str] | None = None
        self._names: list[str] = []
        self._tags: list[str] = []
        """Lowercased names and tags alone, to rank the matches."""
        self._last: tuple[list[str], list[int]] = ([], [])
        """The last query's words and the indexes they matched."""
        if prepare:
            self.prepare()

    def prepare(self) -> list[str]:
        """Each entry's search text, lowercased; built once, safe to call from a worker thread."""
        if self._haystacks is None:
            names = [_all_languages(entry.head.name).casefold() for entry in self.entries]
            tags = [" ".join(entry.head.tags).casefold() for entry in self.entries]
            self._names, self._tags = names, tags
            self._haystacks = [
                " ".join((entry.id, name, _all_languages(entry.head.summary).casefold(), tag))
                for entry, name, tag in zip(self.entries, names, tags, strict=True)
            ]
        return self._haystacks

    def categories(self) -> list[str]:
        return sorted({entry.head.category for entry in self.entries})

    def filter(self, filters: Filters) -> list[Entry]:
        """Entries matching every filter: best match first when searching, else library order."""
        words = filters.query.casefold().split()
        candidates = self.entries
        if words:
            hits = self._text_matches(words)
            candidates = [self.entries[i] for i in sorted(hits, key=self._ranker(words))]
        if filters == Filters(query=filters.query):
            return list(candidates)
        return [entry for entry in candidates if _facets_match(entry, filters)]

    def _text_matches(self, words: list[str]) -> list[int]:
        """Indexes of the entries containing every word; narrows the last result when it can."""
        last_words, last_hits = self._last
        extends = bool(last_words) and len(words) >= len(last_words)
        extends = extends and all(old in new for old, new in zip(last_words, words, strict=False))
        if extends:
            everything = self.prepare()
            hits, haystacks = last_hits, [everything[i] for i in last_hits]
            known = set(last_words)  # every last hit contains these already
        else:
            haystacks = self.prepare()
            hits = list(range(len(haystacks)))
            known = set()
        for word in (word for word in words if word not in known):
            # the inner test stays a bare `in`; compress keeps the rest in C
            keep = [word in haystack for haystack in haystacks]
            hits, haystacks = list(compress(hits, keep)), list(compress(haystacks, keep))
        self._last = (words, hits)
        return hits

    def _ranker(self, words: list[str]) -> Callable[[int], int]:
        """How well entry ``i`` matches: per word 0 in the name, 1 in the tags, 2 elsewhere."""
        names, tags = self._names, self._tags

        def rank(i: int) -> int:
            return sum(0 if w in names[i] else 1 if w in tags[i] else 2 for w in words)

        return rank


def _facets_match(entry: Entry, filters: Filters) -> bool:
    method = entry.head
    if filters.category and method.category != filters.category:
        return False
    if filters.process and method.process not in _PROCESSES_SHOWN[filters.process]:
        return False
    if filters.fits_minutes is not None and method.duration.min > filters.fits_minutes:
        return False
    return filters.participants is None or method.group_size.suits(filters.participants)
