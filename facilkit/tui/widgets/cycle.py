"""A one-line choice that cycles through its options: lighter than a Select, keyboard-first."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from facilkit.tui.widgets.live import deliver_now


class Cycle(Widget, can_focus=True):
    """Shows ``label: option``; enter, space, → and click step forward, ← steps back.

    The first option is "all" (value None), so a filter can always be switched off.
    Every change sends ``Changed`` (in the same frame to a live screen, widgets/live.py).
    """

    BINDINGS = [
        Binding("enter,space,right", "step(1)", "Next", show=False, id="cycle.next"),
        Binding("left", "step(-1)", "Previous", show=False, id="cycle.previous"),
    ]
    DEFAULT_CSS = "Cycle { height: 1; width: 1fr; }"

    index: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, cycle: Cycle) -> None:
            self.cycle = cycle
            super().__init__()

        @property
        def control(self) -> Cycle:
            return self.cycle

    def __init__(
        self,
        label: str,
        all_label: str,
        options: list[tuple[str, str]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.options: list[tuple[str, str | None]] = [(all_label, None), *options]

    @property
    def value(self) -> str | None:
        return self.options[self.index][1]

    @value.setter
    def value(self, value: str | None) -> None:
        values = [v for _, v in self.options]
        self.index = values.index(value) if value in values else 0

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """Replace the options, keeping the current value if it is still there."""
        current = self.value
        self.options = [self.options[0], *options]
        self.value = current
        self.refresh()

    def watch_index(self) -> None:
        self.refresh(layout=True)  # the width follows the option's length
        deliver_now(self, self.Changed(self))

    def action_step(self, direction: int) -> None:
        self.index = (self.index + direction) % len(self.options)

    def on_click(self, event: events.Click) -> None:
        self.action_step(1)

    def render(self) -> Text:
        text = Text(f"{self.label}: ", style="dim", no_wrap=True, overflow="ellipsis")
        text.append(self.options[self.index][0], style="bold")
        text.append(" ▸", style="dim")
        return text
