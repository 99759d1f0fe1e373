"""Pilot: the plan's method picker, opened while a cold library loads, grows with it.

The parser is held at a gate (as in test_tui_library_loading.py), so the test
decides how far the load has got when the picker opens and after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from facilkit.library.search import SearchIndex
from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.widgets.method_list import MethodList
from facilkit.tui.widgets.text_entry import Input
from tests.test_tui_library_loading import Gate, gate, let_load, loading_app  # noqa: F401 (the fixture)
from tests.tui_helpers import on_screen, start_new_plan, wait_for_screen, wait_until


def left(plan: PlanScreen, step: str) -> Callable[[], bool]:
    return lambda: plan.current_step != step


def listed(picker: MethodPicker) -> list[str]:
    return [entry.id for entry in picker.query_one(MethodList).entries]


async def test_the_picker_lists_methods_as_they_load(tmp_path: Path, gate: Gate) -> None:  # noqa: F811
    app = loading_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await let_load(pilot, gate, 2)  # a and b of the shared folder
        plan = await start_new_plan(pilot)
        for _ in range(10):  # to the agenda step, a step at a time
            if plan.current_step == "agenda":
                break
            moved = left(plan, plan.current_step)
            await pilot.press("alt+right")
            await wait_until(pilot, moved, "the next step")
        assert plan.current_step == "agenda"
        await pilot.press("a")
        picker = await wait_for_screen(pilot, MethodPicker)
        assert listed(picker) == ["a", "b"]

        gate.open(1)  # c: the open picker lists it
        await wait_until(pilot, lambda: listed(picker) == ["a", "b", "c"], "c listed")

        await pilot.press(*"dragon")
        search = picker.query_one("#picker-search", Input)
        await wait_until(pilot, lambda: search.value == "dragon", "the search typed")
        assert listed(picker) == []
        card = picker.query_one("#picker-card", Static)
        await wait_until(
            pilot, lambda: "None of the methods loaded so far" in str(card.render()), "more to come"
        )
        gate.open(1)  # d, "Dragon dance": found as soon as it has loaded
        await wait_until(pilot, lambda: listed(picker) == ["d"], "d found while typing")
        summary = app.library.entries["d"].head.summary_in("en")
        await wait_until(pilot, lambda: summary in str(card.render()), "d's short card")

        gate.open_all()
        await wait_until(pilot, lambda: app.library_loaded, "the whole library")
        await pilot.press(*["backspace"] * len("dragon"))
        await wait_until(pilot, lambda: len(listed(picker)) == 5, "every method listed")
        assert listed(picker) == ["d", "a", "c", "e", "b"]  # by name; b is the user's own
        picked = picker.query_one(MethodList).entries[-1]
        assert picked.head.name_in("en") == "My b", "the user's b replaced the shared one"
        await pilot.press("down", "end", "enter")  # into the list, its last one: the user's b
        screen = on_screen(app, PlanScreen)
        await wait_until(pilot, lambda: len(screen.plan.agenda) == 1, "b added to the agenda")
        assert screen.plan.agenda[0].method == "b"


async def test_a_load_step_before_the_picker_is_mounted_reaches_it(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    """A picker built on the app's index, then shown after a load step it was not told of
    (not on the stack yet), lists from the app's index as it is when it mounts."""
    app = loading_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await let_load(pilot, gate, 1)
        picker = MethodPicker(app.search_index, "en", follows_app=True)
        await let_load(pilot, gate, 1)
        await app.push_screen(picker)
        await wait_until(pilot, lambda: listed(picker) == ["a", "b"], "both listed")
    gate.open_all()  # the loading thread must not wait for the gate after the test (20 s)


async def test_a_picker_given_an_index_of_its_own_keeps_it_as_the_library_grows(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    """Only a picker that follows the app grows with the load: one opened on a narrowed
    index (here: one of the methods loaded so far) keeps it through every step."""
    app = loading_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await let_load(pilot, gate, 2)  # a and b
        narrowed = SearchIndex([app.library.entries["a"]], sort_lang="en")
        own, following = (
            MethodPicker(narrowed, "en"),
            MethodPicker(app.search_index, "en", follows_app=True),
        )
        await app.push_screen(following)
        await app.push_screen(own)  # both on the stack: the app tells both of each step
        await wait_until(pilot, lambda: listed(own) == ["a"], "the narrowed list")
        await let_load(pilot, gate, 1)  # c
        await wait_until(pilot, lambda: listed(following) == ["a", "b", "c"], "the app's follows")
        assert listed(own) == ["a"] and own.index is narrowed
        gate.open_all()
        await wait_until(pilot, lambda: app.library_loaded, "the whole library")
        await wait_until(pilot, lambda: len(listed(following)) == 5, "all of them")
        assert listed(own) == ["a"] and own.index is narrowed
        assert following.index is app.search_index
