"""Pilot tests: what the key bar shows a newcomer at 80 columns, and under a dialog."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

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


def bar_text(app: App[Any]) -> str:
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


@pytest.mark.parametrize("palette", [False, True], ids=["no-palette", "palette"])
async def test_wide_words_wrap_by_their_cells_not_their_letters(palette: bool) -> None:
    """Each entry is 16 cells (" a  " + five wide letters): two fit in 40 columns, not three;
    the palette key goes where its cells fit, whole."""

    class Wide(App[None]):
        ENABLE_COMMAND_PALETTE = palette

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
        assert drawn_whole == len(bar.drawn_actions()) - palette  # none cut at the edge
        assert drawn_whole == (1 if palette else 2)
        assert ("palette" in "".join(lines)) == palette  # whole, not cut by the ellipsis


class _Keys(Screen[None]):
    """A screen whose keys come and go: ``shown`` keys are shown, ``greyed`` ones disabled."""

    BINDINGS = [
        Binding(key, f"say('{key}')", f"Say {word}", id=f"test.{word}")
        for key, word in zip(
            "abcdefgh",
            ("one", "two", "three", "four", "five", "six", "seven", "eight"),
            strict=True,
        )
    ]

    KEEP_ON_KEY_BAR = frozenset({"say"})
    """Every key must stay: what does not fit one line takes a second."""

    def __init__(self) -> None:
        super().__init__()
        self.shown = set("ab")
        self.greyed: set[str] = set()

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        key = str(parameters[0]) if parameters else ""
        if key not in self.shown:
            return False
        return None if key in self.greyed else True

    def action_say(self, key: str) -> None:
        """Nothing: the keys are here to be shown."""


async def test_the_key_bar_lays_the_screen_out_again_only_when_its_lines_change() -> None:
    """A change of bindings that changes nothing shown costs nothing; one that greys a key
    repaints the bar; only one that needs a line more or less lays the screen out again."""
    app = App[None]()
    async with app.run_test(size=(60, 10)) as pilot:
        screen = _Keys()
        await app.push_screen(screen)
        bar = screen.query_one(KeyBar)
        await wait_until(pilot, lambda: "Say two" in bar_text(app), "the first keys")
        refreshes: list[bool] = []
        original = bar.refresh

        def counted(*regions: Any, layout: bool = False, **kwargs: Any) -> KeyBar:
            if sys._getframe(1).f_code.co_name == "_bindings_changed":  # not Textual's own
                refreshes.append(layout)
            return original(*regions, layout=layout, **kwargs)

        bar.refresh = counted  # type: ignore[method-assign]
        screen.refresh_bindings()  # nothing changed
        await pilot.pause()  # the bar hears of it in its own queue
        assert refreshes == []
        screen.greyed.add("b")
        screen.refresh_bindings()
        await pilot.pause()  # the bar hears of it in its own queue
        assert refreshes == [False]  # greyed: drawn again, same line
        await wait_until(pilot, lambda: ("say('b')", False) in bar.drawn_actions(), "b greyed")
        screen.shown |= set("cdefgh")
        screen.refresh_bindings()
        await pilot.pause()  # the bar hears of it in its own queue
        assert refreshes == [False, True]  # eight keys take two lines at 60 columns
        await wait_until(pilot, lambda: len(bar_lines(bar)) == 2, "a second line")
        assert bar.size.height == 2 and "Say eight" in bar_text(app)
        screen.shown = set("a")
        screen.refresh_bindings()
        await pilot.pause()  # the bar hears of it in its own queue
        assert refreshes == [False, True, True]
        await wait_until(pilot, lambda: bar.size.height == 1, "back to one line")
        assert bar_text(app) == "a Say one ^p palette"
