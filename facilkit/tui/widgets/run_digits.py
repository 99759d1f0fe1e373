"""Digits drawn in blocks, as large as the space allows: the room reads them from the back.

Textual's ``Digits`` is three rows high at any size; on a projector at 250×80
that is too small, so this widget scales a 3×5 font by whole numbers.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

_FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": ("  #", "  #", "  #", "  #", "  #"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
    " ": ("  ", "  ", "  ", "  ", "  "),
}
GLYPH_ROWS = 5


def text_width(text: str) -> int:
    """Columns ``text`` takes at scale 1 (one column between glyphs)."""
    glyphs = [_FONT.get(ch, _FONT[" "]) for ch in text]
    return sum(len(g[0]) for g in glyphs) + max(len(glyphs) - 1, 0)


def fitting_scale(text: str, width: int, height: int) -> int:
    """The largest whole scale at which ``text`` fits (characters are about twice as high as wide)."""
    base = max(text_width(text), 1)
    by_width = width // (base * 2)
    by_height = height // GLYPH_ROWS
    return max(min(by_width, by_height), 1)


def big_lines(text: str, scale: int) -> list[str]:
    """The rows of ``text`` in block digits: each font pixel is 2×scale wide and scale high."""
    glyphs = [_FONT.get(ch, _FONT[" "]) for ch in text]
    rows = []
    for row in range(GLYPH_ROWS):
        parts = [
            "".join("█" * 2 * scale if px == "#" else " " * 2 * scale for px in g[row])
            for g in glyphs
        ]
        line = (" " * 2 * scale).join(parts)
        rows.extend([line] * scale)
    return rows


class BigDigits(Widget):
    """A time such as ``12:34`` in block digits, centred and as large as fits."""

    DEFAULT_CSS = "BigDigits { height: 1fr; content-align: center middle; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = ""

    def show(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if width <= 0 or height <= 0:
            return Text("")
        if height < GLYPH_ROWS or text_width(self.value) * 2 > width:
            return Text(self.value, justify="center")
        scale = fitting_scale(self.value, width, height)
        lines = big_lines(self.value, scale)
        return Text("\n".join(lines), justify="center", no_wrap=True, overflow="crop")
