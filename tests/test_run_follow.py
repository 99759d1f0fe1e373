"""The room's view in a second terminal (``facilkit run PLAN --room``) follows the run log.

The facilitator's side is driven here by the core (commands on a ``Run``, saved with
the same writer as the facilitator's program); the follower is the real screen, read
with Pilot. ``test_run_follow_processes.py`` runs both sides as real programs.
"""

from __future__ import annotations

import time
from pathlib import Path

from facilkit.plans.storage import load_plan, plan_from_template, save_plan
from facilkit.run.follow import LogFollower, owner_alive, owner_tag
from facilkit.run.items import contract_of, run_items
from facilkit.run.log import new_run_path, run_paths, save_run
from facilkit.run.machine import Run, new_run
from facilkit.tui.app import FacilkitApp
from facilkit.tui.dialogs.help import HelpScreen
from facilkit.tui.screens.run_follow import FollowRoomScreen
from facilkit.tui.screens.run_start import RunOptions
from facilkit.tui.widgets.run_digits import BigDigits
from tests.tui_helpers import make_app, ready, wait_for_screen, wait_until


def _plan(home: Path) -> Path:
    plan = plan_from_template("learning-group", "Followed")
    plan.language = "en"
    path = home / "plans" / "followed.yaml"
    save_plan(plan, path)
    return path


def _facilitator(path: Path, app_library: object) -> tuple[Run, Path]:
    """A run as the facilitator's program starts it: log beside the plan, owner this process."""
    plan = load_plan(path)
    now = time.time()
    state = new_run(run_items(plan, app_library), contract_of(plan), now, plan_name=path.name)  # type: ignore[arg-type]
    state.owner = owner_tag()
    run = Run(state)
    run.start(now)
    log = new_run_path(path)
    save_run(run.state, log)
    return run, log


def _title(screen: FollowRoomScreen) -> str:
    return screen.shown.title if screen.shown is not None else ""


def _next(screen: FollowRoomScreen) -> str:
    return screen.shown.next_label if screen.shown is not None else ""


def _follower_app(tmp_path: Path) -> tuple[FacilkitApp, Path]:
    """``facilkit run PLAN --room`` on a saved plan, as the command line opens it."""
    home = tmp_path / "home"
    path = _plan(home)
    app = make_app(home)
    app.run_request = (load_plan(path), path, RunOptions(room=True))
    return app, path


async def test_the_follower_shows_the_run_as_the_facilitator_moves_on(tmp_path: Path) -> None:
    app, path = _follower_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await wait_for_screen(pilot, FollowRoomScreen)
        await wait_until(pilot, lambda: "No run of followed" in _title(screen), "no run yet")

        run, log = _facilitator(path, app.library)
        first = run.state.items[0].title
        await wait_until(pilot, lambda: _title(screen) == first, "the first item")
        assert run.state.items[1].title in _next(screen)
        minutes, seconds = screen.query_one(BigDigits).value.split(":")
        elapsed = time.time() - (run.state.started or 0.0)  # the real clock moved meanwhile
        assert 5 * 60 - elapsed - 1 <= int(minutes) * 60 + int(seconds) <= 5 * 60

        run.next(time.time())
        save_run(run.state, log)
        await wait_until(pilot, lambda: _title(screen) == run.state.items[1].title, "the move")

        run.toggle_pause(time.time())
        save_run(run.state, log)
        await wait_until(pilot, lambda: _title(screen).startswith("PAUSED"), "the pause")
        run.toggle_pause(time.time())
        run.add(time.time(), 5)
        save_run(run.state, log)
        await wait_until(
            pilot, lambda: screen.query_one(BigDigits).value.startswith("1"), "added minutes"
        )
        run.timeout(time.time())
        save_run(run.state, log)
        await wait_until(pilot, lambda: "TIMEOUT" in _title(screen), "the timeout")
        run.end_timeout(time.time(), "")
        save_run(run.state, log)

        run.state.owner = ""  # the facilitator's program left (quit): the run is kept
        save_run(run.state, log)
        await wait_until(pilot, lambda: "stopped" in _title(screen), "the stop")
        assert "No run is going" in _next(screen)

        run.state.owner = owner_tag()  # resumed
        run.end(time.time())
        save_run(run.state, log)
        await wait_until(pilot, lambda: "ended at" in _title(screen), "the end")
        assert screen.query_one(BigDigits).value == ""

        second, _ = _facilitator(path, app.library)  # a new run is picked up by itself
        await wait_until(pilot, lambda: _title(screen) == second.state.items[0].title, "run 2")
        assert len(run_paths(path)) == 2


async def test_the_follower_never_writes_and_never_drives_the_run(tmp_path: Path) -> None:
    app, path = _follower_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await wait_for_screen(pilot, FollowRoomScreen)
        run, log = _facilitator(path, app.library)
        await wait_until(pilot, lambda: _title(screen) == run.state.items[0].title, "the run")
        before = log.read_bytes(), log.stat().st_mtime_ns
        polls = [0]
        real_poll = screen.follower.poll

        def counting_poll() -> bool:
            polls[0] += 1
            return real_poll()

        screen.follower.poll = counting_poll  # type: ignore[method-assign]
        await pilot.press("n", "space", "plus", "s", "t", "e", "b")
        keys_done = polls[0]
        await wait_until(pilot, lambda: polls[0] > keys_done, "a poll after the keys")
        assert screen.follower.seen.status == "live"
        assert (log.read_bytes(), log.stat().st_mtime_ns) == before
        assert _title(screen) == run.state.items[0].title
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert help_screen.topic == "run_follow"
        whats = [what for _, what in help_screen.keys]
        assert "Stop following" in whats and "Next" not in whats  # no key drives the run
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "help to close")
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "q to close")


def test_a_killed_owner_and_a_broken_log_are_told_apart(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    follower = LogFollower(path)
    assert not follower.poll() and follower.seen.status == "none"
    plan = load_plan(path)
    state = new_run(run_items(plan, None), contract_of(plan), time.time(), plan_name=path.name)
    state.owner = "this-host-does-not-exist:1"
    log = new_run_path(path)
    save_run(state, log)
    assert follower.poll() and follower.seen.status == "waiting"  # another host: trusted
    state.owner = owner_tag().rsplit(":", 1)[0] + ":999999999"  # no such process here
    save_run(state, log)
    assert follower.poll() and follower.seen.status == "stopped"
    assert not follower.poll()  # nothing changed: no second read
    log.write_text('{"facilkit_run": 1, "plan": ', encoding="utf-8")
    assert follower.poll() and follower.seen.status == "broken"
    assert str(log) in follower.seen.error
    assert owner_alive(owner_tag()) and not owner_alive("")


async def test_a_broken_log_tells_the_room_what_to_do_and_shows_no_path(tmp_path: Path) -> None:
    from facilkit.i18n import t

    app, path = _follower_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await wait_for_screen(pilot, FollowRoomScreen)
        log = new_run_path(path)
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text('{"facilkit_run": 2, "plan": ', encoding="utf-8")
        broken = t("run.follow_broken", "en")
        await wait_until(pilot, lambda: _title(screen) == broken, "the broken log")
        assert _next(screen) == t("run.follow_broken_hint", "en")
        assert str(log.parent) not in _next(screen) and "byte" not in _next(screen)
