"""The run of a meeting as a state machine: commands and the time go in, state comes out.

Nothing here reads a clock: every command takes ``now`` (seconds, as from
``time.time()`` or a rehearsal clock), so tests drive a whole meeting in
microseconds and the TUI is only a view of :class:`RunState`. The state is the
run log: saved after every change, it is everything a resume needs.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from facilkit.run.items import Contract, RunItem

RUN_FORMAT = 2
"""2 added the live view's ``owner`` and ``unskip`` events; format 1 logs still read."""
STEP_MINUTES = 5
"""What ``+`` and ``-`` add to or take from the current item."""

Status = Literal["pending", "running", "done", "skipped"]
Phase = Literal["ready", "running", "closing", "closed"]
PauseKind = Literal["pause", "timeout"]


class ItemRecord(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """What happened to one item: when it ran, how long its clock ran, what was added."""

    status: Status = "pending"
    started: float | None = None
    ended: float | None = None
    used: float = 0.0
    """Seconds the item's own clock ran (pauses and timeouts excluded)."""
    paused: float = 0.0
    """Seconds the item stood paused (space)."""
    timed_out: float = 0.0
    """Seconds the item stood in gamemaster timeouts."""
    added: int = 0
    """Minutes added with ``+`` (negative when taken away with ``-``)."""


class Event(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """One line of the run log: what the facilitator did, and when."""

    at: float
    kind: str
    item: int = -1
    minutes: int = 0
    note: str = ""


class Closing(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """The closing against the contract: which desired outcomes were reached, and the agreements."""

    reached: list[bool] = msgspec.field(default_factory=list)
    notes: str = ""


class RunState(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Everything about one run; saved as the run log beside the plan."""

    facilkit_run: int = RUN_FORMAT
    plan: str = ""
    """The plan file's name, for the report's heading."""
    planned_start: float
    """When the plan's first item was meant to start (the baseline for ahead and behind)."""
    contract: Contract
    items: list[RunItem]
    records: list[ItemRecord]
    phase: Phase = "ready"
    current: int = -1
    started: float | None = None
    ended: float | None = None
    last: float = 0.0
    """The moment up to which the current item's clock has been counted."""
    pause: PauseKind | None = None
    paused_since: float | None = None
    auto: bool = False
    speed: float = 1.0
    anchor: tuple[float, float] | None = None
    """(real time, run time) at the run's start, for a rehearsal clock that runs ``speed`` times faster."""
    events: list[Event] = msgspec.field(default_factory=list)
    closing: Closing | None = None
    owner: str = ""
    """``host:pid`` of the program running the meeting ("" once it left): a room view in
    another terminal tells a live run from one whose program quit or was killed."""


def new_run(
    items: list[RunItem],
    contract: Contract,
    planned_start: float,
    *,
    plan_name: str = "",
    auto: bool = False,
    speed: float = 1.0,
    created: float | None = None,
) -> RunState:
    """A run that has not started yet; ``created`` is when it was opened (default: the start)."""
    return RunState(
        plan=plan_name,
        planned_start=planned_start,
        contract=contract,
        items=list(items),
        records=[ItemRecord() for _ in items],
        auto=auto,
        speed=speed,
        last=planned_start if created is None else created,
    )


class Run:
    """The commands of a run. Each returns True when it changed the state (then save it)."""

    def __init__(self, state: RunState) -> None:
        self.state = state
        self.version = 0
        """Counts changes, so a view redraws and the log is saved only when something happened."""
        self.advice_cache: tuple[object, tuple[Any, float]] | None = None
        """The projection's last suggested cuts and what they were computed from."""

    # --- reading ---------------------------------------------------------------

    @property
    def current_item(self) -> RunItem | None:
        """The item that runs now (None before the start and after the end)."""
        s = self.state
        running = s.phase == "running" and 0 <= s.current < len(s.items)
        return s.items[s.current] if running else None

    @property
    def is_running(self) -> bool:
        return self.state.phase == "running"

    def budget(self, index: int) -> float:
        """Seconds the item may take: planned plus added minutes, never below zero."""
        return max(self.state.items[index].minutes + self.state.records[index].added, 0) * 60.0

    def used(self, index: int, now: float) -> float:
        """Seconds the item's clock has run, counted up to ``now``."""
        s = self.state
        used = s.records[index].used
        if index == s.current and s.phase == "running" and s.pause is None:
            used += max(now - s.last, 0.0)
        return used

    def remaining(self, now: float) -> float:
        """Seconds left on the current item; negative in overtime."""
        if self.current_item is None:
            return 0.0
        return self.budget(self.state.current) - self.used(self.state.current, now)

    def next_index(self, after: int | None = None) -> int | None:
        """The next item that is neither done nor skipped."""
        s = self.state
        start = s.current + 1 if after is None else after + 1
        for index in range(max(start, 0), len(s.items)):
            if s.records[index].status == "pending":
                return index
        return None

    # --- commands --------------------------------------------------------------

    def tick(self, now: float) -> bool:
        """Let time pass; with ``auto`` an item that runs out hands over to the next.

        A run that waits for its planned start begins by itself when that moment
        comes (or at once, if it was opened after it).
        """
        if self.state.phase == "ready":
            if now < self.state.planned_start:
                self.state.last = max(self.state.last, now)
                return False
            return self.start(max(self.state.planned_start, self.state.last))
        self._count(now)
        if not (self.state.auto and self.is_running and self.state.pause is None):
            return False
        changed = False
        for _ in range(len(self.state.items) + 1):
            if not self.is_running:
                break
            index = self.state.current
            overflow = self.state.records[index].used - self.budget(index)
            if overflow <= 0:
                break
            self.state.records[index].used -= overflow
            self._move_on(now - overflow, "auto_next")
            if self.is_running:
                self.state.records[self.state.current].used += overflow
            changed = True
        return self._changed() if changed else False

    def start(self, now: float) -> bool:
        """Start the first item that is not skipped."""
        s = self.state
        if s.phase != "ready":
            return False
        first = self.next_index(-1)
        s.phase, s.started, s.last = "running", now, now
        self._log(now, "start", first if first is not None else -1)
        if first is None:
            return self._finish(now)
        self._begin(first, now)
        return self._changed()

    def next(self, now: float) -> bool:
        """End the current item and start the next (after the last one: the closing)."""
        if self.state.phase == "ready":
            return self.start(now)
        if not self.is_running:
            return False
        self._count(now)
        self._move_on(now, "next")
        return self._changed()

    def previous(self, now: float) -> bool:
        """Back to the item before: it runs on with the time spent since as its own."""
        s = self.state
        if not self.is_running:
            return False
        self._count(now)
        before = [i for i in range(s.current) if s.records[i].status == "done"]
        if not before:
            return False
        back, leaving = before[-1], s.records[s.current]
        record = s.records[back]
        record.status, record.ended = "running", None
        record.used += leaving.used
        record.paused += leaving.paused
        record.timed_out += leaving.timed_out
        s.records[s.current] = ItemRecord(added=leaving.added)
        s.current = back
        self._log(now, "previous", back)
        return self._changed()

    def toggle_pause(self, now: float) -> bool:
        """Pause the item's clock, or let it run again."""
        if not self.is_running:
            return False
        if self.state.pause is None:
            return self._hold(now, "pause")
        if self.state.pause == "pause":
            return self._release(now, "resume", "")
        return False

    def timeout(self, now: float) -> bool:
        """The gamemaster's timeout: the item's clock stops while the group talks about the talk."""
        if not self.is_running or self.state.pause == "timeout":
            return False
        if self.state.pause == "pause":
            self._release(now, "resume", "")
        return self._hold(now, "timeout")

    def end_timeout(self, now: float, note: str = "") -> bool:
        """Back to the content; ``note`` says what was renegotiated."""
        if self.state.pause != "timeout":
            return False
        return self._release(now, "timeout_end", note.strip())

    def add(self, now: float, minutes: int = STEP_MINUTES) -> bool:
        """More (or, negative, fewer) minutes for the current item; never below zero."""
        s = self.state
        if not self.is_running or self.current_item is None:
            return False
        self._count(now)
        record = s.records[s.current]
        planned = s.items[s.current].minutes
        new_added = max(record.added + minutes, -planned)
        if new_added == record.added:
            return False
        self._log(now, "add", s.current, new_added - record.added)
        record.added = new_added
        return self._changed()

    def skip_next(self, now: float) -> bool:
        """Drop the next item that has not run yet."""
        s = self.state
        if s.phase not in ("ready", "running"):
            return False
        self._count(now)
        index = self.next_index()
        if index is None:
            return False
        s.records[index].status = "skipped"
        self._log(now, "skip", index)
        return self._changed()

    def unskip(self, now: float) -> bool:
        """Take back the latest skip of an item that has not been passed yet.

        Skips are taken back newest first, so ``s s u u`` leaves the run as it was.
        An item the meeting has already gone past stays skipped: bringing it back
        would run the agenda out of order.
        """
        s = self.state
        if s.phase not in ("ready", "running"):
            return False
        for event in reversed(s.events):
            index = event.item
            if event.kind != "skip" or not 0 <= index < len(s.items):
                continue
            if index > s.current and s.records[index].status == "skipped":
                self._count(now)
                s.records[index].status = "pending"
                self._log(now, "unskip", index)
                return self._changed()
        return False

    def end(self, now: float) -> bool:
        """End the meeting now: the current item ends, the closing begins."""
        if self.state.phase not in ("ready", "running"):
            return False
        self._count(now)
        if self.state.pause is not None:
            self._release(now, "resume", "")
        return self._finish(now)

    def close(self, now: float, reached: list[bool], notes: str) -> bool:
        """Record the closing: outcomes reached and the agreements for follow-up."""
        s = self.state
        if s.phase not in ("closing", "closed"):
            return False
        wanted = len(s.contract.desired_outcomes)
        ticks = (list(reached) + [False] * wanted)[:wanted]
        s.closing = Closing(reached=ticks, notes=notes.strip())
        s.phase = "closed"
        self._log(now, "close", -1, note=notes.strip())
        return self._changed()

    # --- inner workings --------------------------------------------------------

    def _count(self, now: float) -> None:
        """Add the time since the last count to the running item's clock (or its pause)."""
        s = self.state
        delta = now - s.last
        if delta <= 0:
            return  # a clock put back never takes time away
        if s.phase == "running" and 0 <= s.current < len(s.items):
            record = s.records[s.current]
            if s.pause is None:
                record.used += delta
            elif s.pause == "timeout":
                record.timed_out += delta
            else:
                record.paused += delta
        s.last = now

    def _begin(self, index: int, now: float) -> None:
        s = self.state
        s.current = index
        record = s.records[index]
        record.status, record.started, record.ended = "running", now, None

    def _move_on(self, now: float, kind: str) -> None:
        s = self.state
        if s.pause is not None:
            self._release(now, "resume", "")
        record = s.records[s.current]
        record.status, record.ended = "done", now
        following = self.next_index()
        self._log(now, kind, s.current)
        if following is None:
            self._finish(now)
        else:
            self._begin(following, now)

    def _finish(self, now: float) -> bool:
        s = self.state
        if 0 <= s.current < len(s.items) and s.records[s.current].status == "running":
            s.records[s.current].status, s.records[s.current].ended = "done", now
        s.phase, s.ended = "closing", now
        self._log(now, "end", s.current)
        return self._changed()

    def _hold(self, now: float, kind: PauseKind) -> bool:
        self._count(now)
        self.state.pause, self.state.paused_since = kind, now
        self._log(now, kind, self.state.current)
        return self._changed()

    def _release(self, now: float, kind: str, note: str) -> bool:
        self._count(now)
        self.state.pause, self.state.paused_since = None, None
        self._log(now, kind, self.state.current, note=note)
        return self._changed()

    def _log(self, now: float, kind: str, item: int, minutes: int = 0, note: str = "") -> None:
        self.state.events.append(Event(at=now, kind=kind, item=item, minutes=minutes, note=note))

    def _changed(self) -> bool:
        self.version += 1
        return True
