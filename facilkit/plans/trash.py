"""The plans' trash: deleting moves a plan into ``plans/.trash``; restoring brings it back.

A plan in the trash keeps its file name (``name~2.yaml`` when the trash already
holds one of that name); restored, it takes its old name, or ``name-2`` and on
if a plan of that name exists again. Nothing is ever overwritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from facilkit.errors import storage_error
from facilkit.paths import PLAN_SUFFIX, Locations, plan_files_in
from facilkit.plans.storage import PlanError, load_plan

TRASH = ".trash"
_NUMBERED = re.compile(r"~\d+$")


@dataclass(frozen=True)
class TrashedPlan:
    """A plan in the trash."""

    path: Path
    name: str
    """The plan's file name (without ``.yaml``) before it was deleted."""
    title: str
    deleted_at: datetime


def trash_folder(locations: Locations) -> Path:
    return locations.plans / TRASH


def _free_name(folder: Path, stem: str, pattern: str) -> Path:
    """The first ``folder/<stem>.yaml`` not taken, then ``pattern`` numbered from 2, reserved."""
    for number in range(1, 10_000):
        name = stem if number == 1 else pattern.format(stem=stem, number=number)
        candidate = folder / f"{name}{PLAN_SUFFIX}"
        try:
            candidate.open("x").close()  # reserve it: no other save or restore can take it
        except FileExistsError:
            continue
        except OSError as error:
            raise storage_error(error, candidate) from None
        return candidate
    raise PlanError.words("plan.error.too_many", folder, name=stem)


def move_to_trash(path: Path) -> Path:
    """Move a plan file into the trash beside it; returns where it went."""
    folder = path.parent / TRASH
    try:
        folder.mkdir(exist_ok=True)
        target = _free_name(folder, path.stem, "{stem}~{number}")
        os.replace(path, target)
    except OSError as error:
        raise storage_error(error, path) from None
    return target


def trashed(locations: Locations) -> list[TrashedPlan]:
    """The plans in the trash, most recently deleted first; unreadable ones show their name."""
    found = []
    for path in plan_files_in(trash_folder(locations)):
        try:
            title = load_plan(path).title
        except PlanError:
            title = path.stem
        deleted = datetime.fromtimestamp(path.stat().st_ctime)
        found.append(TrashedPlan(path, _NUMBERED.sub("", path.stem), title, deleted))
    return sorted(found, key=lambda plan: plan.deleted_at, reverse=True)


def find_trashed(name: str, locations: Locations) -> TrashedPlan:
    """A trashed plan by its file name in the trash, its old name or its title."""
    plans = trashed(locations)
    keys: tuple[Callable[[TrashedPlan], bool], ...] = (
        lambda plan: name in (plan.path.stem, plan.path.name),
        lambda plan: plan.name == name,
        lambda plan: plan.title == name,
    )
    for matches in keys:
        found = [plan for plan in plans if matches(plan)]
        if found:
            return found[0]  # the most recently deleted
    known = ", ".join(plan.path.stem for plan in plans[:8]) or "-"
    raise PlanError.words(
        "plan.error.not_in_trash", trash_folder(locations), name=name, known=known
    )


def restore(plan: TrashedPlan, locations: Locations) -> Path:
    """Bring a plan back under its old name, or ``name-2`` and on if that is taken."""
    locations.plans.mkdir(parents=True, exist_ok=True)
    target = _free_name(locations.plans, plan.name, "{stem}-{number}")
    try:
        os.replace(plan.path, target)
    except OSError as error:
        target.unlink(missing_ok=True)
        raise storage_error(error, plan.path) from None
    return target
