"""The app's keys in its language: bindings, the command palette and help.

Textual's own texts are English; here every binding with an id gets the
description of ``key.<name>`` in the app's language, and the palette lists the
screen's actions in that language too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widget import Widget

from facilkit.i18n import Words, t
from facilkit.tui.compat import CompatApp, key_bindings
from facilkit.tui.palette import Palette

FUNCTION_KEY = re.compile(r"f[0-9]{1,2}")


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Give every binding with an id the description of ``key.<name>`` in ``lang``.

    A binding group (keys that share one entry on the key bar) is named in the code
    by its catalogue key, ``Binding.Group("key.move")``; a key no catalogue has is shown
    as it is, never a crash (tests/test_binding_groups.py names it).
    """
    bindings = key_bindings(node)
    for key, found in bindings.items():
        if not any(binding.id for binding in found):
            continue  # Textual's own bindings: not listed in the key bar or the palette
        translated = []
        for binding in found:
            name = (binding.id or "").rpartition(".")[2]
            group = binding.group
            if group is not None:
                group = dataclasses.replace(group, description=Words(group.description).text(lang))
            try:
                description = t(f"key.{name}", lang)
            except KeyError:  # a binding of Textual's own; a test checks facilkit's
                description = binding.description
            translated.append(dataclasses.replace(binding, description=description, group=group))
        bindings[key] = translated


class AppCommands(CompatApp[None]):
    """Keys, palette and help in the app's language (``lang``, set by the app)."""

    lang: str

    def before_register(self, widgets: Iterable[Widget]) -> None:
        """Every screen, dialog and widget says its keys in the app's language.

        Textual registers each node once, before it handles any key.
        """
        for widget in widgets:
            localize_bindings(widget, self.lang)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands in the app's language, then every key binding of the
        screen that has an id, so the palette lists all actions in one language.

        Textual's own "Keys" panel and "Screenshot" are left out: their texts are English.
        """
        lang = self.lang
        yield SystemCommand(t("cmd.theme", lang), t("cmd.theme_help", lang), self.search_themes)
        if screen.maximized is not None:
            yield SystemCommand(
                t("cmd.minimize", lang), t("cmd.minimize_help", lang), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("cmd.maximize", lang), t("cmd.maximize_help", lang), screen.action_maximize
            )
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.id or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            callback = self._runner(active.node, binding.action)
            help_text = t("cmd.key_help", lang, key=binding.key_display or key)
            yield SystemCommand(binding.description, help_text, callback)

    def _runner(self, node: DOMNode, action: str) -> Callable[[], None]:
        def run() -> None:
            self.call_later(self.run_action, action, node)

        return run

    def get_key_display(self, binding: Binding) -> str:
        """A key as a new user reads it: ctrl+s, not Textual's ^s, and the space bar named in
        the reader's language (key bar, help, notices)."""
        if binding.key_display or "ctrl+" not in binding.key:
            shown = super().get_key_display(binding)
            if shown == "space":
                return t("keyname.space", self.lang)
            # F1 as printed on the key and in the title bar, not Textual's f1
            return shown.upper() if FUNCTION_KEY.fullmatch(shown) else shown
        rest = binding.key.replace("ctrl+", "", 1)
        return "ctrl+" + super().get_key_display(Binding(rest, binding.action))

    def action_command_palette(self) -> None:
        """Textual's palette, speaking the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(self.lang, id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker, with its prompt in the app's language."""
        self.push_screen(Palette(self.lang, "cmd.search_themes", providers=[ThemeProvider]))

    def action_help(self) -> None:
        """F1 or ``?``: what this screen is for and every key it takes (again: closes it)."""
        from facilkit.tui.dialogs.help import open_help

        open_help(self.screen)

    def action_help_quit(self) -> None:
        """ctrl+c copies; say how to quit, in the app's language (Textual says it in English)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    t("app.quit_how", self.lang, key=active.binding.key_display or key),
                    title=t("app.quit_title", self.lang),
                    markup=False,
                )
                return
