"""Crash-safe file replacement: at every moment the file and its ``.bak`` are each whole.

A save writes the new bytes to a temporary file in the same folder, fsyncs it,
and renames it over the target. The backup is made without copying: a hard link
to the current file is made first, and renamed over the ``.bak`` once the new
file is in place, so the ``.bak`` too is always either the old backup or the old
file, never half of one, and a full disk cannot truncate it (a link takes no
data blocks). A failure before the new file is in place leaves both old files. Where hard links are
not possible (some network and FAT file systems) the old file is copied to a
temporary file, fsynced and renamed over the ``.bak`` instead.

A save that is killed leaves its temporary file behind. Temporary names hold the
writer's process id, so the next save in that folder (and the next start) removes
the ones whose process is gone, and never one that another live facilkit is
still writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

from facilkit.errors import StorageError, storage_error

TEMP_SUFFIX = ".facilkit-tmp"
STALE_SECONDS = 24 * 60 * 60
"""A temporary file this old is removed even if its process id is in use again."""


def on_windows() -> bool:
    """Asked at each use, so a test can stand in for Windows (``os.name`` itself cannot be
    changed in a running Python without breaking ``pathlib``)."""
    return os.name == "nt"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _temp_in(folder: Path, name: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)


def write_atomic(path: Path, data: bytes, backup: bool = False) -> None:
    """Replace ``path`` with ``data``; with ``backup``, keep the old file as ``<name>.bak``.

    Any OS failure raises :class:`StorageError` naming the path, and leaves the
    old file and the old ``.bak`` as they were, with no temporary file behind.
    """
    folder = path.parent
    check_writable_folder(folder)
    sweep_temp_files(folder)
    temps: list[str] = []
    try:
        handle, temp = _temp_in(folder, path.name)
        temps.append(temp)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        old = _link_old_version(path, folder, temps) if backup else None
        os.replace(temp, path)
        temps.remove(temp)
        if old is not None:  # the new plan is in place; now the old one becomes the .bak
            with contextlib.suppress(OSError):  # else the older .bak stays, still whole
                os.replace(old, backup_path(path))
                temps.remove(old)
    except OSError as error:
        raise storage_error(error, path) from None
    finally:
        for leftover in temps:
            with contextlib.suppress(OSError):
                os.unlink(leftover)
    fsync_folder(folder)


def _link_old_version(path: Path, folder: Path, temps: list[str]) -> str | None:
    """A second name for the current file (a hard link, or a durable copy), to become the .bak.

    It is renamed over ``<name>.bak`` only after the new file is in place, so a
    failure at any step leaves the old file and the old ``.bak`` as they were.
    """
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return None
    if size == 0:  # an empty file only reserved the name: nothing to keep
        return None
    link = str(folder / f".{path.name}.bak.{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}")
    temps.append(link)
    try:
        hard_link = getattr(os, "link", None)
        if hard_link is None:  # a Python built without hard links
            raise OSError(errno.ENOTSUP, os.strerror(errno.ENOTSUP))
        hard_link(path, link)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise
        shutil.copyfile(path, link)  # no hard links here: copy, then make it durable
        with open(link, "rb+") as copied:
            os.fsync(copied.fileno())
    return link


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove temporary files left by killed saves in ``folder``; returns what went.

    Cheap: one listing of one folder. A failure to remove is ignored (the file
    is harmless and will be tried again).
    """
    removed: list[Path] = []
    now = time.time()
    try:
        names = [entry for entry in os.scandir(folder) if entry.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    for entry in names:
        owner = _owner_pid(entry.name)
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if owner == os.getpid() and not old:
            continue
        if owner is not None and _alive(owner) and not old:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _owner_pid(name: str) -> int | None:
    """The process id in ``.<name>.<pid>-<random>.facilkit-tmp``, if there is one."""
    stem = name[: -len(TEMP_SUFFIX)]
    _, _, tail = stem.rpartition(".")
    pid, dash, _ = tail.partition("-")
    return int(pid) if dash and pid.isdigit() else None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still be writing; when unsure, yes.

    Only POSIX has the harmless signal 0: on Windows ``os.kill`` ends the
    process, so there a temporary file waits until it is stale instead.
    """
    if on_windows():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists but is not ours, or we cannot tell: leave its file alone
    return True


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (when unsure: yes); run mode asks it of a log's owner."""
    return _alive(pid)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable; not every OS can open a folder, so failures are ignored.

    Windows cannot open a folder at all (and makes a rename durable itself): skipped.
    """
    if on_windows():
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _first_blocker(folder: Path) -> Path:
    """The part of ``folder`` that is in the way (a file where a folder should be)."""
    for parent in [*reversed(folder.parents), folder]:
        if parent.exists() and not parent.is_dir():
            return parent
    return folder


def check_writable_folder(folder: Path) -> None:
    """Make ``folder`` if needed; a file in the way or no permission raises StorageError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocker = _first_blocker(folder)
        in_the_way = blocker.exists() and not blocker.is_dir()  # mkdir says "exists" for a file
        reason = OSError(errno.ENOTDIR, "Not a directory") if in_the_way else error
        raise storage_error(reason, blocker) from None


__all__ = [
    "StorageError",
    "backup_path",
    "check_writable_folder",
    "fsync_folder",
    "sweep_temp_files",
    "write_atomic",
]
