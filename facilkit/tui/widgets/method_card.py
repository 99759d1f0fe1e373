"""The selected method's card, rendered from Markdown with Rich.

The Markdown is rendered once per method and width into lines, and only the
visible lines are drawn (Textual's line API): a cursor move costs one Markdown
render, not a render to measure the height and another to paint it.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilkit.export.card import method_card
from facilkit.library.model import Entry
from facilkit.tui.strings import t
from facilkit.tui.widgets.virtual import set_virtual_size


class MethodCard(ScrollView, can_focus=True):
    """Shows one method card; user text is Markdown for Rich, never Textual markup."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.entry: Entry | None = None
        self.shown_text = ""
        """The Markdown (or message) on show, for tests and screen readers."""
        self._renderable: RenderableType = Text("")
        self._lines: list[Strip] = []
        self._width = 0

    def show(self, entry: Entry | None, empty_text: str = "") -> None:
        """Render ``entry``'s card, or ``empty_text`` when there is none."""
        if entry is not None and entry is self.entry:
            return  # same method: nothing to render again
        self.entry = entry
        if entry is None:
            self.shown_text = empty_text
            self._renderable = Text(empty_text)
        else:
            self.shown_text = method_card(entry.method, self.lang)
            parts: list[RenderableType] = [Markdown(self.shown_text)]
            if entry.overrides:
                parts.append(
                    Text(
                        t("lib.origin_override", self.lang).format(path=entry.overrides),
                        style="italic",
                    )
                )
            if entry.origin == "user":
                parts.append(
                    Text(t("lib.origin_user", self.lang).format(path=entry.path), style="italic")
                )
            self._renderable = Group(*parts)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._render_card()

    def _render_card(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(self._renderable, options, style=self.rich_style, pad=True)
        self._lines = [Strip(line, width) for line in lines]
        self._width = width
        set_virtual_size(self, Size(width, len(self._lines)))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._render_card()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        if 0 <= index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)
