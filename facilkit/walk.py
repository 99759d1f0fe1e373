"""Walking a folder that a user, a sync tool or an attacker may have filled.

Only regular files (or links to them) are returned, so nothing ever opens a
FIFO (which blocks forever), a device or a socket. A symbolic link loop, a
dangling link, a folder named like a file, a name that is not valid UTF-8 and
a folder that cannot be listed are each reported with their path and skipped;
none of them stops its siblings. Sub-folders are entered without following
links, so a walk always ends.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from facilkit.i18n import Words
from facilkit.problems import Problem


@dataclass
class FolderScan:
    """What a walk found: ``(path, stat)`` of each usable file, and what it skipped."""

    files: list[tuple[str, os.stat_result]] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


_KINDS = (
    (stat.S_ISFIFO, "walk.kind.fifo"),
    (stat.S_ISCHR, "walk.kind.device"),
    (stat.S_ISBLK, "walk.kind.device"),
    (stat.S_ISSOCK, "walk.kind.socket"),
)


def shown_path(path: str) -> str:
    """A path that can be printed even when its bytes are not UTF-8 (shown as ``\\xNN``)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        return raw.decode("utf-8", errors="backslashreplace")
    return path


def scan_folder(folder: Path | str, suffixes: Sequence[str], recursive: bool = False) -> FolderScan:
    """The files below ``folder`` whose names end with one of ``suffixes``, sorted.

    A folder that does not exist gives an empty scan (callers decide whether
    that is worth a word); one that cannot be listed is reported.
    """
    scan = FolderScan()
    ends = tuple(suffixes)
    pending = [str(folder)]
    first = True
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except FileNotFoundError:
            if not first:
                _skip(scan, current, Words("walk.gone"))
            first = False
            continue
        except NotADirectoryError:
            if first:
                _skip(scan, current, Words("walk.not_a_folder"))
            first = False
            continue
        except OSError as error:
            _skip(scan, current, Words("walk.cannot_list", reason=error.strerror or error))
            first = False
            continue
        first = False
        for entry in entries:
            _visit(entry, ends, recursive, pending, scan)
    scan.files.sort(key=lambda pair: pair[0].split(os.sep))  # the order Path gives
    return scan


def _visit(
    entry: os.DirEntry[str],
    ends: tuple[str, ...],
    recursive: bool,
    pending: list[str],
    scan: FolderScan,
) -> None:
    name = entry.name
    try:
        is_folder = entry.is_dir(follow_symlinks=False)
    except OSError:
        is_folder = False
    if is_folder and not name.endswith(ends):
        if recursive and not name.startswith("."):
            pending.append(entry.path)
        return
    if not name.endswith(ends):
        return
    if _not_utf8(name):
        _skip(scan, entry.path, Words("walk.not_utf8"))
        return
    try:
        info = entry.stat()  # follows a link: a loop or a dangling link fails here
    except OSError as error:
        _skip(scan, entry.path, _link_problem(error))
        return
    if stat.S_ISREG(info.st_mode):
        scan.files.append((entry.path, info))
        return
    if stat.S_ISDIR(info.st_mode):
        _skip(scan, entry.path, Words("walk.folder_named_like_file"))
        return
    kind = next((key for test, key in _KINDS if test(info.st_mode)), "walk.kind.other")
    _skip(scan, entry.path, Words("walk.not_regular", kind=Words(kind)))


def _not_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _link_problem(error: OSError) -> Words:
    if error.errno == errno.ELOOP:
        return Words("walk.loop")
    if error.errno == errno.ENOENT:
        return Words("walk.dangling")
    return Words("walk.unreadable", reason=error.strerror or error)


def _skip(scan: FolderScan, path: str, words: Words) -> None:
    scan.skipped.append(Problem.said(shown_path(path), 1, 1, words, "warning"))
