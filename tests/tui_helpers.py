"""Helpers for Pilot tests: an app on a temporary home with only the built-in library."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

from facilkit.library.loader import Folder
from facilkit.paths import Locations, builtin_methods_dir
from facilkit.tui.app import FacilkitApp, create_app
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.screens.plan import PlanScreen

ScreenT = TypeVar("ScreenT", bound=Screen[Any])
ROOT = Path(__file__).resolve().parent.parent


def make_app(
    home: Path,
    lang: str = "en",
    extra: list[Folder] | None = None,
    with_examples: bool = False,
    open_path: Path | None = None,
    autosave_seconds: float = 60.0,
) -> FacilkitApp:
    """A deterministic app: fixed folders, no cache, steady cursors."""
    locations = Locations(home=home, cache=home / "cache")
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


async def press_to_open(pilot: Pilot[None], key: str, kind: type[ScreenT]) -> ScreenT:
    """Press ``key`` and return the screen it opened, which must be a ``kind``."""
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def open_library(pilot: Pilot[None]) -> LibraryScreen:
    """**m** on the home screen."""
    return await press_to_open(pilot, "m", LibraryScreen)


async def start_new_plan(pilot: Pilot[None]) -> PlanScreen:
    """**n** on the home screen."""
    return await press_to_open(pilot, "n", PlanScreen)


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
