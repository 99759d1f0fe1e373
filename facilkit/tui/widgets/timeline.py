"""A one-line bar of the agenda: segment widths proportional to minutes.

Opening and closing processes and breaks differ by fill character as well as
colour, so the bar reads on a monochrome terminal and on paper screenshots.
Two neighbouring items of the same kind are split by a thin bar, so they do
not merge into one.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from facilkit.plans.schedule import Schedule, Slot

FILL = {"open": "▶", "close": "◀", "both": "◆", "break": "░", "item": "█"}
SPLIT = "▏"


def slot_kind(slot: Slot) -> str:
    """How the bar draws a slot: its process, or break, or a plain item."""
    if slot.is_break:
        return "break"
    if slot.method is not None and slot.method.process in ("open", "close", "both"):
        return slot.method.process
    return "item"


def segment_widths(minutes: list[int], width: int) -> list[int]:
    """Integer widths summing to ``width`` (largest remainders), each item at least 1 wide."""
    total = sum(minutes)
    if total <= 0 or width <= 0:
        return [0] * len(minutes)
    exact = [m * width / total for m in minutes]
    widths = [int(x) for x in exact]
    order = sorted(range(len(minutes)), key=lambda i: exact[i] - widths[i], reverse=True)
    for index in order[: width - sum(widths)]:
        widths[index] += 1
    return widths


class Timeline(Widget):
    """Renders the schedule given to :meth:`show`; frame end drawn as empty space."""

    COMPONENT_CLASSES = {
        "timeline--open",
        "timeline--close",
        "timeline--both",
        "timeline--break",
        "timeline--item",
        "timeline--slack",
    }
    DEFAULT_CSS = "Timeline { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.schedule: Schedule | None = None

    def show(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        if self.schedule is None or not self.schedule.slots:
            return text
        slots = self.schedule.slots
        minutes = [s.minutes for s in slots]
        slack = max(self.schedule.slack, 0)
        widths = segment_widths([*minutes, slack], self.size.width)
        previous = None
        for slot, width in zip(slots, widths, strict=False):
            kind = slot_kind(slot)
            style = self.get_component_rich_style(f"timeline--{kind}")
            if kind == previous and width >= 2:
                text.append(SPLIT, style)
                width -= 1
            text.append(FILL[kind] * width, style)
            previous = kind
        if slack:
            text.append(" " * widths[-1], self.get_component_rich_style("timeline--slack"))
        return text
