"""Pilot tests: browsing and searching the library, reading cards, the palette."""

from __future__ import annotations

import gc
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.strip import Strip
from textual.widgets import Input, Static

from facilkit.library.loader import Folder
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.widgets.cycle import Cycle
from facilkit.tui.widgets.method_card import MethodCard
from facilkit.tui.widgets.method_list import MethodList
from tests.conftest import METHOD_YAML, write_method
from tests.tui_helpers import (
    make_app,
    on_screen,
    open_library,
    ready,
    shows,
    wait_for_command,
    wait_for_screen,
    wait_until,
)


def card_text(app: App[Any]) -> str:
    return app.screen.query_one(MethodCard).shown_text


async def test_browse_search_and_open_card(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_library(pilot)
        on_screen(app, LibraryScreen)
        methods = app.screen.query_one(MethodList)
        assert len(methods.entries) == len(app.library)
        await pilot.press("slash", *"ugu")
        await pilot.pause()
        assert [e.id for e in methods.entries] == ["ugu"]
        await pilot.press("enter")  # search -> list
        await pilot.pause()
        assert app.focused is methods
        await pilot.press("enter")  # list -> card
        await pilot.pause()
        assert isinstance(app.focused, MethodCard)
        text = card_text(app)
        assert "UGU: explore, give, explore" in text and "Rosdahl" in text


async def test_cursor_moves_update_the_card(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await open_library(pilot)
        methods = app.screen.query_one(MethodList)
        first = methods.current
        await pilot.press("down")
        await pilot.pause()
        second = methods.current
        assert first is not None and second is not None and first.id != second.id
        assert second.method.name_in("en") in card_text(app)
        await pilot.click(MethodList, offset=(5, 3))  # third row (border is row 0)
        await pilot.pause()
        assert methods.cursor == 2


async def test_list_and_card_change_in_the_same_step(tmp_path: Path) -> None:
    """A keystroke filters and a cursor move shows its card before any message is handled.

    Both happen inside the key's own handler, so they reach the screen in one frame.
    The card of a new best match not rendered yet follows when the typing pauses
    (CARD_AFTER_TYPING), so a key's frame draws the list only.
    """
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        methods, card = screen.query_one(MethodList), screen.query_one(MethodCard)
        screen.query_one("#search", Input).insert_text_at_cursor("ugu")
        assert [e.id for e in methods.entries] == ["ugu"]  # no await in between
        assert card.entry is not methods.current and screen.card_timer is not None
        await wait_until(pilot, lambda: card.entry is methods.current, "the card after typing")
        screen.query_one("#search", Input).value = ""
        assert len(methods.entries) == len(app.library)
        before = methods.cursor
        methods.action_cursor(-1)  # "ugu" is the last method
        assert methods.cursor == before - 1
        assert card.entry is methods.current


async def test_long_search_text_scrolls_in_its_field(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("m", "slash", *("x" * 100))
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert search.value == "x" * 100
        assert search.scroll_x == search.max_scroll_x > 0  # the cursor end stays in view
        await pilot.press("home")
        await pilot.pause()
        assert search.scroll_x == 0


async def test_filters_narrow_the_list(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        methods = screen.query_one(MethodList)
        await pilot.click("#process")  # a click steps to the next option: opening processes
        await pilot.pause()
        assert screen.query_one("#process", Cycle).value == "open"
        assert all(e.head.process in ("open", "both") for e in methods.entries)
        screen.query_one("#process", Cycle).focus()
        await pilot.press("right")
        await pilot.pause()
        assert screen.query_one("#process", Cycle).value == "close"
        assert methods.entries and all(e.head.process in ("close", "both") for e in methods.entries)
        screen.query_one("#process", Cycle).value = None
        screen.query_one("#fits", Input).value = "10"
        await pilot.pause()
        assert all(e.head.duration.min <= 10 for e in methods.entries)
        screen.query_one("#participants", Input).value = "30"
        await pilot.pause()
        assert all(e.head.group_size.suits(30) for e in methods.entries)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(methods.entries) == len(app.library)


async def test_user_methods_are_marked_and_problems_shown(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    write_method(folder, "walk-and-talk")
    write_method(folder, "ugu", METHOD_YAML.format(id="ugu"))
    write_method(folder, "broken", "id: broken\nname: [oops\n")
    app = make_app(tmp_path / "home", extra=[Folder(folder, "user")])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        status = str(app.screen.query_one("#library-status", Static).render())
        assert "1 problem" in status
        await open_library(pilot)
        methods = app.screen.query_one(MethodList)
        marks = {
            e.id: methods.render_line(i).text[:1] for i, e in enumerate(methods.entries) if i < 25
        }
        assert marks.get("walk-and-talk") == "+"
        assert marks.get("ugu") == "+"  # one mark for own methods; the card names both files
        await pilot.press("p")
        await pilot.pause()
        shown = str(app.screen.query(Static).last().render())
        assert "broken.yaml:3:1:" in shown and "on line 2" in shown


async def test_palette_opens_a_method(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"reflecting team")
        await wait_for_command(pilot, "reflecting team")
        await pilot.press("enter")
        methods = (await wait_for_screen(pilot, LibraryScreen)).query_one(MethodList)
        await wait_until(pilot, lambda: methods.current is not None, "the list to fill")
        assert methods.current is not None and methods.current.id == "reflecting-team"


async def test_danish_interface(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert "Dine planer" in str(app.screen.query_one(".screen-title").render())
        await open_library(pilot)
        assert (
            app.screen.query_one(MethodList)
            .entries[0]
            .head.name_in("da")
            .startswith("Aktionslæring")
        )
        assert "Trin" in card_text(app)


async def test_key_bar_shows_main_keys_and_clicks_press_them(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    from facilkit.tui.widgets.key_bar import KeyBar

    app = make_app(tmp_path / "home", lang="da")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        assert "Ny plan" in line and "Metoder" in line and line.rstrip().endswith("Alle kommandoer")
        assert "Kopiér" not in line  # show=False keys live in the palette only
        await pilot.click(KeyBar, offset=(line.index("Metoder"), 0))
        await pilot.pause()
        on_screen(app, LibraryScreen)
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        assert "Tilbage" in line and "Ny plan" not in line  # follows the screen
        await pilot.click(KeyBar, offset=(line.index("Alle kommandoer"), 0))
        await pilot.pause()
        on_screen(app, CommandPalette)


async def test_garbage_collection_resumes_after_start_up_and_is_left_as_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collection resumes once the app has started, and quitting, even during the
    start-up pause, leaves the process collecting as before (another app may run in it)."""
    import gc

    import facilkit.tui.app_loading as loading_module

    monkeypatch.setattr(loading_module, "GC_PAUSE_SECONDS", 0.05)
    for quit_during_pause in (False, True):
        app = make_app(tmp_path / "home")
        async with app.run_test() as pilot:
            if not quit_during_pause:
                await wait_until(pilot, gc.isenabled, "garbage collection to resume")
        assert gc.isenabled() and gc.get_freeze_count() == 0
        # A load step queued before the quit may run after it (it did under load in
        # xdist and froze the process for the next test): it must leave gc alone.
        app.collect_while_loading()
        app.end_gc_pause()
        assert gc.isenabled() and gc.get_freeze_count() == 0


async def test_title_bar_icon_opens_the_palette(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    from facilkit.tui.widgets.title_bar import TitleBar

    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "facilkit" in str(app.screen.query_one(TitleBar).render())
        await pilot.click(TitleBar, offset=(2, 0))
        await pilot.pause()
        on_screen(app, CommandPalette)


async def test_palette_runs_a_key_binding_of_the_screen(tmp_path: Path) -> None:
    """A binding hidden from the key bar ("Clear filters", ctrl+r) is reachable by name."""
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("m", "slash", *"ugu")
        await pilot.pause()
        methods = app.screen.query_one(MethodList)
        assert len(methods.entries) == 1
        await pilot.press("ctrl+p", *"clear filters")
        await wait_for_command(pilot, "clear filters")
        await pilot.press("enter")
        await wait_for_screen(pilot, LibraryScreen)
        assert len(methods.entries) == len(app.library)
        assert app.screen.query_one("#search", Input).value == ""


async def test_the_next_card_is_ready_before_the_cursor_gets_there(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        methods, card = screen.query_one(MethodList), screen.query_one(MethodCard)
        await pilot.press("down", "down", "down", "down", "down")
        below, further = methods.entries[6], methods.entries[7]
        await wait_until(pilot, lambda: card.is_prepared(below), "the card below the cursor")
        assert not card.is_prepared(further)  # neighbours only: no work for rows far away


async def test_slash_in_a_number_filter_goes_to_the_search(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        screen.query_one("#fits", Input).focus()
        await pilot.press("1", "5", "slash")
        await wait_until(pilot, lambda: app.focused is screen.query_one("#search"), "the search")
        assert screen.query_one("#fits", Input).value == "15"


async def test_down_from_the_search_reaches_the_list_so_a_acts_on_the_match(
    tmp_path: Path,
) -> None:
    """After typing a search, ↓ moves to the list (the best match highlighted) and `a`
    offers that method instead of typing an "a" into the search."""
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        search, methods = screen.query_one("#search", Input), screen.query_one(MethodList)
        await pilot.press("slash", *"ugu", "left", "right")  # the search's own keys still work
        await wait_until(pilot, lambda: [e.id for e in methods.entries] == ["ugu"], "one match")
        await pilot.press("down")
        await wait_until(pilot, lambda: app.focused is methods, "the list focused")
        await pilot.press("a")
        await wait_until(pilot, lambda: app.screen is not screen, "the start-a-plan question")
        assert search.value == "ugu"
        assert "UGU" in on_screen(app, Choose).question


def strips_held_by(card: MethodCard) -> int:
    """Textual Strips reachable from the card, not through other widgets or a Strip's caches."""
    seen: set[int] = set()
    todo: list[object] = [card]
    strips = 0
    while todo:
        thing = todo.pop()
        if id(thing) in seen or isinstance(thing, (type, ModuleType)):
            continue
        seen.add(id(thing))
        if isinstance(thing, Strip):
            strips += 1
        elif thing is card or not isinstance(thing, (DOMNode, App)):
            todo.extend(gc.get_referents(thing))
    return strips


async def test_kept_cards_hold_no_strips_and_a_scrolled_card_draws_its_own_lines(
    tmp_path: Path,
) -> None:
    """Cards visited stay rendered (a revisit is free) as Rich segments: a Textual Strip,
    with its seven caches, is made only for a line drawn, so the cards visited hold
    none, only the lines on screen have one for every collection to walk.
    Scrolled, the card draws the lines of its own end, not the top again."""
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await open_library(pilot)
        methods, card = screen.query_one(MethodList), screen.query_one(MethodCard)
        await wait_until(pilot, lambda: card.drawn and card.entry is methods.current, "a card")
        for _ in range(20):
            await pilot.press("down")
            await wait_until(pilot, lambda: card.entry is methods.current, "the next card")
        assert all(card.is_prepared(methods.entries[row]) for row in range(1, 21))  # kept
        # a screenful (27 lines) for the card on show; as Strips, twenty cards were > 600
        assert strips_held_by(card) <= 2 * app.size.height
        last_line = card.shown_text.rstrip().splitlines()[-1]
        await pilot.press("enter")  # list -> card
        await wait_until(pilot, lambda: app.focused is card, "the card focused")
        await pilot.press("end")
        await wait_until(pilot, lambda: card.scroll_offset.y > 0, "the card scrolled")
        await wait_until(pilot, lambda: shows(app, last_line[-30:]), "the card's last line")
