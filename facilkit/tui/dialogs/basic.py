"""Confirmation, choice, text prompt and a read-only list: the everyday dialogs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilkit.tui.widgets.text_entry import Input


class Choose(ModalScreen[str | None]):
    """A question with a few answers as buttons; returns the chosen key (None on escape).

    The arrow keys move between the answers as Tab does: the buttons sit in a row,
    and a user who sees them there reaches for ← and → first.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("left,up", "app.focus_previous", "Previous answer", id="dialog.previous_answer"),
        Binding("right,down", "app.focus_next", "Next answer", id="dialog.next_answer"),
    ]

    def __init__(self, question: str, answers: list[tuple[str, str]], *, default: int = 0) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for index, (key, label) in enumerate(self.answers):
                    yield Button(
                        label,
                        id=f"answer-{key}",
                        variant="primary" if index == self.default else "default",
                    )

    def on_mount(self) -> None:
        self.query_one(f"#answer-{self.answers[self.default][0]}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class Prompt(ModalScreen[str | None]):
    """Ask for one line of text; returns it, or None on escape.

    An empty line gives ``empty`` (None by default, as escape does).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self, question: str, value: str = "", *, empty: str | None = None, hint: str = ""
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.empty = empty
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="dialog-question")
            yield Input(self.value, id="prompt-input")
            if self.hint:
                yield Static(self.hint, markup=False, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or self.empty)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Pick(ModalScreen[str | None]):
    """Choose one of a list of (key, label) options; returns the key."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, markup=False, classes="dialog-question")
            yield OptionList(
                *[Option(label, id=key) for key, label in self.options], id="pick-list"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPanel(ModalScreen[None]):
    """Read-only lines (e.g. library problems); escape or enter closes."""

    BINDINGS = [
        Binding("escape,enter", "close", "Close", id="dialog.close"),
    ]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(self.heading, markup=False, classes="dialog-question")
            with VerticalScroll():
                yield Static("\n".join(self.lines), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
