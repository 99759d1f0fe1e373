"""The selected method's card, rendered from Markdown with Rich (fast, no markup parsing)."""

from __future__ import annotations

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilkit.export.card import method_card
from facilkit.library.model import Entry
from facilkit.tui.strings import t


class MethodCard(VerticalScroll, can_focus=True):
    """Shows one method card; user text can never be read as markup."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.body = Static("", expand=True, markup=False)
        self.shown_text = ""
        """The Markdown (or message) on show, for tests and screen readers."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.body

    def show(self, entry: Entry | None, empty_text: str = "") -> None:
        """Render ``entry``'s card, or ``empty_text`` when there is none."""
        if entry is None:
            self.shown_text = empty_text
            self.body.update(Text(empty_text))
            return
        self.shown_text = method_card(entry.method, self.lang)
        parts: list[Markdown | Text] = [Markdown(self.shown_text)]
        if entry.overrides:
            parts.append(
                Text(
                    t("lib.origin_override", self.lang).format(path=entry.overrides), style="italic"
                )
            )
        if entry.origin == "user":
            parts.append(
                Text(t("lib.origin_user", self.lang).format(path=entry.path), style="italic")
            )
        self.body.update(Group(*parts))
        self.scroll_home(animate=False)
