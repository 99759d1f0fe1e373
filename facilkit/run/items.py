"""What a run knows of the plan, fixed when the run starts.

The run log keeps this copy, so a report or a resume never depends on the plan
file staying as it was (the key person may edit the plan after the meeting).
"""

from __future__ import annotations

import msgspec

from facilkit.library.loader import Library
from facilkit.plans.clock import ClockError, parse_clock
from facilkit.plans.model import BREAK_KINDS, Plan, Rotation
from facilkit.plans.schedule import item_minutes, schedule, slot_title

DAY = 24 * 60


class RunItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """One agenda item as the run sees it; times are minutes after the run's planned start."""

    title: str
    minutes: int
    """Planned minutes."""
    kind: str = "item"
    method: str | None = None
    pinned: int | None = None
    """Minutes after the planned start the item is pinned to (lunch at 12:00), if any."""
    min_minutes: int | None = None
    """The least the item can be shortened to (the method's minimum); None: not shortened."""
    responsible: str = ""
    notes: str = ""
    rotation: Rotation | None = None

    @property
    def is_break(self) -> bool:
        return self.method is None and self.kind in BREAK_KINDS


class Contract(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """The plan's contract with the group, shown in a timeout and at the closing."""

    title: str
    language: str = "da"
    intention: str = ""
    desired_outcomes: list[str] = msgspec.field(default_factory=list)
    rules: list[str] = msgspec.field(default_factory=list)
    end: int | None = None
    """The time frame's end in minutes after the planned start, if the plan has one."""


def _offset(text: str | None, plan_start: int) -> int | None:
    """A clock time as minutes after the plan's start (a time before it is the next day)."""
    if not text:
        return None
    try:
        minute = parse_clock(text)
    except ClockError:
        return None
    if minute < plan_start:
        minute += DAY
    return minute - plan_start


def run_items(plan: Plan, library: Library | None) -> list[RunItem]:
    """The plan's agenda for a run, in the plan's language."""
    planned = schedule(plan, library)
    items = []
    for slot in planned.slots:
        item = slot.item
        method = slot.method
        minutes = item_minutes(item)
        least: int | None = None
        if method is not None and item.rotation is None:
            least = min(method.duration.min, minutes)
        items.append(
            RunItem(
                title=slot_title(slot, plan.language),
                minutes=minutes,
                kind=item.kind,
                method=item.method,
                pinned=_offset(item.at, planned.start),
                min_minutes=least,
                responsible=item.responsible,
                notes=item.notes,
                rotation=item.rotation,
            )
        )
    return items


def contract_of(plan: Plan) -> Contract:
    """The contract: intention, desired outcomes, rules and the time frame."""
    start = plan_start_minute(plan)
    return Contract(
        title=plan.title,
        language=plan.language,
        intention=plan.intention,
        desired_outcomes=list(plan.desired_outcomes),
        rules=list(plan.rules),
        end=_offset(plan.end, start),
    )


def plan_start_minute(plan: Plan) -> int:
    """The plan's start as minutes after midnight (09:00 when it cannot be read)."""
    try:
        return parse_clock(plan.start)
    except ClockError:
        return 9 * 60
