"""The help screen (F1 or ``?``): what the screen below is for, and every key it takes.

The keys are read from the screen's active bindings when help opens, with the
descriptions the key bar and the palette show, so the list cannot go out of date.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from facilkit.i18n import t

DEFAULT_TOPIC = "dialog"
"""Screens without a ``HELP_TOPIC`` of their own (the dialogs)."""


def keys_of(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, description) for every binding with an id active on ``screen``.

    The screen's own keys first (what it is for), then those of the field in focus,
    then the app's. One line per action: a binding on two keys (``slash,ctrl+f``)
    shows both.
    """
    app = screen.app

    def rank(item: tuple[str, ActiveBinding]) -> int:
        node = item[1].node
        return 0 if node is screen else 2 if node is app else 1

    lines: dict[str, list[str]] = {}
    for key, active in sorted(screen.active_bindings.items(), key=rank):
        binding: Binding = active.binding
        if not binding.id or not binding.description:
            continue
        shown = app.get_key_display(Binding(key, binding.action, key_display=binding.key_display))
        keys = lines.setdefault(binding.description, [])
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for description, keys in lines.items()]


def purpose_of(topic: str, lang: str) -> str | None:
    """``help.<topic>``, or None when no catalogue has it: help then shows the keys alone.

    A missing topic is a developer's slip that ``tests/test_help_topics.py`` names; a
    user pressing F1 should still get the keys, not a crash.
    """
    try:
        return t(f"help.{topic}", lang)
    except KeyError:
        return None


class HelpScreen(ModalScreen[None]):
    """Two lines on what the screen is for, then its keys; escape, F1 or ``?`` close it."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, topic: str, keys: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.topic = topic
        self.keys = keys
        self.lang = lang

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in self.keys:
            table.add_row(Text(keys), Text(description))
        with Vertical(classes="dialog dialog-wide", id="help"):
            yield Label(t("help.title", self.lang), classes="dialog-question")
            purpose = purpose_of(self.topic, self.lang)
            if purpose is not None:
                yield Static(purpose, markup=False, id="help-purpose")
            yield Label(t("help.keys", self.lang), classes="dialog-question")
            with VerticalScroll(id="help-keys"):
                yield Static(table)
            yield Static(t("help.close_hint", self.lang), markup=False, classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def open_help(screen: Screen[Any]) -> None:
    """Help for ``screen`` (the one the user is on); on the help screen itself, close it."""
    if isinstance(screen, HelpScreen):
        screen.dismiss(None)
        return
    topic = getattr(screen, "HELP_TOPIC", DEFAULT_TOPIC)
    lang = getattr(screen.app, "lang", "en")
    screen.app.push_screen(HelpScreen(topic, keys_of(screen), lang))
