"""The library search as shipped before the word index (main at 5897eaa), kept only to be
measured against it in ``bench_search.py``: a narrowing scan over each method's search text.

Its meaning is the search's meaning (tests/test_search.py states it plainly); only its
speed is of interest here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, contains, gt, not_, or_

from facilkit.library.model import Entry
from facilkit.library.search import _PROCESSES_SHOWN, Filters, _all_languages


class ScanSearch:
    """The library's entries with their search text prepared once (as shipped)."""

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
        self._last = _Matches([], [], [], [])
        """The last query's matches, to narrow when the next query extends it."""
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
            candidates = [self.entries[i] for i in _ranked(self._text_matches(words), words)]
        if filters == Filters(query=filters.query):
            return list(candidates)
        return [entry for entry in candidates if _facets_match(entry, filters)]

    def _text_matches(self, words: list[str]) -> _Matches:
        """The entries containing every word, with their names and tags for ranking.

        Narrows the last result when the query only extends it (the user typed on).
        """
        last = self._last
        extends = bool(last.words) and len(words) >= len(last.words)
        extends = extends and all(old in new for old, new in zip(last.words, words, strict=False))
        if extends:
            everything = self.prepare()
            hits, names, tags = last.hits, last.names, last.tags
            haystacks = list(map(everything.__getitem__, hits))
            known = set(last.words)  # every last hit contains these already
        else:
            haystacks = self.prepare()
            hits, names, tags = list(range(len(haystacks))), self._names, self._tags
            known = set()
        for word in (word for word in words if word not in known):
            # the inner test stays a bare `in`; compress keeps the rest in C
            keep = [word in haystack for haystack in haystacks]
            hits, haystacks = list(compress(hits, keep)), list(compress(haystacks, keep))
            names, tags = list(compress(names, keep)), list(compress(tags, keep))
        self._last = _Matches(words, hits, names, tags)
        return self._last


@dataclass(frozen=True)
class _Matches:
    """A query's words, the indexes of the entries they matched, and those entries' lowercased
    names and tags (in the same order), kept to narrow and to rank the next keystroke's."""

    words: list[str]
    hits: list[int]
    names: list[str]
    tags: list[str]


def _ranked(matches: _Matches, words: list[str]) -> list[int]:
    """The hits in three tiers: every word in the name, then every word in the name or the
    tags, then the rest (found in the summary or id); each tier keeps the library's order.

    Every step is a C loop (map, compress) over lists already narrowed with the
    hits, so ranking costs about as much as one more searched word.
    """
    by_name: list[bool] | None = None
    by_tags: list[bool] | None = None
    for word in words:
        name_has = list(map(contains, matches.names, repeat(word)))
        either = list(map(or_, name_has, map(contains, matches.tags, repeat(word))))
        by_name = name_has if by_name is None else list(map(and_, by_name, name_has))
        by_tags = either if by_tags is None else list(map(and_, by_tags, either))
    if by_name is None or by_tags is None:  # no words: nothing to rank by
        return matches.hits
    hits = matches.hits
    return [
        *compress(hits, by_name),
        *compress(hits, map(gt, by_tags, by_name)),  # in the tags, not all in the name
        *compress(hits, map(not_, by_tags)),
    ]


def _facets_match(entry: Entry, filters: Filters) -> bool:
    method = entry.head
    if filters.category and method.category != filters.category:
        return False
    if filters.process and method.process not in _PROCESSES_SHOWN[filters.process]:
        return False
    if filters.fits_minutes is not None and method.duration.min > filters.fits_minutes:
        return False
    return filters.participants is None or method.group_size.suits(filters.participants)
