"""Pilot tests: a whole plan through the wizard, the agenda's items, the palette, the timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from facilkit.export.plan import export_markdown
from facilkit.plans.model import AgendaItem, new_plan
from facilkit.plans.storage import load_plan
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.plan import PlanScreen
from tests.tui_helpers import (
    ROOT,
    example_copy,
    export_with,
    make_app,
    name_the_plan,
    on_screen,
    ready,
    replace_input,
    screen_text,
    start_new_plan,
    type_text,
    wait_for_command,
    wait_until,
)


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
        target = tmp_path / "out.md"
        await export_with(pilot, "ctrl+o", target)
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
