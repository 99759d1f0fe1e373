"""Shared plans for the export tests: the examples, and a plan full of hostile text."""

from __future__ import annotations

from pathlib import Path

from facilkit.library.loader import Library
from facilkit.plans.clock import format_clock
from facilkit.plans.model import AgendaItem, Plan, Rotation, StationTheme, new_plan
from facilkit.plans.schedule import schedule, slot_title

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {path.stem: path for path in sorted((ROOT / "examples").glob("*.yaml"))}

RTL = "שלום עולם"
HOSTILE_PARTS = (
    '#panic("x")',
    "$x^2$",
    "*bold*",
    "@ref",
    "<script>alert(1)</script>",
    "</td></tr>",
    "# heading",
    "[link](http://x)",
    "\\",
    "Ærø Øst Åse",
    RTL,
    "🙂👍🏽",
    "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt" * 2,
    "`code` {x} ]] //",
)
HOSTILE = " ".join(HOSTILE_PARTS)


def hostile_plan() -> Plan:
    """Every field a person types holds the hostile text."""
    plan = new_plan(HOSTILE, "en")
    plan.date = "2026-12-03"
    plan.start = "13:00"
    plan.end = "15:00"
    plan.location = HOSTILE
    plan.intention = HOSTILE
    plan.desired_outcomes = [HOSTILE]
    plan.rules = [HOSTILE]
    plan.roles = {"facilitator": HOSTILE}
    plan.materials = [HOSTILE]
    plan.agenda = [
        AgendaItem(title=HOSTILE, minutes=10, responsible=HOSTILE, notes=HOSTILE),
        AgendaItem(method="check-in", minutes=10, notes=HOSTILE),
        AgendaItem(
            method="station-rotation",
            title=HOSTILE,
            rotation=Rotation(
                groups=2,
                stations=3,
                round_minutes=5,
                themes=[StationTheme(title=HOSTILE, question=HOSTILE)],
            ),
        ),
    ]
    plan.follow_up = HOSTILE
    return plan


def clock_times_and_titles(plan: Plan, library: Library, lang: str) -> list[str]:
    """What a reader must find in any export of the plan."""
    found = [plan.title]
    for slot in schedule(plan, library).slots:
        found += [format_clock(slot.start), format_clock(slot.end), slot_title(slot, lang)]
    return found


def squash(text: str) -> str:
    """Text with all white space and joiners removed, to compare across line wraps."""
    return "".join(text.replace("\u2060", "").replace("\u00ad", "").split())
