"""Edit one agenda item: a typed form that returns a new AgendaItem or None."""

from __future__ import annotations

import re

import msgspec
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Function, Integer
from textual.widgets import Button, Label, Select

from facilkit.i18n import t
from facilkit.plans.clock import ClockError, parse_clock
from facilkit.plans.model import AgendaItem, Rotation, RotationBreak
from facilkit.tui.widgets.text_entry import Input

_BREAKS = re.compile(r"^\s*(\d+\s*:\s*\d+\s*(,\s*\d+\s*:\s*\d+\s*)*)?$")
KINDS = ("item", "break", "lunch", "presentation")


def _is_clock(value: str) -> bool:
    if not value.strip():
        return True
    try:
        parse_clock(value)
    except ClockError:
        return False
    return True


def parse_breaks(text: str) -> list[RotationBreak]:
    """``"4:15, 6:10"`` -> breaks after round 4 (15 min) and round 6 (10 min)."""
    breaks = []
    for part in text.split(","):
        if part.strip():
            after, minutes = part.split(":")
            breaks.append(RotationBreak(after_round=int(after), minutes=int(minutes)))
    return breaks


def format_breaks(breaks: list[RotationBreak]) -> str:
    return ", ".join(f"{b.after_round}:{b.minutes}" for b in breaks)


class ItemForm(ModalScreen[AgendaItem | None]):
    """Minutes, responsible, notes and (by kind) title, fixed time or rotation settings."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "OK", id="form.submit"),
    ]

    def __init__(self, item: AgendaItem, heading: str, lang: str) -> None:
        super().__init__()
        self.item = item
        self.heading = heading
        self.lang = lang

    def _field(self, key: str, value: object, field_id: str, **kwargs: object) -> ComposeResult:
        yield Label(t(key, self.lang))
        yield Input("" if value is None else str(value), id=field_id, **kwargs)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        lang, item = self.lang, self.item
        number = [Integer(minimum=0, failure_description=t("form.bad_number", lang))]
        positive = [Integer(minimum=1, failure_description=t("form.bad_number", lang))]
        clock = [Function(_is_clock, t("form.bad_clock", lang))]
        with Vertical(classes="dialog dialog-wide form"):
            yield Label(self.heading, markup=False, classes="dialog-question")
            with VerticalScroll(), Grid(classes="form-grid"):
                yield from self._field("form.title", item.title, "f-title")
                if item.method is None:
                    yield Label(t("form.kind", lang))
                    yield Select(
                        [(t(f"kind.{k}", lang), k) for k in KINDS],
                        value=item.kind,
                        allow_blank=False,
                        id="f-kind",
                    )
                if item.rotation is None:
                    yield from self._field(
                        "form.minutes",
                        item.minutes,
                        "f-minutes",
                        validators=positive,
                        type="integer",
                    )
                yield from self._field("form.at", item.at, "f-at", validators=clock)
                yield from self._field("form.responsible", item.responsible, "f-responsible")
                yield from self._field("form.notes", item.notes, "f-notes")
                rotation = item.rotation
                if rotation is not None:
                    yield from self._field(
                        "form.groups",
                        rotation.groups,
                        "f-groups",
                        validators=positive,
                        type="integer",
                    )
                    yield from self._field(
                        "form.stations",
                        rotation.stations,
                        "f-stations",
                        validators=positive,
                        type="integer",
                    )
                    yield from self._field(
                        "form.round",
                        rotation.round_minutes,
                        "f-round",
                        validators=positive,
                        type="integer",
                    )
                    yield from self._field(
                        "form.move",
                        rotation.move_minutes,
                        "f-move",
                        validators=number,
                        type="integer",
                    )
                    yield from self._field(
                        "form.breaks",
                        format_breaks(rotation.breaks),
                        "f-breaks",
                        validators=[
                            Function(lambda v: bool(_BREAKS.match(v)), t("form.bad_breaks", lang))
                        ],
                    )
                    yield from self._field(
                        "form.finale",
                        rotation.finale_minutes,
                        "f-finale",
                        validators=number,
                        type="integer",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.ok", lang), variant="primary", id="form-ok")
                yield Button(t("key.cancel", lang), id="form-cancel")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-ok":
            self.action_submit()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def _value(self, field_id: str) -> str:
        found = self.query(f"#{field_id}")
        return found.first(Input).value.strip() if found else ""

    def action_submit(self) -> None:
        invalid = []
        for field in self.query(Input):
            outcome = field.validate(field.value)
            if outcome is not None and not outcome.is_valid:
                invalid.append(field)
        if invalid:
            invalid[0].focus()
            self.notify(t("form.invalid", self.lang), severity="error")
            return
        self.dismiss(self.result())

    def result(self) -> AgendaItem:
        """The edited item, built from the fields (validated already)."""
        item = msgspec.structs.replace(
            self.item,
            title=self._value("f-title") or None,
            at=self._value("f-at") or None,
            responsible=self._value("f-responsible"),
            notes=self._value("f-notes"),
        )
        kinds = self.query("#f-kind")
        if kinds:
            item.kind = kinds.first(Select).value  # type: ignore[assignment]
        if item.rotation is None:
            item.minutes = int(self._value("f-minutes") or 0) or None
            return item
        item.rotation = Rotation(
            groups=int(self._value("f-groups")),
            stations=int(self._value("f-stations")),
            round_minutes=int(self._value("f-round")),
            move_minutes=int(self._value("f-move") or 0),
            rounds=item.rotation.rounds,
            breaks=parse_breaks(self._value("f-breaks")),
            finale_minutes=int(self._value("f-finale") or 0),
        )
        return item

    def action_cancel(self) -> None:
        self.dismiss(None)
