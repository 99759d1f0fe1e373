"""Pilot tests: the home screen's plan list (duplicate, export, delete) and a too small terminal."""

from __future__ import annotations

import os
from pathlib import Path

from facilkit.atomic import TEMP_SUFFIX
from facilkit.tui.dialogs.basic import Choose
from tests.tui_helpers import (
    export_with,
    make_app,
    on_screen,
    ready,
    screen_text,
    wait_until,
)


async def test_too_small_terminal_shows_a_message(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        assert app.screen.has_class("-too-small")
        text = screen_text(app)
        assert "at least 80×24" in text and "60×20" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert "Your plans" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        await pilot.resize_terminal(79, 30)
        await pilot.pause()
        assert app.screen.has_class("-too-small")


async def test_home_duplicate_export_and_delete(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", with_examples=True)
    plans = tmp_path / "home" / "plans"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert len(list(plans.glob("*.yaml"))) == 3
        await pilot.press("delete")
        await pilot.pause()
        on_screen(app, Choose)
        await pilot.click("#answer-yes")
        await pilot.pause()
        assert len(list(plans.glob("*.yaml"))) == 2
        assert len(list((plans / ".trash").glob("*.yaml"))) == 1
        target = tmp_path / "exported.md"
        await export_with(pilot, "e", target)
        assert target.read_text(encoding="utf-8").startswith("# ")


async def test_leftovers_of_killed_saves_are_swept_once_the_library_is_in(tmp_path: Path) -> None:
    """A save killed last time left a temporary file beside the plans and the drafts: the app
    removes it after the library has loaded (off the start path), and keeps the plans."""
    home = tmp_path / "home"
    app = make_app(home, with_examples=True)
    plans, drafts = app.locations.plans, app.locations.drafts
    drafts.mkdir(parents=True, exist_ok=True)
    dead = os.getpid() + 1_000_000  # no such process
    leftovers = [folder / f".plan.yaml.{dead}-abc{TEMP_SUFFIX}" for folder in (plans, drafts)]
    for leftover in leftovers:
        leftover.write_bytes(b"half a plan")
    kept = sorted(plans.glob("*.yaml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.library_loaded, "the library")
        await wait_until(pilot, lambda: not any(f.exists() for f in leftovers), "the sweep")
        assert sorted(plans.glob("*.yaml")) == kept and kept
