"""SVG snapshots of the run screens at 80×24 and 160×48, with a clock that stands still.

The facilitator's view (with the agenda column it gains at 160×48), the room's view,
a gamemaster timeout and the closing. Update with ``--snapshot-update`` after a change
that is meant to show, and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from facilkit.plans.storage import load_plan, plan_from_template, save_plan
from facilkit.run.clock import FakeClock, today_at
from facilkit.run.items import plan_start_minute
from facilkit.tui.app import FacilkitApp
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_room import RoomScreen
from facilkit.tui.screens.run_start import RunOptions
from tests.run_helpers import T0
from tests.tui_helpers import end_the_run, make_app, ready, wait_for_screen, wait_until

SIZES = [(80, 24), (160, 48)]
IDS = ["80x24", "160x48"]
MIN = 60.0


def _app(tmp_path: Path) -> tuple[FacilkitApp, FakeClock]:
    home = tmp_path / "home"
    plan = plan_from_template("learning-group", "Learning group, December", lang="en")
    path = home / "plans" / "learning-group.yaml"
    save_plan(plan, path)
    plan = load_plan(path)
    clock = FakeClock(today_at(plan_start_minute(plan), T0))
    app = make_app(home)
    app.run_request = (plan, path, RunOptions(clock=clock, tick_seconds=0, reduced_motion=True))
    return app, clock


async def _in_check_in(pilot: Pilot[None], clock: FakeClock) -> RunScreen:
    """Six minutes late into the second item (the check-in), with its steps and questions."""
    await ready(pilot)
    screen = await wait_for_screen(pilot, RunScreen)
    clock.advance(8 * MIN)  # the welcome ran 3 minutes over
    await pilot.press("n")
    clock.advance(3 * MIN)
    screen.tick()
    await pilot.pause()
    return screen


def _snap(
    snap_compare: Callable[..., bool],
    tmp_path: Path,
    size: tuple[int, int],
    then: Callable[[Pilot[None], RunScreen], Awaitable[None]],
) -> bool:
    app, clock = _app(tmp_path)

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await _in_check_in(pilot, clock)
        await then(pilot, screen)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_facilitator_view(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def nothing_more(pilot: Pilot[None], screen: RunScreen) -> None:
        await pilot.press("s")  # skip the item after next: shown as skipped at 160×48

    assert _snap(snap_compare, tmp_path, size, nothing_more)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_room_view(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def room(pilot: Pilot[None], screen: RunScreen) -> None:
        await pilot.press("b")
        room_screen = await wait_for_screen(pilot, RoomScreen)
        await wait_until(pilot, lambda: room_screen.shown is not None, "the room's view drawn")

    assert _snap(snap_compare, tmp_path, size, room)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_timeout(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def timeout(pilot: Pilot[None], screen: RunScreen) -> None:
        await pilot.press("t")
        await wait_until(pilot, lambda: screen.run.state.pause == "timeout", "the timeout")

    assert _snap(snap_compare, tmp_path, size, timeout)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_closing(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def closing(pilot: Pilot[None], screen: RunScreen) -> None:
        await end_the_run(pilot)

    assert _snap(snap_compare, tmp_path, size, closing)
