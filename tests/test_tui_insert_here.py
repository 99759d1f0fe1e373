"""Pilot tests: `i` puts a method, a free item or a break after the highlighted item,
while `a`, `f` and `b` keep adding at the end; and the agenda in a short window."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from facilkit.plans.model import new_plan
from facilkit.plans.storage import save_plan
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.plan.agenda import AgendaTable
from tests.tui_helpers import (
    example_copy,
    make_app,
    open_agenda,
    press_to_open,
    replace_input,
    type_text,
    visible,
    wait_for_screen,
    wait_until,
)


async def insert_free(pilot, screen: PlanScreen, arrows: int, title: str) -> None:  # type: ignore[no-untyped-def]
    """`i`, then → to the answer (1: item, 2: break), Enter, a title, ctrl+s on the form."""
    count = len(screen.plan.agenda)
    await press_to_open(pilot, "i", Choose)
    await pilot.press(*["right"] * arrows, "enter")
    await wait_for_screen(pilot, ItemForm)
    await replace_input(pilot, "#f-title", title)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: len(screen.plan.agenda) == count + 1, f"{title} inserted")


async def test_i_inserts_an_item_or_a_break_after_the_highlighted_one(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        table = screen.query_one(AgendaTable)
        count = len(screen.plan.agenda)
        await pilot.press("down")  # on item 2
        await press_to_open(pilot, "i", Choose)
        words = visible(app)
        assert "What goes in after 2. Formål, mål og kontrakt?" in words
        assert "Method" in words and "Item" in words and "Break" in words
        await pilot.press("escape")  # nothing inserted
        await wait_for_screen(pilot, PlanScreen)
        assert len(screen.plan.agenda) == count

        await insert_free(pilot, screen, 1, "Coffee and talk")
        assert screen.plan.agenda[2].title == "Coffee and talk"
        assert screen.plan.agenda[2].kind == "item" and table.cursor_row == 2

        await insert_free(pilot, screen, 2, "Stretch")  # after the new item 3
        assert screen.plan.agenda[3].title == "Stretch" and screen.plan.agenda[3].kind == "break"

        await pilot.press("ctrl+home")  # b without a place still adds at the end
        await press_to_open(pilot, "b", ItemForm)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(screen.plan.agenda) == count + 3, "the break")
        assert screen.plan.agenda[-1].kind == "break"

        await pilot.press("ctrl+z")  # each insert is one undo
        await wait_until(pilot, lambda: len(screen.plan.agenda) == count + 2, "undo")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(screen.plan.agenda) == count + 1, "undo")
        assert all(item.title != "Stretch" for item in screen.plan.agenda)


async def test_i_on_an_empty_agenda_asks_what_goes_on_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    save_plan(new_plan("Empty"), path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        await press_to_open(pilot, "i", Choose)
        assert "What goes on the agenda?" in visible(app)
        await pilot.press("enter")  # Method, the first answer
        await wait_for_screen(pilot, MethodPicker)
        await type_text(pilot, "check-in")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(screen.plan.agenda) == 1, "the method")
        assert screen.plan.agenda[0].method == "check-in"


def pane_shows(screen: PlanScreen, selector: str) -> bool:
    """Whether a widget of the agenda's side pane lies wholly inside the pane's visible part."""
    pane = screen.query_one("#agenda-side")
    widget = screen.query_one(selector)
    return bool(widget.display) and pane.region.contains_region(widget.region)


async def test_a_short_window_keeps_the_check_list_in_sight(tmp_path: Path) -> None:
    """At 80×24 the guidance takes one line, and the check list is named under the totals."""
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        guidance = screen.query_one("#agenda > .guidance", Static)
        await wait_until(pilot, lambda: guidance.region.height == 1, "one line of guidance")
        assert pane_shows(screen, "#materials-summary")
        summary = screen.query_one("#materials-summary", Static)
        assert str(summary.render()) == "Checklist: 7 things · m shows it"
        await pilot.resize_terminal(160, 48)  # room enough: all the guidance, the whole list
        await wait_until(pilot, lambda: guidance.region.height > 1, "the whole guidance")
        await wait_until(pilot, lambda: pane_shows(screen, "#materials"), "the whole check list")
        assert not screen.query_one("#materials-summary").display
