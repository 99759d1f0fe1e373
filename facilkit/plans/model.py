"""The plan: an I DO ART plan for one learning meeting, as stored in YAML.

Plans are edited in the TUI, so the structs are mutable. Field order is the
order a saved file is written in.
"""

from __future__ import annotations

from typing import Literal

import msgspec

FORMAT_VERSION = 1
"""The newest plan format this facilkit reads and writes."""

KNOWN_ROLES = ("facilitator", "timekeeper", "note-taker")
"""Roles the UI asks for by name and the export translates; any other role is free text."""

ItemKind = Literal["item", "break", "lunch", "presentation"]
BREAK_KINDS = ("break", "lunch")


class RotationBreak(msgspec.Struct, forbid_unknown_fields=True):
    """A break inside a station rotation, after a given round."""

    after_round: int
    minutes: int


class StationTheme(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """What one station of a rotation is about: shown in the rotation table and on its card."""

    title: str = ""
    question: str = ""


class Rotation(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Settings for a station-rotation item: groups move from station to station."""

    groups: int
    stations: int
    round_minutes: int
    move_minutes: int = 0
    rounds: int | None = None
    """Defaults to one round per station, so every group visits every station."""
    breaks: list[RotationBreak] = msgspec.field(default_factory=list)
    finale_minutes: int = 0
    """Time at the end to walk round and read every station's flip-chart."""
    themes: list[StationTheme] = msgspec.field(default_factory=list)
    """Station 1's theme first; stations without one are shown by number."""

    @property
    def round_count(self) -> int:
        return self.rounds if self.rounds is not None else self.stations


class AgendaItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """One agenda item: a library method (by id) or a free item such as a break."""

    method: str | None = None
    variant: str | None = None
    """One of the method's variants (by id), e.g. ``network`` of ``reflecting-team``."""
    title: str | None = None
    kind: ItemKind = "item"
    minutes: int | None = None
    at: str | None = None
    """Pin the item to a clock time, e.g. lunch at 12:00."""
    responsible: str = ""
    notes: str = ""
    rotation: Rotation | None = None


class Plan(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A learning meeting planned with I DO ART."""

    facilkit_plan: int
    title: str
    date: str = ""
    start: str = "09:00"
    end: str = ""
    location: str = ""
    participants: int | None = None
    language: str = "da"
    intention: str = ""
    desired_outcomes: list[str] = msgspec.field(default_factory=list)
    agenda: list[AgendaItem] = msgspec.field(default_factory=list)
    rules: list[str] = msgspec.field(default_factory=list)
    roles: dict[str, str] = msgspec.field(default_factory=dict)
    materials: list[str] = msgspec.field(default_factory=list)
    follow_up: str = ""
    timezone: str | None = None
    """IANA time zone of the meeting (Europe/Oslo, Europe/Stockholm); default Copenhagen."""
    past_midnight: bool | None = None
    """True when the meeting runs past midnight: an end or a pinned time before the
    start is then the next day. Otherwise such a time is an error in the plan check."""


DEFAULT_TIMEZONE = "Europe/Copenhagen"


def new_plan(title: str, language: str = "da") -> Plan:
    """An empty plan in the current format."""
    return Plan(facilkit_plan=FORMAT_VERSION, title=title, language=language)
