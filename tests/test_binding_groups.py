"""Every key-bar group (``Binding.Group``) in ``facilkit/tui/`` is named by a catalogue key
that every catalogue has, and a group whose words are missing never crashes a screen.

A group's words are not passed to ``t()`` where the catalogue tests look, so this walks
every module's groups instead (as tests/test_help_topics.py walks the screens).
"""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.widgets import Static

import facilkit.tui
from facilkit.i18n import catalogue, ui_languages
from facilkit.tui.app_commands import localize_bindings
from facilkit.tui.compat import key_bindings


def facilkit_groups() -> dict[str, Binding.Group]:
    """Every Binding.Group named at module level or used by a BINDINGS entry in facilkit.tui."""
    found: dict[str, Binding.Group] = {}
    for info in pkgutil.walk_packages(facilkit.tui.__path__, "facilkit.tui."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Binding.Group):
                found[f"{info.name}.{name}"] = value
            bindings = getattr(value, "BINDINGS", None) if isinstance(value, type) else None
            for binding in bindings or ():
                if isinstance(binding, Binding) and binding.group is not None:
                    found[f"{info.name}.{name}:{binding.key}"] = binding.group
    return found


def test_the_walk_finds_the_agenda_move_group() -> None:
    assert any(where.endswith("agenda.MOVE") for where in facilkit_groups())


def test_every_binding_group_is_named_by_a_key_every_catalogue_has() -> None:
    missing = [
        f"{where}: Binding.Group({group.description!r}) needs that key in locale/{lang}.yaml"
        " (a group is named by its catalogue key, key.<words>)"
        for where, group in facilkit_groups().items()
        for lang in ui_languages()
        if group.description not in catalogue(lang)
    ]
    assert not missing, "\n".join(missing)


class Grouped(Static):
    BINDINGS = [
        Binding("k", "up", "Up", id="test.move_up", group=Binding.Group("key.no_such_group")),
        Binding("j", "down", "Down", id="test.move_down", group=Binding.Group("key.move")),
    ]

    def action_up(self) -> None: ...

    def action_down(self) -> None: ...


def test_a_group_without_words_is_shown_by_its_key_not_a_crash() -> None:
    widget = Grouped()
    localize_bindings(widget, "da")  # Textual calls this before the widget handles a key
    groups = {key: found[0].group for key, found in key_bindings(widget).items()}
    assert groups["k"] is not None and groups["k"].description == "key.no_such_group"
    assert groups["j"] is not None and groups["j"].description == "Flyt"
