"""Step minutes scaled to an item's minutes (shared by run mode and the exports)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilkit.library.model import Duration, Method, Source, Step
from facilkit.plans.steps import scaled_step_minutes


def _method(minutes: list[int | None], default: int = 20) -> Method:
    return Method(
        id="m",
        name="M",
        summary="s",
        category="dialogue",
        process="none",
        duration=Duration(5, default, 60),
        source=Source(text="us"),
        steps=[Step(title=f"step {i}", minutes=m) for i, m in enumerate(minutes)],
    )


def test_all_timed_steps_add_up_to_the_item() -> None:
    assert scaled_step_minutes(_method([5, 10, 5]), 40) == [10, 20, 10]
    assert sum(scaled_step_minutes(_method([5, 10, 5]), 13)) == 13  # type: ignore[arg-type]


def test_partly_timed_steps_scale_by_the_default_length() -> None:
    assert scaled_step_minutes(_method([5, None, 5], default=20), 40) == [10, None, 10]


def test_untimed_steps_stay_untimed() -> None:
    assert scaled_step_minutes(_method([None, None]), 30) == [None, None]


@given(
    st.lists(st.integers(1, 30), min_size=1, max_size=8),
    st.integers(1, 240),
)
def test_scaled_minutes_never_lose_a_minute(written: list[int], minutes: int) -> None:
    scaled = scaled_step_minutes(_method(list(written)), minutes)
    assert sum(m or 0 for m in scaled) == minutes
    if minutes >= len(written):
        assert all(m is not None and m >= 1 for m in scaled)
