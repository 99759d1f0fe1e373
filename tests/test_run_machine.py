"""The run's state machine: every command, fed with a clock that moves only when told."""

from __future__ import annotations

from facilkit.run.machine import Run
from facilkit.run.projection import project, warning_level
from tests.run_helpers import MIN, T0, make_run


def test_start_runs_the_first_item() -> None:
    run = make_run(10, 20)
    assert run.state.phase == "ready"
    assert run.start(T0)
    assert run.state.phase == "running" and run.state.current == 0
    assert run.state.records[0].started == T0
    assert not run.start(T0 + 1)  # only once


def test_next_ends_the_item_and_starts_the_following() -> None:
    run = make_run(10, 20)
    run.start(T0)
    run.tick(T0 + 12 * MIN)
    assert run.next(T0 + 12 * MIN)
    first, second = run.state.records
    assert first.status == "done" and first.ended == T0 + 12 * MIN
    assert first.used == 12 * MIN
    assert second.status == "running" and second.started == T0 + 12 * MIN


def test_next_on_the_last_item_opens_the_closing() -> None:
    run = make_run(10)
    run.start(T0)
    run.next(T0 + 9 * MIN)
    assert run.state.phase == "closing" and run.state.ended == T0 + 9 * MIN
    assert not run.next(T0 + 10 * MIN)


def test_next_before_the_start_starts() -> None:
    run = make_run(10)
    assert run.next(T0)
    assert run.state.phase == "running"


def test_manual_advance_lets_an_item_run_into_overtime() -> None:
    run = make_run(10, 10)
    run.start(T0)
    run.tick(T0 + 13 * MIN)
    assert run.state.current == 0
    assert run.remaining(T0 + 13 * MIN) == -3 * MIN


def test_auto_advances_at_the_exact_end_of_each_item() -> None:
    run = make_run(10, 5, 10, auto=True)
    run.start(T0)
    version = run.version
    assert run.tick(T0 + 17 * MIN)  # one tick can cross two item ends
    assert run.version > version  # so the view redraws the item and the log is saved
    records = run.state.records
    assert records[0].ended == T0 + 10 * MIN and records[1].ended == T0 + 15 * MIN
    assert run.state.current == 2 and records[2].used == 2 * MIN
    run.tick(T0 + 40 * MIN)
    assert run.state.phase == "closing" and run.state.ended == T0 + 25 * MIN


def test_previous_goes_back_and_keeps_the_time_as_the_earlier_item_s() -> None:
    run = make_run(10, 10, 10)
    run.start(T0)
    run.next(T0 + 10 * MIN)
    run.add(T0 + 11 * MIN)
    assert run.previous(T0 + 12 * MIN)
    first, second, _ = run.state.records
    assert run.state.current == 0 and first.status == "running" and first.ended is None
    assert first.used == 12 * MIN
    assert second.status == "pending" and second.started is None and second.used == 0
    assert second.added == 5  # minutes given to an item stay with it
    assert not run.previous(T0 + 13 * MIN)  # nothing before the first


def test_previous_passes_over_skipped_items() -> None:
    run = make_run(10, 10, 10)
    run.start(T0)
    run.skip_next(T0 + 1)
    run.next(T0 + 10 * MIN)
    assert run.state.current == 2
    run.previous(T0 + 11 * MIN)
    assert run.state.current == 0
    assert run.state.records[1].status == "skipped"


def test_pause_stops_the_item_s_clock() -> None:
    run = make_run(10, 10)
    run.start(T0)
    run.tick(T0 + 2 * MIN)
    assert run.toggle_pause(T0 + 2 * MIN)
    run.tick(T0 + 7 * MIN)
    assert run.used(0, T0 + 9 * MIN) == 2 * MIN
    assert run.toggle_pause(T0 + 9 * MIN)
    run.tick(T0 + 10 * MIN)
    record = run.state.records[0]
    assert record.used == 3 * MIN and record.paused == 7 * MIN
    assert [e.kind for e in run.state.events][-2:] == ["pause", "resume"]


def test_a_pause_pushes_the_later_items() -> None:
    run = make_run(10, 10)
    run.start(T0)
    run.toggle_pause(T0)
    projection = project(run, T0 + 5 * MIN)
    assert projection.placed[1].start == T0 + 15 * MIN
    assert projection.behind == 5 * MIN


def test_timeout_stops_the_clock_and_logs_the_note() -> None:
    run = make_run(20)
    run.start(T0)
    assert run.timeout(T0 + 5 * MIN)
    assert not run.timeout(T0 + 6 * MIN)
    assert not run.toggle_pause(T0 + 6 * MIN)  # space does not end a timeout
    run.tick(T0 + 10 * MIN)
    assert run.used(0, T0 + 12 * MIN) == 5 * MIN
    assert run.end_timeout(T0 + 12 * MIN, "  Talk about practice, not cases  ")
    assert run.state.events[-1].kind == "timeout_end"
    assert run.state.events[-1].note == "Talk about practice, not cases"
    assert run.remaining(T0 + 12 * MIN) == 15 * MIN
    assert run.state.records[0].timed_out == 7 * MIN and run.state.records[0].paused == 0
    assert not run.end_timeout(T0 + 13 * MIN)


