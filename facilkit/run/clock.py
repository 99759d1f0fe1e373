"""The run's time: the wall clock, or a rehearsal clock that runs faster.

The state machine never reads a clock itself; the TUI asks one of these and
passes the time in. A rehearsal clock is anchored (real time, run time), and the
anchor is kept in the run log, so a resumed rehearsal keeps its time too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the run's time (the wall clock, a rehearsal clock, a test's clock)."""

    speed: float
    anchor: tuple[float, float]

    def now(self) -> float: ...


class RunClock:
    """Seconds since the epoch in run time: ``run + (real - real_anchor) * speed``."""

    def __init__(
        self,
        speed: float = 1.0,
        anchor: tuple[float, float] | None = None,
        real: Callable[[], float] = time.time,
    ) -> None:
        self.speed = speed
        self.real = real
        self.anchor = anchor if anchor is not None else (real(), real())

    def now(self) -> float:
        real_anchor, run_anchor = self.anchor
        return run_anchor + (self.real() - real_anchor) * self.speed

    @classmethod
    def rehearsal(
        cls, speed: float, starting_at: float, real: Callable[[], float] = time.time
    ) -> RunClock:
        """A clock that shows ``starting_at`` now and runs ``speed`` times faster."""
        return cls(speed, (real(), starting_at), real)


class FakeClock:
    """A clock that moves only when told to: for tests and benchmarks."""

    def __init__(self, start: float) -> None:
        self.value = start
        self.speed = 1.0
        self.anchor = (start, start)

    def now(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


def today_at(minute_of_day: int, now: float) -> float:
    """The moment ``HH:MM`` (as minutes after midnight) on the local day of ``now``."""
    day = datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return day.timestamp() + minute_of_day * 60


def clock_of(moment: float) -> str:
    """``HH:MM`` in local time."""
    return datetime.fromtimestamp(moment).strftime("%H:%M")
