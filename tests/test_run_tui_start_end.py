"""Run mode in the TUI: starting a run (from home, from an open plan, at another time than
planned), the room's view, and the closing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Static, TextArea

from facilkit.run.clock import FakeClock, today_at
from facilkit.run.log import load_run, run_paths
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_room import RoomScreen
from facilkit.tui.screens.run_start import RunOptions
from facilkit.tui.widgets.run_digits import BigDigits
from tests.run_helpers import MIN, T0
from tests.tui_helpers import (
    end_the_run,
    gamemaster_questions,
    make_app,
    ready,
    run_app,
    run_plan_file,
    run_screen,
    screen_text,
    shown_countdown,
    static_text,
    wait_for_screen,
    wait_until,
)


async def test_closing_ticks_outcomes_and_saves_the_agreements(tmp_path: Path) -> None:
    app, clock, path = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        clock.advance(4 * MIN)
        closing = await end_the_run(pilot)
        shown = str(closing.query_one("#closing-questions", Static).render())
        for question in gamemaster_questions(app, "closing"):
            assert question in shown
        closing.query_one(Checkbox).value = True
        closing.query_one(TextArea).text = "Anna sends the notes by Friday"
        await pilot.press("ctrl+s")
        screen = await wait_for_screen(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        assert static_text(screen, "run-now") == "The meeting has ended."
        assert "facilkit plan report" in static_text(screen, "run-body")
        assert shown_countdown(screen) == "--:--"
        log = load_run(run_paths(path)[-1])
        assert log.phase == "closed"
        assert log.closing is not None and log.closing.reached == [True]
        assert log.closing.notes == "Anna sends the notes by Friday"


async def test_room_view_has_large_digits_title_and_next_only(tmp_path: Path) -> None:
    for size in ((80, 24), (250, 80)):
        app, _clock, _ = run_app(tmp_path / f"{size[0]}")
        async with app.run_test(size=size) as pilot:
            screen = await run_screen(pilot)
            await pilot.press("n")
            await pilot.press("b")
            room = await wait_for_screen(pilot, RoomScreen)
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
            await wait_for_screen(pilot, RunScreen)


async def test_r_on_home_runs_the_highlighted_plan_and_escape_leaves_it_resumable(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    path = run_plan_file(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        while not isinstance(app.screen, RunScreen | Choose):
            await pilot.pause()
        if isinstance(app.screen, Choose):  # the plan's 13:00 is not now: start now
            await pilot.click("#answer-now")
        screen = await wait_for_screen(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        from facilkit.run.follow import owner_tag

        assert load_run(run_paths(path)[-1]).owner == owner_tag()  # live: driven from here
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        assert run_paths(path)
        assert load_run(run_paths(path)[-1]).owner == ""  # left: a room view says it stopped
        await pilot.press("r")
        question = await wait_for_screen(pilot, Choose)
        assert isinstance(question, Choose) and "Resume" in question.answers[0][1]
        await pilot.click("#answer-resume")
        await wait_for_screen(pilot, RunScreen)
        assert len(run_paths(path)) == 1
        assert load_run(run_paths(path)[-1]).owner == owner_tag()  # live again at once


async def test_start_time_is_asked_when_the_plan_s_time_is_far_from_now(tmp_path: Path) -> None:
    from facilkit.plans.storage import load_plan

    home = tmp_path / "home"
    path = run_plan_file(home)
    clock = FakeClock(today_at(16 * 60, T0))  # the plan starts at 13:00
    app = make_app(home)
    app.run_request = (load_plan(path), path, RunOptions(clock=clock, tick_seconds=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        question = await wait_for_screen(pilot, Choose)
        assert isinstance(question, Choose) and "13:00" in question.question
        await pilot.click("#answer-plan")
        screen = await wait_for_screen(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        assert "180 min behind" in static_text(screen, "run-header")


async def test_r_in_an_open_plan_runs_it_as_edited(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = run_plan_file(home)
    app = make_app(home, open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        plan_screen = app.plan_screen
        assert plan_screen is not None
        plan_screen.plan.agenda[0].title = "Edited, not saved"
        options = RunOptions(clock=FakeClock(today_at(13 * 60, T0)), tick_seconds=0)
        plan_screen.query_one("#steps").focus()
        app.call_later(app.start_run, plan_screen.plan, plan_screen.path, options)
        screen = await wait_for_screen(pilot, RunScreen)
        assert isinstance(screen, RunScreen)
        assert "Edited, not saved" in static_text(screen, "run-now")
        assert plan_screen.plan.agenda[0].title == "Edited, not saved"  # the plan itself untouched


async def test_closing_marks_say_ticked_or_not_without_colour(tmp_path: Path) -> None:
    """An unticked outcome reads [ ] and a ticked one [x]: Textual's ▐X▌ looked ticked either
    way, and ☐/☑ are one and the same missing glyph in the Windows console's fonts."""
    from facilkit.tui.widgets.tick_box import UNTICKED, TickBox

    app, clock, path = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        clock.advance(4 * MIN)
        closing = await end_the_run(pilot)
        boxes = list(closing.query(TickBox))
        assert boxes  # one per desired outcome

        def marks() -> list[str]:
            return [str(box.render())[: len(UNTICKED)] for box in boxes]

        assert marks() == ["[ ]"] * len(boxes)
        assert "F1 Help" in " ".join(screen_text(app).split())  # no title bar here to say it
        assert all("X" not in str(box.render()) for box in boxes)
        await pilot.press("space")  # the first box has focus
        await wait_until(pilot, lambda: marks()[0] == "[x]", "the first ticked")
        assert marks()[1:] == ["[ ]"] * (len(boxes) - 1)
        assert "[x]" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, RunScreen)
        closed = load_run(run_paths(path)[-1]).closing
        assert closed is not None and closed.reached == [True] + [False] * (len(boxes) - 1)


async def test_a_long_outcome_wraps_whole_in_the_closing(tmp_path: Path) -> None:
    long_outcome = "Every participant has shared one concrete experience from a conversation " * 2
    app, clock, _ = run_app(tmp_path)
    assert app.run_request is not None
    app.run_request[0].desired_outcomes = [long_outcome.strip()]
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        clock.advance(4 * MIN)
        await end_the_run(pilot)
        words = screen_text(app).split()
        assert sum("conversation" in word for word in words) == 2, words[-80:]
        assert "[ ]" in screen_text(app)  # none of it cut off, the mark before it
