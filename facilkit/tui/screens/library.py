"""The library browser: search, filter, and read method cards."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from facilkit.i18n import category_name, grouped, t
from facilkit.library.model import Entry
from facilkit.library.search import Filters
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.widgets.cycle import Cycle
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.live_input import LiveInput
from facilkit.tui.widgets.method_card import MethodCard
from facilkit.tui.widgets.method_list import MethodList
from facilkit.tui.widgets.title_bar import TitleBar
from facilkit.tui.widgets.virtual import StatusText

PROCESSES = ("open", "close", "both", "none")
PROCESS_LABELS = {
    "open": "lib.process_open",
    "close": "lib.process_close",
    "both": "lib.process_both",
    "none": "lib.process_none",
}
"""Short forms for the filter, so "Process: neither" fits one line at 80 columns."""
PREFETCH_DELAY = 0.15
"""Seconds after a cursor move before the neighbouring cards are rendered."""
CARD_AFTER_TYPING = 0.12
"""Seconds after the last key typed in the search before the new best match's card is
rendered (at once if it is already rendered). Each key's frame then draws the list only:
a card render and its repaint were about half of a keystroke's frame at 10,000 methods
(bench/bench_tui.py). Enter, a cursor move or a key acting on the card shows it at once."""


class NumberField(LiveInput):
    """A number filter whose label stays in its border; ``/`` still reaches the search.

    An Input takes every printable key for itself (here refusing the slash), so
    the screen's ``/`` binding is never asked; the field hands it on instead.
    """

    async def on_key(self, event: events.Key) -> None:  # runs before Input's own key handler
        if event.character == "/":
            event.stop()
            event.prevent_default()
            self.screen.set_focus(self.screen.query_one("#search"))


class LibraryScreen(FacilScreen):
    """Every method in a virtual list beside the selected method's card.

    The filter fields and the list send their messages in the frame that caused
    them (``live_message``; why, and what it buys: widgets/live.py).
    """

    HELP_TOPIC = "library"
    """The words of its help screen (F1): ``help.library``."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="library.back"),
        Binding("slash,ctrl+f", "focus_search", "Search", id="library.search"),
        Binding("a", "add_to_agenda", "Add to agenda", id="library.add_to_agenda"),
        Binding("v", "next_variant", "Next variant", show=False, id="library.next_variant"),
        Binding("p", "problems", "Problems", show=False, id="library.problems"),
        Binding("ctrl+r", "clear_filters", "Clear filters", show=False, id="library.clear_filters"),
    ]

    prefetch_timer: Timer | None = None
    """The pending prefetch of the cards around the cursor."""
    card_timer: Timer | None = None
    """The card of the best match, waiting for the typing to pause (``CARD_AFTER_TYPING``)."""

    def compose_body(self) -> ComposeResult:
        lang = self.lang
        yield TitleBar()
        with Horizontal(id="search-row"):
            yield LiveInput(placeholder=t("lib.search", lang), id="search")
            for field, label in (("fits", "lib.fits"), ("participants", "lib.participants")):
                number = NumberField(id=field, type="integer", max_length=4)
                number.border_title = t(label, lang)
                yield number
        with Horizontal(id="filters"):
            all_label = t("lib.all", lang)
            yield Cycle(t("lib.category", lang), all_label, [], id="category")
            processes = [(t(PROCESS_LABELS[p], lang), p) for p in PROCESSES]
            yield Cycle(t("lib.process", lang), all_label, processes, id="process")
        with Horizontal(id="library-body"):
            with Vertical(id="list-pane"):
                yield MethodList(lang, id="methods")
                yield StatusText(id="list-status")
            yield MethodCard(lang, names_of=self.method_names, id="card")
        yield KeyBar()

    AUTO_FOCUS = "#methods"
    """Focus starts on the list, and any letter without a key of its own starts a search.

    So a newcomer who types finds the letters in the search box (its placeholder
    says so), one who presses the arrows sees each card at once, and Enter and
    ``a`` work on the highlighted method without first leaving a text field.
    """

    def on_key(self, event: events.Key) -> None:
        """A printable key no binding claims goes into the search box, which takes focus.

        A text field keeps the printable keys it gets, so one arriving here came from
        elsewhere, even if the search has focus by now: keys typed fast were already
        queued for the list when the first one moved the focus.

        ↓ in the search row (which has no use for it) goes on to the list, the best
        match highlighted, so ``a`` and Enter then act on it as Enter in the search does.
        """
        if event.key == "down" and isinstance(self.focused, Input):
            event.stop()
            event.prevent_default()
            self.show_pending_card()
            self.query_one(MethodList).focus()
            return
        if not event.is_printable or event.character is None or event.character.isspace():
            return
        if event.key in self.active_bindings:
            return
        search = self.query_one("#search", Input)
        # at once, not through focus(): the next key of a fast typist must land in it too,
        # and the key goes through the box's queue, ahead of that next key
        self.set_focus(search)
        search.post_message(events.Key(event.key, event.character))
        event.stop()
        event.prevent_default()

    def on_mount(self) -> None:
        self.library_changed()

    def library_grew(self) -> None:
        """A step of a cold load: the list shows what has loaded, filtered as it is."""
        index = self.facil.search_index
        categories = [(category_name(c, self.lang), c) for c in index.categories()]
        self.query_one("#category", Cycle).set_options(categories)
        self.apply_filters()

    def library_changed(self) -> None:
        self.library_grew()
        if self.facil.library.errors:
            self.notify(
                t("app.library_problems", self.lang, count=len(self.facil.library.errors)),
                severity="warning",
                markup=False,
            )

    def current_filters(self) -> Filters:
        def number(widget_id: str) -> int | None:
            value = self.query_one(widget_id, Input).value.strip()
            return int(value) if value.isdigit() else None

        return Filters(
            query=self.query_one("#search", Input).value,
            category=self.query_one("#category", Cycle).value,
            process=self.query_one("#process", Cycle).value,
            fits_minutes=number("#fits"),
            participants=number("#participants"),
        )

    last_query = ""
    """The search text last applied: a new search puts the cursor on the best match."""

    def apply_filters(self) -> None:
        filters = self.current_filters()
        entries = self.facil.search_index.filter(filters)
        library = self.facil.library
        if self.facil.library_loaded:
            status = t(
                "lib.count", self.lang, shown=grouped(len(entries), self.lang), count=len(library)
            )
            empty = t("lib.no_match", self.lang)
        elif library.loading is not None:  # a step of a cold load: more to come
            done, total = (grouped(number, self.lang) for number in library.loading)
            status = t("app.loading_count", self.lang, done=done, total=total)
            empty = t("lib.no_match_yet", self.lang)
        else:  # opened before the first step: the app calls library_grew
            status = empty = t("app.loading", self.lang)
        self.query_one("#list-status", StatusText).set_text(
            f"{status}\n{t('lib.legend', self.lang)}"
        )
        # typing puts the best match on top; clearing the search (or more methods
        # loading) keeps the method found; the cursor shows its card
        searched = bool(filters.query.strip()) and filters.query != self.last_query
        self.last_query = filters.query
        methods = self.query_one(MethodList)
        if searched:  # the card follows when the typing pauses (CARD_AFTER_TYPING)
            with self.prevent(MethodList.Highlighted):
                methods.set_entries(entries, keep_cursor=False)
            self.show_card_after_typing(methods.current)
        else:
            methods.set_entries(entries, keep_cursor=True)
        if not entries:
            self.query_one(MethodCard).show(None, empty)

    def live_message(self, message: Message) -> None:
        """A filter changed or the cursor moved: answer in the same frame (widgets/live.py)."""
        if isinstance(message, MethodList.Highlighted):
            self.show_card(message.entry)
        elif isinstance(message, Input.Changed | Cycle.Changed) and self.is_mounted:
            self.apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.show_pending_card()
        self.query_one(MethodList).focus()

    def method_names(self, method_ids: Iterable[str]) -> dict[str, str]:
        return self.facil.library.names(method_ids, self.lang)

    def loading_note(self, entry: Entry | None) -> str | None:
        """For a card a folder still loading may replace: says so, with how far it got."""
        library = self.facil.library
        if entry is None or library.loading is None or entry.id not in library.replaceable:
            return None
        done, total = (grouped(number, self.lang) for number in library.loading)
        return t("lib.card_loading", self.lang, done=done, total=total)

    def show_card_after_typing(self, entry: Entry | None) -> None:
        """The best match's card: at once if it costs nothing, else once the typing pauses."""
        if self.card_timer is not None:
            self.card_timer.stop()
            self.card_timer = None
        card = self.query_one(MethodCard)
        if entry is None or entry is card.entry or card.is_prepared(entry):
            self.show_card(entry)
            return
        self.card_timer = self.set_timer(CARD_AFTER_TYPING, self.show_pending_card)

    def show_pending_card(self) -> None:
        """The card waiting for the typing to pause, now (Enter, a key acting on the card)."""
        if self.card_timer is not None:
            self.show_card(self.query_one(MethodList).current)

    def show_card(self, entry: Entry | None) -> None:
        if self.card_timer is not None:  # this card replaces the one waiting
            self.card_timer.stop()
            self.card_timer = None
        card = self.query_one(MethodCard)
        # a new method shows as written
        card.show(entry, t("lib.no_match", self.lang), note=self.loading_note(entry))
        methods = self.query_one(MethodList)
        neighbours = methods.entries[max(methods.cursor - 1, 0) : methods.cursor + 2]
        # a moment after the cursor stops, so a first frame or a fast next key never
        # waits for it, and a held-down key does not queue one prefetch per row
        if self.prefetch_timer is not None:
            self.prefetch_timer.stop()
        self.prefetch_timer = self.set_timer(PREFETCH_DELAY, lambda: card.prefetch(neighbours))

    def on_method_list_selected(self, event: MethodList.Selected) -> None:
        self.show_pending_card()
        self.query_one(MethodCard).focus()

    def select_method(self, method_id: str) -> None:
        """Show one method (from the command palette), clearing filters if they hide it."""
        methods = self.query_one(MethodList)
        if not any(entry.id == method_id for entry in methods.entries):
            self.action_clear_filters()
        for index, entry in enumerate(methods.entries):
            if entry.id == method_id:
                methods.cursor = index
                methods.focus()
                return

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_filters(self) -> None:
        with self.prevent(Input.Changed, Cycle.Changed):  # one filter pass, not five
            for widget_id in ("#search", "#fits", "#participants"):
                self.query_one(widget_id, Input).value = ""
            for widget_id in ("#category", "#process"):
                self.query_one(widget_id, Cycle).value = None
        self.apply_filters()

    def action_problems(self) -> None:
        self.facil.show_problems()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``p`` only means something when there are problems; otherwise it starts a search."""
        return not (action == "problems" and not self.facil.library.problems)

    def action_next_variant(self) -> None:
        """Show the card of the method's next variant, then the method as written again."""
        self.show_pending_card()
        card = self.query_one(MethodCard)
        entry = card.entry
        if entry is None or not entry.method.variants:
            self.notify(t("lib.no_variants", self.lang), markup=False, timeout=2)
            return
        forms = [None, *(variant.id for variant in entry.method.variants)]
        following = forms[(forms.index(card.variant) + 1) % len(forms)]
        card.show(entry, t("lib.no_match", self.lang), following, self.loading_note(entry))

    def action_add_to_agenda(self) -> None:
        """Add the method as its card shows it (as written, or the variant on show) to the
        open plan, or offer to start a new plan with it."""
        self.show_pending_card()
        card = self.query_one(MethodCard)
        entry, variant = card.entry, card.variant
        if entry is None:
            return
        if self.facil.plan_screen is not None:
            self.facil.add_method_to_plan(entry.id, variant)
            return
        from facilkit.tui.dialogs.basic import Choose

        name = entry.head.name_in(self.lang)
        question = t("lib.no_plan_open", self.lang, name=name)
        answers = [("new", t("lib.start_plan", self.lang)), ("cancel", t("dlg.no", self.lang))]

        def answered(answer: str | None) -> None:
            if answer == "new":
                self.app.pop_screen()
                self.facil.open_new_plan(lambda: self.facil.add_method_to_plan(entry.id, variant))

        self.app.push_screen(Choose(question, answers), answered)
