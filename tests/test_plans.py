"""Plans: clock times, the schedule, station rotation and the checks."""

from __future__ import annotations

import pytest

from facilkit.i18n import plan_languages
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.checks import Finding, check_plan
from facilkit.plans.clock import ClockError, format_clock, parse_clock
from facilkit.plans.model import AgendaItem, Plan, Rotation, RotationBreak, new_plan
from facilkit.plans.schedule import rotation_minutes, rotation_rounds, schedule
from facilkit.plans.storage import PlanError, load_plan, parse_plan
from tests.test_export import EXAMPLES


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


@pytest.mark.parametrize(
    "text,minutes",
    [("9.00", 540), ("09:00", 540), ("9:00", 540), ("14.10", 850), ("14:15", 855), ("9", 540)],
)
def test_clock_forms(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["25:00", "9:60", "nine", "14.1", ""])
def test_bad_clock(text: str) -> None:
    with pytest.raises(ClockError):
        parse_clock(text)


def test_format_clock_wraps() -> None:
    assert format_clock(855) == "14:15" and format_clock(24 * 60 + 5) == "00:05"


def test_yaml_clock_values_read_as_written() -> None:
    plan, _ = parse_plan(
        "facilkit_plan: 1\ntitle: x\nstart: 14.10\nend: 16:00\nagenda:\n  - {title: Frokost, minutes: 30, at: 12.00}\n"
    )
    assert plan.start == "14.10" and plan.end == "16:00" and plan.agenda[0].at == "12.00"
    plan, _ = parse_plan("facilkit_plan: 1\ntitle: no\nstart: 9\nlanguage: nb\n")
    assert plan.start == "9" and plan.title == "no" and plan.language == "nb"


@pytest.mark.parametrize("code", ["no", "NO", "dk", "xx"])
def test_a_plan_language_that_is_not_one_gives_a_hint(code: str) -> None:
    """``language: no`` is read as text, then refused: bokmål or nynorsk? (issue 10)."""
    with pytest.raises(PlanError) as raised:
        parse_plan(f"facilkit_plan: 1\ntitle: x\nlanguage: {code}\n", "p.yaml")
    message = str(raised.value)
    assert message.startswith("p.yaml:3:11:")
    assert ("use nb (bokmål) or nn (nynorsk)" in message) == (code.lower() == "no")
    assert ", ".join(plan_languages()) in message or code.lower() == "no"


@pytest.mark.parametrize("code", ["da", "en", "nb", "nn", "sv"])
def test_every_plan_language_is_accepted(code: str) -> None:
    plan, _ = parse_plan(f"facilkit_plan: 1\ntitle: x\nlanguage: {code}\n")
    assert plan.language == code


def item(minutes: int, **kwargs: object) -> AgendaItem:
    return AgendaItem(minutes=minutes, **kwargs)  # type: ignore[arg-type]


def make(agenda: list[AgendaItem], start: str = "09:00", end: str = "", **kwargs: object) -> Plan:
    plan = new_plan("Test")
    plan.start, plan.end, plan.agenda = start, end, agenda
    plan.intention, plan.desired_outcomes = "why", ["what"]
    for key, value in kwargs.items():
        setattr(plan, key, value)
    return plan


def test_schedule_clock_times_and_slack() -> None:
    plan = make([item(10, title="a"), item(15, title="b"), item(20, title="c")], "9.00", "10:00")
    result = schedule(plan)
    assert [(format_clock(s.start), format_clock(s.end)) for s in result.slots] == [
        ("09:00", "09:10"),
        ("09:10", "09:25"),
        ("09:25", "09:45"),
    ]
    assert result.total == 45 and result.slack == 15


def test_pinned_item_starts_at_its_time_with_slack_before() -> None:
    plan = make(
        [
            item(100, title="a"),
            item(30, title="Frokost", kind="lunch", at="12.00"),
            item(10, title="b"),
        ]
    )
    slots = schedule(plan).slots
    assert format_clock(slots[1].start) == "12:00" and slots[1].slack_before == 80
    assert format_clock(slots[2].start) == "12:30"


def test_pinned_item_that_cannot_be_reached_is_an_error(library: Library) -> None:
    plan = make(
        [item(200, title="a"), item(30, title="Frokost", kind="lunch", at="11:00")], end="13:00"
    )
    slot = schedule(plan).slots[1]
    assert slot.late_by == 80 and format_clock(slot.start) == "12:20"
    codes = {f.code: f.severity for f in check_plan(plan, library)}
    assert codes["pinned_late"] == "error"


SEED_000 = Rotation(
    groups=5,
    stations=7,
    round_minutes=15,
    move_minutes=5,
    breaks=[RotationBreak(after_round=4, minutes=15)],
    finale_minutes=15,
)


