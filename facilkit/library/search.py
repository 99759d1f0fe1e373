"""Filter the library: substring search over name, tags, summary and id, plus facets.

A query's words (casefolded, split on whitespace) must each be found, as a
substring, in a method's name, tags, summary (any language) or id. Matches are
ranked in three tiers: every word in the name, then every word in the name or
the tags, then the rest; each tier keeps the library's (alphabetical) order.
Fuzzy matching is deliberately avoided: it is slow and explodes on long texts.

Each field's casefolded text is built once. Until the word index
(``search_index.py``) is built, a word is found by scanning those texts in one C
loop; once it is (``prepare``, in a worker after the library has loaded), by
the index. Both give the same answer, a set of methods as a bitset, and what a
word found is remembered, so typing on, backspacing and typing again each cost
at most one lookup per new word. Words, fields, tiers and the facets combine
as bitsets (see ``search_index.py``).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import eq
from typing import NamedTuple

from facilkit.library.model import Entry, Text
from facilkit.library.search_index import FieldIndex, bits_where, pick, scan

_PROCESSES_SHOWN = {
    "open": ("open", "both"),
    "close": ("close", "both"),
    "both": ("both",),
    "none": ("none",),
}
"""A method that both opens and closes serves either; "neither" means neither."""
COLUMN_BLOCK = 256
"""Methods whose search texts are built in one step of :meth:`SearchIndex.preparing`."""
MEMO_WORDS = 128
"""Words whose methods are remembered (each costs three bitsets: 3.8 KB at 10,000 methods)."""


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


class _Columns:
    """What the search reads of every method, in listing order: built once."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.tags: list[str] = []
        self.rests: list[str] = []
        """The id (as written) and the summary in every language."""
        self.categories: list[str] = []
        self.processes: list[str] = []
        self.least_minutes: list[int] = []
        self.fewest: list[int] = []
        self.most: list[float] = []

    @classmethod
    def of(cls, entries: list[Entry]) -> _Columns:
        columns = cls()
        deque(columns.filled(entries), 0)
        return columns

    def filled(self, entries: list[Entry]) -> Iterator[None]:
        """Add ``entries``' columns a block of methods per step."""
        for start in range(0, len(entries), COLUMN_BLOCK):
            heads = [entry.head for entry in entries[start : start + COLUMN_BLOCK]]
            self.names += [_all_languages(head.name).casefold() for head in heads]
            self.tags += [" ".join(head.tags).casefold() for head in heads]
            self.rests += [f"{head.id} {_all_languages(head.summary).casefold()}" for head in heads]
            self.categories += [head.category for head in heads]
            self.processes += [head.process for head in heads]
            self.least_minutes += [head.duration.min for head in heads]
            self.fewest += [head.group_size.min for head in heads]
            self.most += [
                math.inf if head.group_size.max is None else float(head.group_size.max)
                for head in heads
            ]
            yield


class WordHits(NamedTuple):
    """The methods (bitsets) whose name, tags, or other text (id, summary) hold a word."""

    name: int
    tags: int
    rest: int


class _WordIndex(NamedTuple):
    name: FieldIndex
    tags: FieldIndex
    rest: FieldIndex


