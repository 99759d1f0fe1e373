"""A run survives a kill: the real program in a pseudo-terminal is killed mid-item, and the
run resumes from its log with the clock still right (the time while it was down counts)."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from facilkit.plans.storage import plan_from_template, save_plan
from facilkit.run.clock import RunClock
from facilkit.run.log import load_run, run_paths
from facilkit.run.machine import Run, RunState
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_start import RunOptions
from tests.run_helpers import Terminal
from tests.tui_helpers import make_app, ready, wait_for_screen

DEADLINE_SECONDS = 60.0


def _until(condition: Callable[[], bool], what: str) -> None:
    """Wait for a condition of the child process's log (the only way to see it)."""
    end = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _log(path: Path) -> RunState | None:
    paths = run_paths(path)
    if not paths:
        return None
    try:
        return load_run(paths[-1])
    except Exception:  # the child may be between writes; the writer is atomic, so rare
        return None


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
async def test_a_killed_run_resumes_with_the_clock_still_right(tmp_path: Path) -> None:
    home = tmp_path / "home"
    plan = plan_from_template("learning-group", "Killed")
    plan.language = "en"
    path = home / "plans" / "killed.yaml"
    save_plan(plan, path)
    env = {**os.environ, "FACILKIT_HOME": str(home), "TERM": "xterm-256color"}
    start = datetime.now().strftime("%H:%M")
    child = Terminal(["run", str(path), "--start", start], env, (80, 24))
    try:
        _until(lambda: (s := _log(path)) is not None and s.phase == "running", "the run")
        child.press(b"n")
        _until(lambda: (s := _log(path)) is not None and s.current == 1, "the second item")
        child.process.send_signal(signal.SIGKILL)
        child.process.wait()
    finally:
        child.close()
    saved = _log(path)
    assert saved is not None and saved.phase == "running" and saved.current == 1
    killed_at = time.time()

    app = make_app(home)
    app.run_request = (plan, path, RunOptions(tick_seconds=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_for_screen(pilot, Choose)
        await pilot.click("#answer-resume")
        screen = await wait_for_screen(pilot, RunScreen)
        now = time.time()
        run = screen.run
        assert run.state.current == 1 and len(run_paths(path)) == 1
        started = run.state.records[1].started
        assert started is not None
        used = run.used(1, now)
        assert abs(used - (now - started)) < 1.0  # no pause: the item's clock is wall time
        assert used >= saved.records[1].used + (now - killed_at) - 0.01  # the time down counts


def test_a_rehearsal_clock_resumes_where_real_time_has_taken_it() -> None:
    real = [1000.0]
    clock = RunClock.rehearsal(60, 50_000.0, real=lambda: real[0])
    real[0] += 10  # ten real seconds later: ten rehearsal minutes
    assert clock.now() == 50_600.0
    again = RunClock(clock.speed, clock.anchor, real=lambda: real[0] + 5)  # restarted 5 s later
    assert again.now() == 50_900.0


def test_a_resumed_run_counts_the_time_it_was_down() -> None:
    from tests.run_helpers import T0, make_run

    run = make_run(10, 10)
    run.start(T0)
    run.tick(T0 + 60)
    saved = Run(run.state)  # what the log held when the program was killed
    saved.tick(T0 + 300)
    assert saved.used(0, T0 + 300) == 300
