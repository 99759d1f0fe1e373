"""Clock times for a plan: every item's start and end, the total and the time frame.

Pure arithmetic from the start time and the minutes, so the run plan never
drifts the way hand-written ones do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.library.model import Method
from facilkit.plans.clock import ClockError, parse_clock
from facilkit.plans.model import BREAK_KINDS, AgendaItem, Plan, Rotation


@dataclass(frozen=True)
class Round:
    """One block inside a station rotation: a round, a break or the closing walk."""

    kind: str  # "round", "break" or "finale"
    number: int
    start: int
    end: int
    stations: tuple[int, ...] = ()
    """Station of each group in this round (index 0 is group 1)."""


@dataclass
class Slot:
    """One agenda item placed on the clock."""

    index: int
    item: AgendaItem
    method: Method | None
    start: int
    end: int
    slack_before: int = 0
    late_by: int = 0
    """Minutes a pinned item starts after its pinned time."""
    rounds: list[Round] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_break(self) -> bool:
        return self.item.method is None and self.item.kind in BREAK_KINDS


@dataclass
class Schedule:
    """The whole plan on the clock."""

    start: int
    slots: list[Slot]
    frame_end: int | None

    @property
    def end(self) -> int:
        return self.slots[-1].end if self.slots else self.start

    @property
    def total(self) -> int:
        return self.end - self.start

    @property
    def frame_minutes(self) -> int | None:
        return None if self.frame_end is None else self.frame_end - self.start

    @property
    def slack(self) -> int:
        """Unplanned minutes before the end time (negative when overrunning)."""
        return 0 if self.frame_end is None else self.frame_end - self.end


def rotation_minutes(rotation: Rotation) -> int:
    """How long a whole station rotation takes."""
    rounds = max(rotation.round_count, 0)
    breaks = sum(b.minutes for b in rotation.breaks if 0 < b.after_round < rounds)
    return (
        rounds * (rotation.round_minutes + rotation.move_minutes) + breaks + rotation.finale_minutes
    )


def rotation_rounds(rotation: Rotation, start: int) -> list[Round]:
    """The rounds with clock times and which station each group is at."""
    rounds: list[Round] = []
    clock = start
    breaks = {b.after_round: b.minutes for b in rotation.breaks}
    stations = max(rotation.stations, 1)
    for number in range(1, rotation.round_count + 1):
        length = rotation.round_minutes + rotation.move_minutes
        placing = tuple((group + number - 1) % stations + 1 for group in range(rotation.groups))
        rounds.append(Round("round", number, clock, clock + length, placing))
        clock += length
        if number in breaks and number < rotation.round_count:
            rounds.append(Round("break", number, clock, clock + breaks[number]))
            clock += breaks[number]
    if rotation.finale_minutes:
        rounds.append(Round("finale", 0, clock, clock + rotation.finale_minutes))
    return rounds


def item_minutes(item: AgendaItem) -> int:
    """An item's length; a rotation's is computed from its rounds."""
    if item.rotation is not None:
        return rotation_minutes(item.rotation)
    return max(item.minutes or 0, 0)


def safe_clock(text: str, default: int | None) -> int | None:
    try:
        return parse_clock(text) if text else default
    except ClockError:
        return default


def item_method(item: AgendaItem, library: Library) -> Method | None:
    """The method an item uses, as its variant runs it.

    An unknown variant gives the method itself, so the plan still has a card
    and clock times; the checks report the variant as an error.
    """
    method = library.get(item.method) if item.method else None
    if method is None or item.variant is None:
        return method
    return method.with_variant(item.variant) or method


def waits_for_library(plan: Plan, library: Library) -> bool:
    """Whether the plan's methods are not all known yet: the library is still loading and
    one of them has not arrived, or may still be replaced by a folder not read yet.

    Checks, exports and runs made now would call a method unknown that is only late.
    """
    if library.loading is None:
        return False
    return any(
        item.method is not None
        and (library.get(item.method) is None or item.method in library.replaceable)
        for item in plan.agenda
    )


def schedule(plan: Plan, library: Library | None = None) -> Schedule:
    """Place every item on the clock; unreadable clock times count as absent."""
    start = safe_clock(plan.start, 9 * 60) or 0
    frame_end = safe_clock(plan.end, None)
    if frame_end is not None and frame_end < start:
        frame_end += 24 * 60
    clock = start
    slots = []
    for index, item in enumerate(plan.agenda):
        method = item_method(item, library) if library is not None else None
        slack = late = 0
        pinned = safe_clock(item.at or "", None)
        if pinned is not None and pinned < start:  # the next day, or a mistake the check names
            pinned = pinned + 24 * 60 if plan.past_midnight else None
        if pinned is not None:
            if pinned >= clock:
                slack, clock = pinned - clock, pinned
            else:
                late = clock - pinned
        length = item_minutes(item)
        slot = Slot(index, item, method, clock, clock + length, slack, late)
        if item.rotation is not None:
            slot.rounds = rotation_rounds(item.rotation, clock)
        slots.append(slot)
        clock += length
    return Schedule(start, slots, frame_end)


def slot_title(slot: Slot, lang: str) -> str:
    """What the item is called in the agenda."""
    if slot.item.title:
        return slot.item.title
    if slot.method is not None:
        return slot.method.name_in(lang)
    if slot.item.method:
        return f"{slot.item.method} ({t('unknown_method', lang)})"
    return t(slot.item.kind if slot.item.kind in ("break",) else "item", lang)
