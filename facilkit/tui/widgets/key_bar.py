"""The footer: the screen's main keys on one line, drawn by a single widget.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever
focus moves; on the library screen that was a fifth of the time to the first
usable frame. This bar repaints one line instead. Clicking a key presses it.
When a key that changes something (a screen lists their actions in
``KEEP_ON_KEY_BAR``) would not fit on one line (the agenda at 80 columns), the
bar takes a second line rather than hide a key that acts.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from facilkit.tui.compat import keep_notices_above

GAP = "  "
MAX_LINES = 2
KeyState = tuple[Binding, bool]
"""A binding and whether it is enabled now."""


def action_name(action: str) -> str:
    """``screen.move(-1)`` -> ``move``: the action without namespace or arguments."""
    return action.rpartition(".")[2].partition("(")[0]


class KeyBar(Widget):
    """Shows ``key description`` for every binding with ``show=True``, palette key on the right."""

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
        self._shown: tuple[list[KeyState], KeyState | None] | None = None
        """The bindings to show, kept until the screen's bindings change."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_resize(self, event: events.Resize) -> None:
        """Notices stand above the bar, however many lines it takes."""
        keep_notices_above(self.screen, event.size.height)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self._shown = None
        self.refresh(layout=True)  # the keys may need one line more or less

    def shown_bindings(self) -> tuple[list[KeyState], KeyState | None]:
        """The bindings to show (one per action, in screen order) and the palette binding."""
        shown: list[KeyState] = []
        actions: set[str] = set()
        palette: KeyState | None = None
        for key, active in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (active.binding, active.enabled)
            elif active.binding.show and active.binding.action not in actions:
                actions.add(active.binding.action)
                shown.append((active.binding, active.enabled))
        return shown, palette

    def render(self) -> RenderResult:
        if self._shown is None:
            self._shown = self.shown_bindings()
        shown, palette = self._shown
        width = self.size.width or self.app.size.width
        palette_width = self._width_of(palette[0]) + len(GAP) if palette else 0
        lines = self.wrap(shown, width, palette_width)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        self._spans = []
        self._drawn = []
        for number, line_keys in enumerate(lines):
            line = Text(no_wrap=True, overflow="ellipsis", end="")
            for binding, enabled in line_keys:
                if len(line):
                    line.append(GAP)
                self._add(line, number, binding, enabled)
            room = width - len(line) >= palette_width
            if palette is not None and number == len(lines) - 1 and room:
                line.append(" " * max(width - len(line) - palette_width + len(GAP), len(GAP)))
                self._add(line, number, *palette)
            if number:
                text.append("\n")
            text.append_text(line)
        return text

    def wrap(self, shown: list[KeyState], width: int, palette_width: int) -> list[list[KeyState]]:
        """Keys in lines of ``width``, the palette key at the end of the last.

        One line, unless a key the screen must keep would give way: then two
        lines, the keys to keep first, and the palette key only if it still fits.
        Keys that do not fit give way from the end (all are in the palette).
        """
        one_line = self._fill(shown, width, palette_width, 1)
        kept = {binding.action for binding, _ in one_line[0]}
        must_keep: frozenset[str] = getattr(self.screen, "KEEP_ON_KEY_BAR", frozenset())
        first = [s for s in shown if action_name(s[0].action) in must_keep]
        if all(binding.action in kept for binding, _ in first):
            return one_line
        rest = [s for s in shown if action_name(s[0].action) not in must_keep]
        return self._fill(first + rest, width, palette_width, MAX_LINES)

    def _fill(
        self, shown: list[KeyState], width: int, palette_width: int, max_lines: int
    ) -> list[list[KeyState]]:
        lines: list[list[KeyState]] = [[]]
        used = 0
        for state in shown:
            needed = self._width_of(state[0]) + (len(GAP) if lines[-1] else 0)
            if used + needed > width and lines[-1]:
                if len(lines) == max_lines:
                    break
                lines.append([])
                used, needed = 0, self._width_of(state[0])
            lines[-1].append(state)
            used += needed
        if max_lines == 1:  # one line: the palette key stays, the last keys give way
            while lines[-1] and self._width_of_all(lines[-1]) + palette_width > width:
                lines[-1].pop()
        return lines

    def _add(self, line: Text, number: int, binding: Binding, enabled: bool) -> None:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        start = len(line)
        line.append(f" {self.app.get_key_display(binding)} ", key_style)
        line.append(f" {binding.description}", "" if enabled else disabled_style)
        self._spans.append((number, start, len(line), binding.key))
        self._drawn.append((binding.action, enabled))

    def _width_of(self, binding: Binding) -> int:
        return len(f" {self.app.get_key_display(binding)}  {binding.description}")

    def _width_of_all(self, shown: list[KeyState]) -> int:
        return sum(self._width_of(binding) for binding, _ in shown) + len(GAP) * (len(shown) - 1)

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
