"""Saving and finding plans: atomic, backed up, safe names, clear errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilkit.errors import StorageError
from facilkit.paths import Locations
from facilkit.plans.model import AgendaItem, new_plan
from facilkit.plans.storage import (
    PlanError,
    list_plans,
    load_plan,
    new_plan_path,
    plan_from_template,
    plan_to_yaml,
    resolve_plan,
    save_plan,
    slugify,
    templates,
)


@pytest.fixture
def locations(isolated_home: Path) -> Locations:
    return Locations.from_env()


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    plan = new_plan("Møde: no, 14:15 & 'quotes' # hash")
    plan.start, plan.end, plan.language, plan.location = "14:15", "16.00", "nb", "no"
    plan.desired_outcomes = ["yes", "  leading"]
    plan.agenda = [
        AgendaItem(method="check-in", minutes=10, notes="line1\nline2"),
        AgendaItem(title="Frokost", kind="lunch", minutes=30, at="12:00"),
    ]
    plan.roles = {"facilitator": "Ørjan", "note-taker": ""}
    path = tmp_path / "p.yaml"
    save_plan(plan, path)
    assert load_plan(path) == plan


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Læringsmøde 3/12", "laeringsmoede-3-12"),
        ("Åbent møde – Østerbro", "aabent-moede-oesterbro"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "plan"),
        ("", "plan"),
        ("CON", "con-plan"),
        ("lpt1", "lpt1-plan"),
        ("C:\\Windows\\x", "c-windows-x"),
        ("😀" * 3, "grinning-grinning-grinning"),
        ("a" * 200, "a" * 60),
    ],
)
def test_slugify_is_safe(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_hostile_titles_stay_inside_plans_folder(locations: Locations) -> None:
    for title in ("../../escape", "/abs/path", "..", "nul", "a/../../b"):
        path = new_plan_path(title, locations)
        assert path.resolve().parent == locations.plans.resolve()


def test_two_titles_with_one_slug_do_not_overwrite(locations: Locations) -> None:
    first = new_plan_path("Møde", locations)
    second = new_plan_path("møde", locations)
    assert first != second and second.name == "moede-2.yaml"


def test_first_save_of_a_new_plan_leaves_no_backup(locations: Locations) -> None:
    path = new_plan_path("Ny", locations)
    save_plan(new_plan("Ny"), path)
    assert not path.with_name(path.name + ".bak").exists()


def test_save_keeps_backup(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    save_plan(new_plan("first"), path)
    save_plan(new_plan("second"), path)
    assert load_plan(path).title == "second"
    assert load_plan(path.with_name("p.yaml.bak")).title == "first"


def test_save_killed_in_the_middle_leaves_old_plan(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    save_plan(new_plan("before"), path)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from facilkit.plans.model import new_plan
        from facilkit.plans import storage
        def killed(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace = killed
        storage.save_plan(new_plan("after " * 5000), Path({str(path)!r}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode != 0
    assert load_plan(path).title == "before"
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["p.yaml"]


def test_failed_save_removes_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.yaml"
    save_plan(new_plan("before"), path)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("facilkit.atomic.os.fsync", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        save_plan(new_plan("after"), path)
    assert load_plan(path).title == "before"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".facilkit-tmp")] == []


def test_newer_format_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "future.yaml"
    original = "facilkit_plan: 2\ntitle: From the future\nhologram: true\n"
    path.write_text(original, encoding="utf-8")
    with pytest.raises(PlanError, match="newer facilkit"):
        load_plan(path)
    with pytest.raises(PlanError, match="not overwritten"):
        save_plan(new_plan("x"), path)
    assert path.read_text(encoding="utf-8") == original


@pytest.mark.parametrize(
    "text,expected",
    [
        ("facilkit_plan: 1\ntitle: [unclosed\n", "on line 2"),
        ("title: no version\n", "facilkit_plan: 1"),
        (
            "facilkit_plan: 1\ntitle: x\nagenda:\n  - minutes: ten\n",
            ":4:14: agenda.0.minutes: expected a whole number",
        ),
        ("facilkit_plan: 1\ntitle: x\ntitle: y\n", "duplicate key"),
        ("- a list\n", "must be a mapping"),
    ],
)
def test_corrupt_plans_give_clear_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert str(path) in str(caught.value) and expected in str(caught.value)


def test_written_yaml_is_readable_by_people() -> None:
    plan = new_plan("Møde")
    plan.agenda = [AgendaItem(method="check-in", minutes=10)]
    text = plan_to_yaml(plan)
    assert text.startswith("facilkit_plan: 1\ntitle: Møde\n")
    assert "start: '09:00'" in text and "- method: check-in\n  minutes: 10\n" in text


def test_resolve_by_path_name_or_title(locations: Locations, tmp_path: Path) -> None:
    path = new_plan_path("Læringsmøde", locations)
    save_plan(new_plan("Læringsmøde"), path)
    assert resolve_plan(str(path), locations) == path
    assert resolve_plan("laeringsmoede", locations) == path
    assert resolve_plan("laeringsmoede.yaml", locations) == path
    assert resolve_plan("Læringsmøde", locations) == path
    with pytest.raises(PlanError, match="laeringsmoede"):
        resolve_plan("nothing", locations)
    with pytest.raises(PlanError):
        resolve_plan("../home/plans/laeringsmoede", locations)


def test_list_plans_survives_a_corrupt_file(locations: Locations) -> None:
    save_plan(new_plan("Good"), new_plan_path("Good", locations))
    (locations.plans / "broken.yaml").write_text("facilkit_plan: [", encoding="utf-8")
    assert {p.title for p in list_plans(locations)} == {"Good", "broken"}


def test_templates_ship_and_load() -> None:
    assert {"blank", "learning-group", "station-rotation"} <= set(templates())
    for name in templates():
        assert plan_from_template(name, "T").title == "T"


def test_a_plan_file_that_became_unreadable_is_named_in_the_reader_s_language(
    tmp_path: Path,
) -> None:
    """Between opening and saving, the file grew past 1 MiB, or a folder took its place:
    the save's error is worded by the catalogues, not an English OSError text."""
    from facilkit.errors import storage_error
    from facilkit.plans.storage import read_current

    too_big = tmp_path / "plan.yaml"
    too_big.write_text("facilkit_plan: 1\n" + "#" * (2 * 1024 * 1024), encoding="utf-8")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for path, danish in ((too_big, "over grænsen på 1 MiB"), (folder, "ikke er en planfil")):
        with pytest.raises(OSError) as raised:
            read_current(path)
        error = storage_error(raised.value)
        assert danish in error.text("da")
        assert error.path == str(path)
