"""The agenda step as a key person meets it (issue 14 "The wizard", issue 11 point 8).

Whole names and the responsible at 80×24, new items at the end unless the user
chose a place, the plan's own materials edited with undo, and the highlighted
method's steps with minutes fitted to the item's minutes. Keys only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from facilkit.plans.steps import scaled_step_minutes
from facilkit.plans.storage import load_plan, save_plan
from facilkit.tui.app import FacilkitApp
from facilkit.tui.compat import shown_notifications
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.materials import MaterialsDialog
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.plan.agenda import MINUTES_WIDTH, PADDING, AgendaTable
from tests.tui_helpers import (
    ROOT,
    make_app,
    open_agenda,
    press_to_open,
    shows,
    type_text,
    visible,
    wait_for_screen,
    wait_until,
)

EXAMPLE = ROOT / "examples" / "learning-group-meeting.yaml"
LONG_TITLE = "Sparring on a challenge with the gamemaster's contract, timeouts and closing round"
LONG_NAME = "Mette Kirstine Bruun-Andersen"


def long_names_plan(tmp_path: Path) -> Path:
    """The example with one long item title and one long responsible's name."""
    plan = load_plan(EXAMPLE)
    plan.agenda[5].title = LONG_TITLE
    plan.agenda[5].responsible = LONG_NAME
    path = tmp_path / "long.yaml"
    save_plan(plan, path)
    return path


def column_words(app: FacilkitApp, name: str) -> str:
    """The words one agenda column shows, top to bottom, as the user reads them."""
    table = app.screen.query_one(AgendaTable)
    columns = table.columns_now
    assert columns is not None
    widths = {
        "number": columns.number,
        "clock": columns.clock,
        "minutes": MINUTES_WIDTH,
        "item": columns.item,
        "responsible": columns.responsible or 0,
    }
    start = 0
    for column, width in widths.items():
        if column == name:
            break
        start += width + PADDING
    width = widths[name] + PADDING
    lines = [table.render_line(y).text[start : start + width] for y in range(table.size.height)]
    return " ".join(" ".join(lines).split())


def shown_in(app: FacilkitApp, selector: str) -> str:
    """The words one widget shows, line after line (its own lines: no pane beside it)."""
    widget = app.screen.query_one(selector)
    lines = [widget.render_line(y).text for y in range(widget.size.height)]
    return " ".join(" ".join(lines).split())


def notices(app: FacilkitApp) -> str:
    return " ".join(str(notice.message) for notice in shown_notifications(app))


