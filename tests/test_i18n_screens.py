"""Every screen and dialog of the TUI, in each interface language, with no other language on it.

Issue 10: a Norwegian or Swedish key person uses facilkit in their own language, and a
Danish one sees no English. Each screen is rendered and its text compared with the other
catalogues (see ``tests/i18n_leaks.py`` for what counts as another language's words);
the plan, method and template text the user sees in that language is allowed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from facilkit.i18n import ui_languages
from facilkit.paths import Locations
from facilkit.plans.storage import load_plan, plan_from_template, save_plan
from facilkit.run.clock import FakeClock, today_at
from facilkit.run.items import plan_start_minute
from facilkit.tui.app import FacilkitApp
from facilkit.tui.dialogs.basic import Choose, Pick, Prompt, TextPanel
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.dialogs.help import HelpScreen
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.materials import MaterialsDialog
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.plan.steps import STEPS
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_closing import ClosingScreen
from facilkit.tui.screens.run_room import RoomScreen
from facilkit.tui.screens.run_start import RunOptions
from tests.i18n_leaks import content_texts, leaks
from tests.run_helpers import T0
from tests.tui_helpers import (
    make_app,
    on_screen,
    press_to_open,
    ready,
    screen_text,
    type_text,
    wait_for_screen,
    wait_until,
)

LANGUAGES = ui_languages()


@pytest.fixture
def home() -> Iterator[Path]:
    """A home whose path says nothing in any language (it is shown in notices and dialogs)."""
    folder = Path(tempfile.mkdtemp(prefix="fk"))
    yield folder / "home"
    shutil.rmtree(folder, ignore_errors=True)


SIZES = [(120, 40), (80, 24)]
"""A roomy size, and the smallest terminal facilkit supports: there the key bar drops keys or
takes two lines, dialogs and notes wrap, and the wizard's fields scroll. Rendering every
screen twice doubled this file's time, so at 80x24 it runs the screens whose layout changes
most (the plan's steps and dialogs, run mode, the room's view in a second terminal) and,
from home (in the same app as the 120x40 walk, resized), the key bars of home, library and
the template picker."""
SIZE_IDS = ["120x40", "80x24"]


class Seen:
    """What each screen showed, checked all at once so one run names every leak."""

    def __init__(self, app: FacilkitApp, lang: str) -> None:
        self.app, self.lang = app, lang
        self.allowed = content_texts(lang)
        self.found: dict[str, list[str]] = {}
        self.screens: list[str] = []

    def check(self, name: str) -> None:
        self.screens.append(name)
        found = leaks(screen_text(self.app), self.lang, self.allowed)
        if found:
            self.found[name] = found

    def assert_clean(self, *expected: str) -> None:
        assert [name for name in expected if name not in self.screens] == []
        assert self.found == {}, f"{self.lang}: words of another language: {self.found}"


def _saved_plan(home: Path, lang: str, name: str = "meeting") -> Path:
    plan = plan_from_template("learning-group", None, lang)
    path = (
        Locations(home=home, cache=home / "cache", exports=home / "documents").plans
        / f"{name}.yaml"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    save_plan(plan, path)
    return path


async def _palette(pilot: Pilot[None]) -> None:
    """ctrl+p, and wait until the palette lists its commands."""
    await pilot.press("ctrl+p")

    def listed() -> bool:
        palette: Screen[Any] = pilot.app.screen
        return (
            isinstance(palette, CommandPalette) and palette.query_one(CommandList).option_count > 0
        )

    await wait_until(pilot, listed, "the palette's commands")


def _showing(screen: PlanScreen, step: str) -> Callable[[], bool]:
    return lambda: screen.current_step == step


async def _back_to(pilot: Pilot[None], kind: type[Screen[Any]]) -> None:
    await pilot.press("escape")
    await wait_for_screen(pilot, kind)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_home_library_palette_help_templates_trash(home: Path, lang: str) -> None:
    """Every home and library screen at 120x40; then, at 80x24, the key bars that drop keys
    at 80 columns: home, library, the template picker (the same app, its terminal resized)."""
    _saved_plan(home, lang, "first")
    _saved_plan(home, lang, "second")
    app = make_app(home, lang=lang)
    async with app.run_test(size=SIZES[0]) as pilot:
        await ready(pilot)
        seen = Seen(app, lang)
        seen.check("home")
        await press_to_open(pilot, "f1", HelpScreen)
        seen.check("help (home)")
        await _back_to(pilot, HomeScreen)
        await _palette(pilot)
        seen.check("palette")
        await type_text(pilot, "refl")
        await pilot.pause()
        seen.check("palette searched")
        await _back_to(pilot, HomeScreen)
        await press_to_open(pilot, "m", LibraryScreen)
        seen.check("library")
        await type_text(pilot, "team")
        await pilot.pause()
        seen.check("library searched")
        await press_to_open(pilot, "f1", HelpScreen)
        seen.check("help (library)")
        await _back_to(pilot, LibraryScreen)
        await _back_to(pilot, HomeScreen)
        await press_to_open(pilot, "t", Pick)
        seen.check("template picker")
        await _back_to(pilot, HomeScreen)
        await press_to_open(pilot, "p", TextPanel)
        seen.check("library problems")
        await _back_to(pilot, HomeScreen)
        await press_to_open(pilot, "x", Choose)
        seen.check("delete question")
        await pilot.click("#answer-yes")
        await wait_for_screen(pilot, HomeScreen)
        seen.check("home after a delete")
        await press_to_open(pilot, "u", Pick)
        seen.check("trash")
        await _back_to(pilot, HomeScreen)

        await pilot.resize_terminal(*SIZES[1])
        await wait_until(pilot, lambda: app.screen.size == SIZES[1], "the smaller terminal")
        seen.check("home 80x24")
        await press_to_open(pilot, "m", LibraryScreen)
        seen.check("library 80x24")
        await _back_to(pilot, HomeScreen)
        await press_to_open(pilot, "t", Pick)
        seen.check("template picker 80x24")
        seen.assert_clean(
            "home",
            "palette",
            "library",
            "template picker",
            "library problems",
            "trash",
            "home 80x24",
            "library 80x24",
            "template picker 80x24",
        )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_plan_steps_and_their_dialogs(home: Path, lang: str, size: tuple[int, int]) -> None:
    path = _saved_plan(home, lang)
    app = make_app(home, lang=lang, open_path=path)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await wait_for_screen(pilot, PlanScreen)
        seen = Seen(app, lang)
        for step in STEPS:
            screen.show_step(step)
            await wait_until(pilot, _showing(screen, step), step)
            seen.check(f"step {step}")
        screen.show_step("agenda")
        await pilot.pause()
        await press_to_open(pilot, "f1", HelpScreen)
        seen.check("help (plan)")
        await _back_to(pilot, PlanScreen)
        screen.action_add_method()
        await wait_for_screen(pilot, MethodPicker)
        seen.check("method picker")
        await _back_to(pilot, PlanScreen)
        screen.action_add_item()
        await wait_for_screen(pilot, ItemForm)
        seen.check("item form")
        await _back_to(pilot, PlanScreen)
        await press_to_open(pilot, "m", MaterialsDialog)
        seen.check("materials")
        await _back_to(pilot, PlanScreen)
        await press_to_open(pilot, "ctrl+o", ExportDialog)
        seen.check("export dialog")
        await _back_to(pilot, PlanScreen)
        screen.show_step("intention")
        await pilot.pause()
        await type_text(pilot, " x")
        await wait_until(pilot, lambda: screen.dirty, "a change")
        await press_to_open(pilot, "ctrl+q", Choose)
        seen.check("quit question")
        await _back_to(pilot, PlanScreen)
        theirs = load_plan(path)
        theirs.location = "B 1.07"
        save_plan(theirs, path)
        await press_to_open(pilot, "ctrl+s", Choose)
        seen.check("save conflict")
        await _back_to(pilot, PlanScreen)
        seen.assert_clean("step agenda", "method picker", "item form", "materials", "export dialog")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_run_mode_screens(home: Path, lang: str, size: tuple[int, int]) -> None:
    path = _saved_plan(home, lang)
    plan = load_plan(path)
    clock = FakeClock(today_at(plan_start_minute(plan), T0) + 3 * 3600)  # asks when to start
    app = make_app(home, lang=lang)
    app.run_request = (plan, path, RunOptions(clock=clock, tick_seconds=0))
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        seen = Seen(app, lang)
        await wait_for_screen(pilot, Choose)
        seen.check("run start question")
        await pilot.click("#answer-plan")
        run = await wait_for_screen(pilot, RunScreen)
        seen.check("run")
        await press_to_open(pilot, "f1", HelpScreen)
        seen.check("help (run)")
        await _back_to(pilot, RunScreen)
        await pilot.press("t")
        await wait_until(pilot, lambda: run.run.state.pause == "timeout", "the timeout")
        seen.check("run in a timeout")
        await press_to_open(pilot, "t", Prompt)
        seen.check("timeout note")
        await _back_to(pilot, RunScreen)
        await press_to_open(pilot, "b", RoomScreen)
        seen.check("room view")
        await _back_to(pilot, RunScreen)
        await press_to_open(pilot, "e", Choose)
        seen.check("end question")
        await pilot.click("#answer-end")
        await wait_for_screen(pilot, ClosingScreen)
        seen.check("closing")
        on_screen(app, ClosingScreen)
        seen.assert_clean("run", "room view", "end question", "closing")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_room_view_in_a_second_terminal(home: Path, lang: str, size: tuple[int, int]) -> None:
    """``facilkit run PLAN --room``: waiting for a run, following it, its help, its end."""
    import time

    from facilkit.run.follow import owner_tag
    from facilkit.run.items import contract_of, run_items
    from facilkit.run.log import new_run_path, save_run
    from facilkit.run.machine import Run, new_run
    from facilkit.tui.screens.run_follow import FollowRoomScreen

    path = _saved_plan(home, lang)
    app = make_app(home, lang=lang)
    app.run_request = (load_plan(path), path, RunOptions(room=True))
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await wait_for_screen(pilot, FollowRoomScreen)
        seen = Seen(app, lang)

        def showing(words: str) -> Callable[[], bool]:
            return lambda: screen.shown is not None and words in screen.shown.title

        await wait_until(pilot, showing(path.stem), "no run yet")
        seen.check("follow: no run")
        plan = load_plan(path)
        state = new_run(
            run_items(plan, app.library), contract_of(plan), time.time(), plan_name=path.name
        )
        state.owner = owner_tag()
        run = Run(state)
        run.start(time.time())
        log = new_run_path(path)
        save_run(run.state, log)
        await wait_until(pilot, showing(run.state.items[0].title), "the run")
        seen.check("follow: a run")
        await press_to_open(pilot, "f1", HelpScreen)
        seen.check("help (follow)")
        await _back_to(pilot, FollowRoomScreen)
        run.state.owner = ""  # the facilitator's program left
        save_run(run.state, log)
        await wait_until(pilot, lambda: screen.follower.seen.status == "stopped", "the stop")
        await pilot.pause()
        seen.check("follow: stopped")
        run.state.owner = owner_tag()
        run.end(time.time())
        save_run(run.state, log)
        await wait_until(pilot, lambda: screen.follower.seen.status == "ended", "the end")
        await pilot.pause()
        seen.check("follow: ended")
        seen.assert_clean("follow: no run", "follow: a run", "help (follow)", "follow: ended")
