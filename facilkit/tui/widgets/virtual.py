"""Change a scroll view's virtual size without a full layout pass when possible.

``Widget.virtual_size`` is a layout reactive: every change reflows the whole
screen and costs an extra frame. Only a change that shows or hides the
scrollbar needs that; otherwise updating the scrollbars is enough.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget

from facilkit.tui.compat import update_scrollbars


def set_virtual_size(view: ScrollView, size: Size) -> None:
    if size == view.virtual_size:
        return
    viewport = view.scrollable_content_region.height
    if (view.virtual_size.height > viewport) != (size.height > viewport) or not view.is_mounted:
        view.virtual_size = size  # the scrollbar appears or goes: lay out again
        return
    view.set_reactive(Widget.virtual_size, size)
    update_scrollbars(view, size)
    view.refresh()


class StatusText(Widget):
    """Text in a fixed-size box; changing it repaints without a layout pass (unlike Static)."""

    DEFAULT_CSS = "StatusText { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> str:
        return self.text
