"""The footer: the screen's main keys on one line, drawn by a single widget.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever
focus moves; on the library screen that was a fifth of the time to the first
usable frame. This bar repaints one line instead. Clicking a key presses it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

GAP = "  "
KeyState = tuple[Binding, bool]
"""A binding and whether it is enabled now."""


class KeyBar(Widget):
    """Shows ``key description`` for every binding with ``show=True``, palette key on the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
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
        self._spans: list[tuple[int, int, str]] = []
        """(start, end, key) of each shown key on the line, for clicks."""
        self._shown: tuple[list[KeyState], KeyState | None] | None = None
        """The bindings to show, kept until the screen's bindings change."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self._shown = None
        self.refresh()

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
        shown, palette = list(self._shown[0]), self._shown[1]
        width = self.size.width
        palette_width = self._width_of(palette[0]) + len(GAP) if palette else 0
        while shown and self._width_of_all(shown) + palette_width > width:
            shown.pop()  # the last keys give way; all of them are in the palette
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._spans = []
        for binding, enabled in shown:
            if len(line):
                line.append(GAP)
            self._add(line, binding, enabled)
        if palette is not None:
            line.append(" " * max(width - len(line) - palette_width + len(GAP), len(GAP)))
            self._add(line, *palette)
        return line

    def _add(self, line: Text, binding: Binding, enabled: bool) -> None:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        start = len(line)
        line.append(f" {self.app.get_key_display(binding)} ", key_style)
        line.append(f" {binding.description}", "" if enabled else disabled_style)
        self._spans.append((start, len(line), binding.key))

    def _width_of(self, binding: Binding) -> int:
        return len(f" {self.app.get_key_display(binding)}  {binding.description}")

    def _width_of_all(self, shown: list[KeyState]) -> int:
        return sum(self._width_of(binding) for binding, _ in shown) + len(GAP) * (len(shown) - 1)

    def key_at(self, x: int) -> str | None:
        """The key drawn at column ``x``, if any."""
        for start, end, key in self._spans:
            if start <= x < end:
                return key
        return None

    async def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
