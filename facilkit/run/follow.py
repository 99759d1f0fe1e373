"""Following a run from another process: the room's view on a second terminal.

The facilitator's process writes ``<plan>.runs/run-NNN.json`` atomically after
every change; a follower only reads it. It looks at the folder's newest log a
few times a second (a ``stat`` and, when it changed, one read) and rebuilds the
run from it, so what it shows is what the facilitator's process saved. Between
two saves the follower lets the time pass on its own copy, exactly as the
facilitator's process does, and never writes anything.

Whether the facilitator's program still runs is read from the log's ``owner``
(host and process id, written by the facilitator's process): a run whose owner
has quit or was killed is shown as stopped, not as a clock that keeps running.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from facilkit.atomic import process_alive
from facilkit.run.clock import RunClock
from facilkit.run.log import RunLogError, load_run, run_paths
from facilkit.run.machine import Run

Status = Literal["none", "waiting", "live", "stopped", "ended", "broken"]
"""What the follower sees: no run yet, a run waiting for its start, a live run, a run whose
program has stopped (quit or killed, it can be resumed), a run that has ended, or a log
that cannot be read."""


def owner_tag() -> str:
    """``host:pid`` of this process, written into the log by the facilitator's process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """Whether the process named by ``owner`` still runs (another host: assumed so)."""
    host, _, pid_text = owner.rpartition(":")
    if not owner or not pid_text.isdigit():
        return False
    if host != socket.gethostname():
        return True  # no way to look at another machine's processes; trust the log
    return process_alive(int(pid_text))


@dataclass
class Seen:
    """The follower's view of the plan's runs at one moment."""

    status: Status
    run: Run | None = None
    path: Path | None = None
    error: str = ""


class LogFollower:
    """Reads a plan's newest run log whenever it changes; never writes."""

    def __init__(self, plan_path: Path) -> None:
        self.plan_path = plan_path
        self.signature: tuple[str, int, int, int] | None = None
        self.seen = Seen("none")
        self.clock: RunClock | None = None

    def poll(self) -> bool:
        """Look again; True when the log changed (or its owner came or went)."""
        paths = run_paths(self.plan_path)
        if not paths:
            changed = self.seen.status != "none"
            self.signature, self.seen, self.clock = None, Seen("none"), None
            return changed
        path = paths[-1]
        try:
            stat = path.stat()
        except OSError:
            return False  # replaced at this very moment: look again at the next poll
        signature = (path.name, stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if signature == self.signature:
            return self._recheck_owner()
        try:
            state = load_run(path)
        except RunLogError as error:
            self.signature = signature
            self.seen = Seen("broken", path=path, error=str(error))
            return True
        self.signature = signature
        self.clock = RunClock(state.speed, state.anchor) if state.anchor else RunClock()
        run = Run(state)
        self.seen = Seen(self._status(run), run, path)
        return True

    def _status(self, run: Run) -> Status:
        phase = run.state.phase
        if phase in ("closing", "closed"):
            return "ended"
        if not owner_alive(run.state.owner):
            return "stopped"
        return "waiting" if phase == "ready" else "live"

    def _recheck_owner(self) -> bool:
        run = self.seen.run
        if run is None or self.seen.status not in ("live", "waiting", "stopped"):
            return False
        status = self._status(run)
        if status == self.seen.status:
            return False
        self.seen = Seen(status, run, self.seen.path)
        return True

    def now(self) -> float:
        """The run's time: the rehearsal clock of the log when it has one."""
        return (self.clock or RunClock()).now()

    def tick(self) -> None:
        """Let the time pass on the follower's own copy (auto advance, a planned start)."""
        if self.seen.run is not None and self.seen.status in ("live", "waiting"):
            self.seen.run.tick(self.now())
