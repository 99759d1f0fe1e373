"""The run log beside the plan, and the report of planned against actual."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.storage import plan_from_template
from facilkit.run.clock import clock_of
from facilkit.run.items import contract_of, run_items
from facilkit.run.log import (
    RunLogError,
    load_run,
    new_run_path,
    run_paths,
    run_to_text,
    save_run,
    unfinished_run,
)
from facilkit.run.machine import Run, new_run
from facilkit.run.report import report_markdown
from tests.run_helpers import T0, make_run

MIN = 60.0


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


def test_the_log_reads_back_exactly(tmp_path: Path) -> None:
    run = make_run(10, 20, 30, pinned={2: 40})
    run.start(T0 + 0.123456)
    run.timeout(T0 + MIN)
    run.end_timeout(T0 + 2 * MIN, "We: keep to practice [not cases]\nno: 14:15")
    run.add(T0 + 3 * MIN)
    path = tmp_path / "p.runs" / "run-001.json"
    save_run(run.state, path)
    again = load_run(path)
    assert run_to_text(again) == run_to_text(run.state)
    assert again.events[-2].note == "We: keep to practice [not cases]\nno: 14:15"
    assert again.items[2].pinned == 40


def test_runs_are_numbered_beside_the_plan_and_not_listed_as_plans(tmp_path: Path) -> None:
    plan = tmp_path / "meeting.yaml"
    plan.write_text("facilkit_plan: 1\ntitle: x\n", encoding="utf-8")
    assert new_run_path(plan) == tmp_path / "meeting.runs" / "run-001.json"
    save_run(make_run(5).state, new_run_path(plan))
    save_run(make_run(5).state, new_run_path(plan))
    assert [p.name for p in run_paths(plan)] == ["run-001.json", "run-002.json"]
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["meeting.yaml"]


def test_an_unfinished_run_is_offered_and_a_closed_one_is_not(tmp_path: Path) -> None:
    plan = tmp_path / "meeting.yaml"
    run = make_run(10)
    run.start(T0)
    path = new_run_path(plan)
    save_run(run.state, path)
    found = unfinished_run(plan)
    assert found is not None and found[0] == path
    run.end(T0 + MIN)
    run.close(T0 + 2 * MIN, [True, True], "")
    save_run(run.state, path)
    assert unfinished_run(plan) is None


def test_a_broken_log_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "run-001.json"
    text = run_to_text(make_run(10).state).replace('"minutes": 10', '"minutes": "ten"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RunLogError, match=r"run-001\.json:\d+:\d+: .*Expected `int`"):
        load_run(path)
    path.write_text('{"facilkit_run": 1,\n "items": [\n', encoding="utf-8")
    with pytest.raises(RunLogError, match=r"run-001\.json:3:1: "):
        load_run(path)
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(RunLogError, match="not a facilkit run log"):
        load_run(path)
    path.write_text('{"facilkit_run": 99}', encoding="utf-8")
    with pytest.raises(RunLogError, match="newer facilkit"):
        load_run(path)


def test_a_broken_latest_log_is_not_offered_for_resume(tmp_path: Path) -> None:
    plan = tmp_path / "m.yaml"
    path = new_run_path(plan)
    path.parent.mkdir()
    path.write_text('{"facilkit_run": [', encoding="utf-8")
    assert unfinished_run(plan) is None


def test_the_learning_group_plan_becomes_run_items(library: Library) -> None:
    plan = plan_from_template("learning-group", "Læringsgruppe")
    items = run_items(plan, library)
    assert [i.minutes for i in items] == [5, 10, 20, 15, 10, 15, 10, 5]
    assert items[1].title == library.get("check-in").name_in("da")  # type: ignore[union-attr]
    assert items[4].is_break and items[4].min_minutes is None
    assert items[2].min_minutes is not None and items[2].min_minutes <= 20
    contract = contract_of(plan)
    assert contract.end == 90 and contract.desired_outcomes and contract.rules


def _finished_run(library: Library) -> Run:
    plan = plan_from_template("learning-group", "Gruppe | 3 <b>")
    plan.language = "en"
    run = Run(new_run(run_items(plan, library), contract_of(plan), T0))
    now = T0
    run.start(now)
    for minutes in (5, 12):
        now += minutes * MIN
        run.next(now)
    run.timeout(now + 2 * MIN)
    run.end_timeout(now + 5 * MIN, "Back | to *practice*")
    run.add(now + 5 * MIN)
    now += 25 * MIN
    run.next(now)
    run.skip_next(now)
    now += 10 * MIN
    run.end(now)
    run.close(now + MIN, [True], "Anna mails the notes\n# not a heading")
    return run


def test_the_report_shows_planned_against_actual(library: Library) -> None:
    run = _finished_run(library)
    text = report_markdown(run.state, 3)
    heading = text.splitlines()[0]
    assert heading == "# Gruppe \\| 3 \\<b\\>: planned and actual"
    assert heading.count(":") == 1
    assert "Run 3" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 8 + 1  # header, rule, eight items, the total
    assert f"| 2 | Check-in | {clock_of(T0 + 5 * MIN)}–{clock_of(T0 + 15 * MIN)} (10) |" in text
    assert f"{clock_of(T0 + 5 * MIN)}–{clock_of(T0 + 17 * MIN)} (12) | +2 |" in text
    assert "+5 min" in text and "Timeout 3 min" in text and "paused" not in text
    assert "skipped" in text and "not reached" in text
    assert "Back \\| to \\*practice\\*" in text
    assert "- [x] " in text and "(reached)" in text
    assert "\\# not a heading" in text
    html = MarkdownIt().enable("table").render(text)
    assert "<b>" not in html and html.count("<tr>") == 10


def test_the_report_speaks_the_plan_s_language(library: Library) -> None:
    run = _finished_run(library)
    run.state.contract.language = "da"
    text = report_markdown(run.state, 1)
    assert text.startswith("# Gruppe \\| 3 \\<b\\>: planlagt og faktisk\n")
    assert "sprunget over" in text and "Aftaler og opfølgning" in text


def test_format_1_logs_still_read_and_a_newer_one_says_to_update(tmp_path: Path) -> None:
    path = tmp_path / "m.runs" / "run-001.json"
    run = make_run(10, 20)
    run.start(T0)
    save_run(run.state, path)
    old = run_to_text(run.state).replace('"facilkit_run": 2', '"facilkit_run": 1')
    assert '"facilkit_run": 1' in old
    path.write_text(old, encoding="utf-8")
    state = load_run(path)
    assert (state.facilkit_run, state.current) == (2, 0)  # saved back as format 2
    run.state.owner = "host:123"
    assert run.skip_next(T0 + MIN) and run.unskip(T0 + 2 * MIN)
    save_run(run.state, path)
    back = load_run(path)
    assert back.owner == "host:123" and back.events[-1].kind == "unskip"  # format 2 reads back
    path.write_text(run_to_text(run.state).replace('"facilkit_run": 2', '"facilkit_run": 3'))
    with pytest.raises(RunLogError, match=r"run-001\.json: written by a newer facilkit.*update"):
        load_run(path)


def test_without_pseudo_terminals_the_helpers_import_and_the_process_tests_skip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib
    import sys

    for name in ("fcntl", "termios"):  # as on Windows
        monkeypatch.setitem(sys.modules, name, None)
    for name in ("tests.run_helpers", "tests.test_run_follow_processes"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert importlib.import_module("tests.run_helpers").T0 == T0
    with pytest.raises(pytest.skip.Exception):
        importlib.import_module("tests.test_run_follow_processes")
