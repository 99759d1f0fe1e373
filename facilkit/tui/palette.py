"""Textual's command palette in the app's language.

Textual has no translations: its palette says "No matches found" and its
system commands ("Theme", "Quit", "Keys", "Screenshot") are English. The app
replaces the system commands (see ``FacilkitApp.get_system_commands``) and
opens this palette, which says "no matches" in the catalogue's words.
"""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from facilkit.i18n import t


class Palette(CommandPalette):
    """The command palette with its prompt and its "no matches" line in ``lang``."""

    def __init__(self, lang: str, placeholder_key: str = "cmd.search", **kwargs: Any) -> None:
        super().__init__(placeholder=t(placeholder_key, lang), **kwargs)
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with the catalogue's words for an empty result."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                line = Text(t("cmd.no_matches", self.lang), style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(line), disabled=True, id=self._NO_MATCHES)
                )
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
