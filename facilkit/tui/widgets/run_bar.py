"""The agenda as one line during a run: what is done, where we are, what is left.

Widths follow the schedule as it now stands (actual times for what ran), so an
overrun is seen as a longer segment; the current item fills as its time goes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from facilkit.run.projection import Projection
from facilkit.tui.widgets.timeline import segment_widths


class RunBar(Widget):
    """Done items dim, the current one filling up, the rest ahead; skipped items take no room."""

    COMPONENT_CLASSES = {"run-bar--done", "run-bar--current", "run-bar--left", "run-bar--ahead"}
    DEFAULT_CSS = "RunBar { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: tuple[tuple[str, int], ...] = ()

    def show(self, projection: Projection, current: int, share_done: float) -> None:
        """Redraw only when the drawing changes (at most once per column of progress)."""
        seconds = [max(p.end - p.start, 0.0) for p in projection.placed]
        widths = segment_widths([round(s) for s in seconds], self.size.width or 80)
        parts: list[tuple[str, int]] = []
        for placed, width in zip(projection.placed, widths, strict=False):
            if width <= 0:
                continue
            if placed.status == "done":
                parts.append(("done", width))
            elif placed.index == current and placed.status == "running":
                filled = min(round(width * share_done), width)
                parts += [("current", filled), ("left", width - filled)]
            else:
                parts.append(("ahead", width))
        if tuple(parts) != self.parts:
            self.parts = tuple(parts)
            self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        fills = {"done": "━", "current": "█", "left": "░", "ahead": "─"}
        for kind, width in self.parts:
            text.append(fills[kind] * width, self.get_component_rich_style(f"run-bar--{kind}"))
        return text