def test_seed_000_rotation_is_computed_without_drift() -> None:
    rounds = rotation_rounds(SEED_000, parse_clock("14:15"))
    spans = [(r.kind, format_clock(r.start), format_clock(r.end)) for r in rounds]
    assert spans[3] == ("round", "15:15", "15:35")  # the seed wrote 15.30
    assert spans[4] == ("break", "15:35", "15:50")
    assert spans[7] == ("round", "16:30", "16:50")
    assert spans[8] == ("finale", "16:50", "17:05")
    assert rotation_minutes(SEED_000) == 170


@pytest.mark.parametrize("groups,stations", [(5, 7), (7, 7), (3, 4), (1, 1)])
def test_every_group_visits_every_station_once(groups: int, stations: int) -> None:
    rotation = Rotation(groups=groups, stations=stations, round_minutes=10)
    rounds = [r for r in rotation_rounds(rotation, 0) if r.kind == "round"]
    assert len(rounds) == stations
    for group in range(groups):
        assert sorted(r.stations[group] for r in rounds) == list(range(1, stations + 1))
    for r in rounds:  # no two groups at one station in a round
        assert len(set(r.stations)) == groups


def test_rotation_item_takes_its_minutes_from_the_rounds(library: Library) -> None:
    plan = make(
        [AgendaItem(method="station-rotation", rotation=SEED_000, minutes=160)],
        "14:15",
        "17:05",
        participants=25,
    )
    result = schedule(plan, library)
    assert result.total == 170 and result.slack == 0
    findings = {f.code for f in check_plan(plan, library)}
    assert "rotation_minutes" in findings


def test_rotation_with_more_groups_than_stations_is_an_error(library: Library) -> None:
    rotation = Rotation(groups=8, stations=7, round_minutes=10)
    plan = make([AgendaItem(method="station-rotation", rotation=rotation)], participants=25)
    assert ("rotation_groups", "error") in {(f.code, f.severity) for f in check_plan(plan, library)}


def codes(findings: list[Finding]) -> dict[str, str]:
    return {f.code: f.severity for f in findings}


def test_overrun_is_an_error_and_slack_a_hint(library: Library) -> None:
    assert (
        codes(check_plan(make([item(70, title="a")], "9:00", "10:00"), library))["overrun"]
        == "error"
    )
    assert (
        codes(check_plan(make([item(50, title="a")], "9:00", "10:00"), library))["slack"] == "hint"
    )
    found = codes(check_plan(make([item(60, title="a")], "9:00", "10:00"), library))
    assert "overrun" not in found and "slack" not in found


def test_minutes_against_method_duration(library: Library) -> None:
    plan = make([item(3, method="check-in"), item(60, method="check-out")])
    found = codes(check_plan(plan, library))
    assert found["too_short"] == "warning" and found["too_long"] == "warning"


def test_close_before_open_and_open_never_closed(library: Library) -> None:
    found = codes(
        check_plan(make([item(10, method="check-out"), item(10, method="check-in")]), library)
    )
    assert found["close_first"] == "warning" and found["never_closed"] == "warning"
    fine = codes(
        check_plan(make([item(10, method="check-in"), item(10, method="check-out")]), library)
    )
    assert "close_first" not in fine and "never_closed" not in fine


def test_ninety_minutes_without_break(library: Library) -> None:
    long_plan = make([item(60, title="a"), item(40, title="b")])
    assert codes(check_plan(long_plan, library))["no_break"] == "warning"
    with_break = make(
        [item(60, title="a"), item(10, title="Pause", kind="break"), item(40, title="b")]
    )
    assert "no_break" not in codes(check_plan(with_break, library))


def test_participants_against_group_size(library: Library) -> None:
    plan = make([item(15, method="ugu")], participants=12)
    assert codes(check_plan(plan, library))["too_many"] == "warning"


def test_unknown_method_is_error_but_plan_schedules(library: Library) -> None:
    plan = make([item(15, method="no-such-method"), item(10, title="b")])
    assert codes(check_plan(plan, library))["unknown_method"] == "error"
    assert schedule(plan, library).total == 25


def test_missing_intention_and_outcome(library: Library) -> None:
    plan = make([item(10, title="a")])
    plan.intention, plan.desired_outcomes = "", []
    found = codes(check_plan(plan, library))
    assert found["no_intention"] == "warning" and found["no_outcome"] == "warning"


def test_messages_in_both_languages(library: Library) -> None:
    (finding,) = [
        f
        for f in check_plan(make([item(70, title="a")], "9:00", "10:00"), library)
        if f.code == "overrun"
    ]
    assert "10 min" in finding.message("en") and "after the end time" in finding.message("en")
    assert "efter sluttidspunktet" in finding.message("da")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_examples_have_no_errors(name: str, library: Library) -> None:
    plan = load_plan(EXAMPLES[name])
    assert [f.message("en") for f in check_plan(plan, library) if f.severity == "error"] == []
