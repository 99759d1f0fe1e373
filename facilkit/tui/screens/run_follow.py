"""The room's view in a second terminal: ``facilkit run PLAN --room``.

It follows the run log that the facilitator's program writes (see
:mod:`facilkit.run.follow`) and never writes it. It says so when no run is
going, when the facilitator's program has stopped, and when the meeting ends;
a new run of the same plan is picked up by itself.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from facilkit.i18n import t
from facilkit.run.clock import clock_of
from facilkit.run.follow import LogFollower
from facilkit.tui.screens.run_room import RoomView
from facilkit.tui.widgets import run_text


class FollowRoomScreen(RoomView):
    """A read-only room's view of whatever run of the plan is going."""

    HELP_TOPIC = "run_follow"
    """The words of its help screen (F1): ``help.run_follow``."""

    BINDINGS = [Binding("escape,q", "leave", "Quit", id="follow.run_stop")]

    def __init__(self, plan_path: Path, lang: str) -> None:
        super().__init__()
        self.follower = LogFollower(plan_path)
        self.fallback_lang = lang

    def frame(self) -> run_text.RoomFrame:
        follower = self.follower
        follower.poll()
        follower.tick()
        seen = follower.seen
        run = seen.run
        lang = run.state.contract.language if run is not None else self.fallback_lang
        plan = self.follower.plan_path.stem
        if seen.status == "none" or (run is None and seen.status != "broken"):
            return run_text.RoomFrame(t("run.follow_none", lang, plan=plan), "", "")
        if seen.status == "broken":
            # the room sees what to do, never a path or an English error (``seen.error`` has it)
            hint = t("run.follow_broken_hint", lang)
            return run_text.RoomFrame(t("run.follow_broken", lang), "", hint)
        assert run is not None
        title = run.state.contract.title
        if seen.status == "ended":
            ended = clock_of(run.state.ended or follower.now())
            heading = t("run.follow_ended", lang, title=title, clock=ended)
            return run_text.RoomFrame(heading, "", t("run.follow_waiting", lang))
        if seen.status == "stopped":
            heading = t("run.follow_stopped", lang, title=title)
            return run_text.RoomFrame(heading, "", t("run.follow_waiting", lang))
        return run_text.room_frame(run, follower.now(), lang)

    def action_leave(self) -> None:
        self.app.exit()
