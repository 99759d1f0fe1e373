"""The footer: the screen's main keys on one line, drawn by a single widget.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever
focus moves; on the library screen that was a fifth of the time to the first
usable frame. This bar repaints one line instead. Clicking a key presses it.
When a key that changes something (a screen lists their actions in
``KEEP_ON_KEY_BAR``) would not fit on one line (the agenda at 80 columns), the
bar takes a second line rather than hide a key that acts. Consecutive bindings
in one :class:`~textual.binding.Binding.Group` share one entry (``⇧↑ ⇧↓ Move``),
as in Textual's own footer. While a dialog covers the bar's screen, the bar
shows the dialog's keys, not those of the screen beneath it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from facilkit.tui.compat import keep_notices_above

GAP = "  "
MAX_LINES = 2
KeyState = tuple[Binding, bool]
"""A binding and whether it is enabled now."""
Entry = tuple[KeyState, ...]
"""One entry on the bar: a binding, or the consecutive bindings of one group."""


def action_name(action: str) -> str:
    """``screen.move(-1)`` -> ``move``: the action without namespace or arguments."""
    return action.rpartition(".")[2].partition("(")[0]


class KeyBar(Widget):
    """Shows ``key description`` for every binding with ``show=True`` and an id (facilkit's,
    in the app's language; Textual's own are English), palette key on the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 2;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--disabled {
        color: $text-disabled;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, int, str]] = []
        """(line, start, end, key) of each shown key, for clicks."""
        self._drawn: list[tuple[str, bool]] = []
        """(action, enabled) of each key drawn in the last frame."""
        self._shown: tuple[list[Entry], KeyState | None] | None = None
        """The entries to show, as last drawn or about to be (see ``_bindings_changed``)."""
        self._source: Screen[object] | None = None
        """The screen whose keys are shown: the bar's own, or a dialog over it."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        """Notices stand above the bar, however many lines it takes; and when the bar
        grows (a second line), the field being typed in stays in view above it."""
        keep_notices_above(self.screen, event.size.height)
        focused = self.screen.focused
        if focused is not None:
            self.call_after_refresh(focused.scroll_visible, animate=False)

    @property
    def source(self) -> Screen[object]:
        """The dialog on top when it covers this bar's screen, else the bar's own screen."""
        top = self.app.screen
        stack = self.app.screen_stack
        if top is not self.screen and isinstance(top, ModalScreen) and self.screen in stack:
            return top
        return self.screen

    def _screen_changed(self, screen: Screen[object]) -> None:
        """A dialog came or went: show its keys (a dialog has no key bar of its own)."""
        source = self.source
        if source is not self._source:
            if self._source is not None and self._source is not self.screen:
                self._source.bindings_updated_signal.unsubscribe(self)
            if source is not self.screen:
                source.bindings_updated_signal.subscribe(self, self._bindings_changed)
            self._source = source
            self._bindings_changed(source)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Draw the keys again only if what the bar shows changed, and lay the screen out
        again only if they now take one line more or less.

        Screens announce a change of bindings several times as they open and on every
        focus move; a layout pass of the whole screen for each was a measurable part of
        the library screen's first frame, nearly always for the same keys.
        """
        shown = self.shown_bindings()
        if shown == self._shown:
            return
        width = self.size.width
        lines_before = self._line_count(self._shown, width) if self._shown is not None else 0
        self._shown = shown
        self.refresh(layout=not width or self._line_count(shown, width) != lines_before)

    def _line_count(self, shown: tuple[list[Entry], KeyState | None], width: int) -> int:
        entries, palette = shown
        palette_width = self._width_of((palette,)) + len(GAP) if palette else 0
        return len(self.wrap(entries, width, palette_width))

    def shown_bindings(self) -> tuple[list[Entry], KeyState | None]:
        """The entries to show (one per action, in screen order) and the palette binding."""
        shown: list[Entry] = []
        actions: set[str] = set()
        palette: KeyState | None = None
        for key, active in self.source.active_bindings.items():
            binding = active.binding
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, active.enabled)
            elif binding.show and binding.id and binding.action not in actions:
                actions.add(binding.action)
                state = (binding, active.enabled)
                if binding.group is not None and shown and shown[-1][0][0].group == binding.group:
                    shown[-1] = (*shown[-1], state)
                else:
                    shown.append((state,))
        return shown, palette

    def render(self) -> RenderResult:
        if self._shown is None:
            self._shown = self.shown_bindings()
        shown, palette = self._shown
        width = self.size.width or self.app.size.width
        palette_width = self._width_of((palette,)) + len(GAP) if palette else 0
        lines = self.wrap(shown, width, palette_width)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        self._spans = []
        self._drawn = []
        for number, line_entries in enumerate(lines):
            line = Text(no_wrap=True, overflow="ellipsis", end="")
            for entry in line_entries:
                if len(line):
                    line.append(GAP)
                self._add(line, number, entry)
            room = width - line.cell_len >= palette_width
            if palette is not None and number == len(lines) - 1 and room:
                line.append(" " * max(width - line.cell_len - palette_width + len(GAP), len(GAP)))
                self._add(line, number, (palette,))
            if number:
                text.append("\n")
            text.append_text(line)
        return text

    def wrap(self, shown: list[Entry], width: int, palette_width: int) -> list[list[Entry]]:
        """Entries in lines of ``width``, the palette key at the end of the last.

        One line, unless a key the screen must keep would give way: then two
        lines in the screen's order, or, if a key to keep still would not fit,
        the keys to keep first. The palette key comes only if it still fits.
        Entries that do not fit give way from the end (all are in the palette).
        """
        must_keep: frozenset[str] = getattr(self.source, "KEEP_ON_KEY_BAR", frozenset())
        kept_first = sorted(shown, key=lambda entry: not self._must_keep(entry, must_keep))
        for entries, max_lines in ((shown, 1), (shown, MAX_LINES), (kept_first, MAX_LINES)):
            lines = self._fill(entries, width, palette_width, max_lines)
            drawn = {binding.action for line in lines for entry in line for binding, _ in entry}
            wanted = (e for e in shown if self._must_keep(e, must_keep))
            if all(binding.action in drawn for entry in wanted for binding, _ in entry):
                break
        full = self._width_of_all(lines[-1]) + palette_width > width
        if palette_width and full and len(lines) < MAX_LINES and max_lines > 1:
            lines.append([])  # two lines anyway: the palette key gets the second
        return lines

    @staticmethod
    def _must_keep(entry: Entry, must_keep: frozenset[str]) -> bool:
        return any(action_name(binding.action) in must_keep for binding, _ in entry)

    def _fill(
        self, shown: list[Entry], width: int, palette_width: int, max_lines: int
    ) -> list[list[Entry]]:
        lines: list[list[Entry]] = [[]]
        used = 0
        for entry in shown:
            needed = self._width_of(entry) + (len(GAP) if lines[-1] else 0)
            if used + needed > width and lines[-1]:
                if len(lines) == max_lines:
                    continue  # gives way; a shorter entry after it may still fit
                lines.append([])
                used, needed = 0, self._width_of(entry)
            lines[-1].append(entry)
            used += needed
        if max_lines == 1:  # one line: the palette key stays, the last keys give way
            while lines[-1] and self._width_of_all(lines[-1]) + palette_width > width:
                lines[-1].pop()
        return lines

    def _add(self, line: Text, number: int, entry: Entry) -> None:
        """Draw `` keys  description``; a click on a key (or a lone key's words) presses it."""
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        entry_start = len(line)
        joint = "" if self._compact(entry) else " "
        spans = []
        at = entry_start + 1
        for binding, enabled in entry:
            shown = self.app.get_key_display(binding)
            spans.append((number, at, at + len(shown), binding.key.partition(",")[0]))
            at += len(shown) + len(joint)
            self._drawn.append((binding.action, enabled))
        keys = joint.join(self.app.get_key_display(binding) for binding, _ in entry)
        line.append(f" {keys} ", key_style)
        enabled = any(state for _, state in entry)
        line.append(f" {self._description(entry)}", "" if enabled else disabled_style)
        if len(spans) == 1:
            spans = [(number, entry_start, len(line), spans[0][3])]
        self._spans.extend(spans)

    @staticmethod
    def _compact(entry: Entry) -> bool:
        group = entry[0][0].group
        return group is not None and group.compact

    @staticmethod
    def _description(entry: Entry) -> str:
        """A single binding's description, or the description of its group."""
        first = entry[0][0]
        return first.group.description if len(entry) > 1 and first.group else first.description

    def _width_of(self, entry: Entry) -> int:
        keys = ("" if self._compact(entry) else " ").join(
            self.app.get_key_display(binding) for binding, _ in entry
        )
        return cell_len(f" {keys}  {self._description(entry)}")

    def _width_of_all(self, shown: list[Entry]) -> int:
        gaps = len(GAP) * max(len(shown) - 1, 0)
        return sum(self._width_of(entry) for entry in shown) + gaps

    def key_at(self, x: int, y: int = 0) -> str | None:
        """The key drawn at column ``x`` of line ``y``, if any."""
        for line, start, end, key in self._spans:
            if line == y and start <= x < end:
                return key
        return None

    def drawn_actions(self) -> list[tuple[str, bool]]:
        """(action, enabled) of every key the bar drew in its last frame, as the user saw it."""
        return list(self._drawn)

    async def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x, event.y)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
