"""Load the method library from its search path.

The path is: the built-in library, the user's folder, the folders in
``FACILKIT_LIBRARY``, then every ``--library DIR``. A later method with the
same id wins, and a notice names both files. A broken file is reported and
skipped, so one mistake never hides the rest of the library.

A load happens in steps (:class:`LibraryLoad`): what the cache serves is there
at once; the files it cannot serve are parsed in chunks, and every few hundred
milliseconds the library as far as it has loaded is handed on, so the TUI can
show a cold library while it loads. A large cold library is parsed on two
cores: a helper process takes chunks from the end while this thread works
from the front. Each snapshot is built from the files parsed so far in their
search-path order, so overrides and duplicate ids come out exactly as in the
complete library, and the last snapshot is that library.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from facilkit.i18n import Words
from facilkit.library.cache import MethodCache, cache_file_for
from facilkit.library.collection import Folder, Library, search_path
from facilkit.library.model import BUILTIN_LANGUAGES, Entry
from facilkit.problems import Problem
from facilkit.walk import scan_folder

if TYPE_CHECKING:  # the parser itself is imported only when a file must be parsed
    from facilkit.library.parsing import Chunk, Job, Parsed

SUFFIXES = (".yaml", ".yml")
CHUNK = 25
"""Files parsed between two looks at the clock (about 40 ms of parsing)."""
FIRST_CHUNK = 8
"""The first chunk is smaller: a cold start lists its first methods after about 12 ms of
parsing instead of 40 (the snapshot after it is small too)."""
SNAPSHOT_SECONDS = 0.25
"""How often a loading library is handed on; the first snapshot comes after one chunk."""
SNAPSHOT_SPACING = 10
"""Snapshots are spaced at least this many times their own cost apart, so that they take at
most a tenth of the load (a snapshot of 10,000 methods costs tens of ms here and in the app)."""
HELPER_MIN_FILES = 200
"""A helper process costs 0.2-0.4 s to start (a fresh interpreter importing the validator):
below this many files to parse, one thread finishes first."""
__all__ = ["Folder", "Library", "LibraryLoad", "load_library", "missing_related", "search_path"]


def load_library(folders: Sequence[Folder], cache_dir: Path | None = None) -> Library:
    """Load every folder; with a cache folder, files unchanged since last time are not parsed."""
    load = LibraryLoad(folders, cache_dir)
    library = Library()
    for snapshot in load.snapshots():
        library = snapshot
    return library


@dataclass
class _File:
    """One method file of the search path: parsed (or served by the cache) or still to do."""

    path: str
    stat: os.stat_result
    done: bool = False
    entry: Entry | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _FolderLoad:
    folder: Folder
    cache: MethodCache | None
    required: tuple[str, ...]
    files: list[_File]
    problems: list[Problem]
    """The folder's own: missing, or entries the walk skipped."""


