"""Pilot tests: leaving a plan with unsaved changes, autosaved drafts and their recovery."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from facilkit.plans.drafts import Drafts
from facilkit.plans.model import AgendaItem, new_plan
from facilkit.plans.storage import load_plan
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.plan import PlanScreen
from tests.tui_helpers import (
    make_app,
    new_plan_typed,
    on_screen,
    ready,
    wait_until,
)


async def test_quit_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await new_plan_typed(pilot, "Why we meet")
        await pilot.press("ctrl+q")
        await pilot.pause()
        on_screen(app, Choose)
        await pilot.press("escape")
        await pilot.pause()
        on_screen(app, PlanScreen)
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#answer-save")
        await pilot.pause()
    saved = list((tmp_path / "home" / "plans").glob("*.yaml"))
    assert len(saved) == 1 and load_plan(saved[0]).intention == "Why we meet"
    assert Drafts(tmp_path / "home" / "drafts").pending() == []


async def test_escape_with_unsaved_changes_can_discard(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await new_plan_typed(pilot, "x")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#answer-discard")
        await pilot.pause()
        on_screen(app, HomeScreen)
    assert not (tmp_path / "home" / "plans").exists() or not list(
        (tmp_path / "home" / "plans").glob("*.yaml")
    )


async def test_autosave_and_recover_draft(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(home, autosave_seconds=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await new_plan_typed(pilot, "Typed before the crash")
        await wait_until(
            pilot, lambda: Drafts(home / "drafts").pending(), "the autosave to write a draft"
        )
        (draft,) = Drafts(home / "drafts").pending()
        assert draft.plan.intention == "Typed before the crash"
    # the app above ended without saving (as a crash would); the draft is still there
    assert len(Drafts(home / "drafts").pending()) == 1
    again = make_app(home)
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        on_screen(again, Choose)
        await pilot.press("enter")  # "Recover" is the default answer
        await pilot.pause()
        screen = on_screen(again, PlanScreen)
        assert screen.dirty
        assert screen.query_one("#f-intention", TextArea).text == "Typed before the crash"


async def test_draft_for_existing_plan_recovers_to_its_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    plan = new_plan("Existing")
    plan.agenda = [AgendaItem(method="check-in", minutes=10)]
    target = home / "plans" / "existing.yaml"
    Drafts(home / "drafts").write("abc123", plan, target)
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.click("#answer-recover")
        await pilot.pause()
        screen = on_screen(app, PlanScreen)
        assert screen.path == target
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_plan(target).agenda[0].method == "check-in"
