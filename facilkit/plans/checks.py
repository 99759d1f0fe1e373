"""Checks that help a non-expert: does the plan fit, flow and suit the group?

Each finding has a severity (error, warning or hint), the agenda item it is
about (if any) and a message in Danish or English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from facilkit.i18n import Words, t
from facilkit.library.loader import Library
from facilkit.plans.clock import ClockError, format_clock, parse_clock
from facilkit.plans.dates import DateError, parse_date
from facilkit.plans.model import Plan
from facilkit.plans.schedule import (
    Schedule,
    Slot,
    rotation_minutes,
    safe_clock,
    schedule,
    slot_title,
)

Severity = Literal["error", "warning", "hint"]
MAX_WITHOUT_BREAK = 90


@dataclass(frozen=True)
class Finding:
    """One thing the checks noticed."""

    severity: Severity
    code: str
    item: int | None = None
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return t(f"check.{self.code}", lang, **self.params)


def check_plan(plan: Plan, library: Library, lang: str = "en") -> list[Finding]:
    """Every finding for a plan, errors first, then in agenda order."""
    plan_schedule = schedule(plan, library)
    findings = [
        *_clock_fields(plan),
        *_impossible(plan, plan_schedule, lang),
        *_frame(plan_schedule, plan),
        *_items(plan_schedule, plan, lang),
        *_variants(plan, library, lang),
        *_flow(plan_schedule, lang),
        *_breaks(plan_schedule),
        *_purpose(plan),
    ]
    order = {"error": 0, "warning": 1, "hint": 2}
    return sorted(findings, key=lambda f: (order[f.severity], -1 if f.item is None else f.item))


def _clock_fields(plan: Plan) -> list[Finding]:
    found = []
    fields = [(Words("wiz.start"), plan.start), (Words("wiz.end"), plan.end)]
    fields += [
        (Words("check.item_start", number=i + 1), item.at)
        for i, item in enumerate(plan.agenda)
        if item.at
    ]
    for name, value in fields:
        if not value:
            continue
        try:
            parse_clock(value)
        except ClockError as error:  # both said in the reader's language
            found.append(Finding("error", "bad_clock", None, {"field": name, "error": error}))
    if plan.date:
        try:
            parse_date(plan.date)
        except DateError:
            found.append(Finding("error", "bad_date", None, {"value": plan.date}))
    return found


def _impossible(plan: Plan, plan_schedule: Schedule, lang: str) -> list[Finding]:
    """Plans no meeting can follow: negative minutes, times before the start, empty rotations."""
    found = []
    start = safe_clock(plan.start, None)
    end = safe_clock(plan.end, None)
    if start is not None and end is not None and end < start and not plan.past_midnight:
        params: dict[str, object] = {"start": format_clock(start), "end": format_clock(end)}
        found.append(Finding("error", "end_before_start", None, params))
    for slot in plan_schedule.slots:
        item, name = slot.item, slot_title(slot, lang)
        base: dict[str, object] = {"number": slot.index + 1, "name": name}
        pinned = safe_clock(item.at or "", None)
        if pinned is not None and start is not None and pinned < start and not plan.past_midnight:
            params = {**base, "at": format_clock(pinned), "start": format_clock(start)}
            found.append(Finding("error", "pinned_before_start", slot.index, params))
        rotation = item.rotation
        values = [("minutes", item.minutes)]
        if rotation is not None:
            values += [
                ("round_minutes", rotation.round_minutes),
                ("move_minutes", rotation.move_minutes),
                ("finale_minutes", rotation.finale_minutes),
                *(("breaks: minutes", pause.minutes) for pause in rotation.breaks),
            ]
            if rotation.groups <= 0 or rotation.stations <= 0:
                params = {**base, "groups": rotation.groups, "stations": rotation.stations}
                found.append(Finding("error", "rotation_empty", slot.index, params))
        for field_name, value in values:
            if value is not None and value < 0:
                params = {**base, "field": field_name, "minutes": value}
                found.append(Finding("error", "negative_minutes", slot.index, params))
    return found


def _frame(plan_schedule: Schedule, plan: Plan) -> list[Finding]:
    if plan_schedule.frame_end is None:
        return [Finding("hint", "no_end")]
    if plan_schedule.frame_end >= 24 * 60 and not plan.past_midnight:
        return []  # the end is before the start: reported as such, not as minutes of slack
    params = {
        "frame": format_clock(plan_schedule.frame_end),
        "end": format_clock(plan_schedule.end),
    }
    if plan_schedule.slack < 0:
        return [Finding("error", "overrun", None, {**params, "minutes": -plan_schedule.slack})]
    if plan_schedule.slack > 0:
        return [Finding("hint", "slack", None, {**params, "minutes": plan_schedule.slack})]
    return []


def _items(plan_schedule: Schedule, plan: Plan, lang: str) -> list[Finding]:
    found = []
    for slot in plan_schedule.slots:
        item, method, name = slot.item, slot.method, slot_title(slot, lang)
        if item.method and method is None:
            found.append(Finding("error", "unknown_method", slot.index, {"id": item.method}))
        if item.rotation is None and not item.minutes:
            found.append(Finding("warning", "no_minutes", slot.index, {"number": slot.index + 1}))
        if slot.late_by:
            params = {
                "name": name,
                "at": item.at,
                "clock": format_clock(slot.start),
                "minutes": slot.late_by,
            }
            found.append(Finding("error", "pinned_late", slot.index, params))
        if item.rotation is not None:
            found += _rotation(slot, name)
        if method is None:
            continue
        minutes = slot.minutes
        if minutes and minutes < method.duration.min:
            params = {"name": name, "minutes": minutes, "min": method.duration.min}
            found.append(Finding("warning", "too_short", slot.index, params))
        elif minutes > method.duration.max:
            params = {"name": name, "minutes": minutes, "max": method.duration.max}
            found.append(Finding("warning", "too_long", slot.index, params))
        size = method.group_size
        if plan.participants is not None:
            params = {
                "name": name,
                "participants": plan.participants,
                "min": size.min,
                "max": size.max,
            }
            if size.max is not None and plan.participants > size.max:
                found.append(Finding("warning", "too_many", slot.index, params))
            elif plan.participants < size.min:
                found.append(Finding("hint", "too_few", slot.index, params))
    return found


def _variants(plan: Plan, library: Library, lang: str) -> list[Finding]:
    """A variant the item's method does not have (the item then runs the method itself)."""
    found = []
    for index, item in enumerate(plan.agenda):
        if item.variant is None:
            continue
        params = {"number": index + 1, "variant": item.variant}
        if not item.method:
            found.append(Finding("error", "variant_without_method", index, params))
            continue
        method = library.get(item.method)
        if method is None or method.find_variant(item.variant) is not None:
            continue  # an unknown method is reported as such
        params["name"] = method.name_in(lang)
        if method.variants:
            params["known"] = ", ".join(variant.id for variant in method.variants)
            found.append(Finding("error", "unknown_variant", index, params))
        else:
            found.append(Finding("error", "no_variants", index, params))
    return found


