"""The agenda step's body: the table, the highlighted item's detail, and the side pane.

Under the table, a detail line shows what the table has no room for: the
highlighted item's responsible (when the column gave way) and its notes.
Beside it: the totals, the highlighted item's rotation or its method's steps
with minutes fitted to the item's minutes (the same minutes the exports print,
:func:`facilkit.plans.steps.scaled_step_minutes`), the checks' findings and the
whole materials check list. In a short window (80×24) the check list is below
the pane's fold, so a line under the totals says how long it is and which key
shows it.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from facilkit.i18n import t
from facilkit.library.model import localize
from facilkit.plans.checks import Finding
from facilkit.plans.materials import Material
from facilkit.plans.schedule import Schedule, Slot
from facilkit.plans.steps import scaled_step_minutes
from facilkit.tui.dialogs.materials import METHOD_MARK, OWN_MARK
from facilkit.tui.screens.plan.agenda import (
    AgendaTable,
    findings_text,
    rotation_view,
    totals_text,
)


def detail_text(slot: Slot | None, lang: str, responsible_shown: bool) -> Text:
    """The highlighted item's responsible (if the table has no column for it) and notes."""
    text = Text()
    if slot is None:
        return text
    if not responsible_shown:
        name = slot.item.responsible.strip() or "–"
        text.append(f"{t('responsible', lang)}: ", style="bold")
        text.append(name)
    notes = " ".join(slot.item.notes.split())
    if notes:
        if text:
            text.append(" · ")
        text.append(notes, style="italic")
    return text


def steps_view(slot: Slot | None, lang: str) -> RenderableType:
    """The highlighted method's steps with minutes fitted to the item's minutes ('' if none)."""
    if slot is None or slot.method is None or not slot.method.steps or slot.item.rotation:
        return ""
    method = slot.method
    heading = Text(t("wiz.steps_of", lang, name=method.name_in(lang), minutes=slot.minutes))
    heading.stylize("bold")
    if slot.minutes != method.duration.default:
        heading.append(" " + t("wiz.steps_fitted", lang, minutes=method.duration.default), "dim")
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", style="bold", no_wrap=True)
    steps.add_column()
    minutes = scaled_step_minutes(method, slot.minutes)
    for step, step_minutes in zip(method.steps, minutes, strict=True):
        shown = "" if step_minutes is None else str(step_minutes)
        steps.add_row(shown, Text(localize(step.title, lang)))
    return Group(heading, steps)


def materials_view(entries: list[Material], lang: str, key: str) -> RenderableType:
    """The whole check list, each line marked by where it comes from."""
    heading = Text(t("checklist", lang), style="bold")
    hint = Text(t("wiz.materials_hint", lang, key=key, mark=OWN_MARK), style="dim")
    if not entries:
        return Group(heading, hint, Text(t("wiz.no_materials", lang), style="dim"))
    lines = Table.grid(padding=(0, 1))
    lines.add_column(no_wrap=True)
    lines.add_column()
    for entry in entries:
        text = Text(entry.text)
        if entry.methods:
            text.append(f" · {', '.join(entry.methods)}", style="dim")
        lines.add_row(OWN_MARK if entry.own is not None else METHOD_MARK, text)
    return Group(heading, hint, lines)


class AgendaPane(Horizontal):
    """The agenda table with the highlighted item's detail below it and the side pane beside."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._schedule: Schedule | None = None
        self._lang = "en"

    def compose(self) -> ComposeResult:
        with Vertical(id="agenda-main"):
            yield AgendaTable(id="agenda-table")
            yield Static("", id="agenda-detail", markup=False)
        with VerticalScroll(id="agenda-side"):
            yield Static("", id="totals", markup=False)
            # in a short window the check list sits below the fold: say here how to see it
            yield Static("", id="materials-summary", markup=False)
            # what follows the highlighted row first: at 80×24 it would sit below the fold
            yield Static("", id="rotation", markup=False)
            yield Static("", id="agenda-steps", markup=False)
            yield Static("", id="findings", markup=False)
            yield Static("", id="materials", markup=False)

    @property
    def table(self) -> AgendaTable:
        return self.query_one(AgendaTable)

    def show(
        self,
        plan_schedule: Schedule,
        findings: list[Finding],
        materials: list[Material],
        lang: str,
        *,
        row: int,
        materials_key: str,
        waiting: str | None = None,
    ) -> None:
        """Redraw everything from the plan's schedule, its findings and its check list.

        ``waiting``: why there are no findings yet (a method still loading).
        """
        self._schedule, self._lang = plan_schedule, lang
        self.table.show(plan_schedule, lang, row)
        self.query_one("#totals", Static).update(totals_text(plan_schedule, lang))
        shown = Text(waiting, style="italic") if waiting else findings_text(findings, lang)
        self.query_one("#findings", Static).update(shown)
        self.query_one("#materials", Static).update(materials_view(materials, lang, materials_key))
        summary = t("wiz.checklist_short", lang, count=len(materials), key=materials_key)
        self.query_one("#materials-summary", Static).update(Text(summary, style="dim"))
        self.highlight()

    def highlight(self) -> None:
        """Redraw what follows the highlighted row: its detail, steps and rotation."""
        plan_schedule, lang = self._schedule, self._lang
        if plan_schedule is None:
            return
        table = self.table
        index = table.cursor_row
        slots = plan_schedule.slots
        slot = slots[index] if 0 <= index < len(slots) else None
        detail = detail_text(slot, lang, table.responsible_shown)
        steps = steps_view(slot, lang)
        self.query_one("#agenda-detail", Static).update(detail)
        self.query_one("#agenda-detail", Static).display = bool(detail)
        self.query_one("#agenda-steps", Static).update(steps)
        self.query_one("#agenda-steps", Static).display = steps != ""
        self.query_one("#rotation", Static).update(rotation_view(plan_schedule, index, lang))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow the cursor (the event goes on to the screen, which redraws its keys)."""
        self.highlight()

    def on_agenda_table_relaid(self, event: AgendaTable.Relaid) -> None:
        """The responsible column came or went: the detail line says it, or not."""
        event.stop()
        self.highlight()
