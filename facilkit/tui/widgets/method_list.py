"""A virtual list of methods: renders only the visible rows, so 10,000 cost no more than 10."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilkit.library.model import OWN_MARK, Entry
from facilkit.tui.widgets.live import deliver_now
from facilkit.tui.widgets.virtual import set_virtual_size


def row_mark(entry: Entry) -> str:
    """``+`` is the user's own (the CLI's mark too), blank is built-in; see ``OWN_MARK``."""
    return OWN_MARK if entry.origin == "user" else " "


class MethodList(ScrollView, can_focus=True):
    """Methods one per line; Highlighted on cursor moves (same frame, widgets/live.py), Selected on enter."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("home", "jump(0)", "First", show=False, id="list.first"),
        Binding("end", "jump(-1)", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Open", show=False, id="list.select"),
    ]
    COMPONENT_CLASSES = {"method-list--cursor", "method-list--meta"}

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor is on ``entry`` (None: the list is empty)."""

        def __init__(self, entry: Entry | None) -> None:
            self.entry = entry
            super().__init__()

    class Selected(Message):
        def __init__(self, entry: Entry) -> None:
            self.entry = entry
            super().__init__()

    def __init__(
        self,
        lang: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.entries: list[Entry] = []
        self._row_styles: tuple[Style, Style, Style, Style] | None = None

    @property
    def current(self) -> Entry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def set_entries(self, entries: list[Entry], keep_cursor: bool = True) -> None:
        """Replace the rows (a filter changed); keeps the cursor on the same method if present,
        or, with ``keep_cursor=False`` (a new search, best match first), puts it on the top."""
        previous = self.current
        self.entries = entries
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(entries)))
        index = entries.index(previous) if keep_cursor and previous in entries else 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = index
        self.refresh()

    def watch_cursor(self, cursor: int) -> None:
        clamped = max(0, min(cursor, len(self.entries) - 1)) if self.entries else 0
        if clamped != cursor:
            self.cursor = clamped
            return
        self.scroll_to_region(Region(0, cursor, 1, 1), animate=False, immediate=True)
        self.refresh()
        deliver_now(self, self.Highlighted(self.current))

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.entries) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or scrollbar
            return
        index = int(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self.entries):
            if index == self.cursor:
                self.action_select()
            self.cursor = index

    def on_resize(self, event: events.Resize) -> None:
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.entries)))

    def render_lines(self, crop: Region) -> list[Strip]:
        # the row styles are worked out once a frame, not once a row: a widget's
        # rich_style walks its ancestors, a third of the list's time per frame
        self._row_styles = None
        return super().render_lines(crop)

    def row_styles(self) -> tuple[Style, Style, Style, Style]:
        """Base, cursor row, and the meta columns of each: for the frame being drawn."""
        if self._row_styles is None:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("method-list--cursor")
            meta = self.get_component_rich_style("method-list--meta", partial=True)
            self._row_styles = (base, cursor, base + meta, cursor + meta)
        return self._row_styles

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base, cursor, base_meta, cursor_meta = self.row_styles()
        if index >= len(self.entries):
            return Strip.blank(width, base)
        entry = self.entries[index]
        head = entry.head
        minutes = f"{head.duration.default:>3} min"
        name = head.name_in(self.lang)
        room = max(1, width - len(minutes) - 4)
        if len(name) > room:
            name = name[: room - 1] + "…"
        style, meta = (cursor, cursor_meta) if index == self.cursor else (base, base_meta)
        segments = [
            Segment(f"{row_mark(entry)} ", meta),
            Segment(name.ljust(room), style),
            Segment(f" {minutes} ", meta),
        ]
        return Strip(segments).crop_extend(0, width, style)
