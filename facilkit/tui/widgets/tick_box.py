"""A checkbox whose mark says ticked or not in any terminal, with or without colour.

Textual's checkbox draws ``▐X▌`` either way and tells the two apart by colour
only: in a terminal without colour an unticked box looks ticked. Here the mark
itself changes: ``[x]`` ticked, ``[ ]`` not. A long label wraps instead of being
cut (an outcome of the contract is a sentence, and all of it is what gets ticked).

The marks are ASCII on purpose. ☑/☐ (U+2611/U+2610) are missing from Consolas
and Lucida Console, the fonts of the Windows console most key persons in a
jobcentre have: both drew as the same empty box there, ticked or not. Every
console font has ``[``, ``x`` and ``]``.
"""

from __future__ import annotations

from textual.content import Content, ContentText
from textual.geometry import Size
from textual.widgets import Checkbox

TICKED = "[x]"
UNTICKED = "[ ]"


class TickBox(Checkbox):
    """A :class:`~textual.widgets.Checkbox` drawn as ``[x]`` or ``[ ]`` before its label."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""
    DEFAULT_CSS = """
    TickBox {
        width: 1fr;
        height: auto;
        text-wrap: wrap;
    }
    """

    def __init__(
        self,
        label: ContentText = "",
        value: bool = False,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(label, value, id=id, classes=classes)
        self.BUTTON_INNER = self.mark

    @property
    def mark(self) -> str:
        """The mark for the box's value now."""
        return TICKED if self.value else UNTICKED

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.mark
        super().watch_value()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the mark and the label need at this width."""
        shown = Content.assemble(self.mark, "  ", self.label)
        return max(1, len(shown.wrap(width)))
