"""The agenda step: the table whose keys change the agenda, and the panes beside it.

The agenda's keys are bound on :class:`AgendaTable`, not on the screen, so they
act only while the agenda has focus, and the key bar (which shows the focused
widget's bindings) shows them exactly then. On any other widget, ``x`` types an
x and Delete deletes a character; nothing is removed from the agenda.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from facilkit.i18n import t
from facilkit.plans.checks import Finding
from facilkit.plans.clock import format_clock
from facilkit.plans.schedule import Schedule, slot_title

SEVERITY_MARK = {"error": "✖", "warning": "▲", "hint": "·"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "hint": "dim"}

AGENDA_ACTIONS = ("add_method", "add_item", "add_break", "edit_item", "remove_item", "move")
"""The screen actions only the agenda table's keys run."""


class AgendaTable(DataTable[object]):
    """The agenda rows; its keys add, edit, remove and move items (run by the plan screen)."""

    BINDINGS = [
        Binding("a", "screen.add_method", "Add method", id="plan.add_method"),
        Binding("f", "screen.add_item", "Add item", id="plan.add_item"),
        Binding("b", "screen.add_break", "Add break", id="plan.add_break"),
        Binding("e", "screen.edit_item", "Edit item", id="plan.edit_item"),
        Binding("delete,x", "screen.remove_item", "Remove item", id="plan.remove_item"),
        # short key names, so the agenda's keys fit the key bar at 80 columns
        Binding(
            "shift+up,ctrl+up", "screen.move(-1)", "Move up", key_display="⇧↑", id="plan.move_up"
        ),
        Binding(
            "shift+down,ctrl+down",
            "screen.move(1)",
            "Move down",
            key_display="⇧↓",
            id="plan.move_down",
        ),
    ]


def fill_table(table: AgendaTable, plan_schedule: Schedule, lang: str, row: int) -> None:
    """Redraw every row and put the cursor on ``row`` (clamped)."""
    table.clear()
    for slot in plan_schedule.slots:
        table.add_row(
            str(slot.index + 1),
            f"{format_clock(slot.start)}–{format_clock(slot.end)}",
            str(slot.minutes),
            Text(slot_title(slot, lang)),
            Text(slot.item.responsible),
        )
    if plan_schedule.slots:
        table.move_cursor(row=max(0, min(row, len(plan_schedule.slots) - 1)))


def totals_text(plan_schedule: Schedule, lang: str) -> Text:
    """Total minutes against the time frame, with slack or overrun."""
    if not plan_schedule.slots:
        return Text(t("wiz.empty_agenda", lang))
    text = Text(t("wiz.total", lang, total=plan_schedule.total), style="bold")
    if plan_schedule.frame_end is not None:
        frame = t(
            "wiz.frame",
            lang,
            frame=plan_schedule.frame_minutes,
            start=format_clock(plan_schedule.start),
            end=format_clock(plan_schedule.frame_end),
        )
        text.append(f" {frame}")
        if plan_schedule.slack:
            name = t("slack", lang) if plan_schedule.slack > 0 else t("overrun", lang)
            style = "" if plan_schedule.slack > 0 else "bold red"
            text.append(f" · {name.lower()} {abs(plan_schedule.slack)} min", style=style)
    return text


def findings_text(findings: list[Finding], lang: str) -> Text:
    """The checks' findings, one per line, marked by severity."""
    if not findings:
        return Text(t("wiz.no_findings", lang), style="dim")
    text = Text()
    for finding in findings:
        where = f"{finding.item + 1}: " if finding.item is not None else ""
        text.append(
            f"{SEVERITY_MARK[finding.severity]} {where}{finding.message(lang)}\n",
            style=SEVERITY_STYLE[finding.severity],
        )
    return text


def rotation_view(plan_schedule: Schedule, index: int, lang: str) -> RenderableType:
    """The rounds and rotation table of the highlighted station-rotation item ('' if none)."""
    slots = plan_schedule.slots
    if not (0 <= index < len(slots)) or slots[index].item.rotation is None:
        return ""
    slot = slots[index]
    rotation = slot.item.rotation
    assert rotation is not None
    # compact, so five groups still fit beside the agenda at 80 columns
    title = Text(t("wiz.rotation_for", lang, name=slot_title(slot, lang)), "italic")
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column(t("time", lang))
    for group in range(1, rotation.groups + 1):
        table.add_column(f"{t('group', lang)[0]}{group}", justify="right")
    for block in slot.rounds:
        span = format_clock(block.start)  # each row ends where the next begins
        if block.kind == "round":
            table.add_row(str(block.number), span, *[str(s) for s in block.stations])
        else:
            # break as in the timeline legend; ↻ the walk round
            table.add_row("░" if block.kind == "break" else "↻", span)
    return Group(title, table)  # the title as wide as the pane, not the table