def _rotation(slot: Slot, name: str) -> list[Finding]:
    rotation = slot.item.rotation
    assert rotation is not None
    found = []
    params = {"name": name, "groups": rotation.groups, "stations": rotation.stations}
    if rotation.groups > rotation.stations:
        found.append(Finding("error", "rotation_groups", slot.index, params))
    elif rotation.round_count < rotation.stations:
        found.append(
            Finding(
                "hint", "rotation_partial", slot.index, {**params, "rounds": rotation.round_count}
            )
        )
    themes = len(rotation.themes)
    if themes and rotation.stations > 0 and themes != rotation.stations:
        # extra themes are dropped and missing ones shown by number: say which, and the fix
        code = "rotation_themes_extra" if themes > rotation.stations else "rotation_themes_missing"
        params = {"name": name, "themes": themes, "stations": rotation.stations}
        found.append(Finding("warning", code, slot.index, params))
    computed = rotation_minutes(rotation)
    if slot.item.minutes is not None and slot.item.minutes != computed:
        params = {"name": name, "minutes": slot.item.minutes, "computed": computed}
        found.append(Finding("warning", "rotation_minutes", slot.index, params))
    return found


def _flow(plan_schedule: Schedule, lang: str) -> list[Finding]:
    """Open before close, and close what was opened."""
    found = []
    opened_by: Slot | None = None
    ever_opened = False
    for slot in plan_schedule.slots:
        process = slot.method.process if slot.method else "none"
        if process == "close":
            if not ever_opened:
                found.append(
                    Finding("warning", "close_first", slot.index, {"name": slot_title(slot, lang)})
                )
            opened_by = None
        elif process == "open":
            ever_opened = True
            opened_by = slot
        elif process == "both":
            ever_opened = True
            opened_by = None
    if opened_by is not None:
        found.append(
            Finding(
                "warning", "never_closed", opened_by.index, {"name": slot_title(opened_by, lang)}
            )
        )
    return found


def _breaks(plan_schedule: Schedule) -> list[Finding]:
    """More than 90 minutes without a break, counting breaks inside rotations."""
    found = []
    stretch_start = plan_schedule.start
    reported = False
    for slot in plan_schedule.slots:
        if slot.is_break:
            stretch_start, reported = slot.end, False
            continue
        for block in slot.rounds:
            if block.kind == "break":
                stretch_start, reported = block.end, False
            elif block.end - stretch_start > MAX_WITHOUT_BREAK and not reported:
                found.append(_no_break(slot, block.end, stretch_start))
                reported = True
        if not slot.rounds and slot.end - stretch_start > MAX_WITHOUT_BREAK and not reported:
            found.append(_no_break(slot, slot.end, stretch_start))
            reported = True
    return found


def _no_break(slot: Slot, until: int, since: int) -> Finding:
    params = {"minutes": until - since, "clock": format_clock(until), "max": MAX_WITHOUT_BREAK}
    return Finding("warning", "no_break", slot.index, params)


def _purpose(plan: Plan) -> list[Finding]:
    found = []
    if not plan.intention.strip():
        found.append(Finding("warning", "no_intention"))
    if not any(outcome.strip() for outcome in plan.desired_outcomes):
        found.append(Finding("warning", "no_outcome"))
    return found
