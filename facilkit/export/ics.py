"""The meeting as a calendar event (RFC 5545), written by the icalendar library.

Start and end are in the plan's time zone (default Europe/Copenhagen) with
the zone's definition included, so every calendar shows the right hour; the
description is the participants' handout as plain text.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilkit.export import text
from facilkit.export.build import build
from facilkit.export.document import Audience, Heading
from facilkit.export.formats import ExportError
from facilkit.library.loader import Library
from facilkit.plans.model import DEFAULT_TIMEZONE, Plan
from facilkit.plans.schedule import schedule


def _zone(plan: Plan) -> ZoneInfo:
    name = (plan.timezone or DEFAULT_TIMEZONE).strip()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        message = f"'{name}' is not a time zone; write it like Europe/Oslo"
        raise ExportError(message, key="error.export.timezone", params={"zone": name}) from None


def _day(plan: Plan) -> date:
    try:
        return date.fromisoformat(plan.date.strip())
    except ValueError:
        shown = text.clean(plan.date)
        message = f"a calendar invitation needs the meeting's date as YYYY-MM-DD, not '{shown}'"
        raise ExportError(message, key="error.export.date", params={"date": shown}) from None


def calendar(plan: Plan, library: Library, lang: str, now: datetime | None = None) -> bytes:
    """One VEVENT with its VTIMEZONE; the same plan always gets the same UID."""
    from icalendar import Calendar, Event

    zone, day = _zone(plan), _day(plan)
    plan_schedule = schedule(plan, library)
    end_minutes = (
        plan_schedule.frame_end if plan_schedule.frame_end is not None else plan_schedule.end
    )
    midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
    start = midnight + timedelta(minutes=plan_schedule.start)
    end = midnight + timedelta(minutes=max(end_minutes, plan_schedule.start))
    handout = build(plan, library, lang, "participants")
    body = [b for b in handout.blocks if not (isinstance(b, Heading) and b.level == 1)]

    event = Event()
    event.add(
        "uid", f"{uuid.uuid5(uuid.NAMESPACE_URL, f'facilkit:{plan.title}:{plan.date}')}@facilkit"
    )
    event.add("dtstamp", now or datetime.now(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", text.clean(handout.title))
    if plan.location.strip():
        event.add("location", text.clean(plan.location))
    event.add("description", text.render_blocks(body).strip())
    cal = Calendar()
    cal.add("prodid", "-//facilkit//facilkit//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(event)
    cal.add_missing_timezones(
        first_date=date(day.year - 1, 1, 1), last_date=date(day.year + 2, 1, 1)
    )
    return bytes(cal.to_ical())


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> bytes:
    """The .ics bytes, for :func:`facilkit.export.formats.render`."""
    return calendar(plan, library, lang)
