"""Dates as Nordic key persons write them, stored as ISO (``2026-12-03``).

Accepted: ``2026-12-03``, ``3.12.2026``, ``03.12.2026``, ``3/12-2026``, ``3-12-2026``,
``3.12.26``, without a year ``3/12`` or ``3.12.`` (the next such day from today), and
written out in any interface language: ``3. december 2026``, ``3. des. 2026``, ``3 dec``,
``torsdag 3. desember 2026`` (the weekday in front is read past). Day first, as in the
Nordic countries; never month first, so ``12/31/2026`` is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from facilkit.errors import PlanError
from facilkit.i18n import MONTHS, WEEKDAYS, t, ui_languages

_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_NUMBERS = re.compile(
    r"^(?P<day>\d{1,2})\s*[./-]\s*(?P<month>\d{1,2})\.?(?:\s*[./-]\s*(?P<year>\d{2}|\d{4}))?$"
)
_WORDS = re.compile(
    r"^(?:(?P<weekday>[^\W\d_]+),?\s+)?(?P<day>\d{1,2})\.?\s*(?P<month>[^\W\d_]+)\.?"
    r"(?:,?\s+(?P<year>\d{4}))?$"
)
SHORTEST_MONTH = 3
"""Letters of a month's name that are enough (``dec``, ``des``, ``okt``, ``mai``)."""


class DateError(PlanError):
    """Text that is not a date; the message says how to write one."""


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """The date ``text`` means; a date without a year is the next one from ``today``."""
    cleaned = text.strip()
    today = today or dt.date.today()
    day, month, year_text = _parts(cleaned, text)
    if year_text is None:
        year = today.year
        if _valid(year, month, day) and dt.date(year, month, day) < today:
            year += 1
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if not _valid(year, month, day):
        raise DateError(
            f"'{text}' is not a date: there is no day {day} in month {month}",
            key="date.no_such_day",
            params={"text": text, "day": day, "month": month},
        )
    return dt.date(year, month, day)


def iso_date(text: str, today: dt.date | None = None) -> str | None:
    """``text`` as an ISO date, or None if it cannot be read (the caller keeps the text)."""
    try:
        return parse_date(text, today).isoformat()
    except DateError:
        return None


def _parts(cleaned: str, text: str) -> tuple[int, int, str | None]:
    """Day, month and the year as written (None when left out)."""
    match = _ISO.match(cleaned) or _NUMBERS.match(cleaned)
    if match is not None:
        return int(match.group("day")), int(match.group("month")), match.group("year")
    match = _WORDS.match(cleaned)
    weekday = match.group("weekday") if match else None
    month = _month_named(match.group("month")) if match else None
    if match is None or month is None or (weekday and not _is_weekday(weekday)):
        raise DateError(
            f"'{text}' is not a date; write it like 3.12.2026, 3/12 or 2026-12-03",
            key="date.not_a_date",
            params={"text": text},
        )
    return int(match.group("day")), month, match.group("year")


@cache
def _names(kind: str, keys: tuple[str, ...]) -> dict[str, int]:
    """Every interface language's name for each month or weekday -> its number (from 1)."""
    return {
        t(f"{kind}.{key}", lang).casefold(): number
        for lang in ui_languages()
        for number, key in enumerate(keys, start=1)
    }


def _month_named(word: str) -> int | None:
    """The month a name or its first letters stand for; None if unknown or ambiguous."""
    word = word.casefold()
    if len(word) < SHORTEST_MONTH:
        return None
    numbers = {n for name, n in _names("month", MONTHS).items() if name.startswith(word)}
    return numbers.pop() if len(numbers) == 1 else None


def _is_weekday(word: str) -> bool:
    word = word.casefold()
    names = _names("weekday", WEEKDAYS)
    return len(word) >= 2 and any(name.startswith(word) for name in names)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def weekday_key(date: dt.date) -> str:
    """The catalogue key of the date's weekday, e.g. ``weekday.thursday``."""
    return f"weekday.{WEEKDAYS[date.weekday()]}"
