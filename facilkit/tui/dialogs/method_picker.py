"""Pick a method for the agenda: search as you type, enter, then the form if it has variants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from facilkit.export.card import facts, group_size_text
from facilkit.i18n import t
from facilkit.library.model import Entry, Method, localize
from facilkit.library.search import Filters, SearchIndex
from facilkit.tui.widgets.method_list import MethodList
from facilkit.tui.widgets.text_entry import Input

if TYPE_CHECKING:
    from facilkit.tui.app import FacilkitApp


@dataclass(frozen=True)
class PickedMethod:
    """What the picker returns: a method, and the variant to run it as (None: as written)."""

    method_id: str
    variant: str | None = None


def short_card(entry: Entry | None, lang: str) -> Text:
    """The highlighted method in brief: minutes, group size and process on one line, then
    its summary. The facts come first so a long summary, cut at the card's foot, never
    hides them (at 80×24 a summary takes three lines)."""
    if entry is None:
        return Text(t("lib.no_match", lang))
    method = entry.method
    (_, duration), (_, group), (process_label, process) = facts(method, lang).pairs
    card = Text(f"{duration} · {group} · {process_label}: {process}", style="dim")
    card.append("\n")
    card.append(method.summary_in(lang))
    return card


def form_label(method: Method, lang: str, name: str) -> Text:
    """One row of the form list: the form's name, usual minutes and group size."""
    minutes = f"{method.duration.default} {t('minutes', lang)}"
    return Text(f"{name}  ·  {minutes}  ·  {group_size_text(method.group_size, lang)}")


class MethodPicker(ModalScreen[PickedMethod | None]):
    """Returns the chosen method and variant, or None on escape.

    A method with variants opens a second list, in the same dialog, of the
    method as written and each of its forms; escape there goes back to the search.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "focus_list", "List", show=False, id="picker.focus_list"),
    ]

    def __init__(
        self,
        index: SearchIndex,
        lang: str,
        question: str | None = None,
        *,
        follows_app: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self.follows_app = follows_app
        """Given the app's index: the list grows with a cold load (else it keeps ``index``)."""
        self.lang = lang
        self.question = question or t("dlg.pick_method", lang)
        """The dialog's question; the agenda says in it where the method will go."""
        self.choosing_form_of: Entry | None = None
        """The method whose forms are on show, while the second list is open."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide picker"):
            yield Label(self.question, id="picker-question", markup=False)
            yield Input(placeholder=t("lib.search", self.lang), id="picker-search")
            yield MethodList(self.lang, id="picker-list")
            yield Static(id="picker-card", markup=False)
            yield OptionList(id="picker-variants")

    def on_mount(self) -> None:
        self.query_one("#picker-variants").display = False
        if self.follows_app:  # a load step may have come between building and showing
            self.index = cast("FacilkitApp", self.app).search_index
        self.list_matches()
        self.query_one(Input).focus()

    def list_matches(self) -> None:
        """The methods matching what is typed, the cursor staying on its method."""
        query = self.query_one("#picker-search", Input).value
        self.query_one(MethodList).set_entries(self.index.filter(Filters(query=query)))

    def library_grew(self) -> None:
        """A step of a cold load (the app calls it, as for the library screen): the list
        grows with the methods loaded since, filtered by what is typed. Only a picker
        that ``follows_app`` does; one given an index of its own keeps that."""
        if not self.follows_app:
            return
        self.index = cast("FacilkitApp", self.app).search_index
        if self.is_mounted:  # pushed but not yet mounted: on_mount lists from this index
            self.list_matches()

    def library_changed(self) -> None:
        self.library_grew()

    def on_method_list_highlighted(self, event: MethodList.Highlighted) -> None:
        """The card in short form follows the highlight, so a method is judged before it is taken."""
        event.stop()
        card = self.query_one("#picker-card", Static)
        loading = cast("FacilkitApp", self.app).library.loading
        if event.entry is None and loading is not None:  # more may match soon
            card.update(Text(t("lib.no_match_yet", self.lang)))
            return
        card.update(short_card(event.entry, self.lang))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.list_matches()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        current = self.query_one(MethodList).current
        if current is not None:
            self.choose(current)

    def on_method_list_selected(self, event: MethodList.Selected) -> None:
        event.stop()
        self.choose(event.entry)

    def choose(self, entry: Entry) -> None:
        """Take a method as it is, or ask for its form when it has variants."""
        method = entry.method
        if not method.variants:
            self.dismiss(PickedMethod(entry.id))
            return
        self.choosing_form_of = entry
        forms = self.query_one("#picker-variants", OptionList)
        forms.clear_options()
        as_written = f"{method.name_in(self.lang)} ({t('picker.as_written', self.lang)})"
        forms.add_option(Option(form_label(method, self.lang, as_written)))
        for variant in method.variants:  # the question names the method
            name = localize(variant.name, self.lang)
            forms.add_option(Option(form_label(method.applied(variant), self.lang, name)))
        forms.highlighted = 0
        self._show_forms(True)
        question = t("picker.choose_form", self.lang, name=method.name_in(self.lang))
        self.query_one("#picker-question", Label).update(Text(question))

    def _show_forms(self, forms: bool) -> None:
        self.query_one("#picker-search").display = not forms
        self.query_one(MethodList).display = not forms
        self.query_one("#picker-card").display = not forms
        variants = self.query_one("#picker-variants", OptionList)
        variants.display = forms
        (variants if forms else self.query_one(Input)).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.choosing_form_of
        if entry is None:
            return
        index = event.option_index
        variant = entry.method.variants[index - 1].id if index > 0 else None
        self.dismiss(PickedMethod(entry.id, variant))

    def action_focus_list(self) -> None:
        if self.choosing_form_of is None:
            self.query_one(MethodList).focus()

    def action_cancel(self) -> None:
        if self.choosing_form_of is None:
            self.dismiss(None)
            return
        self.choosing_form_of = None
        self._show_forms(False)
        self.query_one("#picker-question", Label).update(self.question)