class SearchIndex:
    """The library's entries in listing order, with what the search reads of them."""

    def __init__(
        self, entries: Iterable[Entry], sort_lang: str | None = None, prepare: bool = True
    ) -> None:
        """``prepare=False`` leaves the word index for :meth:`prepare` (a worker); searches
        made before it is built scan the texts instead."""
        self.entries = list(entries)
        if sort_lang is not None:  # people look for names, so the UI lists them alphabetically
            self.entries.sort(key=lambda entry: entry.head.name_in(sort_lang).casefold())
        self._columns: _Columns | None = None
        self._words: _WordIndex | None = None
        self._memo: dict[str, WordHits] = {}
        self._facets: dict[tuple[str, str | int], int] = {}
        if prepare:
            self.prepare()

    @property
    def indexed(self) -> bool:
        """True once the word index is built (until then a search scans the texts)."""
        return self._words is not None

    def columns(self) -> _Columns:
        """Each method's search texts and facets; built once."""
        if self._columns is None:
            self._columns = _Columns.of(self.entries)
        return self._columns

    def prepare(self) -> None:
        """Build the word index once."""
        deque(self.preparing(), 0)

    def preparing(self) -> Iterator[None]:
        """:meth:`prepare` in short steps (a millisecond or two each at 10,000 methods).

        The app runs them on its event loop, giving way to keys and frames
        between steps: built in a worker thread, the index shared the one GIL
        with the screen, which then drew each key's frame at half speed.
        Searches made before the last step scan the texts.
        """
        if self._columns is None:
            columns = _Columns()
            yield from columns.filled(self.entries)
            if self._columns is None:  # a search between two steps may have built them
                self._columns = columns
        columns = self._columns
        if self._words is None:
            name = yield from FieldIndex.in_steps(columns.names)
            tags = yield from FieldIndex.in_steps(columns.tags)
            rest = yield from FieldIndex.in_steps(columns.rests)
            if self._words is None:
                self._words = _WordIndex(name, tags, rest)

    def categories(self) -> list[str]:
        return sorted({entry.head.category for entry in self.entries})

    def filter(self, filters: Filters) -> list[Entry]:
        """Entries matching every filter: best match first when searching, else library order."""
        words = filters.query.casefold().split()
        facets = self._facet_bits(filters)
        if not words:
            return list(self.entries) if facets is None else pick(self.entries, facets)
        by_name = by_tags = anywhere = -1  # every method, until a word narrows them
        for word in words:
            hits = self.word_hits(word)
            either = hits.name | hits.tags
            by_name &= hits.name
            by_tags &= either
            anywhere &= either | hits.rest
        if facets is not None:
            by_name, by_tags, anywhere = by_name & facets, by_tags & facets, anywhere & facets
        return [
            *pick(self.entries, by_name),
            *pick(self.entries, by_tags & ~by_name),
            *pick(self.entries, anywhere & ~by_tags),
        ]

    def word_hits(self, word: str) -> WordHits:
        """The methods holding ``word`` in each field: from the index, else a scan; remembered."""
        hits = self._memo.get(word)
        if hits is not None:
            return hits
        index = self._words
        if index is not None:
            hits = WordHits(index.name.bits(word), index.tags.bits(word), index.rest.bits(word))
        else:
            columns = self.columns()
            hits = WordHits(
                scan(columns.names, word), scan(columns.tags, word), scan(columns.rests, word)
            )
        if len(self._memo) >= MEMO_WORDS:
            del self._memo[next(iter(self._memo))]  # the oldest
        self._memo[word] = hits
        return hits

    def _facet_bits(self, filters: Filters) -> int | None:
        """The methods the facets let through, as a bitset; None when no facet is set.

        Each facet's bitset is one or two C loops over every method, remembered by value.
        """
        wanted: list[tuple[str, str | int]] = []
        if filters.category:
            wanted.append(("category", filters.category))
        if filters.process:
            wanted.append(("process", filters.process))
        if filters.fits_minutes is not None:
            wanted.append(("fits", filters.fits_minutes))
        if filters.participants is not None:
            wanted.append(("participants", filters.participants))
        if not wanted:
            return None
        allowed = -1
        for facet in wanted:
            bits = self._facets.get(facet)
            if bits is None:
                bits = self._facets[facet] = _facet(self.columns(), *facet)
            allowed &= bits
        return allowed


def _facet(columns: _Columns, kind: str, value: str | int) -> int:
    """The methods one facet lets through."""
    if isinstance(value, str):
        if kind == "category":
            return bits_where(map(eq, columns.categories, repeat(value)))
        shown = _PROCESSES_SHOWN[value]  # the process filter
        return bits_where(map(shown.__contains__, columns.processes))
    if kind == "fits":  # the method's least minutes fit in the time there is
        return bits_where(map(int.__le__, columns.least_minutes, repeat(value)))
    # participants: within the method's group size (no maximum: any number above the least)
    fewest = bits_where(map(int.__le__, columns.fewest, repeat(value)))
    return fewest & bits_where(map(float.__ge__, columns.most, repeat(float(value))))
