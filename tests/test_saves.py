"""Saving is crash-safe end to end: the plan and its .bak are each whole at every moment.

Full disks are simulated by making one step of the save raise OSError(ENOSPC),
each step in turn; as root, a real full tmpfs is used too. Kills are real: a
child process saves in a loop and is killed with SIGKILL at random moments.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilkit.atomic import TEMP_SUFFIX, sweep_temp_files
from facilkit.errors import StorageError
from facilkit.plans.model import new_plan
from facilkit.plans.storage import load_plan, save_plan


def disk_full(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


class FailingFile:
    """A file whose writes hit a full disk."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FailingFile(real(*a, **k)))


def _fail_nth_replace(n: int) -> Callable[[pytest.MonkeyPatch], None]:
    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        real = os.replace
        calls = [0]

        def replace(src: Any, dst: Any) -> None:
            calls[0] += 1
            if calls[0] == n:
                disk_full()
            real(src, dst)

        monkeypatch.setattr(os, "replace", replace)

    return patch


FAULTS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "folder": lambda mp: mp.setattr(Path, "mkdir", disk_full),
    "temp file": lambda mp: mp.setattr(tempfile, "mkstemp", disk_full),
    "write": _fail_write,
    "fsync": lambda mp: mp.setattr(os, "fsync", disk_full),
    "backup link": lambda mp: mp.setattr(os, "link", disk_full),
    "plan rename": _fail_nth_replace(1),
}


def saved_twice(folder: Path) -> Path:
    path = folder / "plan.yaml"
    save_plan(new_plan("one"), path)
    save_plan(new_plan("two"), path)
    return path


def assert_old_plan_and_backup_whole(path: Path) -> None:
    assert load_plan(path).title == "two"
    assert load_plan(path.with_name("plan.yaml.bak")).title == "one"
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


@pytest.mark.parametrize("point", list(FAULTS))
def test_full_disk_at_any_point_leaves_old_plan_and_backup_whole(
    point: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved_twice(tmp_path)
    FAULTS[point](monkeypatch)
    with pytest.raises(StorageError) as caught:
        save_plan(new_plan("three " * 200), path)
    monkeypatch.undo()
    assert "disk is full" in str(caught.value) and str(tmp_path) in str(caught.value)
    assert_old_plan_and_backup_whole(path)


def test_full_disk_when_the_backup_is_renamed_keeps_the_new_plan_and_old_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved_twice(tmp_path)
    _fail_nth_replace(2)(monkeypatch)
    save_plan(new_plan("three"), path)  # the plan itself is saved
    monkeypatch.undo()
    assert load_plan(path).title == "three"
    assert load_plan(path.with_name("plan.yaml.bak")).title == "one"
    save_plan(new_plan("four"), path)
    assert load_plan(path.with_name("plan.yaml.bak")).title == "three"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_backup_is_copied_where_hard_links_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved_twice(tmp_path)

    def no_links(*args: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    save_plan(new_plan("three"), path)
    assert load_plan(path).title == "three"
    assert load_plan(path.with_name("plan.yaml.bak")).title == "two"


@pytest.fixture
def small_tmpfs() -> Iterator[Path]:
    """A 256 KiB tmpfs (only as root, where mount works)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs root to mount a tmpfs")
    folder = Path(tempfile.mkdtemp(prefix="facilkit-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def test_a_real_full_disk_leaves_old_plan_and_backup_whole(small_tmpfs: Path) -> None:
    path = saved_twice(small_tmpfs)
    filler = small_tmpfs / "filler"
    with open(filler, "wb", buffering=0) as out, pytest.raises(OSError):
        while True:
            out.write(b"x" * 4096)
    with pytest.raises(StorageError, match="disk is full"):
        save_plan(new_plan("three " * 2000), path)
    assert_old_plan_and_backup_whole(path)


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from facilkit.plans.model import new_plan
    from facilkit.plans.storage import save_plan
    path = Path(sys.argv[1])
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        save_plan(new_plan(f"save {number} " + "x" * (number % 7000)), path)
    """
)


def test_killed_saves_never_leave_a_broken_plan_or_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    save_plan(new_plan("first"), path)
    save_plan(new_plan("second"), path)
    chance = random.Random(9)
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(chance.uniform(0.0, 0.05))  # a random moment inside the save loop
        child.send_signal(signal.SIGKILL)
        child.wait()
        plan = load_plan(path).title  # each file reads as a whole plan
        backup = load_plan(path.with_name("plan.yaml.bak")).title
        assert plan.startswith(("save", "second")) and backup.startswith(
            ("save", "first", "second")
        )
    save_plan(new_plan("after the kills"), path)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_the_next_save_removes_temp_files_of_a_killed_save(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    save_plan(new_plan("before"), path)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from facilkit.plans.model import new_plan
        from facilkit.plans.storage import save_plan
        os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
        save_plan(new_plan("killed"), Path({str(path)!r}))
        """
    )
    subprocess.run([sys.executable, "-c", script], check=False)
    left = [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert left, "the killed save should have left its temporary files"
    assert load_plan(path).title == "before"
    save_plan(new_plan("next"), path)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_a_live_savers_temp_file_is_left_alone(tmp_path: Path) -> None:
    """Another facilkit that is still writing keeps its file (its process is alive)."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".plan.yaml.{sleeper.pid}-abc{TEMP_SUFFIX}"
        live.write_bytes(b"half")
        assert sweep_temp_files(tmp_path) == []
        sleeper.kill()
        sleeper.wait()
        assert sweep_temp_files(tmp_path) == [live]
    finally:
        sleeper.kill()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        ("plans_is_file", "is a file, not a folder"),
        ("home_under_file", "is a file, not a folder"),
        ("plan_is_folder", "is a folder"),
    ],
)
def test_unusable_folders_give_one_clear_error(
    make: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilkit.paths import Locations
    from facilkit.plans.storage import new_plan_path

    home = tmp_path / "home"
    if make == "plans_is_file":
        home.mkdir()
        (home / "plans").write_text("not a folder", encoding="utf-8")
    elif make == "home_under_file":
        (tmp_path / "blocker").write_text("a file", encoding="utf-8")
        home = tmp_path / "blocker" / "home"
    locations = Locations(home=home, cache=home / "cache")
    if make == "plan_is_folder":
        (home / "plans" / "x.yaml").mkdir(parents=True)
        with pytest.raises(StorageError) as caught:
            save_plan(new_plan("x"), home / "plans" / "x.yaml")
    else:
        with pytest.raises(StorageError) as caught:
            new_plan_path("x", locations)
    assert words in caught.value.text("en")
