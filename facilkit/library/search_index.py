"""The library's word index: a keystroke's search without reading every method's text.

A search word (casefolded, no whitespace) is in a field exactly when it is part
of one of the field's whitespace-separated tokens. Most of a field's text is
made of common tokens (at 10,000 synthetic methods, 46 distinct tokens make up
nearly all of the summaries): each common token keeps the set of methods that
hold it, as a bitset, and a word is looked up by testing it against those few
strings and OR-ing their bitsets. What is left of each method's field, its rare
tokens (the id, a number, an unusual word), is kept as text, a line per method
and one text per 64 methods, so a word found in none of them skips 64 at once.
Both parts are exact: the answer is the plain substring scan's, with nothing
checked again in the full texts.

Methods are bit positions in a Python integer, in the library's (listing)
order, method 0 in the highest bit; combining words, fields, tiers and filters
is ``&`` and ``|`` on integers, in C. The answer leaves the integer through its
binary digits (``compress(entries, flags)``), again in C, so a ranked list
keeps the listing order within each tier with no sort.

The build runs C loops (``map``, ``chain``, ``Counter``) a block of methods at a
time: no Python loop per method and token. It can be built a block per step
(:meth:`FieldIndex.in_steps`): the app builds it on its event loop, giving way
to keys and frames between steps (see ``SearchIndex.preparing``).
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from functools import reduce
from itertools import chain, compress, repeat
from operator import contains, or_
from typing import TypeVar

T = TypeVar("T")

COMMON_SHARE = 64
"""A token held by at least 1/64 of the methods keeps a bitset (n/8 bytes: the break-even
against the rare-token text of those methods)."""
SAMPLE_EVERY = 8
"""Common tokens are counted in every 8th method of a large library (any choice is exact)."""
BLOCK = 64
"""Methods whose rare tokens share one text: a word found in none of a block skips all 64,
and the build tokenizes a block at a time (a worker gives way to the screen between)."""

_TO_ASCII = bytes.maketrans(b"\x00\x01", b"01")
_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


def bits_of_flags(flags: bytes | bytearray) -> int:
    """A bitset from one byte per method (0 or 1), method 0 in the highest bit."""
    return int(flags.translate(_TO_ASCII), 2) if flags else 0


def flags_of_bits(bits: int, count: int) -> bytes:
    """One byte per method (0 or 1) from a bitset; the inverse of :func:`bits_of_flags`."""
    return format(bits, f"0{count}b").encode("ascii").translate(_TO_FLAGS) if count else b""


def bits_where(values: Iterable[bool]) -> int:
    """A bitset of the positions where ``values`` is true (one C loop)."""
    return bits_of_flags(bytes(values))


def pick(entries: Sequence[T], bits: int) -> list[T]:
    """The entries at the positions set in ``bits``, in their order."""
    if not bits:
        return []
    return list(compress(entries, flags_of_bits(bits, len(entries))))


def scan(texts: Sequence[str], word: str) -> int:
    """The texts holding ``word``: the plain substring test, one C loop over every text."""
    return bits_where(map(contains, texts, repeat(word)))


class FieldIndex:
    """One field of every method: its common tokens with bitsets, and its rare tokens as text.

    A common token's bitset holds the methods whose field holds that token; the
    rare tokens of every 64 methods are one text, a line per method. A word is in
    a method's field exactly when it is part of a common token the method holds,
    or part of one of the method's rare tokens; which tokens count as common only
    decides speed, never the answer.
    """

    def __init__(self, texts: Sequence[str], common_share: int = COMMON_SHARE) -> None:
        """``texts``: the field of each method, casefolded, in listing order."""
        deque(self._build(texts, common_share), 0)

    @classmethod
    def in_steps(
        cls, texts: Sequence[str], common_share: int = COMMON_SHARE
    ) -> Generator[None, None, FieldIndex]:
        """Build it a block of methods per step (see :meth:`SearchIndex.preparing`)."""
        index = cls.__new__(cls)
        yield from index._build(texts, common_share)
        return index

    def _build(self, texts: Sequence[str], common_share: int) -> Iterator[None]:
        count = len(texts)
        sample = texts[::SAMPLE_EVERY] if count >= SAMPLE_EVERY * common_share else texts
        held_by: Counter[str] = Counter()
        for start in range(0, len(sample), BLOCK):
            held_by.update(
                chain.from_iterable(map(set, map(str.split, sample[start : start + BLOCK])))
            )
            yield
        least = max(1, -(-len(sample) // common_share))
        common = {token for token, methods in held_by.items() if methods >= least}
        where: defaultdict[str, list[int]] = defaultdict(list)
        self.block_starts: list[int] = []
        self.blocks: list[str] = []
        """The rare tokens of each block of methods (a line each); blocks with none are left out."""
        for start in range(0, count, BLOCK):
            tokens = list(map(set, map(str.split, texts[start : start + BLOCK])))
            commons = list(map(common.intersection, tokens))
            positions = chain.from_iterable(
                map(repeat, range(start, start + len(tokens)), map(len, commons))
            )
            lists = map(where.__getitem__, chain.from_iterable(commons))
            deque(map(list.append, lists, positions), 0)
            block = "\n".join(map(" ".join, map(set.difference, tokens, repeat(common))))
            if not block.isspace() and block:
                self.block_starts.append(start)
                self.blocks.append(block)
            yield
        self.count = count
        self.common = list(where)
        self.common_bits = []
        for found in where.values():
            self.common_bits.append(_bits_at(found, count))
            yield

    def bits(self, word: str) -> int:
        """The methods whose field holds ``word``."""
        held = compress(self.common_bits, map(contains, self.common, repeat(word)))
        found: int = reduce(or_, held, 0)
        in_blocks = map(contains, self.blocks, repeat(word))
        flags: bytearray | None = None
        for start, block in compress(zip(self.block_starts, self.blocks, strict=True), in_blocks):
            if flags is None:
                flags = bytearray(self.count)
            lines = block.split("\n")
            flags[start : start + len(lines)] = bytes(map(contains, lines, repeat(word)))
        return found if flags is None else found | bits_of_flags(flags)


def _bits_at(positions: list[int], count: int) -> int:
    flags = bytearray(count)
    deque(map(flags.__setitem__, positions, repeat(1)), 0)
    return bits_of_flags(flags)
