"""The run's projection: pinned items, cuts suggested to keep the end, and any command sequence
keeping the schedule sound."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from facilkit.run.machine import Run
from facilkit.run.projection import project, room_to_give
from tests.run_helpers import MIN, T0, make_run


def test_a_pinned_item_absorbs_an_overrun_with_its_slack() -> None:
    # 10 + 10 minutes, then lunch pinned 30 minutes after the start: 10 minutes of slack
    run = make_run(10, 10, 30, 10, pinned={2: 30})
    run.start(T0)
    run.add(T0)  # +5
    projection = project(run, T0)
    assert projection.placed[2].start == T0 + 30 * MIN
    assert projection.expected_end == projection.planned_end


def test_an_overrun_beyond_the_slack_shortens_the_items_before_the_pinned_one() -> None:
    # lunch (item 3) at +30; item 2 may go down to 5 minutes (its minimum)
    run = make_run(10, 10, 30, 10, pinned={2: 30})
    run.start(T0)
    run.tick(T0 + 25 * MIN)  # 15 minutes over on the first item: 5 past the slack
    projection = project(run, T0 + 25 * MIN)
    assert projection.placed[2].start == T0 + 30 * MIN and projection.placed[2].late == 0
    assert projection.placed[1].end - projection.placed[1].start == 5 * MIN
    assert [(c.pinned, c.taken) for c in projection.pin_cuts] == [(2, [(1, 5 * MIN)])]
    assert projection.behind == 0  # lunch holds, and the rest runs as planned
    assert run.budget(1) == 10 * MIN  # a suggestion only: the item keeps its own minutes


def test_the_pinned_item_starts_late_only_when_the_items_before_are_at_their_minimum() -> None:
    run = make_run(10, 10, 30, 10, pinned={2: 30})
    run.start(T0)
    run.tick(T0 + 28 * MIN)  # 18 over: the slack (10) and item 2's room (5) are not enough
    projection = project(run, T0 + 28 * MIN)
    assert projection.placed[1].end - projection.placed[1].start == 5 * MIN
    assert projection.placed[2].start == T0 + 33 * MIN
    assert projection.placed[2].late == 3 * MIN


def test_the_running_item_gives_time_to_a_pinned_item_but_not_below_what_it_used() -> None:
    run = make_run(10, 40, 30, pinned={2: 50})  # item 2: 40 min, minimum 20
    run.start(T0)
    run.tick(T0 + 20 * MIN)
    run.next(T0 + 20 * MIN)  # 10 over, all slack gone: lunch needs 10 from item 2
    projection = project(run, T0 + 25 * MIN)
    assert projection.placed[1].end == T0 + 50 * MIN  # the running item ends at lunch
    assert projection.pin_cuts[0].taken == [(1, 10 * MIN)]
    run.tick(T0 + 45 * MIN)  # 25 used: it can give at most 15 of its 40
    projection = project(run, T0 + 45 * MIN)
    assert projection.placed[2].start == T0 + 50 * MIN


def test_a_break_and_a_pinned_item_give_no_time_to_a_later_pin() -> None:
    from facilkit.run.items import RunItem

    run = make_run(10, 10, 10, pinned={2: 20})
    run.state.items[1] = RunItem(title="Coffee", minutes=10, kind="break", min_minutes=5)
    run.start(T0)
    run.tick(T0 + 15 * MIN)
    projection = project(run, T0 + 15 * MIN)
    assert projection.pin_cuts == [] and projection.placed[2].late == 5 * MIN


def test_a_skip_can_be_taken_back_newest_first() -> None:
    run = make_run(10, 10, 10, 10)
    run.start(T0)
    assert run.skip_next(T0 + 60) and run.skip_next(T0 + 61)
    assert [r.status for r in run.state.records][1:3] == ["skipped", "skipped"]
    assert run.unskip(T0 + 62)
    assert [r.status for r in run.state.records][1:3] == ["skipped", "pending"]
    assert run.unskip(T0 + 63)
    assert [r.status for r in run.state.records][1:3] == ["pending", "pending"]
    assert not run.unskip(T0 + 64)  # nothing left to take back
    assert [e.kind for e in run.state.events][-2:] == ["unskip", "unskip"]
    run.next(T0 + 65)
    assert run.state.current == 1  # the item is back in its place


def test_an_item_the_meeting_went_past_stays_skipped() -> None:
    run = make_run(10, 10, 10)
    run.start(T0)
    run.skip_next(T0)
    run.next(T0 + 60)  # jumps over item 2 to item 3
    assert run.state.current == 2
    assert not run.unskip(T0 + 61)
    assert run.state.records[1].status == "skipped"


def test_when_the_end_is_at_risk_the_projection_suggests_cuts() -> None:
    run = make_run(10, 20, 20, 10, end=60)  # 60-minute frame, no slack
    run.start(T0)
    run.tick(T0 + 25 * MIN)  # 15 minutes over on the first item
    projection = project(run, T0 + 25 * MIN)
    assert projection.over == 15 * MIN
    saved = sum(s.saves for s in projection.suggestions)
    assert saved >= 15 and projection.short_after == 0
    for suggestion in projection.suggestions:
        item = run.state.items[suggestion.index]
        assert suggestion.index > run.state.current
        if suggestion.action == "shorten":
            assert suggestion.minutes >= (item.min_minutes or 0)
    assert all(
        s.index != 3 for s in projection.suggestions if s.action == "drop"
    )  # the last item stays


def test_a_cut_takes_only_the_minutes_the_overrun_needs() -> None:
    run = make_run(10, 20, 20, 10, end=60)
    run.start(T0)
    run.tick(T0 + 13 * MIN)  # 3 minutes over
    projection = project(run, T0 + 13 * MIN)
    assert [(s.index, s.action, s.minutes, s.saves) for s in projection.suggestions] == [
        (2, "shorten", 17, 3)
    ]
    run.tick(T0 + 25 * MIN)  # 15 over: one item to its minimum, the next by what is left
    projection = project(run, T0 + 25 * MIN)
    assert sum(s.saves for s in projection.suggestions) == 15


def test_no_cuts_are_suggested_while_a_pinned_item_s_slack_absorbs_the_overrun() -> None:
    run = make_run(10, 20, 40, 20, end=100, pinned={2: 40})  # 10 minutes slack before item 3
    run.start(T0)
    run.tick(T0 + 20 * MIN)  # 10 over: the slack takes it
    projection = project(run, T0 + 20 * MIN)
    assert projection.over == 0 and projection.suggestions == []
    run.tick(T0 + 30 * MIN)  # 20 over: item 2 gives 10 of its 20 so the pin holds
    projection = project(run, T0 + 30 * MIN)
    assert projection.over == 0 and projection.pin_cuts[0].taken == [(1, 10 * MIN)]
    run.tick(T0 + 40 * MIN)  # 30 over: item 2 is at its minimum; 10 reach the end
    projection = project(run, T0 + 40 * MIN)
    assert projection.over == 10 * MIN
    assert sum(s.saves for s in projection.suggestions) >= 10
    assert all(s.index >= 2 for s in projection.suggestions)  # item 2 is at its minimum
    assert projection.short_after == 0


def test_it_says_how_far_over_when_no_cut_is_enough() -> None:
    run = make_run(10, 5, end=15)
    run.start(T0)
    run.tick(T0 + 60 * MIN)
    projection = project(run, T0 + 60 * MIN)
    assert projection.over == 50 * MIN
    assert projection.short_after > 0


# --- the property: any sequence keeps the schedule sound ---------------------

COMMANDS = st.sampled_from(
    [
        "tick",
        "next",
        "previous",
        "pause",
        "plus",
        "minus",
        "skip",
        "unskip",
        "timeout",
        "resume",
        "end",
    ]
)


def _apply(run: Run, command: str, now: float) -> None:
    {
        "tick": run.tick,
        "next": run.next,
        "previous": run.previous,
        "pause": run.toggle_pause,
        "plus": lambda n: run.add(n, 5),
        "minus": lambda n: run.add(n, -5),
        "skip": run.skip_next,
        "unskip": run.unskip,
        "timeout": run.timeout,
        "resume": lambda n: run.end_timeout(n, "note"),
        "end": run.end,
    }[command](now)


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.lists(st.integers(0, 40), min_size=1, max_size=8),
    pin_at=st.integers(0, 7),
    pin_slack=st.integers(0, 20),
    auto=st.booleans(),
    steps=st.lists(st.tuples(COMMANDS, st.floats(0, 900)), max_size=40),
)
def test_any_sequence_keeps_the_schedule_sound(
    minutes: list[int], pin_at: int, pin_slack: int, auto: bool, steps: list[tuple[str, float]]
) -> None:
    pin_at = min(pin_at, len(minutes) - 1)
    pin = sum(minutes[:pin_at]) + pin_slack
    run = make_run(*minutes, auto=auto, pinned={pin_at: pin})
    pinned_before = [item.pinned for item in run.state.items]
    now = T0
    run.start(now)
    for command, wait in steps:
        now += wait
        _apply(run, command, now)
        _check_sound(run, now, pinned_before)


def _check_sound(run: Run, now: float, pinned_before: list[int | None]) -> None:
    state = run.state
    projection = project(run, now)
    placed = projection.placed
    # items in order, none with negative minutes
    for before, after in itertools.pairwise(placed):
        assert before.end <= after.start + 1e-6
    for p in placed:
        assert p.end >= p.start - 1e-6
    for index, record in enumerate(state.records):
        assert record.used >= 0 and record.paused >= 0 and record.timed_out >= 0
        assert run.budget(index) >= 0
    # pinned items never move: the pinned time stays, and a pending pinned item starts
    # at its time unless the items before it, shortened to their minimum, still run past it
    assert [item.pinned for item in state.items] == pinned_before
    for p in placed:
        item = state.items[p.index]
        if item.pinned is not None and p.status == "pending" and state.phase == "running":
            pin_time = state.planned_start + item.pinned * 60
            assert p.start >= pin_time - 1e-6
            if p.late == 0:
                assert abs(p.start - pin_time) < 1e-6
            else:  # late: every item before it that could give time gave all it could
                taken = dict(
                    pair
                    for cut in projection.pin_cuts
                    if cut.pinned == p.index
                    for pair in cut.taken
                )
                for index in range(max(state.current, 0), p.index):
                    room = room_to_give(run, index, now)
                    assert abs(taken.get(index, 0.0) - room) < 1e-6
    for cut in projection.pin_cuts:  # nothing is shortened below its minimum or what it used
        for index, seconds in cut.taken:
            assert 0 < seconds <= room_to_give(run, index, now) + 1e-6
    # only one item runs, and only while the meeting runs
    running = [i for i, r in enumerate(state.records) if r.status == "running"]
    assert running == ([state.current] if state.phase == "running" else [])
    # planned total = elapsed + remaining - overrun (overrun: minutes behind, negative ahead)
    planned_total = sum(item.minutes for item in state.items) * 60
    elapsed = sum(run.used(i, now) for i in range(len(state.items)))
    remaining = 0.0
    overrun = 0.0
    for index, record in enumerate(state.records):
        item_planned = state.items[index].minutes * 60
        used = run.used(index, now)
        if record.status == "done" or (record.status == "pending" and used > 0):
            overrun += used - item_planned
        elif record.status == "skipped":
            overrun -= item_planned
        elif record.status == "running":
            overrun += record.added * 60 + max(used - run.budget(index), 0)
            remaining += max(run.budget(index) - used, 0)
        else:  # pending
            if state.phase == "running" or state.phase == "ready":
                overrun += record.added * 60
                remaining += run.budget(index)
            else:  # not reached after the end: nothing remains of it
                overrun -= item_planned
    assert abs(planned_total - (elapsed + remaining - overrun)) < 1e-3
