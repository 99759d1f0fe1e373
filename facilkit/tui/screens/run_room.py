"""The room's view: the time left in large digits, what happens now and next, nothing else.

For a projector: no facilitator notes. The facilitator can still drive the run
from here (next, pause, more time); ``b`` or escape goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from facilkit.i18n import t
from facilkit.run.rotation import rotation_now
from facilkit.tui.widgets import run_text
from facilkit.tui.widgets.run_digits import BigDigits

if TYPE_CHECKING:
    from facilkit.tui.screens.run import RunScreen


class RoomScreen(Screen[None]):
    """Large digits for the back of the room, kept in step with the run screen's clock."""

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
        self.shown: tuple[str, str, str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="room-title", markup=False)
        yield BigDigits(id="room-digits")
        yield Static("", id="room-next", markup=False)

    def on_mount(self) -> None:
        self.update_view()
        self.set_interval(0.25, self.update_view)

    def update_view(self) -> None:
        """Repaint only when the title, the digits or the next item changed."""
        screen = self.run_screen
        run, lang = screen.run, screen.run_lang
        now = screen.clock.now()
        if screen.timer is None:  # the run screen is not ticking on its own (tests)
            run.tick(now)
        item = run.current_item
        title = item.title if item is not None else t("run.ended_note", lang)
        if run.state.pause == "timeout":
            title = t("run.timeout_title", lang)
        digits = run_text.countdown(run.remaining(now)) if item is not None else ""
        if item is not None and item.rotation is not None and run.state.pause is None:
            at = rotation_now(item.rotation, run.used(run.state.current, now))
            if at is not None:  # the room needs the round's time, and when to move
                digits = run_text.countdown(at.left)
                title = f"{item.title} · {run_text.rotation_heading(at, lang)}"
                if at.move_now:
                    title = f"{t('run.move_now', lang)}   {title}"
        following = run.next_index()
        next_title = run.state.items[following].title if following is not None else ""
        level = "overtime" if item is not None and run.remaining(now) < 0 else ""
        shown = (title, digits, next_title, level)
        if shown == self.shown:
            return
        self.shown = shown
        self.query_one("#room-title", Static).update(title)
        self.query_one(BigDigits).show(digits)
        self.query_one(BigDigits).set_class(level == "overtime", "-overtime")
        label = f"{t('run.next', lang)}: {next_title}" if next_title else ""
        self.query_one("#room-next", Static).update(label)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_run(self, action: str) -> None:
        self.run_screen.run_action_now(action)
        self.update_view()
