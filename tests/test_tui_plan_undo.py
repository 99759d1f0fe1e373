"""Pilot tests: undo and redo on every step of the plan screen, and the notices they leave."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from textual.widgets._toast import Toast

from facilkit.tui.dialogs.help import keys_of
from facilkit.tui.screens.plan import PlanScreen, agenda_actions
from facilkit.tui.widgets.key_bar import KeyBar
from tests.tui_helpers import (
    example_copy,
    make_app,
    new_plan_typed,
    notices,
    on_screen,
    ready,
    screen_text,
    type_text,
    wait_until,
)


async def test_undo_and_redo_on_every_step(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        original = screen.plan.intention
        await pilot.press("end", "space")
        await type_text(pilot, "Again")
        assert screen.plan.intention == original + " Again"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.query_one("#f-intention", TextArea).text == original
        # redo is written ctrl+y: most terminals send ctrl+shift+z as ctrl+z (undo)
        assert "ctrl+y  Redo" in screen_text(app)
        assert ("ctrl+y", "Redo") in keys_of(screen)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.plan.intention == original + " Again"
        await pilot.press("ctrl+z")  # back to the file as opened
        await pilot.pause()
        assert not screen.dirty

        screen.show_step("agenda")
        await pilot.pause()
        first = screen.plan.agenda[0]
        await pilot.press("x")
        await pilot.pause()
        assert screen.plan.agenda[0] != first
        assert any("Removed “Check-in”. Press ctrl+z to undo." in n for n in notices(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.plan.agenda[0] == first
        await pilot.press("shift+down")
        await pilot.pause()
        assert screen.plan.agenda[1] == first
        await pilot.press("ctrl+shift+z")  # nothing to redo after a new edit
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.plan.agenda[0] == first

        screen.show_step("rules-roles")
        await pilot.pause()
        await type_text(pilot, "Bo")
        assert screen.plan.roles["facilitator"].endswith("Bo")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.query_one("#f-role-facilitator", Input).value == screen.plan.roles.get(
            "facilitator", ""
        )
        assert not screen.plan.roles.get("facilitator", "").endswith("Bo")

        screen.show_step("intention")  # the title is the first step's first field
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " II")
        assert str(screen.sub_title).endswith(" II")
        screen.show_step("review")
        await pilot.pause()
        await pilot.press("ctrl+z")  # on the review: takes back the title, and shows where
        await pilot.pause()
        assert not screen.plan.title.endswith(" II") and not str(screen.sub_title).endswith(" II")
        assert screen.current_step == "intention"
        assert screen.focused is screen.query_one("#f-title", Input)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.query_one("#f-title", Input).value.endswith(" II")


async def test_notices_leave_the_key_bar_free_at_80x24(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the agenda the key bar takes two lines; the undo notice stands above both."""
    # the notice must still be up when a loaded machine gets round to looking
    monkeypatch.setattr(agenda_actions, "REMOVED_NOTICE_SECONDS", 600.0)
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        items = len(screen.plan.agenda)
        screen.show_step("agenda")
        await wait_until(pilot, lambda: screen.focused is screen.agenda_table, "the agenda")
        await pilot.press("x")
        await wait_until(pilot, lambda: len(screen.plan.agenda) == items - 1, "the removal")
        await wait_until(pilot, lambda: screen.query(Toast), "the notice")
        bar = screen.query_one(KeyBar)
        assert bar.region.height == 2
        assert all(toast.region.bottom <= bar.region.y for toast in screen.query(Toast))
        text = screen_text(app)
        assert "Removed “Check-in”" in text and "del  Remove item" in text
        assert "⇧↑ ⇧↓  Move" in text  # one entry for both: the bar has room for i at 80 columns


async def test_typing_is_undone_word_by_word(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_plan_typed(pilot, "Share what works")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.plan.intention == "Share what"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.plan.intention == "Share"
        assert screen.query_one("#f-intention", TextArea).text == "Share"
