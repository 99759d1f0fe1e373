"""The schedule as it now stands: items that ran at their actual times, the rest projected.

Overruns and added minutes push the later items; a pinned item keeps its time:
the slack before it is used up first, then the items before it are shortened
(down to their method's minimum) in the projection, and only past that does it
start late.
When the meeting cannot end on time, :func:`project` says by how much and which
later items to shorten (down to the method's minimum) or to drop.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from facilkit.run.machine import Run, Status

Level = Literal["calm", "warning", "alert", "overtime"]
WARNING_SHARE = 0.20
ALERT_SHARE = 0.05


@dataclass(frozen=True)
class Placed:
    """One item on the clock: where it ran or is expected to run."""

    index: int
    start: float
    end: float
    status: Status
    late: float = 0.0
    """Seconds a pinned item will start after its pinned time."""


@dataclass(frozen=True)
class Suggestion:
    """A way to win back time: shorten an item to ``minutes``, or drop it (``minutes`` 0)."""

    index: int
    action: Literal["shorten", "drop"]
    minutes: int
    saves: int
    """Minutes of the overrun this saves."""


@dataclass(frozen=True)
class PinCut:
    """What the items before a pinned item give up so that it keeps its time."""

    pinned: int
    """The pinned item's index."""
    taken: list[tuple[int, float]]
    """(item, seconds taken off it), in agenda order."""


@dataclass(frozen=True)
class Projection:
    """Where the meeting stands at one moment."""

    placed: list[Placed]
    expected_end: float
    planned_end: float
    frame_end: float
    suggestions: list[Suggestion] = field(default_factory=list)
    short_after: float = 0.0
    """Seconds the meeting still runs over when every suggestion is followed."""
    pin_cuts: list[PinCut] = field(default_factory=list)
    """Shortenings that keep pinned items at their time (already in ``placed``)."""

    @property
    def behind(self) -> float:
        """Seconds the expected end is after the planned end (negative: ahead)."""
        return self.expected_end - self.planned_end

    @property
    def over(self) -> float:
        """Seconds the meeting is expected to run past the end of its time frame."""
        return max(self.expected_end - self.frame_end, 0.0)


def warning_level(remaining: float, budget: float) -> Level:
    """Calm until 20% of the item is left, a warning until 5%, then alert; overtime after."""
    if remaining < 0:
        return "overtime"
    if budget <= 0 or remaining <= budget * ALERT_SHARE:
        return "alert"
    if remaining <= budget * WARNING_SHARE:
        return "warning"
    return "calm"


def planned_layout(run: Run) -> list[Placed]:
    """The plan as it was meant to run from the planned start, pins included."""
    s = run.state
    cursor = s.planned_start
    placed = []
    for index, item in enumerate(s.items):
        start = cursor
        if item.pinned is not None:
            start = max(start, s.planned_start + item.pinned * 60.0)
        cursor = start + item.minutes * 60.0
        placed.append(Placed(index, start, cursor, "pending"))
    return placed


def _layout(run: Run, now: float, squeeze: Mapping[int, float] | None = None) -> list[Placed]:
    """Actual times for what ran, projected times for the rest.

    ``squeeze`` maps an item to the seconds taken off it so that a pinned item
    after it keeps its time.
    """
    s = run.state
    taken = squeeze or {}
    finished = s.phase in ("closing", "closed")
    cursor = max(now, s.planned_start) if s.phase == "ready" else (s.started or now)
    if finished and s.ended is not None:
        cursor = s.ended
    placed = []
    for index, item in enumerate(s.items):
        record = s.records[index]
        if record.status == "done" and record.started is not None and record.ended is not None:
            placed.append(Placed(index, record.started, record.ended, "done"))
            cursor = record.ended
            continue
        budget = run.budget(index) - taken.get(index, 0.0)
        if record.status == "running" and record.started is not None:
            end = now + max(budget - run.used(index, now), 0.0)
            placed.append(Placed(index, record.started, end, "running"))
            cursor = end
            continue
        if record.status == "skipped" or finished:
            placed.append(Placed(index, cursor, cursor, record.status))
            continue
        start, late = cursor, 0.0
        if item.pinned is not None:
            pin = s.planned_start + item.pinned * 60.0
            start, late = max(cursor, pin), max(cursor - pin, 0.0)
        cursor = start + budget
        placed.append(Placed(index, start, cursor, "pending", late))
    return placed


def room_to_give(run: Run, index: int, now: float) -> float:
    """Seconds an item can still give up: down to its method's minimum (and to what it used).

    Breaks, pinned items and items without a minimum give nothing; nor does an item
    that ran or was skipped.
    """
    s = run.state
    item, record = s.items[index], s.records[index]
    if item.min_minutes is None or item.is_break or item.pinned is not None:
        return 0.0
    if record.status == "running":
        floor = max(run.used(index, now), item.min_minutes * 60.0)
    elif record.status == "pending":
        floor = item.min_minutes * 60.0
    else:
        return 0.0
    return max(run.budget(index) - floor, 0.0)