def test_timeout_during_a_pause_turns_the_pause_into_a_timeout() -> None:
    run = make_run(20)
    run.start(T0)
    run.toggle_pause(T0 + MIN)
    assert run.timeout(T0 + 2 * MIN)
    assert run.state.pause == "timeout"


def test_add_and_take_five_minutes_never_below_zero() -> None:
    run = make_run(10, 10)
    run.start(T0)
    assert run.add(T0, 5)
    assert run.budget(0) == 15 * MIN
    assert run.add(T0, -5) and run.add(T0, -5) and run.add(T0, -5)
    assert run.budget(0) == 0
    assert not run.add(T0, -5)
    assert [e.minutes for e in run.state.events if e.kind == "add"] == [5, -5, -5, -5]


def test_added_minutes_push_the_later_items() -> None:
    run = make_run(10, 10)
    run.start(T0)
    run.add(T0)
    assert project(run, T0).placed[1].start == T0 + 15 * MIN


def test_skip_next_drops_the_next_item_and_next_jumps_over_it() -> None:
    run = make_run(10, 10, 10)
    run.start(T0)
    assert run.skip_next(T0)
    assert run.skip_next(T0)  # then the one after
    assert not run.skip_next(T0)
    run.next(T0 + 10 * MIN)
    assert run.state.phase == "closing"
    assert [r.status for r in run.state.records] == ["done", "skipped", "skipped"]


def test_end_stops_the_meeting_and_leaves_the_rest_unreached() -> None:
    run = make_run(10, 10, 10)
    run.start(T0)
    run.timeout(T0 + MIN)
    assert run.end(T0 + 4 * MIN)
    assert run.state.phase == "closing" and run.state.pause is None
    assert [r.status for r in run.state.records] == ["done", "pending", "pending"]
    assert not run.add(T0 + 5 * MIN)


def test_close_records_the_outcomes_and_agreements() -> None:
    run = make_run(10)
    run.start(T0)
    assert not run.close(T0, [True], "too early")
    run.end(T0 + 10 * MIN)
    assert run.close(T0 + 11 * MIN, [True], " Anna sends the notes ")
    assert run.state.closing is not None
    assert run.state.closing.reached == [True, False]  # one per desired outcome
    assert run.state.closing.notes == "Anna sends the notes"
    assert run.state.phase == "closed"


def test_a_clock_put_back_takes_no_time_away() -> None:
    run = make_run(10)
    run.start(T0)
    run.tick(T0 + 5 * MIN)
    run.tick(T0 + 3 * MIN)
    assert run.state.records[0].used == 5 * MIN


def test_commands_count_up_the_versions_only_when_something_changed() -> None:
    run = make_run(10)
    run.start(T0)
    version = run.version
    run.tick(T0 + MIN)
    assert run.version == version
    run.add(T0 + MIN)
    assert run.version == version + 1


def test_warning_levels_follow_the_share_left() -> None:
    assert warning_level(10 * MIN, 10 * MIN) == "calm"
    assert warning_level(2 * MIN, 10 * MIN) == "warning"
    assert warning_level(30, 10 * MIN) == "alert"
    assert warning_level(-1, 10 * MIN) == "overtime"


def test_a_rotation_knows_its_round_and_when_to_move() -> None:
    from facilkit.plans.model import Rotation
    from facilkit.run.rotation import rotation_now

    rotation = Rotation(groups=3, stations=3, round_minutes=10, move_minutes=2)
    first = rotation_now(rotation, 5 * MIN)
    assert first is not None and first.block.number == 1 and first.left == 5 * MIN
    assert first.block.stations == (1, 2, 3) and not first.move_now
    moving = rotation_now(rotation, 11 * MIN)
    assert moving is not None and moving.move_now and moving.left == MIN
    second = rotation_now(rotation, 13 * MIN)
    assert second is not None and second.block.number == 2 and second.block.stations == (2, 3, 1)
    no_move_minutes = Rotation(groups=2, stations=2, round_minutes=10)
    arrived = rotation_now(no_move_minutes, 10 * MIN + 5)
    assert arrived is not None and arrived.move_now and arrived.block.number == 2


def test_a_run_waits_for_its_planned_start_and_then_begins_by_itself() -> None:
    from facilkit.run.machine import new_run

    early = make_run(10)
    early.state.last = T0 - 5 * MIN  # opened five minutes before the planned start
    assert not early.tick(T0 - MIN)
    assert early.state.phase == "ready"
    assert early.tick(T0 + 20)
    assert early.state.records[0].started == T0  # exactly at the planned start
    late = Run(new_run(make_run(10).state.items, make_run(10).state.contract, T0, created=T0 + 600))
    assert late.tick(T0 + 601)
    assert late.state.records[0].started == T0 + 600  # opened late: starts when opened
