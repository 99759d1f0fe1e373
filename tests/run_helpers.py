"""Small plans and runs for the run-mode tests, with a clock that moves only when told."""

from __future__ import annotations

from facilkit.run.items import Contract, RunItem
from facilkit.run.machine import Run, new_run

T0 = 1_764_000_000.0
"""A fixed moment to start from (no test reads the real clock)."""


def items(*minutes: int, pinned: dict[int, int] | None = None) -> list[RunItem]:
    """Items of the given minutes; ``pinned`` maps an index to minutes after the start."""
    pinned = pinned or {}
    return [
        RunItem(title=f"Item {i + 1}", minutes=m, pinned=pinned.get(i), min_minutes=max(m // 2, 1))
        for i, m in enumerate(minutes)
    ]


def make_run(*minutes: int, end: int | None = None, auto: bool = False, **kw: object) -> Run:
    contract = Contract(
        title="Test meeting",
        language="en",
        intention="Learn together",
        desired_outcomes=["One new idea each", "A date for the next meeting"],
        rules=["Practice, not cases"],
        end=end,
    )
    pinned = kw.get("pinned")
    return Run(new_run(items(*minutes, pinned=pinned), contract, T0, auto=auto))  # type: ignore[arg-type]
