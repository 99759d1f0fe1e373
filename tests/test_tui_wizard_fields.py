"""Pilot tests: the wizard's fields as a newcomer meets them, by keys, at 80×24.

The title is asked when a plan is made and edited on the first step; every field
comes into view when it gets focus; a date, clock or participants field says at
once what it made of the text (in the interface's language) and keeps it; a role
typed without a colon is kept and reaches the run plan.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from facilkit.plans.dates import iso_date
from facilkit.tui.dialogs.basic import Pick, Prompt
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.plan import STEPS, PlanScreen
from tests.tui_helpers import (
    example_copy,
    make_app,
    on_screen,
    ready,
    screen_text,
    settle,
    start_new_plan,
    type_text,
    wait_for_screen,
    wait_until,
)

SMALL = (80, 24)


async def go_to_step(pilot: Pilot[None], screen: PlanScreen, step: str) -> None:
    """alt+→ until ``step`` shows, as a person walks the wizard."""
    while screen.current_step != step:
        await pilot.press("alt+right")
        await pilot.pause()


async def focus_field(pilot: Pilot[None], screen: PlanScreen, widget_id: str) -> Widget:
    """Tab until the field has focus (no clicks: a field below the fold cannot be clicked)."""
    for _ in range(30):
        if screen.focused is not None and screen.focused.id == widget_id:
            return screen.focused
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"tab never reached #{widget_id}")


@asynccontextmanager
async def on_time_step(tmp_path: Path, lang: str) -> AsyncIterator[tuple[Pilot[None], PlanScreen]]:
    """A new plan at 80×24, walked to its Time step by keys."""
    app = make_app(tmp_path / "home", lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        await go_to_step(pilot, screen, "time")
        yield pilot, screen


def note(screen: PlanScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}-note", Static).render())


def fully_visible(screen: PlanScreen, widget: Widget) -> bool:
    """The widget lies inside its step's visible part (not under the fold or the key bar)."""
    step_body = screen.query_one(f"#{screen.current_step}-body")
    return step_body.region.contains_region(widget.region) and widget.region.height > 0


async def test_a_new_plan_asks_its_title_and_the_first_step_edits_it(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("n")
        prompt = await wait_for_screen(pilot, Prompt)
        assert prompt.query_one(Input).value == "Nyt læringsmøde"  # offered, selected
        await pilot.press("escape")  # changed my mind: no plan
        await wait_for_screen(pilot, HomeScreen)
        screen = await start_new_plan(pilot, "Sparring om samtaler")
        assert screen.plan.title == "Sparring om samtaler"
        await wait_until(pilot, lambda: "Sparring om samtaler" in screen_text(app), "in the bar")
        assert screen.current_step == "intention"
        title = screen.query_one("#f-title", Input)
        assert title.value == "Sparring om samtaler" and fully_visible(screen, title)
        await pilot.press("shift+tab")  # from the intention up to the title, on the first step
        await wait_until(pilot, lambda: screen.focused is title, "the title focused")
        await pilot.press("end", *["backspace"] * len("samtaler"))
        await type_text(pilot, "sager")
        await wait_until(pilot, lambda: screen.plan.title == "Sparring om sager", "retitled")
        await wait_until(pilot, lambda: screen.sub_title == "Sparring om sager", "the title bar")


async def test_a_plan_from_a_template_asks_its_title_too(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await wait_for_screen(pilot, Pick)  # the template list
        await pilot.press("down", "enter")  # the second: a template with an agenda
        prompt = await wait_for_screen(pilot, Prompt)
        offered = prompt.query_one(Input).value
        assert offered  # the template's own title, in English
        await type_text(pilot, "Team day")  # typing replaces the offered title
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, PlanScreen)
        assert screen.plan.title == "Team day" and screen.plan.agenda


@pytest.mark.parametrize("size", [SMALL, (160, 48)])
async def test_every_field_comes_into_view_when_it_gets_focus(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        for step in ("intention", "desired-outcome", "rules-roles", "time"):
            await go_to_step(pilot, screen, step)
            fields = [w for w in screen.query_one(f"#{step}-body").query("Input, TextArea, Select")]
            assert fields, step
            for field in fields:
                assert field.id is not None
                await focus_field(pilot, screen, field.id)

                def shown(widget: Widget = field) -> bool:
                    return fully_visible(screen, widget)

                await wait_until(pilot, shown, f"#{field.id} in view")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "'halv to' er ikke et klokkeslæt; skriv det som 09:00 eller 9.00"),
        ("en", "'halv to' is not a clock time; write it like 09:00 or 9.00"),
    ],
)
async def test_a_clock_field_says_beside_it_what_is_wrong(
    tmp_path: Path, lang: str, expected: str
) -> None:
    async with on_time_step(tmp_path, lang) as (pilot, screen):
        start = await focus_field(pilot, screen, "f-start")
        await pilot.press("ctrl+u", *"halv", "space", *"to")
        await wait_until(pilot, lambda: note(screen, "f-start") == expected, "the note")
        assert isinstance(start, Input) and start.value == "halv to"  # nothing typed is lost
        assert screen.plan.start == "halv to"
        beside = screen.query_one("#f-start-note")
        assert beside.region.x >= start.region.right and beside.region.y == start.region.y
        assert fully_visible(screen, beside)
        await pilot.press("ctrl+u", *"13.30")
        await wait_until(pilot, lambda: note(screen, "f-start") == "", "the note gone")
        assert screen.plan.start == "13.30"


