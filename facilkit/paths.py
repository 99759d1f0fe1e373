"""Every path facilkit uses, in one place, so tests and users can redirect them.

``FACILKIT_HOME`` moves all data (user methods, plans, drafts, cache) into one
folder; without it the platform's user data and cache folders are used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from facilkit.walk import scan_folder

APP_NAME = "facilkit"
PLAN_SUFFIX = ".yaml"
_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_methods_dir() -> Path:
    """The shipped library: inside the wheel, or ``methods/`` beside a source checkout."""
    installed = _PACKAGE_DIR / "_builtin_methods"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "methods"


def plan_files_in(folder: Path) -> list[Path]:
    """The plan files in a folder (plans, drafts, templates, trash), sorted; nothing is read.

    Only regular files (or links to them) come back; what :func:`scan_folder`
    skips is left out here, and reported by callers that list it.
    """
    return [Path(name) for name, _ in scan_folder(folder, (PLAN_SUFFIX,)).files]


def plan_templates_dir() -> Path:
    """Plan templates shipped inside the package."""
    return _PACKAGE_DIR / "plans" / "templates"


@dataclass(frozen=True)
class Locations:
    """Where the user's own data lives."""

    home: Path
    cache: Path
    exports: Path | None = None
    state_dir: Path | None = None
    """Where exports go when no file is named; None means the user's documents folder."""

    @property
    def documents(self) -> Path:
        """The folder an export is written to by default (read lazily: it is a file read)."""
        return self.exports or Path(platformdirs.user_documents_dir())

    @property
    def user_methods(self) -> Path:
        return self.home / "methods"

    @property
    def plans(self) -> Path:
        return self.home / "plans"

    def plan_files(self) -> list[Path]:
        """The plan files in the plans folder (cheap: nothing is read or imported)."""
        return plan_files_in(self.plans)

    @property
    def drafts(self) -> Path:
        return self.home / "drafts"

    @property
    def method_cache(self) -> Path:
        return self.cache / "methods"

    @property
    def state(self) -> Path:
        """Logs and other state that is neither data nor cache (crash logs go here)."""
        return self.state_dir if self.state_dir is not None else self.home / "state"

    @property
    def crash_logs(self) -> Path:
        return self.state / "crash"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Locations:
        """Honour ``FACILKIT_HOME``; fall back to platformdirs."""
        env = os.environ if env is None else env
        home = env.get("FACILKIT_HOME")
        if home:
            base = Path(home).expanduser()
            return cls(home=base, cache=base / "cache", exports=base / "documents")
        return cls(
            home=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            state_dir=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        )


def env_library_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """Folders named in ``FACILKIT_LIBRARY``, separated like ``PATH``."""
    env = os.environ if env is None else env
    value = env.get("FACILKIT_LIBRARY", "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]
