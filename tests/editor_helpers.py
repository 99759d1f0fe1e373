"""A plan and an editor for the plan-editor tests, with a clock the test moves by hand."""

from __future__ import annotations

from pathlib import Path

from facilkit.plans.editor import PlanEditor
from facilkit.plans.model import AgendaItem, Plan, Rotation, new_plan
from facilkit.plans.storage import load_plan, save_plan


class Clock:
    """A clock the test moves by hand, so typing pauses need no sleeping."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def sample_plan() -> Plan:
    plan = new_plan("Møde")
    plan.intention = "Why"
    plan.agenda = [
        AgendaItem(method="check-in", minutes=10),
        AgendaItem(title="Talk", minutes=20, notes="[navn]"),
        AgendaItem(kind="break", minutes=15),
        AgendaItem(
            method="station-rotation",
            rotation=Rotation(groups=4, stations=4, round_minutes=15, move_minutes=5),
        ),
    ]
    plan.roles = {"facilitator": "Anna"}
    plan.rules = ["One speaks at a time"]
    return plan


def editor_for(plan: Plan | None = None, clock: Clock | None = None) -> PlanEditor:
    return PlanEditor(plan or sample_plan(), clock=clock or Clock())


def type_into(editor: PlanEditor, clock: Clock, name: str, text: str, start: str = "") -> None:
    """Type ``text`` into a field one character at a time, 0.1 s apart (one chunk)."""
    typed = start
    for character in text:
        typed += character
        clock.now += 0.1
        editor.set_field(name, typed, typing=True)


def change_on_disk(path: Path, location: str) -> None:
    """Another program (a second window, a colleague) saves the plan with a new location."""
    theirs = load_plan(path)
    theirs.location = location
    save_plan(theirs, path)
