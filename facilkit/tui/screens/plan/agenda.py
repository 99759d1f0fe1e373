"""The agenda step: the table whose keys change the agenda, and the panes beside it.

The agenda's keys are bound on :class:`AgendaTable`, not on the screen, so they
act only while the agenda has focus, and the key bar (which shows the focused
widget's bindings) shows them exactly then. On any other widget, ``x`` types an
x and Delete deletes a character; nothing is removed from the agenda.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from facilkit.i18n import t
from facilkit.plans.checks import Finding
from facilkit.plans.clock import format_clock
from facilkit.plans.schedule import Schedule, slot_title

SEVERITY_MARK = {"error": "✖", "warning": "▲", "hint": "·"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "hint": "dim"}

AGENDA_ACTIONS = (
    "add_method",
    "insert_here",
    "add_item",
    "add_break",
    "edit_item",
    "remove_item",
    "move",
)
"""The screen actions only the agenda table's keys run."""

MOVE = Binding.Group("key.move")
"""Move up and move down share one entry on the key bar; a group is named by its catalogue key."""

WIDE_CLOCK = len("13:00–13:10")
NARROW_CLOCK = len("13:00")
"""A clock column with start and end, or (when the names need the room) the start only."""
MINUTES_WIDTH = 3
PADDING = 2
"""Cells are padded by one column on each side."""
ITEM_ROOM = {WIDE_CLOCK: 30, NARROW_CLOCK: 22}
"""Columns an item name gets before the clock narrows, and before the responsible
column gives way to the detail line under the table."""
RESPONSIBLE_WIDTH = (len("Responsible"), 24)
"""The responsible column's least and most columns."""


@dataclass(frozen=True)
class Columns:
    """How wide each agenda column is at the table's current width."""

    number: int
    clock: int
    item: int
    responsible: int | None
    """None: no responsible column; the detail line under the table names them."""


def agenda_columns(width: int, count: int, titles: list[str], names: list[str]) -> Columns:
    """Column widths that show every name whole: long names wrap, never cut.

    The item column gets the room its longest name needs (up to a limit), the
    responsible column what is left (its names wrap too). When that is too
    little, the clock shows only the start; when still too little (80 columns
    beside the side pane), the responsible column gives way, and the detail
    line under the table names the highlighted item's responsible instead.
    """
    number = max(1, len(str(count)))
    longest = max((len(title) for title in titles), default=0)
    least, most = RESPONSIBLE_WIDTH
    wanted = min(max(max((len(name) for name in names), default=0), least), most)
    for clock in (WIDE_CLOCK, NARROW_CLOCK):
        room = width - number - clock - MINUTES_WIDTH - 5 * PADDING
        responsible = min(wanted, room - min(longest, ITEM_ROOM[clock]))
        if responsible >= least:
            return Columns(number, clock, room - responsible, responsible)
    item = width - number - NARROW_CLOCK - MINUTES_WIDTH - 4 * PADDING
    return Columns(number, NARROW_CLOCK, max(item, 8), None)


class AgendaTable(DataTable[object]):
    """The agenda rows; its keys add, edit, remove and move items (run by the plan screen).

    The columns follow the table's own width (see :func:`agenda_columns`).
    """

    BINDINGS = [
        Binding("a", "screen.add_method", "Add method", id="plan.add_method"),
        Binding("i", "screen.insert_here", "Insert here", id="plan.insert_here"),
        Binding("f", "screen.add_item", "Add item", id="plan.add_item"),
        Binding("b", "screen.add_break", "Add break", id="plan.add_break"),
        # Enter on a row edits it too; the bar's room at 80 columns goes to the other keys
        Binding("e", "screen.edit_item", "Edit item", show=False, id="plan.edit_item"),
        Binding("delete,x", "screen.remove_item", "Remove item", id="plan.remove_item"),
        # short key names in one entry, so the agenda's keys fit the key bar at 80 columns
        Binding(
            "shift+up,ctrl+up",
            "screen.move(-1)",
            "Move up",
            key_display="⇧↑",
            id="plan.move_up",
            group=MOVE,
        ),
        Binding(
            "shift+down,ctrl+down",
            "screen.move(1)",
            "Move down",
            key_display="⇧↓",
            id="plan.move_down",
            group=MOVE,
        ),
        Binding("m", "screen.materials", "Materials", id="plan.materials"),
    ]

    class Relaid(Message):
        """The columns changed with the width (the responsible column came or went)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.lang = "en"
        self.columns_now: Columns | None = None
        self._schedule: Schedule | None = None

    def show(self, plan_schedule: Schedule, lang: str, row: int) -> None:
        """Redraw every row and put the cursor on ``row`` (clamped)."""
        self._schedule, self.lang = plan_schedule, lang
        self._draw(row)

    @property
    def responsible_shown(self) -> bool:
        """Whether the responsible column is on show (else the detail line says it)."""
        return self.columns_now is not None and self.columns_now.responsible is not None

    def _layout(self) -> Columns:
        slots = self._schedule.slots if self._schedule else []
        width = self.size.width - self.styles.scrollbar_size_vertical
        titles = [slot_title(slot, self.lang) for slot in slots]
        return agenda_columns(width, len(slots), titles, [s.item.responsible for s in slots])

    def _draw(self, row: int) -> None:
        plan_schedule = self._schedule
        if plan_schedule is None:
            return
        lang = self.lang
        columns = self._layout()
        relaid = columns != self.columns_now
        if relaid:
            self.clear(columns=True)
            self.columns_now = columns
            self.add_column("#", width=columns.number)
            self.add_column(t("time", lang), width=columns.clock)
            self.add_column(t("minutes", lang).capitalize(), width=MINUTES_WIDTH)
            self.add_column(t("item", lang), width=columns.item)
            if columns.responsible is not None:
                self.add_column(t("responsible", lang), width=columns.responsible)
        else:
            self.clear()
        wide = columns.clock == WIDE_CLOCK
        for slot in plan_schedule.slots:
            clock = format_clock(slot.start)
            cells: list[object] = [
                str(slot.index + 1),
                f"{clock}–{format_clock(slot.end)}" if wide else clock,
                str(slot.minutes),
                Text(slot_title(slot, lang)),
            ]
            if columns.responsible is not None:
                cells.append(Text(slot.item.responsible))
            self.add_row(*cells, height=None)
        if plan_schedule.slots:
            self.move_cursor(row=max(0, min(row, len(plan_schedule.slots) - 1)))
        if relaid:
            self.post_message(self.Relaid())

    def on_resize(self, event: events.Resize) -> None:
        """Lay the columns out again when the width asks for other ones."""
        if self._schedule is not None and self._layout() != self.columns_now:
            self._draw(self.cursor_row)


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
