"""Run mode in the TUI, driven by keys with a clock that moves only when the test says so:
the facilitator's view and its keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from facilkit.run.log import load_run, run_paths
from facilkit.tui.compat import shown_notifications
from facilkit.tui.dialogs.basic import Prompt
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_room import RoomScreen
from facilkit.tui.widgets.run_digits import BigDigits
from tests.run_helpers import MIN
from tests.tui_helpers import (
    gamemaster_questions,
    run_app,
    run_screen,
    shown_countdown,
    static_text,
    wait_for_screen,
    wait_until,
)


async def test_the_facilitator_s_view_at_80x24(tmp_path: Path) -> None:
    app, clock, _ = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        assert screen.run.state.phase == "running"
        assert "Now (1 of 8): Welcome" in static_text(screen, "run-now") or "1 of 8" in static_text(
            screen, "run-now"
        )
        assert shown_countdown(screen) == "05:00"
        assert "Next: Check-in" in static_text(screen, "run-next")
        assert "on time" in static_text(screen, "run-header")
        await pilot.press("n")
        clock.advance(3 * MIN)
        screen.tick()
        await pilot.pause()
        assert "Check-in" in static_text(screen, "run-now")
        body = static_text(screen, "run-body")
        assert "1. " in body and "min)" in body  # the method's steps with scaled minutes
        assert shown_countdown(screen) == "07:00"


async def test_every_key_drives_the_run(tmp_path: Path) -> None:
    app, clock, path = run_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        run = screen.run
        await pilot.press("right")
        assert run.state.current == 1
        await pilot.press("left")
        assert run.state.current == 0
        await pilot.press("plus")
        assert shown_countdown(screen) == "10:00"
        await pilot.press("minus")
        assert shown_countdown(screen) == "05:00"
        await pilot.press("space")
        clock.advance(2 * MIN)
        screen.tick()
        await pilot.pause()
        assert shown_countdown(screen) == "05:00"  # paused: the item's clock stands still
        assert "PAUSED" in static_text(screen, "run-state")
        assert "behind" in static_text(screen, "run-header")
        await pilot.press("space")
        await pilot.press("s")
        assert run.state.records[1].status == "skipped"
        await pilot.press("n")
        assert run.state.current == 2
        log = load_run(run_paths(path)[-1])  # saved at every change
        assert [e.kind for e in log.events][-3:] == ["resume", "skip", "next"]


async def test_warning_colours_and_overtime(tmp_path: Path) -> None:
    app, clock, _ = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        countdown = screen.query_one("#run-countdown")
        assert countdown.has_class("-calm")
        for seconds, level in ((4 * MIN + 5, "-warning"), (50, "-alert"), (60, "-overtime")):
            clock.advance(seconds)
            screen.tick()
            await pilot.pause()
            assert countdown.has_class(level), level
        assert shown_countdown(screen).startswith("+")
        blinks = set()
        for _ in range(3):
            clock.advance(1)
            screen.tick()
            blinks.add(countdown.has_class("-blink"))
        assert blinks == {True, False}
        assert screen.run.state.current == 0  # manual advance: overtime until n


async def test_reduced_motion_never_blinks(tmp_path: Path) -> None:
    app, clock, _ = run_app(tmp_path, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        clock.advance(6 * MIN)
        for _ in range(3):
            clock.advance(1)
            screen.tick()
            assert not screen.query_one("#run-countdown").has_class("-blink")


async def test_auto_advances(tmp_path: Path) -> None:
    app, clock, _ = run_app(tmp_path, auto=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        clock.advance(5 * MIN + 30)
        screen.tick()
        await pilot.pause()
        assert screen.run.state.current == 1
        assert shown_countdown(screen) == "09:30"
        assert "2 of 8" in static_text(screen, "run-now")  # the item's text follows (seen in tmux)


async def test_timeout_shows_the_contract_and_logs_the_note(tmp_path: Path) -> None:
    app, clock, path = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        clock.advance(MIN)
        await pilot.press("t")
        body = static_text(screen, "run-body")
        assert "TIMEOUT" in body and "Intention" in body and "Rules" in body
        for question in gamemaster_questions(app, "timeout"):  # from gamemaster.yaml
            assert question in body
        clock.advance(5 * MIN)
        screen.tick()
        assert shown_countdown(screen) == "04:00"
        await pilot.press("t")
        await wait_for_screen(pilot, Prompt)
        await pilot.press(*"Practice [not cases]")
        await pilot.press("enter")
        await wait_for_screen(pilot, RunScreen)
        assert screen.run.state.pause is None
        log = load_run(run_paths(path)[-1])
        assert (
            log.events[-1].kind == "timeout_end" and log.events[-1].note == "Practice [not cases]"
        )


async def test_station_rotation_shows_rounds_and_move_now(tmp_path: Path) -> None:
    app, clock, _ = run_app(tmp_path, template="station-rotation")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        while screen.run.current_item is not None and screen.run.current_item.rotation is None:
            await pilot.press("n")
        item = screen.run.current_item
        assert item is not None and item.rotation is not None
        rotation = item.rotation
        rounds, work = rotation.round_count, rotation.round_minutes
        assert rotation.move_minutes > 0 and rotation.groups >= 2
        clock.advance(5 * MIN)
        screen.tick()
        shown = static_text(screen, "run-rotation")
        assert f"Round 1 of {rounds}" in shown
        assert f"{work - 5:02d}:00 left in the round" in shown
        assert "Group 1 → station 1" in shown
        assert f"Group {rotation.groups} → station {rotation.groups}" in shown
        assert "MOVE NOW" not in shown
        clock.advance((work - 5) * MIN + 30)  # into the move minutes after round 1
        screen.tick()
        assert "MOVE NOW" in static_text(screen, "run-rotation")
        clock.advance(rotation.move_minutes * MIN)
        screen.tick()
        shown = static_text(screen, "run-rotation")
        assert f"Round 2 of {rounds}" in shown and "Group 1 → station 2" in shown
        clock.advance(work * MIN)  # the room sees the round's time and when to move
        await pilot.press("b")
        room = await wait_for_screen(pilot, RoomScreen)
        assert isinstance(room, RoomScreen)
        title = str(room.query_one("#room-title", Static).render())
        assert "MOVE NOW" in title and f"Round 2 of {rounds}" in title
        assert room.query_one(BigDigits).value == f"{rotation.move_minutes - 1:02d}:30"


async def test_u_takes_a_skip_back_and_the_help_screen_lists_it(tmp_path: Path) -> None:
    from facilkit.tui.dialogs.help import HelpScreen

    app, _, path = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        run = screen.run
        following = run.state.items[1].title
        await pilot.press("s")
        assert run.state.records[1].status == "skipped"
        assert following not in static_text(screen, "run-next")
        await pilot.press("u")
        assert run.state.records[1].status == "pending"
        assert following in static_text(screen, "run-next")
        log = load_run(run_paths(path)[-1])
        assert [e.kind for e in log.events][-2:] == ["skip", "unskip"]
        assert "u Undo skip" in static_text(screen, "run-keys")
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert ("u", "Undo skip") in help_screen.keys


async def test_the_view_says_what_to_shorten_to_keep_a_pinned_item(tmp_path: Path) -> None:
    from facilkit.run.items import RunItem

    app, clock, _ = run_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        items = screen.run.state.items
        # pin the third item to its planned time: no slack before it
        items[2] = RunItem(
            title=items[2].title,
            minutes=items[2].minutes,
            pinned=items[0].minutes + items[1].minutes,
        )
        items[1] = RunItem(title=items[1].title, minutes=items[1].minutes, min_minutes=5)
        clock.advance(items[0].minutes * MIN + 3 * MIN)  # 3 minutes over on the first item
        screen.tick()
        await pilot.press("n")
        advice = static_text(screen, "run-advice")
        assert f"“{items[2].title}” stays at" in advice
        assert f"Shorten “{items[1].title}” to {items[1].minutes - 3} min (−3)" in advice
        assert "late" not in advice


async def test_the_view_grows_at_160x48_with_the_items_to_come(tmp_path: Path) -> None:
    app, _, _ = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        assert not screen.query_one("#run-agenda").display
        assert screen.query_one("#run-side").outer_size.width == 36
    app, _, _ = run_app(tmp_path / "large")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("s")
        side = screen.query_one("#run-side")
        agenda = screen.query_one("#run-agenda")
        await wait_until(pilot, lambda: side.outer_size.width == 56, "the wide side column")
        assert agenda.display
        listed = static_text(screen, "run-agenda")
        items = screen.run.state.items
        assert "Coming up" in listed and f"{items[1].title} (10 min) – skipped" in listed
        assert all(item.title in listed for item in items[2:])
        await pilot.press("u")
        assert "skipped" not in static_text(screen, "run-agenda")


async def test_in_overtime_the_next_item_s_start_moves_with_the_clock(tmp_path: Path) -> None:
    from facilkit.run.clock import clock_of

    app, clock, _ = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        clock.advance(9 * MIN)  # four minutes into overtime on a five-minute item
        screen.tick()
        await pilot.pause()
        assert f"({clock_of(clock.now())}," in static_text(screen, "run-next")


async def test_a_run_folder_that_refuses_writes_is_said_once_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # root ignores chmod, so the writer itself refuses, as a read-only or full disk would
    from facilkit.errors import StorageError
    from facilkit.plans.storage import write_atomic as real_write

    refusing = [True]

    def write(path: Path, text: str, backup: bool = False) -> None:
        if refusing[0]:
            raise StorageError("read-only file system", path)
        real_write(path, text, backup)

    monkeypatch.setattr("facilkit.run.log.write_atomic", write)
    app, _, path = run_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("n", "n")
        assert screen.run.state.current == 2  # the run goes on in memory
        errors = [str(n.message) for n in shown_notifications(app) if n.severity == "error"]
        assert len(errors) == 1, errors
        assert "read-only file system" in errors[0]
        refusing[0] = False
        await pilot.press("plus")  # the next change tries again
        assert load_run(run_paths(path)[-1]).current == 2
