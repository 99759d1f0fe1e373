"""Nothing needs POSIX without a guard: each guard tested with the platform's behaviour patched.

Windows cannot open a folder to fsync it, ``os.kill(pid, 0)`` there ends the
process instead of asking after it, and some file systems (FAT, network shares)
or Python builds have no hard links. A scan of the package keeps new POSIX-only
calls out unless they are added here with a guard and a test.
"""

from __future__ import annotations

import ast
import errno
import os
import time
from pathlib import Path

import pytest

from facilkit import atomic
from facilkit.atomic import TEMP_SUFFIX, backup_path, sweep_temp_files, write_atomic

PACKAGE = Path(atomic.__file__).resolve().parent

POSIX_ONLY = {
    "os.kill": "atomic._alive (skipped on Windows, where it would end the process)",
    "os.link": "atomic._link_old_version (looked up with getattr; copies when it fails)",
    "os.fsync": "atomic: on files always; on a folder only in fsync_folder, skipped on Windows",
    "os.getuid": "",
    "os.geteuid": "",
    "os.chown": "",
    "os.getpgid": "",
    "os.killpg": "",
    "os.setsid": "",
    "os.fork": "",
}
"""Calls that fail or do harm off POSIX, with where each is guarded (empty: never allowed)."""
POSIX_MODULES = {"signal", "fcntl", "termios", "pwd", "grp", "resource", "tty", "pty"}


def test_posix_only_calls_and_modules_are_only_where_guarded() -> None:
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = {node.module.split(".")[0]}
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                names = {f"os.{node.attr}"}
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "os"
                and isinstance(node.args[1], ast.Constant)
            ):
                names = {f"os.{node.args[1].value}"}  # getattr(os, "link", None)
            else:
                continue
            for name in names & (set(POSIX_ONLY) | POSIX_MODULES):
                found.setdefault(name, set()).add(where)
    assert not (set(found) & POSIX_MODULES), found
    unguarded = {name: where for name, where in found.items() if not POSIX_ONLY.get(name)}
    assert unguarded == {}
    assert {w for name in ("os.kill", "os.link") for w in found.get(name, ())} <= {"atomic.py"}


def test_fsync_folder_is_skipped_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []

    def record(*args: object, **kw: object) -> int:
        opened.append(args)
        raise AssertionError("a folder opened on Windows")

    monkeypatch.setattr(atomic, "on_windows", lambda: True)
    monkeypatch.setattr(os, "open", record)
    atomic.fsync_folder(tmp_path)
    assert opened == []


def test_fsync_folder_ignores_a_folder_that_cannot_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kw: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    atomic.fsync_folder(tmp_path)  # no error: the rename is done, only its durability is unsure


def test_a_save_works_where_windows_cannot_open_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "on_windows", lambda: True)
    target = tmp_path / "plan.yaml"
    write_atomic(target, b"one")
    write_atomic(target, b"two", backup=True)
    assert target.read_bytes() == b"two" and backup_path(target).read_bytes() == b"one"


def _stale_and_fresh_temps(folder: Path) -> tuple[Path, Path]:
    other = os.getpid() + 1_000_000  # no such process
    fresh = folder / f".plan.yaml.{other}-abc{TEMP_SUFFIX}"
    stale = folder / f".plan.yaml.{other}-def{TEMP_SUFFIX}"
    fresh.write_bytes(b"x")
    stale.write_bytes(b"x")
    long_ago = time.time() - atomic.STALE_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    return fresh, stale


def test_no_process_is_signalled_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows os.kill(pid, 0) would end that process: the sweep must never call it."""

    def kill(pid: int, signal: int) -> None:
        raise AssertionError(f"os.kill({pid}, {signal}) called on Windows")

    monkeypatch.setattr(atomic, "on_windows", lambda: True)
    monkeypatch.setattr(os, "kill", kill)
    fresh, stale = _stale_and_fresh_temps(tmp_path)
    removed = sweep_temp_files(tmp_path)
    assert removed == [stale] and fresh.exists()  # a fresh one waits until it is stale


def test_posix_sweep_asks_whether_the_writer_lives(tmp_path: Path) -> None:
    fresh, stale = _stale_and_fresh_temps(tmp_path)
    assert sorted(sweep_temp_files(tmp_path)) == sorted([fresh, stale])


@pytest.mark.parametrize("how", ["missing", "refused"])
def test_backup_without_hard_links_is_a_copy(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.yaml"
    write_atomic(target, b"one")
    if how == "missing":
        monkeypatch.delattr(os, "link")
    else:

        def refuse(source: object, link: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")  # FAT, some network shares

        monkeypatch.setattr(os, "link", refuse)
    write_atomic(target, b"two", backup=True)
    assert target.read_bytes() == b"two" and backup_path(target).read_bytes() == b"one"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