def _hold_pins(run: Run, now: float) -> tuple[list[Placed], dict[int, float], list[PinCut]]:
    """Keep pinned items at their time by shortening the items before them.

    A facilitator with lunch at 12:00 does not move lunch: the items before it
    get shorter. So when the items before a pinned item would run past its time,
    the projection takes the difference from them, the item with the most room
    first and each down to its method's minimum at most (the running item too,
    never below what it has used). Only when they are all at their minimum does
    the pinned item start late. These are suggestions, not commands: the item's
    countdown keeps its own minutes, and the view says what to shorten.
    """
    s = run.state
    squeeze: dict[int, float] = {}
    cuts: list[PinCut] = []
    placed = _layout(run, now)
    if s.phase not in ("ready", "running"):
        return placed, squeeze, cuts
    previous_pin = -1
    for pin_index, item in enumerate(s.items):
        if item.pinned is None:
            continue
        late = placed[pin_index].late
        if placed[pin_index].status == "pending" and late > 0:
            before = range(max(previous_pin + 1, s.current, 0), pin_index)
            rooms = sorted(
                ((room_to_give(run, i, now), i) for i in before),
                key=lambda pair: (-pair[0], pair[1]),
            )
            taken: list[tuple[int, float]] = []
            for room, index in rooms:
                if late <= 0 or room <= 0:
                    break
                take = min(room, late)
                squeeze[index] = take
                taken.append((index, take))
                late -= take
            if taken:
                cuts.append(PinCut(pin_index, sorted(taken)))
                placed = _layout(run, now, squeeze)
        previous_pin = pin_index
    return placed, squeeze, cuts


def project(run: Run, now: float) -> Projection:
    """The schedule at ``now``, with suggestions when the meeting would run over its frame."""
    s = run.state
    placed, squeeze, pin_cuts = _hold_pins(run, now)
    planned = planned_layout(run)
    planned_end = planned[-1].end if planned else s.planned_start
    frame_end = planned_end if s.contract.end is None else s.planned_start + s.contract.end * 60.0
    expected_end = max((p.end for p in placed), default=now if s.phase != "ready" else planned_end)
    if s.phase in ("closing", "closed") and s.ended is not None:
        expected_end = s.ended
    projection = Projection(placed, expected_end, planned_end, frame_end, pin_cuts=pin_cuts)
    if projection.over <= 0 or s.phase not in ("ready", "running"):
        return projection
    cursor = _later_start(run, placed)
    # The cuts change only with a command or when the later items move by a minute.
    key = (run.version, int(cursor // 60), frame_end, tuple(sorted(squeeze.items())))
    if run.advice_cache is None or run.advice_cache[0] != key:
        run.advice_cache = (key, _suggest(run, cursor, frame_end, squeeze))
    suggestions, short = run.advice_cache[1]
    return Projection(
        placed, expected_end, planned_end, frame_end, suggestions, short, pin_cuts=pin_cuts
    )


def _later_start(run: Run, placed: list[Placed]) -> float:
    """Where the items after the current one begin: the end of the current (or last done) one."""
    s = run.state
    if 0 <= s.current < len(placed):
        return placed[s.current].end
    return placed[0].start if placed else s.planned_start


def _end_after(run: Run, cursor: float, later: list[int], minutes: Mapping[int, int]) -> float:
    """The meeting's end if the ``later`` items start at ``cursor`` with these minutes."""
    s = run.state
    for index in later:
        pinned = s.items[index].pinned
        if pinned is not None:
            cursor = max(cursor, s.planned_start + pinned * 60.0)
        cursor += minutes[index] * 60.0
    return cursor


def _suggest(
    run: Run, cursor: float, frame_end: float, squeeze: Mapping[int, float]
) -> tuple[list[Suggestion], float]:
    """Shorten later items (down to their minimum, most room first), then drop items, until
    the end fits; an item is shortened only as far as the overrun still needs."""
    s = run.state
    last = len(s.items) - 1
    later = [i for i in range(s.current + 1, len(s.items)) if s.records[i].status == "pending"]
    budgets = {i: int((run.budget(i) - squeeze.get(i, 0.0)) // 60) for i in later}
    overrides: dict[int, int] = dict(budgets)
    chosen: list[Suggestion] = []

    def end_with(trial: dict[int, int]) -> float:
        return _end_after(run, cursor, later, trial)

    current_end = end_with(overrides)
    shortenable = [
        i
        for i in later
        if s.items[i].min_minutes is not None and s.items[i].min_minutes < budgets[i]  # type: ignore[operator]
    ]
    shortenable.sort(key=lambda i: (budgets[i] - (s.items[i].min_minutes or 0), i), reverse=True)
    droppable = [
        i
        for i in reversed(later)
        if i != last and not s.items[i].is_break and s.items[i].pinned is None
    ]
    plan: list[tuple[int, Literal["shorten", "drop"], int]] = [
        (i, "shorten", s.items[i].min_minutes or 0) for i in shortenable
    ] + [(i, "drop", 0) for i in droppable]
    for index, action, minutes in plan:
        if current_end <= frame_end:
            break
        if action == "shorten":  # only as much as is needed, never below the minimum
            needed = math.ceil((current_end - frame_end) / 60 - 1e-9)
            minutes = max(minutes, overrides[index] - needed)
        trial = {**overrides, index: minutes}
        trial_end = end_with(trial)
        saved = round((current_end - trial_end) / 60)
        if saved <= 0:
            continue
        earlier = sum(c.saves for c in chosen if c.index == index)
        chosen = [c for c in chosen if c.index != index]
        chosen.append(Suggestion(index, action, minutes, saved + earlier))
        overrides, current_end = trial, trial_end
    return chosen, max(current_end - frame_end, 0.0)
