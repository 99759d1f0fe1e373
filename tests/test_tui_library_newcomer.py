"""Pilot tests: the library as a newcomer meets it (issue 14): typing searches, filters read
whole, the best match comes first, and ``a`` without a plan offers one."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import Input

from facilkit.library.loader import Folder
from facilkit.tui.dialogs.basic import Choose, TextPanel
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.widgets.cycle import Cycle
from facilkit.tui.widgets.method_card import MethodCard
from facilkit.tui.widgets.method_list import MethodList
from tests.conftest import METHOD_YAML, write_method
from tests.tui_helpers import (
    make_app,
    name_the_plan,
    open_library,
    ready,
    screen_text,
    wait_for_screen,
    wait_until,
)


async def test_typing_straight_after_m_searches(tmp_path: Path) -> None:
    """`m` then "spørgsmål" at once: every letter lands in the search, `p` opens nothing."""
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("m", *"spørgsmål")
        screen = await wait_for_screen(pilot, LibraryScreen)
        search = screen.query_one("#search", Input)
        await wait_until(pilot, lambda: search.value == "spørgsmål", "the letters in the search")
        assert app.focused is search
        assert not any(isinstance(s, TextPanel) for s in app.screen_stack)
        methods = screen.query_one(MethodList)
        assert methods.entries and all(
            "spørgsmål"
            in (e.head.name_in("da") + " ".join(e.head.tags) + e.head.summary_in("da")).casefold()
            for e in methods.entries
        )


async def test_a_letter_in_the_list_starts_a_search(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        assert isinstance(app.focused, MethodList)  # where the arrows work at once
        await pilot.press("down", "k", "o")  # k is no longer "up": it is a letter
        search = screen.query_one("#search", Input)
        await wait_until(pilot, lambda: search.value == "ko", "the letters in the search")
        assert "Type to search" in str(search.placeholder)


async def test_slash_reaches_the_search_from_the_number_filters(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        await pilot.click("#fits")
        fits = screen.query_one("#fits", Input)
        await wait_until(pilot, lambda: app.focused is fits, "the minutes field focused")
        await pilot.press("2", "0", "slash")
        search = screen.query_one("#search", Input)
        await wait_until(pilot, lambda: app.focused is search, "the search focused")
        assert fits.value == "20"
        await pilot.click("#participants")
        await pilot.press("6", "slash", "t")
        await wait_until(pilot, lambda: search.value == "t", "typing in the search")
        text = screen_text(app)
        # the number filters keep their labels once a number is typed
        assert "Max minutes" in text and "Participants" in text and "20" in text


async def test_neither_excludes_both_and_labels_fit(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        await pilot.click("#process")
        process = screen.query_one("#process", Cycle)
        await wait_until(pilot, lambda: process.value == "open", "a click steps to 'open'")
        for expected in ("close", "both", "none"):
            await pilot.press("enter")
            await wait_until(pilot, lambda e=expected: process.value == e, f"process {expected}")  # type: ignore[misc]
        methods = screen.query_one(MethodList)
        assert methods.entries
        assert {e.head.process for e in methods.entries} == {"none"}
        await pilot.pause()
        for cycle in screen.query(Cycle):
            shown = cycle.render().plain
            assert cycle.region.width >= cell_len(shown), shown
        text = screen_text(app)
        assert "Proces: ingen af delene ▸" in text and "Kategori: alle ▸" in text


async def test_name_matches_rank_above_tags_and_summaries(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        await pilot.press(*"tjek")
        methods = screen.query_one(MethodList)
        await wait_until(pilot, lambda: screen.query_one("#search", Input).value == "tjek", "typed")
        names = [e.head.name_in("da") for e in methods.entries]
        assert names[0].startswith("Tjek") and names[1].startswith("Tjek")
        assert "I DO ART – mødeplanlægning" in names[2:]


async def test_a_without_a_plan_offers_a_new_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        await pilot.press(*"ugu", "enter")  # search, then into the list
        methods = screen.query_one(MethodList)
        await wait_until(pilot, lambda: app.focused is methods, "the list focused")
        await pilot.press("a")
        dialog = await wait_for_screen(pilot, Choose)
        assert "Start a new plan with UGU" in dialog.question
        await pilot.press("enter")
        plan = await name_the_plan(pilot, "Sparring")
        assert plan.plan.title == "Sparring"
        await wait_until(
            pilot, lambda: [i.method for i in plan.plan.agenda][-1:] == ["ugu"], "ugu added"
        )
        await pilot.press("escape")


async def test_own_methods_have_one_mark_and_overrides_one_notice(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    write_method(folder, "walk-and-talk")
    override = write_method(folder, "ugu", METHOD_YAML.format(id="ugu"))
    app = make_app(tmp_path / "home", extra=[Folder(folder, "user")])
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        await pilot.press(*"method ugu")
        methods = screen.query_one(MethodList)
        await wait_until(
            pilot, lambda: [e.id for e in methods.entries] == ["ugu"], "the override found"
        )
        assert methods.render_line(0).text[:1] == "+"
        card = screen.query_one(MethodCard)
        await wait_until(pilot, lambda: "overrides the built-in" in screen_text(app), "notice")
        text = screen_text(app).replace("\n", " ")
        assert str(override.name) in text and "methods/ugu.yaml" in text
        assert card is not None


async def test_keys_typed_faster_than_the_screen_opens_all_land(tmp_path: Path) -> None:
    """As a terminal delivers them: every key queued at once, none waiting for the last."""
    from textual import events

    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for character in "mspørgsmål":
            app.post_message(events.Key(character, character))
        screen = await wait_for_screen(pilot, LibraryScreen)
        search = screen.query_one("#search", Input)
        await wait_until(pilot, lambda: search.value == "spørgsmål", "every letter in the search")
        assert not any(isinstance(s, TextPanel) for s in app.screen_stack)
        for character in "tjek":  # and typed fast in the list, after clearing the search
            app.post_message(events.Key(character, character))
        await wait_until(pilot, lambda: search.value == "spørgsmåltjek", "fast typing kept whole")


async def test_a_new_search_puts_the_cursor_on_the_best_match(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        methods = screen.query_one(MethodList)
        assert methods.current is not None
        first = methods.current.id  # alphabetically first, and a match for the search below
        await pilot.press(*"refleksion")
        await wait_until(
            pilot, lambda: screen.query_one("#search", Input).value == "refleksion", "typed"
        )
        assert methods.cursor == 0 and methods.current is not None
        assert "refleksion" in methods.current.head.name_in("da").casefold()
        assert first != methods.current.id
        card = screen.query_one(MethodCard)
        await wait_until(
            pilot,
            lambda: (
                methods.current is not None
                and methods.current.head.name_in("da") in card.shown_text
            ),
            "its card",
        )
