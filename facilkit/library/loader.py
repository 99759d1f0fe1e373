"""Load the method library from its search path.

The path is: the built-in library, the user's folder, the folders in
``FACILKIT_LIBRARY``, then every ``--library DIR``. A later method with the
same id wins, and a notice names both files. A broken file is reported and
skipped, so one mistake never hides the rest of the library.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from facilkit.library.cache import MethodCache, cache_file_for
from facilkit.library.collection import Folder, Library, search_path
from facilkit.library.model import BUILTIN_LANGUAGES, Entry
from facilkit.problems import Problem
from facilkit.walk import scan_folder

SUFFIXES = (".yaml", ".yml")
__all__ = ["Folder", "Library", "load_library", "method_files", "missing_related", "search_path"]


def method_files(folder: Path) -> list[tuple[str, os.stat_result]]:
    """YAML files below a folder with their stat, in a stable order (one syscall a file).

    Paths stay strings: building and sorting 10,000 ``Path`` objects took longer
    than reading the whole library from the cache. What the walk skips is
    dropped here; :func:`load_library` reports it.
    """
    return scan_folder(folder, SUFFIXES, recursive=True).files


def load_library(folders: Sequence[Folder], cache_dir: Path | None = None) -> Library:
    """Load every folder; with a cache folder, files unchanged since last time are not parsed.

    The YAML reader and the validator are imported only when a file must be
    parsed: a warm start through the cache never needs them (20 ms saved).
    """
    library = Library()
    for folder in folders:
        if not folder.path.is_dir():
            if folder.required:
                library.problems.append(
                    Problem(str(folder.path), 1, 1, "library folder does not exist", "warning")
                )
            continue
        cache = (
            MethodCache(cache_file_for(cache_dir, folder.path)) if cache_dir is not None else None
        )
        required = BUILTIN_LANGUAGES if folder.origin == "builtin" else ()
        seen_here: dict[str, str] = {}
        scan = scan_folder(folder.path, SUFFIXES, recursive=True)
        library.problems += scan.skipped
        for path, stat in scan.files:
            entry = cache.get(path, stat, required, folder.origin) if cache else None
            if entry is None:
                from facilkit.library.validate import load_method

                method, problems = load_method(Path(path), required)
                library.problems += problems
                if method is None:
                    continue
                encoded = cache.put(path, stat, required, method) if cache else None
                # keep what a warm start keeps (head and bytes), not the whole Method:
                # after a cold start of 10,000 methods that was 157 MiB held against 53
                entry = (
                    Entry(method, path, folder.origin)
                    if encoded is None
                    else MethodCache.entry_for(encoded, path, folder.origin)
                )
            _add(library, entry, seen_here)
        if cache:
            cache.save()
    library.problems += list(missing_related(library))
    return library


def _add(library: Library, entry: Entry, seen_here: dict[str, str]) -> None:
    """Add an entry; a second file with the same id in one folder is an error."""
    method_id = entry.id
    if method_id in seen_here:
        library.problems.append(
            Problem(entry.path, 1, 1, f"id '{method_id}' is already used by {seen_here[method_id]}")
        )
        return
    seen_here[method_id] = entry.path
    previous = library.entries.pop(method_id, None)
    if previous is not None:
        entry = entry.with_overrides(previous.path)
        library.problems.append(
            Problem(
                entry.path,
                1,
                1,
                f"method '{method_id}' overrides {previous.path}",
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
            yield Problem(entry.path, line, column, f"related method '{related}' does not exist")
