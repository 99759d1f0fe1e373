"""Pilot tests: the plan file changed, vanished or went unreadable while it was open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea

from facilkit.plans.drafts import Drafts
from facilkit.plans.storage import load_plan
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.screens.plan import PlanScreen
from tests.editor_helpers import change_on_disk
from tests.tui_helpers import (
    example_copy,
    make_app,
    notices,
    on_screen,
    ready,
    screen_text,
    type_text,
    wait_for_screen,
    wait_until,
)


async def open_and_edit(pilot, app) -> PlanScreen:  # type: ignore[no-untyped-def]
    await ready(pilot)
    screen = on_screen(app, PlanScreen)
    await pilot.press("end")
    await type_text(pilot, " Mine")
    return screen


ARROWS_TO = {"mine": ["left", "left"], "theirs": ["left"], "cancel": ["left", "right"]}
"""From the dialog's default answer (Cancel, the last), as a user reaches each answer."""


@pytest.mark.parametrize("answer", ["mine", "theirs", "cancel"])
async def test_save_after_a_change_on_disk_asks(tmp_path: Path, answer: str) -> None:
    path = example_copy(tmp_path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_and_edit(pilot, app)
        mine = screen.plan.intention
        change_on_disk(path, "Their room")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = on_screen(app, Choose)
        assert "changed by another program" in screen_text(app)
        await pilot.press(*ARROWS_TO[answer])  # arrows move between the answers, as Tab does
        assert dialog.focused is not None and dialog.focused.id == f"answer-{answer}"
        await pilot.press("enter")
        await pilot.pause()
        copies = sorted(path.parent.glob("learning-group-meeting-*.yaml"))
        on_disk = load_plan(path)
        if answer == "mine":
            assert on_disk.intention == mine and on_disk.location != "Their room"
            (kept,) = copies
            assert "on-disk" in kept.name and load_plan(kept).location == "Their room"
            assert not screen.dirty
        elif answer == "theirs":
            assert on_disk.location == "Their room" and screen.plan.location == "Their room"
            (kept,) = copies
            assert "mine" in kept.name and load_plan(kept).intention == mine
            assert screen.query_one("#f-intention", TextArea).text == on_disk.intention
            assert not screen.dirty
        else:
            assert on_disk.location == "Their room" and copies == []
            assert screen.dirty and screen.plan.intention == mine


async def test_second_window_gets_the_question(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    first = make_app(tmp_path / "home", open_path=path)
    second = make_app(tmp_path / "home2", open_path=path)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        await open_and_edit(one, first)
        await open_and_edit(two, second)
        await one.press("ctrl+s")
        await one.pause()
        assert not isinstance(first.screen, Choose)
        await two.press("ctrl+s")
        await two.pause()
        assert isinstance(second.screen, Choose)


async def test_file_deleted_while_open_is_saved_again(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_and_edit(pilot, app)
        path.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert "was deleted" in screen_text(app)
        await pilot.click("#answer-mine")
        await pilot.pause()
        assert load_plan(path).intention == screen.plan.intention and not screen.dirty


async def test_a_fifo_put_at_the_plans_path_is_named_and_the_plan_saved_beside(
    tmp_path: Path,
) -> None:
    path = example_copy(tmp_path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_and_edit(pilot, app)
        path.unlink()
        os.mkfifo(path)  # nobody writes to it: a blocking open would hang the app here
        await pilot.press("ctrl+s")
        dialog = await wait_for_screen(pilot, Choose)
        assert "is not a plan file" in screen_text(app)
        await pilot.press("left")
        assert dialog.focused is not None and dialog.focused.id == "answer-beside"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.dirty, "the save beside")
        assert screen.path is not None and screen.path != path
        assert load_plan(screen.path).intention == screen.plan.intention
        assert stat.S_ISFIFO(os.lstat(path).st_mode)


async def test_autosave_after_a_change_on_disk_writes_only_the_draft(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = example_copy(tmp_path)
    app = make_app(home, open_path=path, autosave_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_and_edit(pilot, app)
        change_on_disk(path, "Their room")
        await wait_until(
            pilot, lambda: any("changed on disk" in n for n in notices(app)), "the warning"
        )
        await wait_until(pilot, lambda: Drafts(home / "drafts").pending(), "a draft")
        (draft,) = Drafts(home / "drafts").pending()
        assert draft.plan.intention == screen.plan.intention
        assert load_plan(path).location == "Their room"  # the plan file is theirs, untouched
    again = make_app(home)  # as after a crash: the draft is offered, and saving it asks
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.click("#answer-recover")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, Choose)
        assert "changed by another program" in screen_text(again)
