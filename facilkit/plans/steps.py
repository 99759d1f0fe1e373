"""A method's step minutes scaled to the minutes an agenda item gives it.

A method's steps are written for its usual length; a plan may give it more or
less. The run view and the exports show the same scaled minutes, so this is
the one place that computes them.
"""

from __future__ import annotations

from facilkit.library.model import Method


def scaled_step_minutes(method: Method, minutes: int) -> list[int | None]:
    """Minutes for each step of ``method`` when the item lasts ``minutes``.

    When every step has minutes, they are scaled to add up to exactly
    ``minutes`` (largest remainders get the odd minutes, so no minute is lost
    or invented by rounding). When only some steps have minutes, those are
    scaled by ``minutes / method.duration.default`` and the others stay None.
    A timed step never drops below one minute while the item has minutes.
    """
    written = [step.minutes for step in method.steps]
    if minutes <= 0 or not any(written):
        return [None if m is None else 0 for m in written] if minutes <= 0 else list(written)
    if all(m is not None and m > 0 for m in written):
        timed = [m or 0 for m in written]
        return _share(timed, minutes)
    factor = minutes / max(method.duration.default, 1)
    return [None if m is None else max(1, round(m * factor)) for m in written]


def _share(weights: list[int], total: int) -> list[int | None]:
    """Split ``total`` in proportion to ``weights`` by largest remainder."""
    weight_sum = sum(weights)
    exact = [w * total / weight_sum for w in weights]
    shares = [int(x) for x in exact]
    leftover = total - sum(shares)
    by_remainder = sorted(
        range(len(weights)), key=lambda i: (exact[i] - shares[i], -i), reverse=True
    )
    for index in by_remainder[:leftover]:
        shares[index] += 1
    if total >= len(weights):  # lift zero shares to one minute, taken from the largest
        for index, share in enumerate(shares):
            if share == 0:
                largest = max(range(len(shares)), key=lambda i: shares[i])
                shares[largest] -= 1
                shares[index] = 1
    return list(shares)
