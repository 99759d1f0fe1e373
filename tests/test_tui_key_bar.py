"""Pilot tests: what the key bar shows a newcomer at 80 columns, and under a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from facilkit.tui.app import FacilkitApp
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.widgets.key_bar import KeyBar
from tests.tui_helpers import (
    example_copy,
    make_app,
    open_agenda,
    press_to_open,
    ready,
    start_new_plan,
    type_text,
    wait_until,
)


def bar_lines(bar: KeyBar) -> list[str]:
    """The key bar's lines as drawn, right-hand spaces dropped."""
    return [line.rstrip() for line in str(bar.render()).split("\n")]


def bar_text(app: FacilkitApp) -> str:
    """The visible key bar's words (under a dialog: the bar of the screen below it)."""
    screen = next(s for s in reversed(app.screen_stack) if s.query(KeyBar))
    return " ".join(" ".join(bar_lines(screen.query_one(KeyBar))).split())


@pytest.mark.parametrize(("lang", "quit_words"), [("en", "ctrl+q Quit"), ("da", "ctrl+q Afslut")])
async def test_home_shows_how_to_quit_at_80_columns(
    tmp_path: Path, lang: str, quit_words: str
) -> None:
    app = make_app(tmp_path / "home", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        bar = app.screen.query_one(KeyBar)
        await wait_until(pilot, lambda: quit_words in bar_text(app), "Quit on the bar")
        words = bar_text(app)
        assert "n New plan" in words or "n Ny plan" in words  # the screen's own keys stay
        assert "ctrl+p" in words  # and the palette, on the second line
        assert len(bar_lines(bar)) == 2 and max(len(line) for line in bar_lines(bar)) <= 80
        await pilot.press("ctrl+q")  # and it does what it says
    assert not app.is_running


async def test_a_dialog_over_the_plan_shows_its_own_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_agenda(pilot)
        assert "a Add method" in bar_text(app)
        await press_to_open(pilot, "i", Choose)
        await wait_until(pilot, lambda: "esc Cancel" in bar_text(app), "the dialog's keys")
        words = bar_text(app)
        assert "Previous answer" in words and "Next answer" in words
        assert "Add method" not in words and "Materials" not in words
        await pilot.press("escape")
        await wait_until(pilot, lambda: "a Add method" in bar_text(app), "the agenda's keys back")
        await press_to_open(pilot, "ctrl+o", ExportDialog)
        await wait_until(pilot, lambda: "Add method" not in bar_text(app), "the export's keys")
        assert "esc Cancel" in bar_text(app)


async def test_the_agenda_keys_fit_80_columns_with_insert_and_one_move_entry(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        bar = screen.query_one(KeyBar)
        words = bar_text(app)
        for shown in ("a Add method", "i Insert here", "f Add item", "b Add break"):
            assert shown in words
        assert "del Remove item" in words and "m Materials" in words
        assert "⇧↑ ⇧↓ Move" in words and "Move up" not in words  # both keys, one entry
        assert "ctrl+s Save" in words
        assert all(len(line) <= 80 for line in bar_lines(bar))
        # after an edit, undo joins them and nothing that changes the plan gives way
        first = screen.plan.agenda[0]
        line, column = next(
            (number, text.index("⇧↓")) for number, text in enumerate(bar_lines(bar)) if "⇧↓" in text
        )
        await pilot.click(KeyBar, offset=(column, line))  # the ⇧↓ of the shared entry
        await wait_until(pilot, lambda: screen.plan.agenda[1] == first, "moved down by a click")
        await wait_until(pilot, lambda: "ctrl+z Undo" in bar_text(app), "undo on the bar")
        words = bar_text(app)
        for shown in ("i Insert here", "m Materials", "ctrl+s Save", "⇧↑ ⇧↓ Move"):
            assert shown in words


async def test_the_agenda_keys_in_danish_at_80_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", lang="da", open_path=example_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        assert isinstance(screen, PlanScreen)
        words = bar_text(app)
        for shown in ("i Indsæt her", "⇧↑ ⇧↓ Flyt", "m Materialer", "ctrl+s Gem"):
            assert shown in words


async def test_the_way_to_the_next_step_stays_on_the_bar_after_an_edit(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await start_new_plan(pilot)
        assert "alt+→ Next step" in bar_text(app) and "ctrl+s Save" in bar_text(app)
        await type_text(pilot, "Why we meet")
        await wait_until(pilot, lambda: "ctrl+z Undo" in bar_text(app), "undo on the bar")
        assert "alt+→ Next step" in bar_text(app) and "ctrl+s Save" in bar_text(app)


class WideWords(Screen[None]):
    """Keys whose words are wide characters (two cells each), as a CJK catalogue would give."""

    BINDINGS = [
        Binding(key, f"noop('{key}')", "会議の計画", id=f"test.wide_{key}")
        for key in ("a", "b", "c", "d")
    ]

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def action_noop(self, key: str) -> None: ...


async def test_wide_words_wrap_by_their_cells_not_their_letters() -> None:
    """Each entry is 16 cells (" a  " + five wide letters): two fit in 40 columns, not three."""

    class Wide(App[None]):
        ENABLE_COMMAND_PALETTE = False

        def on_mount(self) -> None:
            self.push_screen(WideWords())

    app = Wide()
    async with app.run_test(size=(40, 10)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(KeyBar)), "the bar")
        bar = app.screen.query_one(KeyBar)
        await wait_until(pilot, lambda: "会議" in str(bar.render()), "the keys drawn")
        lines = bar_lines(bar)
        assert all(cell_len(line) <= 40 for line in lines)
        drawn_whole = sum(line.count("会議の計画") for line in lines)
        assert drawn_whole == len(bar.drawn_actions()) == 2  # none cut off at the edge
