"""Clock times as people write them: ``9.00``, ``09:00``, ``9:00`` and ``14.10``."""

from __future__ import annotations

import re

from facilkit.errors import PlanError

_CLOCK = re.compile(r"^\s*(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*$")


class ClockError(PlanError):
    """Text that is not a clock time; the message says what is expected."""


def parse_clock(text: str) -> int:
    """Minutes after midnight. ``14.10`` is 14:10; a bare ``9`` is 09:00."""
    match = _CLOCK.match(text)
    if not match:
        raise ClockError(
            f"'{text}' is not a clock time; write it like 09:00 or 9.00",
            key="clock.not_a_time",
            params={"text": text},
        )
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    if hour > 23 or minute > 59:
        raise ClockError(
            f"'{text}' is not a clock time; hours go to 23 and minutes to 59",
            key="clock.out_of_range",
            params={"text": text},
        )
    return hour * 60 + minute


def format_clock(minutes: int) -> str:
    """``HH:MM``; past midnight wraps around."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock_text(value: object) -> object:
    """Normalise a loaded clock value to text without losing how it was written.

    A plain ``14.10`` arrives as a float that remembers its text, and ``9`` as an int.
    """
    text = getattr(value, "text", None)
    if text is not None:
        return text
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value
