"""An Input that tells its owner about every edit at once, not through a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class LiveInput(Input):
    """Calls ``on_edit`` inside the keystroke, so the field and what it filters share one frame.

    ``Input.Changed`` is posted and handled after the field's own frame has gone
    out; the filtered list would then come one or two frames (17-33 ms) later.
    Input also sets its virtual size (the text's width) on every edit, which
    Textual treats as a reason to lay out the whole screen again; a one-line
    field without a scrollbar only needs a repaint for that.
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)

    def __init__(self, *, on_edit: Callable[[], None], **options: Any) -> None:
        super().__init__(**options)
        self.on_edit = on_edit

    def watch_value(self) -> None:
        self.on_edit()
