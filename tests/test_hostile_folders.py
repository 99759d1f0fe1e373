"""Folders a user, a sync tool or an attacker filled: every odd entry is reported and skipped.

Nothing here may hang: the CLI runs in a child process with a timeout, so a FIFO
that were opened would fail the test instead of blocking it.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilkit.library.loader import Folder, load_library
from facilkit.paths import Locations
from facilkit.plans.drafts import Drafts
from facilkit.plans.model import new_plan
from facilkit.plans.storage import list_plans, save_plan
from facilkit.walk import scan_folder
from tests.conftest import write_method

NON_UTF8 = os.fsdecode(b"caf\xe9.yaml")


def fill_with_odd_entries(folder: Path) -> dict[str, str]:
    """Every kind of odd entry, named like a YAML file; returns name -> expected words."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "gone.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / NON_UTF8).write_text("id: x\n", encoding="utf-8")
    return {
        "loop.yaml": "loop",
        "a.yaml": "loop",
        "b.yaml": "loop",
        "dangling.yaml": "link to nothing",
        "fifo.yaml": "FIFO",
        "folder.yaml": "is a folder",
        "caf\\xe9.yaml": "not valid UTF-8",
    }


def test_the_walk_reports_each_odd_entry_with_its_path(tmp_path: Path) -> None:
    expected = fill_with_odd_entries(tmp_path / "lib")
    write_method(tmp_path / "lib", "good")
    scan = scan_folder(tmp_path / "lib", (".yaml",), recursive=True)
    assert [Path(name).name for name, _ in scan.files] == ["good.yaml"]
    reported = {Path(problem.path).name: problem.message for problem in scan.skipped}
    assert set(reported) == set(expected)
    for name, words in expected.items():
        assert words in reported[name], (name, reported[name])


def test_a_symlink_loop_among_fifty_methods_drops_none(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    for number in range(50):
        write_method(folder, f"m{number:02d}")
    fill_with_odd_entries(folder)
    library = load_library([Folder(folder, "user")])
    assert len(library) == 50
    assert any("loop" in p.message and p.path.endswith("loop.yaml") for p in library.problems)


def run_cli(*args: str | bytes, home: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FACILKIT_HOME": str(home), "FACILKIT_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "facilkit", *args],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_methods_list_and_validate_never_hang_on_odd_entries(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    write_method(folder, "good")
    fill_with_odd_entries(folder)
    listed = run_cli("methods", "list", "--library", str(folder), home=tmp_path / "home")
    assert listed.returncode == 0 and b"good" in listed.stdout
    checked = run_cli("methods", "validate", str(folder), home=tmp_path / "home")
    assert b"Traceback" not in checked.stderr and b"fifo.yaml" in checked.stderr


def test_plan_list_never_hangs_and_names_what_it_skipped(tmp_path: Path) -> None:
    home = tmp_path / "home"
    save_plan(new_plan("Good plan"), home / "plans" / "good.yaml")
    fill_with_odd_entries(home / "plans")
    result = run_cli("plan", "list", home=home)
    assert result.returncode == 0, result.stderr
    assert b"Good plan" in result.stdout
    for name in (b"fifo.yaml", b"loop.yaml", b"dangling.yaml", b"folder.yaml"):
        assert name in result.stderr
    assert b"Traceback" not in result.stderr


def test_drafts_and_plans_folders_skip_odd_entries(tmp_path: Path) -> None:
    locations = Locations(home=tmp_path / "home", cache=tmp_path / "cache")
    fill_with_odd_entries(locations.drafts)
    fill_with_odd_entries(locations.plans)
    os.mkfifo(locations.drafts / "d1.target")
    save_plan(new_plan("Draft"), locations.drafts / "d1.yaml")
    assert [d.plan.title for d in Drafts(locations.drafts).pending()] == ["Draft"]
    assert list_plans(locations) == []


def test_an_unreadable_method_is_reported_and_the_rest_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI runs as root, and chmod does not stop root reading: the open is made to fail."""
    folder = tmp_path / "lib"
    secret = write_method(folder, "secret")
    write_method(folder, "open")
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(secret):  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, "Permission denied", str(secret))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    library = load_library([Folder(folder, "user")])
    assert "open" in library and "secret" not in library
    problem = next(p for p in library.problems if p.path == str(secret))
    assert "permission denied" in problem.message.lower() and "permissions" in problem.message
