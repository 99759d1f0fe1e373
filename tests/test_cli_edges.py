"""The CLI's edges as a user meets them: empty folders, closed pipes, bad bytes, bad disks, bugs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import facilkit.cli_plan
from tests.test_cli_methods import run


def cli(*args: str | bytes, home: Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FACILKIT_HOME": str(home), "FACILKIT_LANG": "en"}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "facilkit", *args],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
        **options,
    )


def test_validate_of_a_folder_without_method_files_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("not a method", encoding="utf-8")
    code, out, err = run(capsys, "methods", "validate", str(tmp_path))
    assert code == 1 and "holds no method files" in err and str(tmp_path) in err
    assert "0 methods checked" not in out


def test_a_closed_stdout_ends_quietly_with_exit_1(tmp_path: Path) -> None:
    closed = subprocess.run(
        f"{sys.executable} -m facilkit methods list >&-",
        shell=True,
        env={**os.environ, "FACILKIT_HOME": str(tmp_path)},
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert closed.returncode == 1 and closed.stderr == b""


def test_a_pipe_closed_by_the_reader_ends_quietly_with_exit_1(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "facilkit", "methods", "list"],
        env={**os.environ, "FACILKIT_HOME": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `| head -0`
    code = child.wait(timeout=60)
    assert code == 1 and child.stderr.read() == b""


def test_a_title_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    result = cli(b"plan", b"new", b"M\xf8de i Latin-1", home=tmp_path / "home")
    assert result.returncode == 2
    line = result.stderr.decode()
    assert "not valid UTF-8" in line and "M\\xf8de" in line and line.count("\n") == 1
    assert not (tmp_path / "home" / "plans").exists() or not list(
        (tmp_path / "home" / "plans").iterdir()
    )


@pytest.mark.parametrize("case", ["home_under_file", "plans_is_file", "methods_dir_is_file"])
def test_unusable_folders_give_one_line_naming_the_path(case: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    args: tuple[str, ...] = ("plan", "new", "Møde")
    if case == "home_under_file":
        (tmp_path / "afile").write_text("x", encoding="utf-8")
        home = tmp_path / "afile" / "home"
        blocker = tmp_path / "afile"
    elif case == "plans_is_file":
        home.mkdir()
        blocker = home / "plans"
        blocker.write_text("x", encoding="utf-8")
    else:
        blocker = tmp_path / "notadir"
        blocker.write_text("x", encoding="utf-8")
        args = ("methods", "new", "my-method", "--dir", str(blocker / "sub"))
    result = cli(*args, home=home)
    err = result.stderr.decode()
    assert result.returncode == 1 and err.count("\n") == 1, err
    assert str(blocker) in err and "is a file, not a folder" in err and "Traceback" not in err


def test_a_full_disk_on_plan_new_is_one_line_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, out, err = run(capsys, "plan", "new", "Full")
    assert code == 1 and out == "" and err.count("\n") == 1 and "disk is full" in err
    assert list((isolated_home / "plans").iterdir()) == []  # the reserved name is given back


def test_a_bug_writes_a_crash_log_and_says_where(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(facilkit.cli_plan, "cmd_plan_list", bug)
    code, _, err = run(capsys, "plan", "list")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    logs = list((isolated_home / "state" / "crash").iterdir())
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a bug" in text
