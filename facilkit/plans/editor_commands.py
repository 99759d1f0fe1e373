"""The plan editor's commands: each edit of a plan as an exact, undoable step.

A command changes one plan field or the agenda and knows how to take that back,
so :mod:`facilkit.plans.editor_history` can undo and redo any of them the same
way. :class:`Change` is what a view hears after a command ran.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Literal

from facilkit.plans.model import AgendaItem, Plan

FIELDS = (
    "title",
    "date",
    "start",
    "end",
    "location",
    "participants",
    "language",
    "intention",
    "desired_outcomes",
    "rules",
    "roles",
    "materials",
    "follow_up",
)
"""Plan fields set as a whole (the agenda has its own commands)."""
AGENDA = "agenda"


def text_of(value: object) -> str:
    """A field value as text, to see where a word ends while typing."""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)


def inserted(before: str, after: str) -> str:
    """The text that turns ``before`` into ``after`` (between the common prefix and suffix)."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return after[start : len(after) - end]


@dataclass
class Command:
    """One undoable edit; ``apply`` and ``revert`` are exact inverses."""

    serial: int = field(default=0, init=False)
    fields: frozenset[str] = field(default=frozenset(), init=False)

    def apply(self, plan: Plan) -> None:
        raise NotImplementedError

    def revert(self, plan: Plan) -> None:
        raise NotImplementedError

    def cursor(self, undone: bool) -> int | None:
        """The agenda row to highlight after this command (None: not an agenda edit)."""
        return None


@dataclass
class SetField(Command):
    name: str
    old: Any
    new: Any
    at: float = 0.0
    typing: bool = False

    def __post_init__(self) -> None:
        self.fields = frozenset({self.name})

    def apply(self, plan: Plan) -> None:
        setattr(plan, self.name, copy.deepcopy(self.new))

    def revert(self, plan: Plan) -> None:
        setattr(plan, self.name, copy.deepcopy(self.old))


@dataclass
class InsertItem(Command):
    index: int
    item: AgendaItem

    def __post_init__(self) -> None:
        self.fields = frozenset({AGENDA})

    def apply(self, plan: Plan) -> None:
        plan.agenda.insert(self.index, copy.deepcopy(self.item))

    def revert(self, plan: Plan) -> None:
        del plan.agenda[self.index]

    def cursor(self, undone: bool) -> int | None:
        return max(self.index - 1, 0) if undone else self.index


@dataclass
class RemoveItem(Command):
    index: int
    item: AgendaItem

    def __post_init__(self) -> None:
        self.fields = frozenset({AGENDA})

    def apply(self, plan: Plan) -> None:
        del plan.agenda[self.index]

    def revert(self, plan: Plan) -> None:
        plan.agenda.insert(self.index, copy.deepcopy(self.item))

    def cursor(self, undone: bool) -> int | None:
        return self.index


@dataclass
class ReplaceItem(Command):
    index: int
    old: AgendaItem
    new: AgendaItem

    def __post_init__(self) -> None:
        self.fields = frozenset({AGENDA})

    def apply(self, plan: Plan) -> None:
        plan.agenda[self.index] = copy.deepcopy(self.new)

    def revert(self, plan: Plan) -> None:
        plan.agenda[self.index] = copy.deepcopy(self.old)

    def cursor(self, undone: bool) -> int | None:
        return self.index


@dataclass
class MoveItem(Command):
    index: int
    target: int

    def __post_init__(self) -> None:
        self.fields = frozenset({AGENDA})

    def apply(self, plan: Plan) -> None:
        plan.agenda.insert(self.target, plan.agenda.pop(self.index))

    def revert(self, plan: Plan) -> None:
        plan.agenda.insert(self.index, plan.agenda.pop(self.target))

    def cursor(self, undone: bool) -> int | None:
        return self.index if undone else self.target


@dataclass(frozen=True)
class Change:
    """What changed, so a view redraws only that; ``reason`` says why."""

    fields: frozenset[str]
    reason: Literal["edit", "undo", "redo", "reload"]
    cursor: int | None = None
    """The agenda row to highlight, for agenda changes."""
