"""Pilot tests: F1 and ``?`` open a help screen on every screen, listing its keys as bound."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from facilkit.i18n import t
from facilkit.tui.dialogs.basic import Choose, Pick
from facilkit.tui.dialogs.help import HelpScreen, keys_of
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_closing import ClosingScreen
from facilkit.tui.screens.run_room import RoomScreen
from tests.tui_helpers import (
    make_app,
    name_the_plan,
    ready,
    run_app,
    run_screen,
    screen_text,
    start_new_plan,
    wait_for_screen,
    wait_until,
)


async def check_help(pilot: Pilot[None], key: str, topic: str, lang: str = "en") -> None:
    """``key`` opens help for the screen on show: its purpose and every key it takes."""
    below = pilot.app.screen
    expected = keys_of(below)
    await pilot.press(key)
    help_screen = await wait_for_screen(pilot, HelpScreen)
    assert help_screen.topic == topic
    purpose = str(help_screen.query_one("#help-purpose", Static).render())
    assert purpose == t(f"help.{topic}", lang)
    text = screen_text(pilot.app)  # type: ignore[arg-type]
    assert expected and help_screen.keys == expected
    for _keys, description in expected[:6]:  # the first ones are on screen without scrolling
        assert description in text, description
    await pilot.press("escape")
    await wait_until(pilot, lambda: pilot.app.screen is below, "help to close")


async def test_help_on_home_library_plan_and_a_dialog(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await check_help(pilot, "f1", "home")
        await check_help(pilot, "question_mark", "home")
        home_keys = dict((d, k) for k, d in keys_of(app.screen))
        assert home_keys["New plan"] == "n" and "Help" in home_keys
        await pilot.press("m")
        await wait_for_screen(pilot, LibraryScreen)
        await check_help(pilot, "question_mark", "library")
        assert keys_of(app.screen)[0] == ("esc", "Back")  # the screen's own keys come first
        library_keys = {d: k for k, d in keys_of(app.screen)}
        assert library_keys["Search"] == "/ ctrl+f"  # both keys of one binding, one line
        await pilot.press("escape", "n")
        await name_the_plan(pilot)
        await check_help(pilot, "f1", "plan")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PlanScreen), "plan to close")
        if isinstance(app.screen, Choose):  # the plan screen may ask before it goes
            await pilot.click("#answer-discard")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("t")
        dialog = await wait_for_screen(pilot, Pick)
        await check_help(pilot, "f1", "dialog")
        assert dialog is app.screen


async def test_help_in_danish_on_home(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await check_help(pilot, "f1", "home", "da")
        assert "F1 Hjælp" in screen_text(app)  # on the title bar of every screen


async def test_help_on_the_run_screens(tmp_path: Path) -> None:
    app, clock, _ = run_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await check_help(pilot, "question_mark", "run")
        await pilot.press("b")
        await wait_for_screen(pilot, RoomScreen)
        await check_help(pilot, "f1", "run_room")
        await pilot.press("b")
        await wait_for_screen(pilot, RunScreen)
        clock.advance(240.0)
        await pilot.press("e")
        await wait_for_screen(pilot, Choose)
        await pilot.click("#answer-end")
        await wait_for_screen(pilot, ClosingScreen)
        await check_help(pilot, "f1", "run_closing")


async def test_duplicate_puts_the_cursor_on_the_copy(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    app = make_app(tmp_path / "home", with_examples=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        home = await wait_for_screen(pilot, HomeScreen)
        plans = home.query_one("#plans", OptionList)
        await wait_until(pilot, lambda: len(home.plans) == 2, "the two plans listed")
        original = home.selected
        assert original is not None
        await pilot.press("d")
        await wait_until(pilot, lambda: len(home.plans) == 3, "the copy listed")
        copy = home.selected
        assert copy is not None and copy.path != original.path
        assert copy.title.endswith(original.title) or original.title in copy.title
        assert plans.highlighted == [p.path for p in home.plans].index(copy.path)


async def test_new_plan_left_untouched_asks_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await start_new_plan(pilot)
        await wait_until(pilot, lambda: app.focused is not None, "the first field focused")
        await ready(pilot)  # every field's first Changed has been handled
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


async def test_growing_the_window_focuses_a_widget_again(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    app = make_app(tmp_path / "home", with_examples=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        home = await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: len(home.plans) == 2, "the plans listed")
        await pilot.resize_terminal(60, 20)
        await wait_until(pilot, lambda: home.has_class("-too-small"), "the too-small message")
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: isinstance(app.focused, OptionList), "the list focused")
        await pilot.press("enter")  # opens the highlighted plan at once, no Tab needed
        await wait_for_screen(pilot, PlanScreen)
