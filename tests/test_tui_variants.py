"""Pilot tests: choosing a method's variant in the picker and on the library card."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from facilkit.library.loader import Folder
from facilkit.plans.model import AgendaItem
from facilkit.tui.compat import shown_notifications
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.widgets.method_card import MethodCard
from facilkit.tui.widgets.method_list import MethodList
from tests.conftest import write_method
from tests.tui_helpers import (
    make_app,
    on_screen,
    press_to_open,
    ready,
    screen_text,
    start_new_plan,
    type_text,
    wait_for_screen,
    wait_until,
)

FIXTURE_METHODS = Folder(Path(__file__).parent / "fixtures" / "methods", "user")


def plain_methods(tmp_path: Path) -> Folder:
    """A folder with one method without variants (built-in ones may gain variants)."""
    write_method(tmp_path / "plain", "plain-talk")
    return Folder(tmp_path / "plain", "user")


async def open_agenda(pilot, app) -> PlanScreen:  # type: ignore[no-untyped-def]
    screen = await start_new_plan(pilot)
    screen.show_step("agenda")
    await pilot.pause()
    return screen


async def test_picker_asks_which_form_and_adds_the_variant(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", extra=[FIXTURE_METHODS])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_agenda(pilot, app)
        picker = await press_to_open(pilot, "a", MethodPicker)
        await type_text(pilot, "case-sparring")
        await wait_until(
            pilot,
            lambda: [e.id for e in picker.query_one(MethodList).entries] == ["case-sparring"],
            "the search to find the method",
        )
        await pilot.press("enter")
        forms = picker.query_one("#picker-variants", OptionList)
        await wait_until(pilot, lambda: forms.display and forms.has_focus, "the list of forms")
        assert forms.option_count == 3
        text = screen_text(app)
        assert "Which form of Case sparring?" in text
        assert "Case sparring (as written)  ·  30 min  ·  4–8 people" in text
        assert "In pairs  ·  20 min  ·  2 or more" in text
        assert "With an observer  ·  30 min  ·  5–8 people" in text
        await pilot.press("down", "enter")
        await wait_for_screen(pilot, PlanScreen)
        assert screen.plan.agenda == [
            AgendaItem(method="case-sparring", variant="in-pairs", minutes=20)
        ]
        await wait_until(
            pilot, lambda: "Case sparring – In pairs" in screen_text(app), "the new agenda row"
        )

        picker = await press_to_open(pilot, "a", MethodPicker)  # the method as written
        await type_text(pilot, "case-sparring")
        await pilot.press("enter")
        forms = picker.query_one("#picker-variants", OptionList)
        await wait_until(pilot, lambda: forms.has_focus, "the list of forms")
        await pilot.press("enter")
        await wait_for_screen(pilot, PlanScreen)
        assert screen.plan.agenda[-1] == AgendaItem(method="case-sparring", minutes=30)


async def test_escape_goes_back_from_the_forms_to_the_search(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", extra=[FIXTURE_METHODS, plain_methods(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_agenda(pilot, app)
        picker = await press_to_open(pilot, "a", MethodPicker)
        await type_text(pilot, "case-sparring")
        await pilot.press("enter")
        forms = picker.query_one("#picker-variants", OptionList)
        await wait_until(pilot, lambda: forms.has_focus, "the list of forms")
        await pilot.press("escape")
        search = picker.query_one("#picker-search")
        await wait_until(pilot, lambda: search.has_focus and not forms.display, "the search")
        assert "Choose a method" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "plain-talk")  # no variants: added at once
        await wait_until(
            pilot,
            lambda: [e.id for e in picker.query_one(MethodList).entries] == ["plain-talk"],
            "the search to find the plain method",
        )
        await pilot.press("enter")
        await wait_for_screen(pilot, PlanScreen)
        assert [(i.method, i.variant) for i in screen.plan.agenda] == [("plain-talk", None)]
        picker = await press_to_open(pilot, "a", MethodPicker)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlanScreen)
        assert len(screen.plan.agenda) == 1


async def test_library_card_shows_each_variant_and_adds_the_one_on_show(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", extra=[FIXTURE_METHODS])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        plan_screen = await open_agenda(pilot, app)
        app.show_library()
        library = await wait_for_screen(pilot, LibraryScreen)
        await pilot.press("slash", *"case-sparring", "enter")
        card = library.query_one(MethodCard)
        await wait_until(
            pilot, lambda: card.shown_text.startswith("## Case sparring\n"), "the method's card"
        )
        assert "### Variants" in card.shown_text
        assert "This method has 2 variants: v shows their cards" in screen_text(app)
        await pilot.press("v")
        await wait_until(pilot, lambda: card.variant == "in-pairs", "the first variant's card")
        assert card.shown_text.startswith("## Case sparring – In pairs\n")
        assert "**Group size:** 2 or more" in card.shown_text
        assert "Variant 1 of 2: v shows the next, a adds this one." in screen_text(app)
        await pilot.press("v")
        await wait_until(pilot, lambda: card.variant == "with-observer", "the second variant")
        assert card.shown_text.startswith("## Case sparring – With an observer\n")
        await pilot.press("v")
        await wait_until(pilot, lambda: card.variant is None, "the method as written again")
        assert card.shown_text.startswith("## Case sparring\n")
        await pilot.press("v", "a")
        await wait_for_screen(pilot, PlanScreen)
        assert plan_screen.plan.agenda == [
            AgendaItem(method="case-sparring", variant="in-pairs", minutes=20)
        ]


async def test_moving_to_another_method_shows_it_as_written(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", extra=[FIXTURE_METHODS, plain_methods(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        library = await press_to_open(pilot, "m", LibraryScreen)
        methods, card = library.query_one(MethodList), library.query_one(MethodCard)
        await wait_until(pilot, lambda: card.entry is methods.current, "a card")
        ids = [e.id for e in methods.entries]
        methods.cursor = ids.index("case-sparring")
        await pilot.press("v")
        await wait_until(pilot, lambda: card.variant == "in-pairs", "the variant's card")
        methods.cursor = ids.index("plain-talk")
        await wait_until(pilot, lambda: card.entry is methods.current, "the next method's card")
        assert card.variant is None
        await pilot.press("v")  # a method without variants says so
        await wait_until(
            pilot,
            lambda: "This method has no variants." in [n.message for n in shown_notifications(app)],
            "the notice",
        )
        assert card.variant is None
        on_screen(app, LibraryScreen)
