"""The templates written from the source documents: agenda, timings, methods, every language."""

from __future__ import annotations

import json

import pytest

from facilkit.cli import main
from facilkit.i18n import ui_languages
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.checks import check_plan
from facilkit.plans.clock import format_clock
from facilkit.plans.schedule import schedule
from facilkit.plans.template import plan_from_template, templates

SOURCE_TEMPLATES = (
    "first-plan",
    "new-colleagues",
    "theme-day",
    "keep-the-pot-boiling",
    "station-rotation-afternoon",
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


def clock_times(name: str, library: Library, lang: str = "en") -> list[str]:
    plan_schedule = schedule(plan_from_template(name, lang=lang), library)
    return [format_clock(slot.start) for slot in plan_schedule.slots] + [
        format_clock(plan_schedule.end)
    ]


def methods_of(name: str) -> list[tuple[str | None, str | None]]:
    plan = plan_from_template(name, lang="en")
    return [(item.method, item.variant) for item in plan.agenda if item.method]


def test_the_source_templates_are_shipped() -> None:
    assert set(SOURCE_TEMPLATES) <= set(templates())


@pytest.mark.parametrize("lang", ui_languages())
@pytest.mark.parametrize("name", sorted(templates()))
def test_every_template_makes_a_plan_without_errors_in_every_language(
    name: str, lang: str, library: Library
) -> None:
    plan = plan_from_template(name, lang=lang)
    assert plan.language == lang and plan.title.strip()
    errors = [f.message(lang) for f in check_plan(plan, library, lang) if f.severity == "error"]
    assert errors == []
    for item in plan.agenda:
        if item.method:
            method = library.get(item.method)
            assert method is not None, item.method
            assert item.variant is None or method.find_variant(item.variant) is not None


@pytest.mark.parametrize("name", SOURCE_TEMPLATES)
def test_a_source_template_reads_differently_in_each_language(name: str) -> None:
    intentions = {lang: plan_from_template(name, lang=lang).intention for lang in ui_languages()}
    assert len(set(intentions.values())) == len(intentions)
    notes = {
        lang: [item.notes for item in plan_from_template(name, lang=lang).agenda]
        for lang in ("da", "en")
    }
    assert notes["da"] != notes["en"]


@pytest.mark.parametrize("name", SOURCE_TEMPLATES[:4])
def test_the_meeting_templates_have_no_warnings(name: str, library: Library) -> None:
    plan = plan_from_template(name, lang="da")
    assert [f.message("en") for f in check_plan(plan, library, "en")] == []


def test_first_plan_ends_with_the_milestone_plan_and_the_first_step(library: Library) -> None:
    assert methods_of("first-plan") == [("check-in", None), ("milestone-plan", None)]
    assert clock_times("first-plan", library) == [
        "14:45", "14:55", "15:10", "15:45", "15:55", "16:00",
    ]  # fmt: skip
    plan = plan_from_template("first-plan", lang="da")
    milestone = next(item for item in plan.agenda if item.method == "milestone-plan")
    assert "projektperioden" in milestone.notes and "det næste år" in milestone.notes


def test_new_colleagues_has_the_course_s_ways_in(library: Library) -> None:
    assert methods_of("new-colleagues") == [
        ("check-in", None),
        ("learning-contract", None),
        ("collegial-observation", None),
    ]
    plan = plan_from_template("new-colleagues", lang="en")
    text = " ".join(f"{item.title} {item.notes}" for item in plan.agenda)
    for practice in (
        "Introduction to the project",
        "reads in the handbook",
        "Reflection together",
        "unlearned",
        "Observation A",
        "observation B",
        "sparring",
        "learning group",
    ):
        assert practice in text, practice
    for kind in ("theory", "action learning", "apprenticeship"):
        assert kind in text, kind


def test_theme_day_runs_nine_to_three_with_the_planning_questions(library: Library) -> None:
    assert clock_times("theme-day", library) == [
        "09:00", "09:15", "09:30", "10:15", "10:30", "11:30", "12:15", "13:15", "13:30", "14:45",
        "15:00",
    ]  # fmt: skip
    assert methods_of("theme-day") == [("quick-conversations", None), ("round-table", None)]
    plan = plan_from_template("theme-day", lang="en")
    questions = " ".join([*plan.desired_outcomes, *plan.rules])
    for asked in (
        "Desired result",
        "MUST, SHOULD and CAN",
        "anchor person",
        "meeting leader",
        "resource person",
        "Time and place",
        "Critical factors",
    ):
        assert asked in questions, asked
    assert plan.agenda[0].responsible.startswith("Anchor person")


def test_keep_the_pot_boiling_names_every_kind_of_focus(library: Library) -> None:
    assert ("group-reflection", "groups") in methods_of("keep-the-pot-boiling")
    assert ("nudging", None) in methods_of("keep-the-pot-boiling")
    plan = plan_from_template("keep-the-pot-boiling", lang="en")
    focus = next(item for item in plan.agenda if item.title == "Today's focus")
    for kind in (
        "one tool",
        "literature",
        "video",
        "key figures",
        "focus groups with citizens",
        "theme day with guests",
    ):
        assert kind in focus.notes, kind


def test_station_rotation_afternoon_has_the_run_plan_s_real_timings(library: Library) -> None:
    plan = plan_from_template("station-rotation-afternoon", lang="nb")
    plan_schedule = schedule(plan, library)
    rotation_slot = plan_schedule.slots[3]
    assert format_clock(rotation_slot.start) == "14:15"
    blocks = [(b.kind, format_clock(b.start), format_clock(b.end)) for b in rotation_slot.rounds]
    assert blocks[3:6] == [
        ("round", "15:15", "15:35"),
        ("break", "15:35", "15:50"),
        ("round", "15:50", "16:10"),
    ]
    assert blocks[-1] == ("finale", "16:50", "17:05")
    assert format_clock(plan_schedule.end) == plan.end == "17:05"
    rotation = plan.agenda[3].rotation
    assert rotation is not None and len(rotation.themes) == 7
    assert rotation.themes[0].title == "Målgruppe"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_plan_templates_lists_id_name_minutes_and_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(capsys, "plan", "templates", "--json", "--lang", "sv")
    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0 and set(SOURCE_TEMPLATES) <= set(rows)
    assert rows["theme-day"] == {
        "id": "theme-day",
        "name": "Temadag (09:00–15:00)",
        "minutes": 360,
        "start": "09:00",
        "end": "15:00",
        "language": "sv",
        "languages": ["da", "en", "nb", "sv"],
    }
    assert rows["station-rotation-afternoon"]["minutes"] == 185
    code, out = run(capsys, "plan", "templates", "--lang", "en")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(rows)
    assert any(
        line.startswith("first-plan")
        and "75 min" in line
        and "My first plan as a key person" in line
        for line in lines
    )