async def test_a_date_is_read_as_people_write_it_with_the_weekday_beside(
    tmp_path: Path,
) -> None:
    async with on_time_step(tmp_path, "da") as (pilot, screen):
        date = await focus_field(pilot, screen, "f-date")
        assert isinstance(date, Input)
        assert iso_date(date.placeholder) is None  # the grey hint is no date of its own
        assert not re.search(r"\d", date.placeholder)
        for typed in ("3.12.2026", "2026-12-03", "3/12-2026", "03.12.2026"):
            await pilot.press("ctrl+u", *typed)
            await wait_until(pilot, lambda: screen.plan.date == "2026-12-03", typed)
            await wait_until(
                pilot, lambda: note(screen, "f-date") == "torsdag 3. december 2026", "weekday"
            )
            assert date.value == typed  # the field keeps what was typed
        await pilot.press("ctrl+u", *"3/12")  # no year: the next 3 December
        await wait_until(pilot, lambda: screen.plan.date.endswith("-12-03"), "3/12")
        assert "3. december" in note(screen, "f-date")
        await pilot.press("ctrl+u", *"næste", "space", *"torsdag")
        await wait_until(
            pilot, lambda: "'næste torsdag' er ikke en dato" in note(screen, "f-date"), "why not"
        )
        assert screen.plan.date == "næste torsdag" and date.value == "næste torsdag"


async def test_norwegian_dates_in_a_norwegian_interface(tmp_path: Path) -> None:
    async with on_time_step(tmp_path, "nb") as (pilot, screen):
        await focus_field(pilot, screen, "f-date")
        await pilot.press(*"3.", "space", *"desember", "space", *"2026")
        await wait_until(pilot, lambda: screen.plan.date == "2026-12-03", "3. desember 2026")
        assert note(screen, "f-date") == "torsdag 3. desember 2026"


async def test_participants_say_at_once_why_letters_do_not_appear(tmp_path: Path) -> None:
    async with on_time_step(tmp_path, "da") as (pilot, screen):
        field = await focus_field(pilot, screen, "f-participants")
        assert isinstance(field, Input)
        await pilot.press("1", "2")
        await wait_until(pilot, lambda: screen.plan.participants == 12, "12 people")
        assert note(screen, "f-participants") == ""
        await pilot.press(*"ca")
        await wait_until(pilot, lambda: "cifre" in note(screen, "f-participants"), "why")
        assert field.value == "12" and screen.plan.participants == 12
        assert fully_visible(screen, screen.query_one("#f-participants-note"))
        await pilot.press("backspace")  # a digit's change clears the note
        await wait_until(pilot, lambda: note(screen, "f-participants") == "", "cleared")


async def test_a_role_typed_without_a_colon_is_kept_and_reaches_the_run_plan(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        await go_to_step(pilot, screen, "rules-roles")
        await focus_field(pilot, screen, "f-other-roles")
        await type_text(pilot, "Observatør Per\nReferent: Lis")
        await wait_until(
            pilot,
            lambda: {"Observatør Per": "", "Referent": "Lis"}.items() <= screen.plan.roles.items(),
            "both roles kept",
        )
        await go_to_step(pilot, screen, "review")
        await wait_until(pilot, lambda: "Observatør Per" in screen_text(app), "in the review")
        assert "Referent: Lis" in screen_text(app)


async def fast_keys(pilot: Pilot[None], *keys: str) -> None:
    """Keys as a terminal delivers them when typed fast: all queued before the first is handled
    (``pilot.press`` waits for each one)."""
    for key in keys:
        pilot.app.post_message(events.Key(key, None))
    await settle(pilot)


@pytest.mark.parametrize("steps_before", [0, 1, 2])
async def test_quick_steps_forward_put_the_cursor_in_the_steps_first_field(
    tmp_path: Path, steps_before: int
) -> None:
    """sv walk: alt+→ twice, fast, to Tid left the cursor on Start, and typing replaced "13:00"."""
    app = make_app(tmp_path / "home", lang="sv", open_path=example_copy(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        await fast_keys(pilot, *["alt+right"] * steps_before)
        await fast_keys(pilot, *["alt+right"] * (STEPS.index("time") - steps_before))
        assert screen.current_step == "time"
        assert screen.focused is not None and screen.focused.id == "f-date"
        await type_text(pilot, "3/12")
        assert screen.query_one("#f-start", Input).value == "13:00"
        await fast_keys(pilot, "alt+right", "alt+right")  # on round: review, then intention
        assert screen.current_step == "intention"
        assert screen.focused is not None and screen.focused.id == "f-title"
