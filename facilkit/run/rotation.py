"""Where a station rotation stands: the round, who is where, and when to move.

Computed from the item's own clock (pauses and timeouts stop it), so the rounds
follow the same time as the countdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilkit.plans.model import Rotation
from facilkit.plans.schedule import Round, rotation_rounds

MOVE_SIGNAL_SECONDS = 60.0
"""Without move minutes, "move now" shows for this long at the start of each new round."""


@dataclass(frozen=True)
class RotationNow:
    """The rotation at one moment."""

    block: Round
    rounds: int
    """How many rounds the rotation has."""
    left: float
    """Seconds left in this block (a round's work, a break or the walk round)."""
    move_now: bool


def rotation_now(rotation: Rotation, used: float) -> RotationNow | None:
    """The block the rotation is in after ``used`` seconds of the item's clock."""
    blocks = rotation_rounds(rotation, 0)
    if not blocks:
        return None
    total = sum(1 for b in blocks if b.kind == "round")
    for block in blocks:
        start, end = block.start * 60.0, block.end * 60.0
        if used >= end:
            continue
        if block.kind != "round":
            return RotationNow(block, total, end - used, False)
        work_end = end - rotation.move_minutes * 60.0
        moving = used >= work_end and rotation.move_minutes > 0
        arrived = block.number > 1 and used - start < MOVE_SIGNAL_SECONDS
        left = (work_end if not moving else end) - used
        return RotationNow(block, total, left, moving or (arrived and not rotation.move_minutes))
    last = blocks[-1]
    return RotationNow(last, total, last.end * 60.0 - used, False)