async def test_whole_names_and_responsible_at_80x24(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=long_names_plan(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot)
        await pilot.press(*["down"] * 5)
        # no room for a responsible column beside the side pane: the detail line names them
        await wait_until(pilot, lambda: f"Responsible: {LONG_NAME}" in visible(app), "detail")
        assert LONG_TITLE in column_words(app, "item")  # wrapped over lines, never cut
        await pilot.press("up")  # the break: nobody
        await wait_until(pilot, lambda: "Responsible: –" in visible(app), "no one responsible")
        await pilot.press("up")
        await wait_until(pilot, lambda: "Responsible: Nøgleperson" in visible(app), "detail")


async def test_responsible_column_at_160x48(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=long_names_plan(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await open_agenda(pilot)
        assert LONG_TITLE in column_words(app, "item")
        assert column_words(app, "responsible").startswith("Responsible Nøgleperson")
        assert LONG_NAME in column_words(app, "responsible")
        assert "13:00–13:10" in column_words(app, "clock")  # room for the end of each item
        assert "Responsible:" not in visible(app)  # the column says it; no detail line


async def pick(pilot: Pilot[None], key: str, query: str, where: str) -> None:
    """Open the picker with ``key``, see it say ``where``, search, and take the first match."""
    await press_to_open(pilot, key, MethodPicker)
    assert where in visible(pilot.app), visible(pilot.app)[:300]  # type: ignore[arg-type]
    await type_text(pilot, query)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PlanScreen), "the plan")


async def test_new_items_go_to_the_end_unless_placed(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=EXAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        count = len(screen.plan.agenda)
        table = screen.query_one(AgendaTable)
        assert table.cursor_row == 0
        await pick(pilot, "a", "nudging", "it goes at the end of the agenda")
        assert screen.plan.agenda[-1].method == "nudging" and len(screen.plan.agenda) == count + 1
        assert table.cursor_row == count  # the new item is highlighted, at the end
        await pilot.press("ctrl+home", "down")  # on item 2, choose the place: i, a method
        await press_to_open(pilot, "i", Choose)
        assert "What goes in after 2. Formål, mål og kontrakt?" in visible(app)
        await pick(pilot, "enter", "round table", "it goes in after 2. Formål, mål og kontrakt")
        assert screen.plan.agenda[2].method == "round-table"
        assert table.cursor_row == 2
        await pilot.press("ctrl+home")  # on the first item, f still adds at the end
        await press_to_open(pilot, "f", ItemForm)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(screen.plan.agenda) == count + 3, "the free item")
        assert screen.plan.agenda[-1].method is None and screen.plan.agenda[-1].kind == "item"


async def test_plan_materials_add_change_remove_undo(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLE, path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        # the whole check list beside the agenda: the plan's own and the methods', marked
        assert "Checklist: materials" in visible(app)
        dialog = await press_to_open(pilot, "m", MaterialsDialog)
        assert shows(app, "☐ flip-chart for the contract · The gamemaster model")
        await pilot.press("end")  # the plan's own come last, below the list's fold at 80×24
        await wait_until(pilot, lambda: shows(app, "✎ kaffe og frugt"), "the plan's own")
        await pilot.press("a")
        await type_text(pilot, "name tags")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "name tags" in screen.plan.materials, "the new material")
        await type_text(pilot, "coloured pens")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(screen.plan.materials) == 3, "a second one")
        await pilot.press("escape")  # from the field to the list
        await wait_until(pilot, lambda: isinstance(dialog.focused, OptionList), "the list")
        assert shows(app, "✎ coloured pens")
        # change the highlighted one (the last added)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(dialog.focused, Input), "the field")
        assert dialog.query_one(Input).value == "coloured pens"
        await pilot.press(*["backspace"] * len("pens"))
        await type_text(pilot, "chalk")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "coloured chalk" in screen.plan.materials, "the change")
        assert "coloured pens" not in screen.plan.materials
        await pilot.press("x")
        await wait_until(pilot, lambda: "coloured chalk" not in screen.plan.materials, "removal")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "coloured chalk" in screen.plan.materials, "undo")
        # a method's material is not the plan's to change: it says so and nothing changes
        await pilot.press("home")
        before = list(screen.plan.materials)
        await pilot.press("x")
        await wait_until(pilot, lambda: "belongs to The gamemaster model" in notices(app), "why")
        assert screen.plan.materials == before
        await pilot.press("escape")
        await wait_for_screen(pilot, PlanScreen)
        # the side pane follows: at 80×24 the check list is below its fold, so scroll there
        await pilot.press("tab", "end")
        await wait_until(pilot, lambda: shows(app, "✎ coloured chalk"), "the side pane")
        assert shows(app, "✎ kaffe og frugt")
        await pilot.press("shift+tab")
        # undo on the plan screen takes back the dialog's edits one by one
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "coloured pens" in screen.plan.materials, "undo 2")
        assert screen.current_step == "agenda"  # undo shows where the change was
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await wait_until(pilot, lambda: screen.plan.materials == ["kaffe og frugt"], "undo all")
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: "name tags" in screen.plan.materials, "redo")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.dirty, "the save")
        assert load_plan(path).materials == ["kaffe og frugt", "name tags"]


async def test_highlighted_method_steps_fit_the_items_minutes(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=EXAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        method = app.library.get("check-in")
        assert method is not None
        assert "Steps of Check-in · 10 min" in shown_in(app, "#agenda-steps")
        # give check-in 25 minutes in the item form: the steps follow
        await press_to_open(pilot, "e", ItemForm)
        await pilot.press("tab", "end", "backspace", "backspace", "2", "5", "enter")
        await wait_until(pilot, lambda: screen.plan.agenda[0].minutes == 25, "the new minutes")
        fitted = scaled_step_minutes(method, 25)
        assert sum(m or 0 for m in fitted) == 25
        shown = shown_in(app, "#agenda-steps")
        assert "Steps of Check-in · 25 min (fitted; the method: 10 min)" in shown
        for step, minutes in zip(method.steps, fitted, strict=True):
            assert f"{minutes} {step.title['en']}" in shown  # type: ignore[index]
        # a break has no steps; moving on to it clears them
        await pilot.press(*["down"] * 4)
        await wait_until(pilot, lambda: "Steps of" not in visible(app), "no steps")


async def test_help_on_the_materials_dialog(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=EXAMPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot)
        await press_to_open(pilot, "m", MaterialsDialog)
        await pilot.press("f1")
        await wait_until(pilot, lambda: "whole check list" in visible(app), "help")
        shown = visible(app)
        assert "New material" in shown and "Remove material" in shown


async def test_materials_dialog_names_its_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=EXAMPLE, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot)
        await press_to_open(pilot, "m", MaterialsDialog)
        await wait_until(pilot, lambda: "Nyt materiale" in visible(app), "the dialog's keys")
        assert "Fjern materiale" in visible(app) and "Ret materiale" in visible(app)
        # on the key bar under the dialog (two lines at 80 columns): undo and redo too
        assert "Add method" not in visible(app) and "Tilføj metode" not in visible(app)
        assert shows(app, "ctrl+z Fortryd") and shows(app, "ctrl+y Gentag")
