"""The closing against the contract: desired outcomes ticked off, the gamemaster's closing
questions, and the agreements for follow-up, saved with the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Label, Static

from facilkit.i18n import t
from facilkit.library.model import localize
from facilkit.tui.widgets import run_text
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.text_entry import TextArea
from facilkit.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from facilkit.tui.screens.run import RunScreen


class ClosingScreen(Screen[None]):
    """Tick off the outcomes, write the agreements; ctrl+s saves them with the run."""

    HELP_TOPIC = "run_closing"
    """The words of its help screen (F1): ``help.run_closing``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save the closing", priority=True, id="closing.run_save_closing"),
        Binding("escape", "back", "Back", id="closing.run_back"),
    ]

    KEEP_ON_KEY_BAR = frozenset({"save", "back", "help"})
    """This screen has no title bar: its key bar keeps F1 even at 80 columns."""

    def __init__(self, run_screen: RunScreen) -> None:
        super().__init__()
        self.run_screen = run_screen

    def compose(self) -> ComposeResult:
        state = self.run_screen.run.state
        lang = self.run_screen.run_lang
        closing = state.closing
        with VerticalScroll(id="closing"):
            yield Label(t("run.closing_title", lang), classes="screen-title", markup=False)
            for index, outcome in enumerate(state.contract.desired_outcomes):
                ticked = (
                    closing is not None and index < len(closing.reached) and closing.reached[index]
                )
                yield TickBox(Text(outcome), ticked, id=f"outcome-{index}", classes="outcome")
            step = run_text.gamemaster_step(self.run_screen.gamemaster, "closing")
            if step is not None:
                questions = Text()
                questions.append(t("run.closing_questions", lang) + "\n", "bold")
                for question in step.questions:
                    questions.append(f"  ? {localize(question, lang)}\n")
                yield Static(questions, id="closing-questions", markup=False)
            yield Label(t("run.agreements_label", lang), markup=False)
            yield TextArea(closing.notes if closing else "", id="closing-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        first = self.query(Checkbox)
        (first.first() if first else self.query_one(TextArea)).focus()

    def action_save(self) -> None:
        reached = [box.value for box in self.query(Checkbox)]
        notes = self.query_one("#closing-notes", TextArea).text
        self.app.pop_screen()
        self.run_screen.closed(reached, notes)

    def action_back(self) -> None:
        """Leave without saving: the run stays in its closing and can be resumed."""
        self.app.pop_screen()
        self.run_screen.closing_open = True
