"""The room's view: the time left in large digits, what happens now and next, nothing else.

For a projector: no facilitator notes. :class:`RoomScreen` is the view inside the
facilitator's program (``b``), from which the facilitator can still drive the
run (next, pause, more time); ``b`` or escape goes back. The same view follows a
run from a second terminal in :mod:`facilkit.tui.screens.run_follow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from facilkit.tui.widgets import run_text
from facilkit.tui.widgets.run_digits import BigDigits

if TYPE_CHECKING:
    from facilkit.tui.screens.run import RunScreen

ROOM_REFRESH_SECONDS = 0.25
"""How often the room's view looks at the clock (and, when following, at the log)."""


class RoomView(Screen[None]):
    """Title, big digits and the next item; a subclass says where the frame comes from."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: run_text.RoomFrame | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="room-title", markup=False)
        yield BigDigits(id="room-digits")
        yield Static("", id="room-next", markup=False)

    def on_mount(self) -> None:
        self.update_view()
        self.set_interval(ROOM_REFRESH_SECONDS, self.update_view)

    def frame(self) -> run_text.RoomFrame:
        raise NotImplementedError

    def update_view(self) -> None:
        """Repaint only when the title, the digits or the next item changed."""
        frame = self.frame()
        if frame == self.shown:
            return
        self.shown = frame
        self.query_one("#room-title", Static).update(frame.title)
        digits = self.query_one(BigDigits)
        digits.show(frame.digits)
        digits.set_class(frame.overtime, "-overtime")
        self.query_one("#room-next", Static).update(frame.next_label)


class RoomScreen(RoomView):
    """The room's view inside the facilitator's program, in step with the run screen's clock."""

    HELP_TOPIC = "run_room"
    """The words of its help screen (F1): ``help.run_room``."""

    BINDINGS = [
        Binding("b,escape", "back", "Back", id="room.run_back"),
        Binding("n,right", "run('next')", "Next", show=False, id="room.run_next"),
        Binding("space", "run('pause')", "Pause", show=False, id="room.run_pause"),
        Binding("plus,+", "run('add(5)')", "+5 min", show=False, id="room.run_more"),
    ]

    def __init__(self, run_screen: RunScreen) -> None:
        super().__init__()
        self.run_screen = run_screen

    def frame(self) -> run_text.RoomFrame:
        screen = self.run_screen
        now = screen.clock.now()
        if screen.timer is None:  # the run screen is not ticking on its own (tests)
            screen.run.tick(now)
        return run_text.room_frame(screen.run, now, screen.run_lang)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_run(self, action: str) -> None:
        self.run_screen.run_action_now(action)
        self.update_view()
