"""Dates as Danish and Norwegian key persons write them, stored as ISO (``2026-12-03``).

Accepted: ``2026-12-03``, ``3.12.2026``, ``3/12-2026``, ``3-12-2026``, ``3.12.26``,
and without a year ``3/12`` or ``3.12.`` (the next such day from today). Day first,
as in the Nordic countries; never month first.
"""

from __future__ import annotations

import datetime as dt
import re

from facilkit.errors import PlanError
from facilkit.i18n import WEEKDAYS

_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_NORDIC = re.compile(
    r"^(?P<day>\d{1,2})\s*[./-]\s*(?P<month>\d{1,2})\.?(?:\s*[./-]\s*(?P<year>\d{2}|\d{4}))?$"
)


class DateError(PlanError):
    """Text that is not a date; the message says how to write one."""


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """The date ``text`` means; a date without a year is the next one from ``today``."""
    cleaned = text.strip()
    today = today or dt.date.today()
    match = _ISO.match(cleaned) or _NORDIC.match(cleaned)
    if match is None:
        raise DateError(f"'{text}' is not a date; write it like 3.12.2026, 3/12 or 2026-12-03")
    day, month = int(match.group("day")), int(match.group("month"))
    year_text = match.group("year")
    if year_text is None:
        year = today.year
        if _valid(year, month, day) and dt.date(year, month, day) < today:
            year += 1
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if not _valid(year, month, day):
        raise DateError(f"'{text}' is not a date: there is no day {day} in month {month}")
    return dt.date(year, month, day)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def weekday_key(date: dt.date) -> str:
    """The catalogue key of the date's weekday, e.g. ``weekday.thursday``."""
    return f"weekday.{WEEKDAYS[date.weekday()]}"
