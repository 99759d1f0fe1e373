"""Pilot test: the method picker shows the highlighted method's card in short form."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from facilkit.tui.dialogs.method_picker import MethodPicker
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.widgets.method_list import MethodList
from tests.tui_helpers import make_app, ready, start_new_plan, wait_for_screen, wait_until


async def test_picker_shows_the_highlighted_card(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        assert isinstance(screen, PlanScreen)
        while screen.current_step != "agenda":
            await pilot.press("alt+right")
            await pilot.pause()
        await pilot.press("a")
        picker = await wait_for_screen(pilot, MethodPicker)
        card = picker.query_one("#picker-card", Static)
        await pilot.press(*"tjek ind")
        await wait_until(pilot, lambda: "deltagerne" in str(card.render()), "the check-in card")
        shown = str(card.render())
        facts = shown.splitlines()[0]  # first, so a long summary never hides them
        assert "min" in facts and "personer" in facts and "Proces" in facts
        await pilot.press(*["backspace"] * 4)  # "tjek": both check-in and check-out
        methods = picker.query_one(MethodList)
        await wait_until(pilot, lambda: len(methods.entries) >= 2, "more than one match")
        await pilot.press("down", "down")  # into the list, then the next method
        await wait_until(pilot, lambda: methods.cursor == 1, "the second method highlighted")
        current = methods.current
        assert current is not None
        summary_start = current.head.summary_in("da")[:20]
        await wait_until(pilot, lambda: summary_start in str(card.render()), "the card follows")
        assert card.region.height >= 3 and card.region.bottom <= app.size.height
