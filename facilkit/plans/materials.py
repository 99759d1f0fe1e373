"""The materials check list: what the methods on the agenda need, and what the plan adds.

The export prints it as a check list and the wizard shows it with where each
thing comes from, so both read it from here: one list, one order, one way of
telling two spellings of the same thing apart (only by spacing).
"""

from __future__ import annotations

from dataclasses import dataclass

from facilkit.library.model import localize
from facilkit.plans.model import Plan
from facilkit.plans.schedule import Schedule


@dataclass(frozen=True)
class Material:
    """One line of the check list and where it comes from."""

    text: str
    methods: tuple[str, ...] = ()
    """Names of the agenda's methods that need it, in agenda order, each once."""
    own: int | None = None
    """Its index in the plan's own ``materials`` (None: only the methods need it)."""


def same_text(text: str) -> str:
    """A material as compared and printed: runs of spaces and line breaks as one space."""
    return " ".join(text.split())


def checklist_entries(plan: Plan, plan_schedule: Schedule, lang: str) -> list[Material]:
    """The whole check list: the methods' materials in agenda order, then the plan's own.

    A thing both a method and the plan name is one line that says both.
    """
    methods: dict[str, list[str]] = {}
    for slot in plan_schedule.slots:
        if slot.method is None:
            continue
        name = slot.method.name_in(lang)
        for material in slot.method.materials:
            text = same_text(localize(material, lang))
            if text:
                names = methods.setdefault(text, [])
                if name not in names:
                    names.append(name)
    own: dict[str, int] = {}
    for index, material in enumerate(plan.materials):
        text = same_text(material)
        if text and text not in own:
            own[text] = index
    entries = [Material(text, tuple(names), own.get(text)) for text, names in methods.items()]
    entries += [Material(text, (), index) for text, index in own.items() if text not in methods]
    return entries


def checklist(plan: Plan, plan_schedule: Schedule, lang: str) -> list[str]:
    """Every material the methods and the plan need, once each, as printed."""
    return [entry.text for entry in checklist_entries(plan, plan_schedule, lang)]
