"""Which characters the bundled fonts can draw, read from their ``cmap`` tables.

Typst draws a character no font has as an empty box and says nothing, and
PDF/A then refuses the file. Reading the fonts' character maps (the 'cmap'
table, formats 4 and 12, which is all TrueType fonts for Unicode use) tells
before typesetting which characters of a plan will not show, so the export can
name them.
"""

from __future__ import annotations

import bisect
import struct
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path


def _cmap_ranges(data: bytes) -> list[tuple[int, int]]:
    """The (first, last) code point ranges a font's best Unicode cmap subtable maps."""
    (tables,) = struct.unpack_from(">H", data, 4)
    cmap = None
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return []
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    best: tuple[int, int] | None = None  # (format, offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) not in ((3, 1), (3, 10), (0, 3), (0, 4), (0, 6)):
            continue
        (fmt,) = struct.unpack_from(">H", data, cmap + offset)
        if fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, cmap + offset)
    if best is None:
        return []
    fmt, at = best
    ranges: list[tuple[int, int]] = []
    if fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        for g in range(groups):
            first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            if glyph or first != last:
                ranges.append((first, last))
        return ranges
    (segments2,) = struct.unpack_from(">H", data, at + 6)
    segments = segments2 // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + segments2)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 2 * segments2)
    range_offsets_at = at + 16 + 3 * segments2
    offsets = struct.unpack_from(f">{segments}H", data, range_offsets_at)
    for s in range(segments):
        first, last = starts[s], ends[s]
        if first == 0xFFFF:
            continue
        if offsets[s] == 0:  # glyph = code + delta: only the code that lands on 0 is unmapped
            unmapped = -deltas[s] % 0x10000
            if first <= unmapped <= last:
                ranges += [
                    (a, b) for a, b in ((first, unmapped - 1), (unmapped + 1, last)) if a <= b
                ]
            else:
                ranges.append((first, last))
            continue
        for code in range(first, last + 1):  # glyph ids from the array: 0 means none
            where = range_offsets_at + 2 * s + offsets[s] + 2 * (code - first)
            (glyph,) = struct.unpack_from(">H", data, where)
            if glyph:
                ranges.append((code, code))
    return ranges


@cache
def bundled_coverage(folder: Path) -> tuple[tuple[int, int], ...]:
    """Merged code point ranges every bundled font together can draw (read once per process)."""
    found: list[tuple[int, int]] = []
    for font in sorted(folder.glob("*.ttf")):
        found += _cmap_ranges(font.read_bytes())
    merged: list[tuple[int, int]] = []
    for first, last in sorted(found):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return tuple(merged)


_NEEDS_NO_GLYPH = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
"""Controls, format characters (joiners, bidi marks, zero-width spaces) and spaces."""


def needs_glyph(char: str) -> bool:
    """Whether a character is drawn (a space, a joiner or a variation selector is not)."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _NEEDS_NO_GLYPH


def missing_characters(texts: Iterable[str], folder: Path) -> list[str]:
    """The characters in ``texts`` no bundled font can draw, in order of first appearance."""
    ranges = bundled_coverage(folder)
    starts = [first for first, _ in ranges]
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char in seen or not needs_glyph(char):
                continue
            at = bisect.bisect_right(starts, ord(char)) - 1
            if at < 0 or ord(char) > ranges[at][1]:
                seen[char] = None
    return list(seen)
