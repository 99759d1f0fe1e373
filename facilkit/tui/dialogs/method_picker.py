"""Pick a method for the agenda: search as you type, then enter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from facilkit.i18n import t
from facilkit.library.search import Filters, SearchIndex
from facilkit.tui.widgets.method_list import MethodList


class MethodPicker(ModalScreen[str | None]):
    """Returns the chosen method id, or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "focus_list", "List", show=False, id="picker.focus_list"),
    ]

    def __init__(self, index: SearchIndex, lang: str) -> None:
        super().__init__()
        self.index = index
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide picker"):
            yield Label(t("dlg.pick_method", self.lang), classes="dialog-question")
            yield Input(placeholder=t("lib.search", self.lang), id="picker-search")
            yield MethodList(self.lang, id="picker-list")

    def on_mount(self) -> None:
        self.query_one(MethodList).set_entries(self.index.filter(Filters()))
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(MethodList).set_entries(self.index.filter(Filters(query=event.value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        current = self.query_one(MethodList).current
        if current is not None:
            self.dismiss(current.id)

    def on_method_list_selected(self, event: MethodList.Selected) -> None:
        event.stop()
        self.dismiss(event.entry.id)

    def action_focus_list(self) -> None:
        self.query_one(MethodList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
