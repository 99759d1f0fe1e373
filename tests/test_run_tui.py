"""Run mode in the TUI, driven by keys with a clock that moves only when the test says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Digits, Static, TextArea

from facilkit.plans.storage import plan_from_template, save_plan
from facilkit.run.clock import FakeClock, today_at
from facilkit.run.log import load_run, run_paths
from facilkit.tui.app import FacilkitApp
from facilkit.tui.dialogs.basic import Choose, Prompt
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_closing import ClosingScreen
from facilkit.tui.screens.run_room import RoomScreen
from facilkit.tui.screens.run_start import RunOptions
from facilkit.tui.widgets.run_digits import BigDigits
from tests.run_helpers import T0
from tests.tui_helpers import make_app, ready, wait_until

MIN = 60.0


def _plan_file(home: Path, template: str = "learning-group", lang: str = "en") -> Path:
    plan = plan_from_template(template, f"Test {template}")
    plan.language = lang
    path = home / "plans" / f"{template}.yaml"
    save_plan(plan, path)
    return path


def _app(
    tmp_path: Path, template: str = "learning-group", **options: object
) -> tuple[FacilkitApp, FakeClock, Path]:
    from facilkit.plans.storage import load_plan
    from facilkit.run.items import plan_start_minute

    home = tmp_path / "home"
    path = _plan_file(home, template)
    plan = load_plan(path)
    clock = FakeClock(today_at(plan_start_minute(plan), T0))
    app = make_app(home)
    app.run_request = (plan, path, RunOptions(clock=clock, tick_seconds=0, **options))  # type: ignore[arg-type]
    return app, clock, path


async def _run_screen(pilot: Pilot[None]) -> RunScreen:
    await ready(pilot)
    while not isinstance(pilot.app.screen, RunScreen):
        await pilot.pause()
    return pilot.app.screen


def _text(screen: RunScreen | RoomScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).render())


def _countdown(screen: RunScreen) -> str:
    return screen.query_one("#run-countdown", Digits).value


def _gamemaster_questions(app: FacilkitApp, key: str) -> list[str]:
    from facilkit.library.model import localize

    method = app.library.get("gamemaster")
    assert method is not None
    step = next(s for s in method.steps if s.key == key)
    assert step.questions
    return [localize(q, "en") for q in step.questions]


async def _wait_for(pilot: Pilot[None], kind: type) -> object:
    while not isinstance(pilot.app.screen, kind):
        await pilot.pause()
    return pilot.app.screen


async def test_the_facilitator_s_view_at_80x24(tmp_path: Path) -> None:
    app, clock, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        assert screen.run.state.phase == "running"
        assert "Now (1 of 8): Welcome" in _text(screen, "run-now") or "1 of 8" in _text(
            screen, "run-now"
        )
        assert _countdown(screen) == "05:00"
        assert "Next: Check-in" in _text(screen, "run-next")
        assert "on time" in _text(screen, "run-header")
        await pilot.press("n")
        clock.advance(3 * MIN)
        screen.tick()
        await pilot.pause()
        assert "Check-in" in _text(screen, "run-now")
        body = _text(screen, "run-body")
        assert "1. " in body and "min)" in body  # the method's steps with scaled minutes
        assert _countdown(screen) == "07:00"


async def test_every_key_drives_the_run(tmp_path: Path) -> None:
    app, clock, path = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _run_screen(pilot)
        run = screen.run
        await pilot.press("right")
        assert run.state.current == 1
        await pilot.press("left")
        assert run.state.current == 0
        await pilot.press("plus")
        assert _countdown(screen) == "10:00"
        await pilot.press("minus")
        assert _countdown(screen) == "05:00"
        await pilot.press("space")
        clock.advance(2 * MIN)
        screen.tick()
        await pilot.pause()
        assert _countdown(screen) == "05:00"  # paused: the item's clock stands still
        assert "PAUSED" in _text(screen, "run-state")
        assert "behind" in _text(screen, "run-header")
        await pilot.press("space")
        await pilot.press("s")
        assert run.state.records[1].status == "skipped"
        await pilot.press("n")
        assert run.state.current == 2
        log = load_run(run_paths(path)[-1])  # saved at every change
        assert [e.kind for e in log.events][-3:] == ["resume", "skip", "next"]


async def test_warning_colours_and_overtime(tmp_path: Path) -> None:
    app, clock, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        countdown = screen.query_one("#run-countdown")
        assert countdown.has_class("-calm")
        for seconds, level in ((4 * MIN + 5, "-warning"), (50, "-alert"), (60, "-overtime")):
            clock.advance(seconds)
            screen.tick()
            await pilot.pause()
            assert countdown.has_class(level), level
        assert _countdown(screen).startswith("+")
        blinks = set()
        for _ in range(3):
            clock.advance(1)
            screen.tick()
            blinks.add(countdown.has_class("-blink"))
        assert blinks == {True, False}
        assert screen.run.state.current == 0  # manual advance: overtime until n


async def test_reduced_motion_never_blinks(tmp_path: Path) -> None:
    app, clock, _ = _app(tmp_path, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        clock.advance(6 * MIN)
        for _ in range(3):
            clock.advance(1)
            screen.tick()
            assert not screen.query_one("#run-countdown").has_class("-blink")


async def test_auto_advances(tmp_path: Path) -> None:
    app, clock, _ = _app(tmp_path, auto=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        clock.advance(5 * MIN + 30)
        screen.tick()
        await pilot.pause()
        assert screen.run.state.current == 1
        assert _countdown(screen) == "09:30"
        assert "2 of 8" in _text(screen, "run-now")  # the item's text follows (seen in tmux)


async def test_timeout_shows_the_contract_and_logs_the_note(tmp_path: Path) -> None:
    app, clock, path = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        clock.advance(MIN)
        await pilot.press("t")
        body = _text(screen, "run-body")
        assert "TIMEOUT" in body and "Intention" in body and "Rules" in body
        for question in _gamemaster_questions(app, "timeout"):  # from gamemaster.yaml
            assert question in body
        clock.advance(5 * MIN)
        screen.tick()
        assert _countdown(screen) == "04:00"
        await pilot.press("t")
        await _wait_for(pilot, Prompt)
        await pilot.press(*"Practice [not cases]")
        await pilot.press("enter")
        await _wait_for(pilot, RunScreen)
        assert screen.run.state.pause is None
        log = load_run(run_paths(path)[-1])
        assert (
            log.events[-1].kind == "timeout_end" and log.events[-1].note == "Practice [not cases]"
        )


async def test_closing_ticks_outcomes_and_saves_the_agreements(tmp_path: Path) -> None:
    app, clock, path = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _run_screen(pilot)
        clock.advance(4 * MIN)
        await pilot.press("e")
        await _wait_for(pilot, Choose)
        await pilot.click("#answer-end")
        closing = await _wait_for(pilot, ClosingScreen)
        assert isinstance(closing, ClosingScreen)
        shown = str(closing.query_one("#closing-questions", Static).render())
        for question in _gamemaster_questions(app, "closing"):
            assert question in shown
        closing.query_one(Checkbox).value = True
        closing.query_one(TextArea).text = "Anna sends the notes by Friday"
        await pilot.press("ctrl+s")
        screen = await _wait_for(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        assert _text(screen, "run-now") == "The meeting has ended."
        assert "facilkit plan report" in _text(screen, "run-body")
        assert _countdown(screen) == "--:--"
        log = load_run(run_paths(path)[-1])
        assert log.phase == "closed"
        assert log.closing is not None and log.closing.reached == [True]
        assert log.closing.notes == "Anna sends the notes by Friday"


async def test_room_view_has_large_digits_title_and_next_only(tmp_path: Path) -> None:
    for size in ((80, 24), (250, 80)):
        app, _clock, _ = _app(tmp_path / f"{size[0]}")
        async with app.run_test(size=size) as pilot:
            screen = await _run_screen(pilot)
            await pilot.press("n")
            await pilot.press("b")
            room = await _wait_for(pilot, RoomScreen)
            assert isinstance(room, RoomScreen)
            await pilot.pause()
            digits = room.query_one(BigDigits)
            lines = str(digits.render()).splitlines()
            assert len(lines) >= 5 and "█" in lines[0]
            if size == (250, 80):
                assert len(lines) >= 30  # scaled up for the back of the room
            assert "Check-in" in str(room.query_one("#room-title", Static).render())
            assert "Next:" in str(room.query_one("#room-next", Static).render())
            shown = " ".join(str(w.render()) for w in room.query(Static))
            assert "Responsible" not in shown and "1. " not in shown
            await pilot.press("n")  # the facilitator drives from here too
            assert screen.run.state.current == 2
            await pilot.press("b")
            await _wait_for(pilot, RunScreen)


async def test_station_rotation_shows_rounds_and_move_now(tmp_path: Path) -> None:
    app, clock, _ = _app(tmp_path, template="station-rotation")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        while screen.run.current_item is not None and screen.run.current_item.rotation is None:
            await pilot.press("n")
        item = screen.run.current_item
        assert item is not None and item.rotation is not None
        rotation = item.rotation
        rounds, work = rotation.round_count, rotation.round_minutes
        assert rotation.move_minutes > 0 and rotation.groups >= 2
        clock.advance(5 * MIN)
        screen.tick()
        shown = _text(screen, "run-rotation")
        assert f"Round 1 of {rounds}" in shown
        assert f"{work - 5:02d}:00 left in the round" in shown
        assert "Group 1 → station 1" in shown
        assert f"Group {rotation.groups} → station {rotation.groups}" in shown
        assert "MOVE NOW" not in shown
        clock.advance((work - 5) * MIN + 30)  # into the move minutes after round 1
        screen.tick()
        assert "MOVE NOW" in _text(screen, "run-rotation")
        clock.advance(rotation.move_minutes * MIN)
        screen.tick()
        shown = _text(screen, "run-rotation")
        assert f"Round 2 of {rounds}" in shown and "Group 1 → station 2" in shown
        clock.advance(work * MIN)  # the room sees the round's time and when to move
        await pilot.press("b")
        room = await _wait_for(pilot, RoomScreen)
        assert isinstance(room, RoomScreen)
        title = str(room.query_one("#room-title", Static).render())
        assert "MOVE NOW" in title and f"Round 2 of {rounds}" in title
        assert room.query_one(BigDigits).value == f"{rotation.move_minutes - 1:02d}:30"


async def test_r_on_home_runs_the_highlighted_plan_and_escape_leaves_it_resumable(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    path = _plan_file(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        while not isinstance(app.screen, RunScreen | Choose):
            await pilot.pause()
        if isinstance(app.screen, Choose):  # the plan's 13:00 is not now: start now
            await pilot.click("#answer-now")
        screen = await _wait_for(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        from facilkit.run.follow import owner_tag

        assert load_run(run_paths(path)[-1]).owner == owner_tag()  # live: driven from here
        await pilot.press("escape")
        await _wait_for(pilot, HomeScreen)
        assert run_paths(path)
        assert load_run(run_paths(path)[-1]).owner == ""  # left: a room view says it stopped
        await pilot.press("r")
        question = await _wait_for(pilot, Choose)
        assert isinstance(question, Choose) and "Resume" in question.answers[0][1]
        await pilot.click("#answer-resume")
        await _wait_for(pilot, RunScreen)
        assert len(run_paths(path)) == 1
        assert load_run(run_paths(path)[-1]).owner == owner_tag()  # live again at once


async def test_start_time_is_asked_when_the_plan_s_time_is_far_from_now(tmp_path: Path) -> None:
    from facilkit.plans.storage import load_plan

    home = tmp_path / "home"
    path = _plan_file(home)
    clock = FakeClock(today_at(16 * 60, T0))  # the plan starts at 13:00
    app = make_app(home)
    app.run_request = (load_plan(path), path, RunOptions(clock=clock, tick_seconds=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        question = await _wait_for(pilot, Choose)
        assert isinstance(question, Choose) and "13:00" in question.question
        await pilot.click("#answer-plan")
        screen = await _wait_for(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        assert "180 min behind" in _text(screen, "run-header")


async def test_r_in_an_open_plan_runs_it_as_edited(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = _plan_file(home)
    app = make_app(home, open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        plan_screen = app.plan_screen
        assert plan_screen is not None
        plan_screen.plan.agenda[0].title = "Edited, not saved"
        options = RunOptions(clock=FakeClock(today_at(13 * 60, T0)), tick_seconds=0)
        plan_screen.query_one("#steps").focus()
        app.call_later(app.start_run, plan_screen.plan, plan_screen.path, options)
        screen = await _wait_for(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        assert "Edited, not saved" in _text(screen, "run-now")
        assert plan_screen.plan.agenda[0].title == "Edited, not saved"  # the plan itself untouched


async def test_u_takes_a_skip_back_and_the_help_screen_lists_it(tmp_path: Path) -> None:
    from facilkit.tui.dialogs.help import HelpScreen

    app, _, path = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        run = screen.run
        following = run.state.items[1].title
        await pilot.press("s")
        assert run.state.records[1].status == "skipped"
        assert following not in _text(screen, "run-next")
        await pilot.press("u")
        assert run.state.records[1].status == "pending"
        assert following in _text(screen, "run-next")
        log = load_run(run_paths(path)[-1])
        assert [e.kind for e in log.events][-2:] == ["skip", "unskip"]
        assert "u Undo skip" in _text(screen, "run-keys")
        await pilot.press("f1")
        help_screen = await _wait_for(pilot, HelpScreen)
        assert ("u", "Undo skip") in help_screen.keys


async def test_the_view_says_what_to_shorten_to_keep_a_pinned_item(tmp_path: Path) -> None:
    from facilkit.run.items import RunItem

    app, clock, _ = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _run_screen(pilot)
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
        advice = _text(screen, "run-advice")
        assert f"“{items[2].title}” stays at" in advice
        assert f"Shorten “{items[1].title}” to {items[1].minutes - 3} min (−3)" in advice
        assert "late" not in advice


async def test_the_view_grows_at_160x48_with_the_items_to_come(tmp_path: Path) -> None:
    app, _, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        assert not screen.query_one("#run-agenda").display
        assert screen.query_one("#run-side").outer_size.width == 36
    app, _, _ = _app(tmp_path / "large")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _run_screen(pilot)
        await pilot.press("s")
        side = screen.query_one("#run-side")
        agenda = screen.query_one("#run-agenda")
        await wait_until(pilot, lambda: side.outer_size.width == 56, "the wide side column")
        assert agenda.display
        listed = _text(screen, "run-agenda")
        items = screen.run.state.items
        assert "Coming up" in listed and f"{items[1].title} (10 min) – skipped" in listed
        assert all(item.title in listed for item in items[2:])
        await pilot.press("u")
        assert "skipped" not in _text(screen, "run-agenda")


async def test_in_overtime_the_next_item_s_start_moves_with_the_clock(tmp_path: Path) -> None:
    from facilkit.run.clock import clock_of

    app, clock, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _run_screen(pilot)
        clock.advance(9 * MIN)  # four minutes into overtime on a five-minute item
        screen.tick()
        await pilot.pause()
        assert f"({clock_of(clock.now())}," in _text(screen, "run-next")


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
    app, _, path = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _run_screen(pilot)
        await pilot.press("n", "n")
        assert screen.run.state.current == 2  # the run goes on in memory
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1, errors
        assert "read-only file system" in errors[0]
        refusing[0] = False
        await pilot.press("plus")  # the next change tries again
        assert load_run(run_paths(path)[-1]).current == 2
