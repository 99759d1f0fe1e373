"""Load the method library from its search path.

The path is: the built-in library, the user's folder, the folders in
``FACILKIT_LIBRARY``, then every ``--library DIR``. A later method with the
same id wins, and a notice names both files. A broken file is reported and
skipped, so one mistake never hides the rest of the library.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from facilkit.library.cache import MethodCache
from facilkit.library.model import BUILTIN_LANGUAGES, Entry, Method, Origin
from facilkit.library.validate import load_method
from facilkit.paths import Locations, builtin_methods_dir, env_library_dirs
from facilkit.problems import Problem
from facilkit.yamlio import YamlError, load_file

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Folder:
    """One folder on the search path and whose methods it holds."""

    path: Path
    origin: Origin
    required: bool = False
    """A folder the user named explicitly: missing it is a problem."""


@dataclass
class Library:
    """The methods that loaded, by id in search-path order, and every problem found."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, method_id: object) -> bool:
        return method_id in self.entries

    def get(self, method_id: str) -> Method | None:
        entry = self.entries.get(method_id)
        return entry.method if entry else None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def search_path(
    locations: Locations,
    extra: Sequence[Path] = (),
    env: Mapping[str, str] | None = None,
    include_builtin: bool = True,
) -> list[Folder]:
    """The folders to load, in order; later ones override earlier ones."""
    folders = [Folder(builtin_methods_dir(), "builtin")] if include_builtin else []
    folders.append(Folder(locations.user_methods, "user"))
    folders += [Folder(path, "user", required=True) for path in env_library_dirs(env)]
    folders += [Folder(Path(path), "user", required=True) for path in extra]
    return folders


def method_files(folder: Path) -> list[tuple[Path, os.stat_result]]:
    """YAML files below a folder with their stat, in a stable order (one syscall a file)."""
    found: list[tuple[Path, os.stat_result]] = []
    pending = [str(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                for item in listing:
                    if item.is_dir(follow_symlinks=False):
                        pending.append(item.path)
                    elif item.name.endswith(SUFFIXES) and item.is_file():
                        found.append((Path(item.path), item.stat()))
        except OSError:
            continue
    found.sort(key=lambda pair: pair[0])
    return found


def load_library(folders: Sequence[Folder], cache: MethodCache | None = None) -> Library:
    """Load every folder; the cache (if given) skips files unchanged since last time."""
    library = Library()
    for folder in folders:
        if not folder.path.is_dir():
            if folder.required:
                library.problems.append(
                    Problem(str(folder.path), 1, 1, "library folder does not exist", "warning")
                )
            continue
        required = BUILTIN_LANGUAGES if folder.origin == "builtin" else ()
        seen_here: dict[str, str] = {}
        for path, stat in method_files(folder.path):
            entry = cache.get(path, stat, required, folder.origin) if cache else None
            if entry is None:
                method, problems = load_method(path, required)
                library.problems += problems
                if method is None:
                    continue
                if cache:
                    cache.put(path, stat, required, method)
                entry = Entry(method, str(path), folder.origin)
            _add(library, entry, seen_here)
    library.problems += list(missing_related(library))
    if cache:
        cache.save()
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
            try:
                line, column = load_file(entry.path).position(("related", index))
            except YamlError:
                line, column = 1, 1
            yield Problem(entry.path, line, column, f"related method '{related}' does not exist")
