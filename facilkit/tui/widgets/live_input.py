"""A filter field: its edits reach the screen in the keystroke's frame and cost no layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive

from facilkit.tui.widgets.live import deliver_now
from facilkit.tui.widgets.text_entry import Input


class LiveInput(Input):
    """An Input whose ``Changed`` goes to a live screen at once (see widgets/live.py).

    Input also posts ``Changed`` itself; a live screen leaves that one alone.
    Input sets its virtual size (the text's width) on every edit, which Textual
    treats as a reason to lay out the whole screen again; a one-line field
    without a scrollbar only needs a repaint for that.
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)

    def watch_value(self, value: str) -> None:
        deliver_now(self, self.Changed(self, value))