def _helper_count() -> int:
    """Helper processes beside this thread: one per spare core, at most three."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        cores = os.cpu_count() or 1
    return max(0, min(cores - 1, 3))


class LibraryLoad:
    """One load of the library: the cache's entries at once, parsed files as they come.

    The YAML reader and the validator are imported only when a file must be
    parsed: a warm start through the cache never needs them (20 ms saved).
    """

    def __init__(
        self,
        folders: Sequence[Folder],
        cache_dir: Path | None = None,
        helpers: int | None = None,
    ) -> None:
        self.helpers = _helper_count() if helpers is None else helpers
        self.helped = 0
        """Files the helper processes parsed (the rest: this thread)."""
        self.cancelled = threading.Event()
        self.folders: list[_FolderLoad] = []
        for folder in folders:
            self.folders.append(self._scan(folder, cache_dir))

    def _scan(self, folder: Folder, cache_dir: Path | None) -> _FolderLoad:
        """The folder's files, each served by the cache where it can be."""
        required = BUILTIN_LANGUAGES if folder.origin == "builtin" else ()
        if not folder.path.is_dir():
            problems = (
                [Problem.said(str(folder.path), 1, 1, Words("library.no_folder"), "warning")]
                if folder.required
                else []
            )
            return _FolderLoad(folder, None, required, [], problems)
        cache = (
            MethodCache(cache_file_for(cache_dir, folder.path)) if cache_dir is not None else None
        )
        scan = scan_folder(folder.path, SUFFIXES, recursive=True)
        files = [_File(path, stat) for path, stat in scan.files]
        if cache is not None:
            for file in files:
                file.entry = cache.get(file.path, file.stat, required, folder.origin)
                file.done = file.entry is not None
        return _FolderLoad(folder, cache, required, files, list(scan.skipped))

    @property
    def total(self) -> int:
        """Method files on the search path."""
        return sum(len(folder.files) for folder in self.folders)

    @property
    def done(self) -> int:
        """Files served by the cache or parsed so far."""
        return sum(file.done for folder in self.folders for file in folder.files)

    def cancel(self) -> None:
        """Stop parsing (the app is quitting); what was parsed is still cached."""
        self.cancelled.set()

    def snapshots(self) -> Iterator[Library]:
        """The library as far as it has loaded, again and again; the last one is complete.

        A warm start yields once. A cancelled load ends without a complete library.
        """
        todo = [(load, file) for load in self.folders for file in load.files if not file.done]
        if todo:
            if len(todo) > CHUNK and len(todo) < self.total:
                yield self.library()  # what the cache served, before any parsing
            yield from self._parse(todo)
            if self.cancelled.is_set():
                self._append_pieces()
                return
        for load in self.folders:
            if load.cache is not None:
                load.cache.save()
        yield self.library(complete=True)

    def _parse(self, todo: list[tuple[_FolderLoad, _File]]) -> Iterator[Library]:
        """Parse in chunks, this thread from the front and helpers from the back."""
        from facilkit.library.parsing import Helper, parse_files  # only a miss needs the parser

        size = min(FIRST_CHUNK, CHUNK)
        chunks = [todo[:size]] + [todo[at : at + CHUNK] for at in range(size, len(todo), CHUNK)]
        work: deque[Chunk] = deque((index, self._jobs(chunk)) for index, chunk in enumerate(chunks))
        results: queue.Queue[tuple[int, list[Parsed] | None]] = queue.Queue()
        left = len(chunks)
        shown, interval = time.monotonic(), SNAPSHOT_SECONDS
        first = True
        helpers: list[Helper] = []

        def take(index: int, parsed: list[Parsed] | None) -> None:
            """A helper's chunk; one it failed (or was stopped on) is parsed here."""
            if parsed is not None:
                self.helped += len(parsed)
            self._fill(chunks[index], parsed or parse_files(self._jobs(chunks[index])))

        while left and not self.cancelled.is_set():
            try:
                index, jobs = work.popleft()
            except IndexError:  # the rest is with the helpers: wait for them
                try:
                    index, parsed = results.get(timeout=SNAPSHOT_SECONDS)
                except queue.Empty:
                    now = time.monotonic()
                    for helper in helpers:
                        helper.stop_if_overdue(now)  # its chunk comes back failed
                    continue
                take(index, parsed)
            else:
                self._fill(chunks[index], parse_files(jobs))
            left -= 1
            while not results.empty():
                take(*results.get_nowait())
                left -= 1
            if left and (first or time.monotonic() - shown >= interval):
                self._append_pieces()
                started = time.monotonic()
                snapshot = self.library()
                shown = time.monotonic()
                interval = max(SNAPSHOT_SECONDS, SNAPSHOT_SPACING * (shown - started))
                yield snapshot
            if first and self.helpers and len(todo) >= HELPER_MIN_FILES:
                # after the first snapshot, which starting a helper would delay
                for _ in range(self.helpers):
                    helpers.append(Helper(work, results, self.cancelled))
                    helpers[-1].start()
            first = False

    def _jobs(self, chunk: list[tuple[_FolderLoad, _File]]) -> list[Job]:
        return [(file.path, load.required) for load, file in chunk]

    def _fill(
        self,
        chunk: list[tuple[_FolderLoad, _File]],
        results: list[Parsed],
    ) -> None:
        for (load, file), (encoded, problems) in zip(chunk, results, strict=True):
            file.problems, file.done = problems, True
            if encoded is None:
                continue
            if load.cache is not None:
                load.cache.put(file.path, file.stat, load.required, encoded)
            # keep what a warm start keeps (head and bytes), not the whole Method:
            # after a cold start of 10,000 methods that was 157 MiB held against 53
            file.entry = MethodCache.entry_for(encoded, file.path, load.folder.origin)

    def _append_pieces(self) -> None:
        for load in self.folders:
            if load.cache is not None:
                load.cache.append()

    def library(self, complete: bool = False) -> Library:
        """The files done so far, in search-path order: overrides as in the complete library."""
        library = Library()
        for load in self.folders:
            library.problems += load.problems
            seen_here: dict[str, str] = {}
            for file in load.files:
                library.problems += file.problems
                if file.entry is not None:
                    _add(library, file.entry, seen_here)
        if complete:
            library.problems += list(missing_related(library))
            return library
        library.loading = (self.done, self.total)
        replaceable: set[str] = set()
        later_pending = False  # a folder after this one still has files to parse
        for load in reversed(self.folders):
            if later_pending:
                for file in load.files:
                    shown = library.entries.get(file.entry.id) if file.entry else None
                    if shown is not None and shown.path == file.path:
                        replaceable.add(shown.id)
            later_pending = later_pending or not all(file.done for file in load.files)
        library.replaceable = frozenset(replaceable)
        return library


def _add(library: Library, entry: Entry, seen_here: dict[str, str]) -> None:
    """Add an entry; a second file with the same id in one folder is an error."""
    method_id = entry.id
    if method_id in seen_here:
        library.problems.append(
            Problem.said(
                entry.path, 1, 1, Words("library.id_taken", id=method_id, path=seen_here[method_id])
            )
        )
        return
    seen_here[method_id] = entry.path
    previous = library.entries.pop(method_id, None)
    if previous is not None:
        entry = entry.with_overrides(previous.path)
        library.problems.append(
            Problem.said(
                entry.path,
                1,
                1,
                Words("library.overrides", id=method_id, path=previous.path),
                "notice",
            )
        )
    library.entries[method_id] = entry


def missing_related(library: Library) -> Iterator[Problem]:
    """``related`` ids that name no method: reported at the id's own line."""
    for entry in library:
        for index, related in enumerate(entry.head.related):
            if related in library.entries:
                continue
            from facilkit.yamlio import YamlError, load_file

            try:
                line, column = load_file(entry.path).position(("related", index))
            except YamlError:
                line, column = 1, 1
            words = Words("library.no_related", id=related)
            yield Problem.said(entry.path, line, column, words)
