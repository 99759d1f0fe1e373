"""Every screen and dialog class in ``facilkit/tui/``: its help words, and the language walk.

F1 shows ``help.<HELP_TOPIC>``, a key built in code, so the catalogue tests cannot see it
missing: this file walks every screen class instead, names what a new one lacks, checks
that help never crashes without its words, and that ``tests/test_i18n_screens.py`` opens
every screen in each language.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

import facilkit.tui
from facilkit.i18n import catalogue, t, ui_languages
from facilkit.tui.dialogs.help import DEFAULT_TOPIC, HelpScreen
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.title_bar import TitleBar
from tests.tui_helpers import make_app, press_to_open, ready, screen_text, wait_for_screen


def facilkit_screens() -> list[type[Screen[Any]]]:
    """Every Screen subclass defined in facilkit (each module of ``facilkit.tui`` imported)."""
    for module in pkgutil.walk_packages(facilkit.tui.__path__, "facilkit.tui."):
        importlib.import_module(module.name)
    found: list[type[Screen[Any]]] = []
    todo: list[type[Screen[Any]]] = [Screen]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("facilkit.") and subclass not in found:
                found.append(subclass)
    return found


def name_of(kind: type[object]) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def test_the_walk_finds_the_screens_and_dialogs() -> None:
    """Guards the walk itself: it must see full screens, subclasses of them and dialogs."""
    names = {kind.__qualname__ for kind in facilkit_screens()}
    assert {"HomeScreen", "PlanScreen", "RoomScreen", "MaterialsDialog", "Choose"} <= names


def test_every_screen_has_its_help_words_in_every_catalogue() -> None:
    missing = [
        f"{name_of(kind)}: HELP_TOPIC {topic!r} needs 'help.{topic}' in locale/{lang}.yaml"
        for kind in facilkit_screens()
        if kind is not HelpScreen
        for topic in [getattr(kind, "HELP_TOPIC", DEFAULT_TOPIC)]
        for lang in ui_languages()
        if f"help.{topic}" not in catalogue(lang)
    ]
    assert missing == []


NOT_WALKED: dict[str, str] = {
    "Palette": "the command palette: the walk opens it with ctrl+p (Textual's CommandPalette)",
    "FollowRoomScreen": "opened only by 'facilkit run PLAN --room' beside a running meeting; "
    "it shows RoomScreen's widgets, which the walk checks",
}
"""Screens tests/test_i18n_screens.py does not name, each with the reason."""


def test_every_screen_is_on_the_language_walk() -> None:
    """A screen the walk never opens could show another language's words unseen."""
    walk = (Path(__file__).parent / "test_i18n_screens.py").read_text(encoding="utf-8")
    named = set(re.findall(r"\b[A-Z]\w*", walk))
    screens = facilkit_screens()
    bases = {base for kind in screens for base in kind.__mro__[1:]}
    unwalked = [
        name_of(kind) + ": open it in tests/test_i18n_screens.py (or say why not in NOT_WALKED)"
        for kind in screens
        if kind not in bases
        and kind.__qualname__ not in named | set(NOT_WALKED)
        and kind.__module__.startswith("facilkit.")
    ]
    assert unwalked == []
    assert sorted(set(NOT_WALKED) - {kind.__qualname__ for kind in screens}) == []


def test_every_full_screen_sets_a_topic_of_its_own() -> None:
    """A full screen without HELP_TOPIC would show the dialogs' help text on F1.

    Base classes (those another facilkit screen builds on) need none.
    """
    screens = facilkit_screens()
    bases = {base for kind in screens for base in kind.__mro__[1:]}
    untopical = [
        name_of(kind) + ": set HELP_TOPIC and add help.<topic> to every catalogue"
        for kind in screens
        if not issubclass(kind, ModalScreen)
        and kind not in bases
        and getattr(kind, "HELP_TOPIC", DEFAULT_TOPIC) == DEFAULT_TOPIC
    ]
    assert untopical == []


class _NoWordsScreen(FacilScreen):
    """A screen whose maintainer forgot help.<topic> (only this test defines it)."""

    HELP_TOPIC = "no_such_topic"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="test.back")]

    def compose_body(self) -> ComposeResult:
        yield TitleBar()
        yield KeyBar()


async def test_help_without_its_words_shows_the_keys_and_does_not_crash(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(_NoWordsScreen())
        await wait_for_screen(pilot, _NoWordsScreen)
        help_screen = await press_to_open(pilot, "f1", HelpScreen)
        assert list(help_screen.query("#help-purpose")) == []
        assert t("key.back", "en") in screen_text(app)
        assert app.is_running
