"""The library as a collection, and the folders it is loaded from.

Kept free of YAML and parsing, so the TUI can hold an (empty) library and
work out its search path before the loader is even imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from facilkit.library.model import Entry, Method, Origin
from facilkit.paths import Locations, builtin_methods_dir, env_library_dirs
from facilkit.problems import Problem


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
    loading: tuple[int, int] | None = None
    """While the library is still loading: files done and files in all (else None)."""
    replaceable: frozenset[str] = frozenset()
    """While loading: ids a folder still loading may override (their cards say so)."""

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, method_id: object) -> bool:
        return method_id in self.entries

    def get(self, method_id: str) -> Method | None:
        entry = self.entries.get(method_id)
        return entry.method if entry else None

    def names(self, method_ids: Iterable[str], lang: str) -> dict[str, str]:
        """Display names of those methods that exist (for "see also" lines)."""
        found = (self.entries.get(method_id) for method_id in method_ids)
        return {entry.id: entry.head.name_in(lang) for entry in found if entry is not None}

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
