"""The selected method's card: the blocks of an exported plan's card, drawn with Rich.

The card is rendered once per method and width into lines, and only the
visible lines are drawn (Textual's line API): a cursor move costs one render,
not a render to measure the height and another to paint it. Its Markdown
(``shown_text``) is written only when someone reads it.

Rendered cards are kept as Rich segments; a Textual ``Strip`` is made only for a
line that is drawn. A Strip carries seven small caches of its own, so the 64 kept
cards as Strips were about 40,000 objects that every full garbage collection
walked (10-25 ms, now and then in the middle of a cursor move at 10,000 methods).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilkit.export.card import card_blocks
from facilkit.export.document import Block
from facilkit.i18n import t
from facilkit.library.model import Entry
from facilkit.tui.widgets.card_render import CardStyles, render_blocks
from facilkit.tui.widgets.virtual import set_virtual_size

CACHE_SIZE = 64
CardKey = tuple[str, str | None, str | None, int]
"""A rendered card: the method's file, the variant on show, the note on top and the width."""
CardSource = tuple[list[Block], str | None]
"""What a rendered card shows: its blocks and the note on top (its Markdown, when asked)."""
Lines = list[list[Segment]]
"""A rendered card's lines, each padded to the card's width."""


class MethodCard(ScrollView, can_focus=True):
    """Shows one method card; user text is Markdown for Rich, never Textual markup."""

    COMPONENT_CLASSES = {
        "method-card--title",
        "method-card--heading",
        "method-card--marker",
    }

    def __init__(
        self,
        lang: str,
        *,
        names_of: Callable[[Iterable[str]], Mapping[str, str]] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.names_of = names_of or (lambda method_ids: {})
        """Names for the "see also" line, by method id (from the library)."""
        self.entry: Entry | None = None
        self.variant: str | None = None
        """The variant of ``entry`` on show (None: the method as written)."""
        self.note: str | None = None
        """A line on top of the card (the library is still loading, say)."""
        self._shown: CardSource | str = ""
        """The card on show (its blocks), or the message shown instead."""
        self._renderable: RenderableType = Text("")
        self._lines: Lines = []
        self._strips: dict[int, Strip] = {}
        """The lines of the card on show that have been drawn, by line number."""
        self._width = 0
        self._rendered: OrderedDict[CardKey, tuple[CardSource, Lines]] = OrderedDict()
        """Rendered cards by (entry, variant, width), newest last: revisits and prefetches are free."""

    def show(
        self,
        entry: Entry | None,
        empty_text: str = "",
        variant: str | None = None,
        note: str | None = None,
    ) -> None:
        """Show ``entry``'s card (as one of its variants, ``note`` on top), or ``empty_text``."""
        if entry is not None and (entry, variant, note) == (self.entry, self.variant, self.note):
            return  # same card: nothing to render again
        self.entry, self.variant, self.note = entry, variant, note
        self.scroll_to(0, 0, animate=False, immediate=True)
        if entry is None:
            self._shown = empty_text
            self._renderable = Text(empty_text)
        self._width = 0  # stale: rendered again at the width it is drawn at
        self._render_for_width()

    def prefetch(self, entries: list[Entry]) -> None:
        """Render cards the cursor is likely to reach next, while the app is idle."""
        width = self.scrollable_content_region.width
        for entry in entries:
            if width > 0 and (entry.path, None, None, width) not in self._rendered:
                self._render_entry(entry, None, None, width)

    @property
    def shown_text(self) -> str:
        """The card on show as Markdown (as ``methods show`` prints it), or the message shown."""
        if isinstance(self._shown, str):
            return self._shown
        from facilkit.export.markdown import render_blocks as markdown_of

        blocks, note = self._shown
        text = markdown_of(blocks)
        self._shown = f"{note}\n\n{text}" if note is not None else text
        return self._shown

    @property
    def drawn(self) -> bool:
        """Whether the card (or its message) has been rendered into lines to draw."""
        return bool(self._lines)

    def is_prepared(self, entry: Entry) -> bool:
        """Whether ``entry``'s card is rendered at the current width (showing it costs nothing)."""
        return (entry.path, None, None, self.scrollable_content_region.width) in self._rendered

    def _renderable_for(
        self, entry: Entry, variant: str | None, note: str | None
    ) -> tuple[CardSource, RenderableType]:
        method = entry.method
        runs = method.with_variant(variant) if variant is not None else None
        blocks = card_blocks(runs or method, self.lang, names=self.names_of(method.related))
        parts: list[RenderableType] = [render_blocks(blocks, self._styles())]
        if method.variants:
            count = len(method.variants)
            if runs is None or variant is None:
                hint = t("lib.variant_hint", self.lang, count=count)
            else:
                shown = [v.id for v in method.variants].index(variant) + 1
                hint = t("lib.variant_shown", self.lang, shown=shown, count=count)
            parts.insert(0, Text(f"{hint}\n", style="italic"))  # on top: seen without scrolling
        if note is not None:
            parts.insert(0, Text(f"{note}\n", style="italic"))
        if entry.overrides:  # the same notice as the CLI's: both files named
            notice = t("lib.origin_override", self.lang, path=entry.path, builtin=entry.overrides)
            parts.append(Text(notice, style="italic"))
        elif entry.origin == "user":
            parts.append(Text(t("lib.origin_user", self.lang, path=entry.path), style="italic"))
        return (blocks, note), Group(*parts)

    def _styles(self) -> CardStyles:
        """The card's styles from the stylesheet (theme variables), looked up per render."""
        part = self.get_component_rich_style
        return CardStyles(
            title=part("method-card--title", partial=True),
            heading=part("method-card--heading", partial=True),
            marker=part("method-card--marker", partial=True),
        )

    def _render_entry(
        self, entry: Entry, variant: str | None, note: str | None, width: int
    ) -> tuple[CardSource, Lines]:
        source, renderable = self._renderable_for(entry, variant, note)
        lines = self._lines_of(renderable, width)
        self._rendered[(entry.path, variant, note, width)] = (source, lines)
        while len(self._rendered) > CACHE_SIZE:
            self._rendered.popitem(last=False)
        return source, lines

    def _lines_of(self, renderable: RenderableType, width: int) -> Lines:
        console = self.app.console
        options = console.options.update_width(width)
        return console.render_lines(renderable, options, style=self.rich_style, pad=True)

    def _render_for_width(self) -> None:
        """Render the card at the current width unless it already is (cached cards are free)."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        if self.entry is None:
            self._lines = self._lines_of(self._renderable, width)
        else:
            key = (self.entry.path, self.variant, self.note, width)
            found = self._rendered.get(key)
            if found is None:
                found = self._render_entry(self.entry, self.variant, self.note, width)
            else:
                self._rendered.move_to_end(key)
            self._shown, self._lines = found
        self._strips = {}
        self._width = width
        set_virtual_size(self, Size(width, len(self._lines)))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._render_for_width()

    def render_line(self, y: int) -> Strip:
        # A card shown before the first layout (width 0) is rendered here, in
        # the first frame that draws it, not in a frame after the resize.
        self._render_for_width()
        index = int(self.scroll_offset.y) + y
        if 0 <= index < len(self._lines):
            strip = self._strips.get(index)
            if strip is None:
                strip = self._strips[index] = Strip(self._lines[index], self._width)
            return strip
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)
