"""The one place a widget hands a message to its screen in the same frame.

Widgets talk by messages. A posted message, though, is handled after the
widget's own frame has gone out, so what the screen changes in answer (the
filtered list, the card) reaches the terminal one frame later. Measured with
``bench/bench_tui.py``'s interaction figures, 10,000 methods, three runs each,
on this 2-core machine (Textual 8.2.8), 24 Nov 2026 (median, range of runs):

=============================  ==================  ==================
                               posted message      same frame (here)
=============================  ==================  ==================
keystroke to new list          43 ms (39-44)       17 ms (16-21)
cursor move to new card        42 ms (41-43)       21 ms (20-23)
=============================  ==================  ==================

The budget for both is 33 ms, so the filter fields, the filter cycles and the
method list deliver their messages with :func:`deliver_now`: a screen that
implements :class:`LiveScreen` gets the message object at once, as a call;
any other parent gets it posted as usual. ``prevent()`` is honoured as for a
posted message, so a screen changes several fields at once without a guard flag.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.message import Message
from textual.widget import Widget

from facilkit.tui.compat import is_prevented


@runtime_checkable
class LiveScreen(Protocol):
    """A screen that takes its widgets' messages in the frame that caused them."""

    def live_message(self, message: Message) -> None:
        """Handle ``message`` now; it is the same object a handler would have been given."""


def deliver_now(widget: Widget, message: Message) -> None:
    """Give ``message`` to the widget's screen now if it is live, else post it to the widget."""
    if is_prevented(widget, type(message)):
        return
    screen = widget.screen if widget.is_attached else None
    if isinstance(screen, LiveScreen) and widget.is_mounted:
        screen.live_message(message)
    else:
        widget.post_message(message)
