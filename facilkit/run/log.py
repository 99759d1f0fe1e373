"""The run log on disk: ``<plan>.runs/run-001.yaml`` beside the plan, one file per run.

Saved atomically after every change (the same writer as plans), so a crash or a
kill leaves the last state whole, and ``facilkit run PLAN`` can offer to resume.
The folder is not a plan file, so plan listings never show it.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from facilkit.errors import FacilkitError
from facilkit.plans.storage import write_atomic
from facilkit.run.machine import RUN_FORMAT, RunState
from facilkit.typed import convert
from facilkit.yamlio import YamlError, dump, load_file

_RUN_FILE = re.compile(r"^run-(\d{3,})\.yaml$")


class RunLogError(FacilkitError):
    """A run log that cannot be read; the message names the file and what to do."""


def runs_folder(plan_path: Path) -> Path:
    """Where a plan's run logs live: ``<stem>.runs`` beside the plan file."""
    return plan_path.with_name(plan_path.stem + ".runs")


def run_paths(plan_path: Path) -> list[Path]:
    """The plan's run logs, oldest (run 1) first."""
    folder = runs_folder(plan_path)
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _RUN_FILE.match(p.name))]
    return [path for _, path in sorted(found)]


def run_number(path: Path) -> int:
    """The number in ``run-007.yaml``."""
    match = _RUN_FILE.match(path.name)
    return int(match.group(1)) if match else 0


def new_run_path(plan_path: Path) -> Path:
    """The file for the next run of a plan."""
    existing = run_paths(plan_path)
    number = run_number(existing[-1]) + 1 if existing else 1
    return runs_folder(plan_path) / f"run-{number:03d}.yaml"


def run_to_yaml(state: RunState) -> str:
    """The log as YAML (times as seconds since the epoch, to the millisecond)."""
    data = msgspec.to_builtins(state)
    return dump(_rounded(data))


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _floats(value: object) -> object:
    """The reader keeps how a number was written (a float subclass); the log wants plain floats."""
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return {k: _floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_floats(v) for v in value]
    return value


def save_run(state: RunState, path: Path) -> None:
    """Write the log atomically: the old state or the new, never half of one."""
    write_atomic(path, run_to_yaml(state))


def load_run(path: Path) -> RunState:
    """Read a run log; a broken or newer one raises RunLogError naming file, line and column."""
    try:
        document = load_file(path)
    except YamlError as error:
        raise RunLogError(str(error)) from None
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("facilkit_run"), int):
        raise RunLogError(f"{path}:1:1: not a facilkit run log (it should start 'facilkit_run: 1')")
    if data["facilkit_run"] > RUN_FORMAT:
        raise RunLogError(f"{path}: written by a newer facilkit; update facilkit to read it")
    state, problem = convert(document, _floats(data), RunState)
    if state is None:
        raise RunLogError(f"{problem}")
    if len(state.records) != len(state.items):
        raise RunLogError(
            f"{path}: the log has {len(state.items)} items but {len(state.records)} records"
        )
    return state


def unfinished_run(plan_path: Path) -> tuple[Path, RunState] | None:
    """The plan's latest run when it was left before its closing (quit, crash or kill)."""
    paths = run_paths(plan_path)
    if not paths:
        return None
    try:
        state = load_run(paths[-1])
    except RunLogError:
        return None
    if state.phase in ("ready", "running", "closing"):
        return paths[-1], state
    return None
