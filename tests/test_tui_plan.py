"""Pilot tests: a whole plan through the wizard, reordering, quitting, drafts, small terminals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea
from textual.widgets._toast import Toast

from facilkit.export.plan import export_markdown
from facilkit.plans.drafts import Drafts
from facilkit.plans.model import AgendaItem, new_plan
from facilkit.plans.storage import load_plan
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.dialogs.help import keys_of
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.plan import PlanScreen, agenda_actions
from facilkit.tui.widgets.key_bar import KeyBar
from tests.tui_helpers import (
    ROOT,
    make_app,
    name_the_plan,
    on_screen,
    ready,
    screen_text,
    start_new_plan,
    type_text,
    wait_for_command,
    wait_for_screen,
    wait_until,
)


async def replace_input(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.click(selector)
    field = pilot.app.screen.query_one(selector, Input)
    field.cursor_position = len(field.value)
    await pilot.press("ctrl+u")
    await type_text(pilot, text)


async def test_whole_plan_made_saved_reopened_and_exported(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        assert isinstance(screen, PlanScreen)
        assert "overall purpose" in screen_text(app)  # guidance from the I DO ART method file
        assert (screen.plan.language, screen.plan.start, screen.plan.end) == (
            "en",
            "09:00",
            "10:30",
        )
        await type_text(pilot, "Share experience with the job-oriented conversation")
        await replace_input(pilot, "#f-title", "December meeting")  # on the first step
        await pilot.pause()
        assert "facilkit — December meeting" in screen_text(app)  # the title bar follows
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.click("#f-outcomes")
        await type_text(pilot, "Three tips that work\nOne thing each to try")
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.current_step == "agenda"
        await pilot.press("a")
        await pilot.pause()
        on_screen(app, MethodPicker)
        await type_text(pilot, "check-in")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "structured")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        on_screen(app, ItemForm)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "check-out")
        await pilot.press("enter")
        await pilot.pause()
        assert [i.method or i.kind for i in screen.plan.agenda] == [
            "check-in",
            "structured-dialogue",
            "break",
            "check-out",
        ]
        assert [i.minutes for i in screen.plan.agenda] == [10, 20, 10, 10]
        await pilot.press("alt+right")
        await pilot.pause()
        await pilot.click("#f-role-facilitator")
        await type_text(pilot, "Anna")
        await pilot.click("#f-rules")
        await type_text(pilot, "One speaks at a time")
        await pilot.press("alt+right")
        await pilot.pause()
        await replace_input(pilot, "#f-start", "9.00")
        await replace_input(pilot, "#f-end", "10:00")
        await replace_input(pilot, "#f-participants", "6")
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.current_step == "review"
        assert "09:30–09:40" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = home / "plans" / "december-meeting.yaml"
        assert saved.exists() and not screen.dirty
        plan = load_plan(saved)
        assert plan.intention == "Share experience with the job-oriented conversation"
        assert plan.desired_outcomes == ["Three tips that work", "One thing each to try"]
        assert plan.roles["facilitator"] == "Anna" and plan.rules == ["One speaks at a time"]
        assert (plan.start, plan.end, plan.participants) == ("9.00", "10:00", 6)
        await pilot.press("escape")
        await pilot.pause()
        on_screen(app, HomeScreen)
        assert "December meeting" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        reopened = on_screen(app, PlanScreen)
        assert reopened.path == saved
        assert reopened.query_one("#f-intention", TextArea).text == plan.intention
        await pilot.press("ctrl+o")
        await wait_for_screen(pilot, ExportDialog)
        target = tmp_path / "out.md"
        await replace_input(pilot, "#export-path", str(target))
        await pilot.press("enter")
        await wait_until(pilot, target.exists, "the export")
        assert target.read_text(encoding="utf-8") == export_markdown(
            plan, app.library, plan.language
        )


async def test_reorder_and_remove_agenda_items(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=ROOT / "examples" / "learning-group-meeting.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        first, second = screen.plan.agenda[0], screen.plan.agenda[1]
        screen.show_step("agenda")
        await pilot.pause()
        await pilot.press("shift+down")
        await pilot.pause()
        assert screen.plan.agenda[:2] == [second, first]
        assert screen.query_one("#agenda-table", DataTable).cursor_row == 1
        rows = screen.query_one("#agenda-table", DataTable)
        assert str(rows.get_row_at(0)[1]) == "13:00–13:15"  # clock times follow the new order
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert screen.plan.agenda[:2] == [first, second]
        count = len(screen.plan.agenda)
        await pilot.press("x")
        await pilot.pause()
        assert len(screen.plan.agenda) == count - 1 and screen.dirty


async def test_edit_item_and_checks_update(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=ROOT / "examples" / "learning-group-meeting.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        screen.show_step("agenda")
        await pilot.pause()
        await pilot.press("enter")  # edit the first item
        await pilot.pause()
        on_screen(app, ItemForm)
        field = app.screen.query_one("#f-minutes", Input)
        field.value = "40"
        await pilot.click("#form-ok")
        await pilot.pause()
        assert screen.plan.agenda[0].minutes == 40
        (overrun,) = [f for f in screen.findings if f.code == "overrun"]
        assert "30 min after the end time" in overrun.message("en")
        assert "✖" in screen_text(app)


async def test_rotation_item_shows_rounds(tmp_path: Path) -> None:
    app = make_app(
        tmp_path / "home", open_path=ROOT / "examples" / "station-rotation-afternoon.yaml"
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        screen.show_step("agenda")
        await pilot.pause()
        await pilot.press("down", "down", "down")
        await wait_until(  # a loaded machine may draw the rotation a few frames later
            pilot, lambda: "Rotation for Station rotation" in screen_text(app), "the rotation"
        )
        text = screen_text(app)
        assert "░15:35" in text and "↻16:50" in text  # the break and the walk back (SVG drops gaps)


async def test_quit_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await start_new_plan(pilot)
        await type_text(pilot, "Why we meet")
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
        await ready(pilot)
        await start_new_plan(pilot)
        await type_text(pilot, "x")
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
        await ready(pilot)
        await start_new_plan(pilot)
        await type_text(pilot, "Typed before the crash")
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
        await pilot.press("e")
        await wait_for_screen(pilot, ExportDialog)
        target = tmp_path / "exported.md"
        await replace_input(pilot, "#export-path", str(target))
        await pilot.press("enter")
        await wait_until(pilot, target.exists, "the export")
        assert target.read_text(encoding="utf-8").startswith("# ")


async def test_template_and_palette_add_to_agenda(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second template: learning-group
        screen = await name_the_plan(pilot)
        count = len(screen.plan.agenda)
        assert count > 3
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "add ugu")
        await wait_for_command(pilot, "UGU")
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.plan.agenda) == count + 1
        assert any(item.method == "ugu" for item in screen.plan.agenda)


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("en", "add to agenda: ugu"), ("en", "Add to agenda UGU"), ("da", "tilføj til dagsorden ugu")],
)
async def test_palette_takes_the_whole_command_title(tmp_path: Path, lang: str, typed: str) -> None:
    """Typing the command as the palette shows it ("Add to agenda: UGU") must find it."""
    app = make_app(tmp_path / "home", lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        assert isinstance(screen, PlanScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, typed)
        await wait_for_command(pilot, "UGU")
        await pilot.press("enter")
        await pilot.pause()
        assert [item.method for item in screen.plan.agenda] == ["ugu"]


async def test_timeline_widths_follow_minutes_and_neighbours_stay_apart(tmp_path: Path) -> None:
    from facilkit.plans.storage import save_plan
    from facilkit.tui.widgets.timeline import FILL, SPLIT, Timeline

    plan = new_plan("Timeline")
    plan.start, plan.end = "9.00", "10.00"
    plan.agenda = [
        AgendaItem(method="check-in", minutes=10),  # an opening process
        AgendaItem(title="Talk", minutes=20),
        AgendaItem(title="More talk", minutes=20),  # a plain item beside a plain item
        AgendaItem(kind="break", minutes=10),
    ]
    path = tmp_path / "timeline.yaml"
    save_plan(plan, path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.screen.show_step("agenda")  # type: ignore[attr-defined]
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        bar = str(timeline.render())
        width = timeline.size.width
        assert len(bar) == width  # 60 minutes fill the frame exactly: no slack
        assert bar.count(FILL["open"]) == round(width / 6)
        assert bar.count(FILL["break"]) == round(width / 6)
        assert bar.count(SPLIT) == 1  # between the two plain items, not between other kinds
        assert bar.count(FILL["item"]) + 1 == 2 * round(width / 3)


# --- undo and redo, on every step --------------------------------------------------------------


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [notification.message for notification in app._notifications]


def example_copy(tmp_path: Path, name: str = "learning-group-meeting.yaml") -> Path:
    import shutil

    path = tmp_path / "plans" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "examples" / name, path)
    return path


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
        assert "⇧↓  Move down" in text


async def test_typing_is_undone_word_by_word(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        await type_text(pilot, "Share what works")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.plan.intention == "Share what"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.plan.intention == "Share"
        assert screen.query_one("#f-intention", TextArea).text == "Share"


async def test_keys_of_the_agenda_do_nothing_on_other_steps(tmp_path: Path) -> None:
    """The report: on Intention, Tab to the step tabs, x three times; on Review, Delete."""
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        agenda = list(screen.plan.agenda)
        await pilot.press("tab")
        await pilot.pause()
        await pilot.press("x", "x", "x")
        screen.show_step("review")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert screen.plan.agenda == agenda and not screen.dirty


# --- the plan file changed, vanished or went unreadable while open ------------------------------


def change_on_disk(path: Path, location: str) -> None:
    from facilkit.plans.storage import save_plan

    theirs = load_plan(path)
    theirs.location = location
    save_plan(theirs, path)


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
