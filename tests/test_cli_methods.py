"""`facilkit methods ...` as a user types it, with its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilkit.cli import main
from tests.conftest import METHOD_YAML, write_method


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "methods", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 20
    assert {"id", "name", "category", "process", "duration", "group_size", "path"} <= set(rows[0])


def test_list_filters_and_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "methods", "list", "--json", "--process", "close", "--lang", "da")
    rows = json.loads(out)
    assert code == 0 and rows
    assert all(row["process"] in ("close", "both") for row in rows)
    check_out = [row for row in rows if row["id"] == "check-out"]
    assert check_out and check_out[0]["name"] == "Tjek ud og evaluering"
    code, out, _ = run(capsys, "methods", "list", "--search", "ugu", "--category", "sparring")
    assert code == 0 and "ugu" in out and "check-in" not in out


def test_show_prints_card(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "methods", "show", "ugu", "--lang", "da")
    assert code == 0
    assert out.startswith("# UGU – undersøg, giv, undersøg")
    assert "Hvad er din udfordring?" in out and "Rosdahl" in out


def test_show_unknown_id_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "methods", "show", "check")
    assert code == 2 and "no method 'check'" in err and "check-in" in err


def test_usage_error_is_one_line_with_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "methods", "frobnicate")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--help" in err


def test_missing_library_folder_is_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "methods", "list", "--library", str(tmp_path / "nope"))
    assert code == 2 and "no such folder" in err


def test_validate_builtin_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "methods", "validate")
    assert code == 0, err
    assert "0 problems" in out


def test_validate_reports_problems_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_method(tmp_path, "good")
    write_method(
        tmp_path, "bad", METHOD_YAML.format(id="bad").replace("process: open", "process: opn")
    )
    code, _, err = run(capsys, "methods", "validate", str(tmp_path))
    assert code == 1
    assert f"{tmp_path}/bad.yaml:5:10: process" in err
    code, _, err = run(capsys, "methods", "validate", str(tmp_path / "good.yaml"))
    assert code == 0


def test_validate_missing_path_is_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(capsys, "methods", "validate", str(tmp_path / "ghost.yaml"))
    assert code == 2


def test_new_writes_a_valid_file_and_refuses_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "methods", "new", "my-method", "--dir", str(tmp_path))
    assert code == 0 and out.strip() == str(tmp_path / "my-method.yaml")
    assert "#" in (tmp_path / "my-method.yaml").read_text(encoding="utf-8")
    code, _, err = run(capsys, "methods", "validate", str(tmp_path))
    assert code == 0, err
    code, _, err = run(capsys, "methods", "new", "my-method", "--dir", str(tmp_path))
    assert code == 1 and "already exists" in err
    code, _, err = run(capsys, "methods", "new", "Bad Id", "--dir", str(tmp_path))
    assert code == 2 and "not a valid id" in err


def test_trainer_flow_new_method_in_own_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "our-methods"
    run(capsys, "methods", "new", "walk-and-talk", "--dir", str(folder))
    _code, out, _ = run(capsys, "methods", "list", "--json", "--library", str(folder))
    row = next(r for r in json.loads(out) if r["id"] == "walk-and-talk")
    assert row["origin"] == "user" and row["path"] == str(folder / "walk-and-talk.yaml")


def test_new_defaults_to_user_folder(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    code, out, _ = run(capsys, "methods", "new", "mine")
    assert code == 0 and out.strip() == str(isolated_home / "methods" / "mine.yaml")
    code, out, _ = run(capsys, "methods", "list")
    assert "+ mine" in out


def test_broken_user_file_is_reported_and_rest_lists(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    write_method(isolated_home / "methods", "broken", "id: broken\n\tname: x\n")
    code, out, err = run(capsys, "methods", "list")
    assert code == 0 and "ugu" in out
    assert "broken.yaml:2:1: a tab is not allowed" in err


def test_override_notice_in_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_method(tmp_path, "ugu")
    code, _, err = run(capsys, "methods", "validate", "--library", str(tmp_path))
    assert code == 0 and "notice: method 'ugu' overrides" in err


def test_python_dash_m_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facilkit", "methods", "show", "check-in", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("# Check-in")
