"""Command-palette provider: open any method, or add it to the agenda of the open plan.

Matching is a plain substring test on names (fast at 10,000 methods); the
palette's fuzzy matcher is kept for the short list of app commands.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from facilkit.i18n import t

if TYPE_CHECKING:
    from facilkit.tui.app import FacilkitApp

MAX_HITS = 40
HELP_LENGTH = 72
"""A command's help line: the start of the method's summary, in the reader's language (its
id, shown before, is English in every language)."""


def _help(summary: str) -> str:
    line = " ".join(summary.split())
    return line if len(line) <= HELP_LENGTH else line[: HELP_LENGTH - 1].rstrip() + "…"


class MethodCommands(Provider):
    """'Open method: X' always; 'Add to agenda: X' when a plan is being edited."""

    @property
    def facil(self) -> FacilkitApp:
        return self.app  # type: ignore[return-value]

    def _commands(self, words: list[str]) -> list[tuple[str, str, str, Callable[[], None]]]:
        """(title, method id, help line, action) for the methods whose name or id holds
        every word."""
        app = self.facil
        lang = app.lang
        plan_open = app.plan_screen is not None
        found: list[tuple[str, str, str, Callable[[], None]]] = []
        for entry in app.library:
            name = entry.head.name_in(lang)
            folded = f"{name} {entry.id}".casefold()
            if not all(word in folded for word in words):
                continue
            found.append(
                (
                    t("cmd.open_method", lang, name=name),
                    entry.id,
                    _help(entry.head.summary_in(lang)),
                    partial(app.show_method, entry.id),
                )
            )
            if plan_open:
                found.append(
                    (
                        t("cmd.add_method", lang, name=name),
                        entry.id,
                        _help(entry.head.summary_in(lang)),
                        partial(app.add_method_to_plan, entry.id),
                    )
                )
            if len(found) >= MAX_HITS:
                break
        return found

    def _command_words(self) -> frozenset[str]:
        """The words of the commands' own titles ("add", "to", "agenda", ...), in the UI language."""
        lang = self.facil.lang
        titles = (t(key, lang, name="") for key in ("cmd.open_method", "cmd.add_method"))
        return frozenset(word.strip(":") for title in titles for word in title.casefold().split())

    async def discover(self) -> Hits:
        for title, _, help_text, callback in self._commands([])[:10]:
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        words = query.casefold().split()
        # "add to agenda ugu": the command's own words pick the kind, the rest the method
        command_words = self._command_words()
        method_words = [word for word in words if word.strip(":") not in command_words]
        for title, method_id, help_text, callback in self._commands(method_words):
            folded = title.casefold()
            if all(word in folded or word in method_id for word in words):
                yield Hit(1.0 - len(title) / 200, title, callback, help=help_text)
