"""Helpers for Pilot tests: an app on a temporary home with only the built-in library."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Digits, Input, Static

from facilkit.library.loader import Folder
from facilkit.paths import Locations, builtin_methods_dir
from facilkit.plans.storage import plan_from_template, save_plan
from facilkit.run.clock import FakeClock, today_at
from facilkit.tui.app import FacilkitApp, create_app
from facilkit.tui.compat import shown_notifications
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.plan.agenda import AgendaTable
from facilkit.tui.screens.run import RunScreen
from facilkit.tui.screens.run_closing import ClosingScreen
from facilkit.tui.screens.run_start import RunOptions
from tests.run_helpers import T0

ScreenT = TypeVar("ScreenT", bound=Screen[Any])
ROOT = Path(__file__).resolve().parent.parent
WAIT_LIMIT = 10.0
"""Seconds a condition may take before the test fails (a hang, not a slow machine)."""
POLL = 0.01
"""Seconds between checks of a condition that waits on a timer (autosave, palette search)."""


def make_app(
    home: Path,
    lang: str = "en",
    extra: list[Folder] | None = None,
    with_examples: bool = False,
    open_path: Path | None = None,
    autosave_seconds: float = 60.0,
) -> FacilkitApp:
    """A deterministic app: fixed folders, no cache, steady cursors."""
    locations = Locations(home=home, cache=home / "cache", exports=home / "documents")
    if with_examples:
        locations.plans.mkdir(parents=True, exist_ok=True)
        for offset, name in enumerate(
            ["learning-group-meeting.yaml", "station-rotation-afternoon.yaml"]
        ):
            target = locations.plans / name
            shutil.copy(ROOT / "examples" / name, target)
            stamp = time.mktime((2026, 11, 1, 12, offset, 0, 0, 0, -1))
            os.utime(target, (stamp, stamp))
    folders = [Folder(builtin_methods_dir(), "builtin"), *(extra or [])]
    return create_app(
        locations,
        lang=lang,
        folders=folders,
        use_cache=False,
        autosave_seconds=autosave_seconds,
        cursor_blink=False,
        open_path=open_path,
    )


async def ready(pilot: Pilot[None]) -> None:
    """Wait until the library has loaded and the screen has settled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until(pilot: Pilot[None], condition: Callable[[], object], what: str) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` if it never does.

    Tests wait on what they need (a worker done, a widget present, a screen
    pushed), never on a fixed pause: the check runs after every idle moment, so
    a fast machine goes on at once and a slow one gets up to ``WAIT_LIMIT``.
    """
    deadline = time.monotonic() + WAIT_LIMIT
    while True:
        await pilot.pause()
        if condition():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT_LIMIT:.0f} s for {what}")
        await asyncio.sleep(POLL)  # a timer is due: give it the loop instead of spinning


async def settle(pilot: Pilot[None]) -> None:
    """Let every message queued on the app and its screen's widgets be handled, however deep.

    One ``pilot.pause()`` lets each widget handle what it held when the pause began;
    a key goes app → screen → focused widget, and the widget's own message (an
    ``Input.Changed``) then climbs through its containers, one queue at a time. Under
    load the pause can end before the last hop, so a test would read the plan before
    the keystroke reached it. Pause until no queue holds anything.
    """
    deadline = time.monotonic() + WAIT_LIMIT
    while True:
        await pilot.pause()
        app = pilot.app
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if all(node.message_queue_size == 0 for node in nodes):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"messages still queued after {WAIT_LIMIT:.0f} s")


def on_screen(app: App[Any], kind: type[ScreenT]) -> ScreenT:
    """The active screen, which must be a ``kind`` (typed, unlike ``isinstance`` on a property)."""
    screen = app.screen
    assert isinstance(screen, kind), f"expected {kind.__name__}, got {type(screen).__name__}"
    return screen


async def wait_for_screen(pilot: Pilot[None], kind: type[ScreenT]) -> ScreenT:
    """Wait until a ``kind`` screen is active and mounted, and return it."""
    await wait_until(
        pilot,
        lambda: isinstance(pilot.app.screen, kind) and pilot.app.screen.is_mounted,
        f"a {kind.__name__} screen",
    )
    return on_screen(pilot.app, kind)


async def press_to_open(pilot: Pilot[None], key: str, kind: type[ScreenT]) -> ScreenT:
    """Press ``key`` and return the screen it opened, which must be a ``kind``."""
    await pilot.press(key)
    return await wait_for_screen(pilot, kind)


async def wait_for_command(pilot: Pilot[None], words: str) -> None:
    """Wait until the command palette's highlighted command contains ``words``.

    The palette searches in a worker and fills its list in batches; enter picks
    whatever is highlighted, so a test presses it only once the wanted command is.
    """
    from textual.command import CommandList, CommandPalette

    def highlighted() -> str:
        palette: Screen[Any] = pilot.app.screen
        if not isinstance(palette, CommandPalette):
            return ""
        commands = palette.query_one(CommandList)
        if commands.highlighted is None:
            return ""
        return str(commands.get_option_at_index(commands.highlighted).prompt)

    await wait_until(pilot, lambda: words.lower() in highlighted().lower(), f"command {words!r}")


async def open_library(pilot: Pilot[None]) -> LibraryScreen:
    """**m** on the home screen."""
    return await press_to_open(pilot, "m", LibraryScreen)


async def start_new_plan(pilot: Pilot[None], title: str | None = None) -> PlanScreen:
    """**n** on the home screen, then the title (Enter alone keeps the one offered)."""
    await pilot.press("n")
    return await name_the_plan(pilot, title)


async def new_plan_typed(pilot: Pilot[None], text: str) -> PlanScreen:
    """Once the app is ready: **n**, keep the offered title, type ``text`` in the first step."""
    await ready(pilot)
    screen = await start_new_plan(pilot)
    await type_text(pilot, text)
    return screen


async def name_the_plan(pilot: Pilot[None], title: str | None = None) -> PlanScreen:
    """Answer the question a new plan asks first: its title (None: keep the one offered)."""
    from facilkit.tui.dialogs.basic import Prompt

    await wait_for_screen(pilot, Prompt)
    if title is not None:
        await type_text(pilot, title)
    await pilot.press("enter")
    return await wait_for_screen(pilot, PlanScreen)


async def open_agenda(pilot: Pilot[None]) -> PlanScreen:
    """From the first step, alt+→ twice: the agenda, with the table focused."""
    await ready(pilot)
    screen = on_screen(pilot.app, PlanScreen)
    await pilot.press("alt+right", "alt+right")
    await wait_until(pilot, lambda: isinstance(screen.focused, AgendaTable), "the agenda")
    return screen


def visible(app: FacilkitApp) -> str:
    """The screen's words with line breaks and runs of spaces as one space."""
    return " ".join(screen_text(app).split())


def shows(app: FacilkitApp, text: str) -> bool:
    """Whether the screen shows ``text`` (compared without spaces: the SVG drops some)."""
    return "".join(text.split()) in "".join(screen_text(app).split())


def screen_text(app: FacilkitApp) -> str:
    """The visible screen as plain text (from the SVG screenshot), for assertions."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type like a person: one key per character, newline as enter."""
    keys = ["enter" if ch == "\n" else "space" if ch == " " else ch for ch in text]
    await pilot.press(*keys)


async def replace_input(pilot: Pilot[None], selector: str, text: str) -> None:
    """Click a one-line field, clear it as a person would (ctrl+u), and type ``text``."""
    await pilot.click(selector)
    field = pilot.app.screen.query_one(selector, Input)
    field.cursor_position = len(field.value)
    await pilot.press("ctrl+u")
    await type_text(pilot, text)


async def export_with(pilot: Pilot[None], key: str, target: Path) -> None:
    """Press ``key`` (the export), write ``target`` into the dialog's path, and wait for the file."""
    await press_to_open(pilot, key, ExportDialog)
    await replace_input(pilot, "#export-path", str(target))
    await pilot.press("enter")
    await wait_until(pilot, target.exists, "the export")


def notices(app: App[Any]) -> list[str]:
    """The messages of the notifications shown so far (toasts may already have gone)."""
    return [str(notification.message) for notification in shown_notifications(app)]


def example_copy(tmp_path: Path, name: str = "learning-group-meeting.yaml") -> Path:
    """A copy of an example plan in ``tmp_path/plans``, free to edit and to change on disk."""
    path = tmp_path / "plans" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "examples" / name, path)
    return path


# --- run mode ------------------------------------------------------------------------------------


def run_plan_file(home: Path, template: str = "learning-group", lang: str = "en") -> Path:
    """A plan from ``template`` saved in ``home``'s plans folder, to be run."""
    plan = plan_from_template(template, f"Test {template}")
    plan.language = lang
    path = home / "plans" / f"{template}.yaml"
    save_plan(plan, path)
    return path


def run_app(
    tmp_path: Path, template: str = "learning-group", **options: object
) -> tuple[FacilkitApp, FakeClock, Path]:
    """An app that opens straight into run mode, on a clock that moves only when told."""
    from facilkit.plans.storage import load_plan
    from facilkit.run.items import plan_start_minute

    home = tmp_path / "home"
    path = run_plan_file(home, template)
    plan = load_plan(path)
    clock = FakeClock(today_at(plan_start_minute(plan), T0))
    app = make_app(home)
    app.run_request = (plan, path, RunOptions(clock=clock, tick_seconds=0, **options))  # type: ignore[arg-type]
    return app, clock, path


async def run_screen(pilot: Pilot[None]) -> RunScreen:
    """Wait until the library has loaded and the run screen is up."""
    await ready(pilot)
    return await wait_for_screen(pilot, RunScreen)


async def end_the_run(pilot: Pilot[None]) -> ClosingScreen:
    """**e** in run mode, then "End the meeting" in the question: the closing screen."""
    from facilkit.tui.dialogs.basic import Choose

    await press_to_open(pilot, "e", Choose)
    await pilot.click("#answer-end")
    return await wait_for_screen(pilot, ClosingScreen)


def static_text(screen: Screen[Any], widget_id: str) -> str:
    """What the Static ``#widget_id`` shows."""
    return str(screen.query_one(f"#{widget_id}", Static).render())


def shown_countdown(screen: RunScreen) -> str:
    """The run screen's big countdown, as shown ("05:00", "+01:00")."""
    return screen.query_one("#run-countdown", Digits).value


def gamemaster_questions(app: FacilkitApp, key: str) -> list[str]:
    """The English questions of the gamemaster step with ``key`` (timeout, closing)."""
    from facilkit.library.model import localize

    method = app.library.get("gamemaster")
    assert method is not None
    step = next(s for s in method.steps if s.key == key)
    assert step.questions
    return [localize(q, "en") for q in step.questions]
