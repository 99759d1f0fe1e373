"""Two real programs: the facilitator's ``facilkit run`` and ``facilkit run --room`` in a
second pseudo-terminal. Keys go to the first; the second's screen output is read (with
the terminal's control sequences taken out) until it shows what the first did."""

from __future__ import annotations

import os
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("fcntl", reason="needs pseudo-terminals")  # Windows skips, not fails
pytest.importorskip("termios", reason="needs pseudo-terminals")

from facilkit.plans.storage import plan_from_template, save_plan
from facilkit.run.log import load_run, run_paths
from tests.run_helpers import Terminal

DEADLINE_SECONDS = 60.0


def _until(condition: object, what: str) -> None:
    end = time.monotonic() + DEADLINE_SECONDS
    while not condition():  # type: ignore[operator]
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _current(path: Path) -> int:
    paths = run_paths(path)
    try:
        return load_run(paths[-1]).current if paths else -2
    except Exception:  # between two writes (rare: the writer is atomic)
        return -2


@pytest.mark.skipif(sys.platform == "win32", reason="needs pseudo-terminals")
def test_the_room_view_in_a_second_terminal_follows_the_facilitator(tmp_path: Path) -> None:
    home = tmp_path / "home"
    plan = plan_from_template("learning-group", "Two screens")
    plan.language = "en"
    path = home / "plans" / "two-screens.yaml"
    save_plan(plan, path)
    env = {**os.environ, "FACILKIT_HOME": str(home), "TERM": "xterm-256color"}
    room = Terminal(["run", str(path), "--room"], env, (100, 30))
    facilitator: Terminal | None = None
    try:
        room.wait_for("No run of two-screens is going")
        start = datetime.now().strftime("%H:%M")
        facilitator = Terminal(["run", str(path), "--start", start], env, (80, 24))
        room.wait_for("Velkommen, formål")  # the template's own title (made in Danish)
        mark = room.mark()
        facilitator.press(b"n")
        _until(lambda: _current(path) == 1, "the facilitator's move")
        room.wait_for("Check-in", mark)
        mark = room.mark()
        facilitator.press(b"t")
        room.wait_for("TIMEOUT", mark)
        mark = room.mark()
        facilitator.process.send_signal(signal.SIGKILL)  # the facilitator's program dies
        facilitator.process.wait()  # (a shell reaps it; until then it is a zombie that exists)
        room.wait_for("the run is stopped", mark)
        assert room.process.poll() is None  # the room view lives on, and wrote nothing
        assert len(run_paths(path)) == 1
    finally:
        if facilitator is not None:
            facilitator.close()
        room.close()
