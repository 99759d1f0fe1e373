"""Reading and saving plans safely.

A save writes a temporary file in the plans folder, fsyncs it and renames it
over the old file, keeping the previous version as ``<name>.yaml.bak``: a crash
at any moment leaves either the old plan or the new one, never half of one.
A plan from a newer facilkit is refused, never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISREG

import msgspec
from anyascii import anyascii

from facilkit import atomic
from facilkit.atomic import check_writable_folder
from facilkit.errors import FacilkitError, storage_error
from facilkit.errors import PlanError as PlanError  # where callers have always found it
from facilkit.i18n import plan_languages, t
from facilkit.paths import PLAN_SUFFIX, Locations
from facilkit.plans.clock import clock_text
from facilkit.plans.model import FORMAT_VERSION, Plan
from facilkit.plans.template import blank_plan as blank_plan
from facilkit.plans.template import plan_from_template as plan_from_template
from facilkit.plans.template import templates as templates
from facilkit.problems import Problem
from facilkit.typed import convert
from facilkit.walk import scan_folder
from facilkit.yamlio import Document, YamlError, decode, dump, load_file, load_text, read_regular

_NORDIC = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "Æ": "Ae",
        "Ø": "Oe",
        "Å": "Aa",
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
    }
)
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
MAX_SLUG = 60


@dataclass(frozen=True)
class PlanFile:
    """A saved plan as listed in the plans folder."""

    path: Path
    title: str
    date: str


def slugify(title: str) -> str:
    """A file name that is safe on every OS: ``Læringsmøde 3/12`` -> ``laeringsmoede-3-12``."""
    text = anyascii(title.translate(_NORDIC)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        slug = "plan"
    if slug in _WINDOWS_RESERVED:
        slug += "-plan"
    return slug


def _migrate(data: dict[str, object], path: str) -> dict[str, object]:
    """Bring an older plan up to the current format (version 1 is the first)."""
    version = data.get("facilkit_plan")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PlanError.words("plan.error.not_a_plan", path)
    if version > FORMAT_VERSION:
        raise PlanError.words(
            "plan.error.newer_format", path, version=version, supported=FORMAT_VERSION
        )
    return data


def parse_plan(text: str, path: str = "<plan>") -> tuple[Plan, list[Problem]]:
    """A plan from YAML text; structural problems raise PlanError with line and column."""
    try:
        document = load_text(text, path)
    except YamlError as error:
        raise _as_plan_error(error) from None
    return _from_document(document)


def _as_plan_error(error: YamlError) -> PlanError:
    return PlanError.like(error)


def load_plan(path: Path) -> Plan:
    """Read a plan file; any problem raises PlanError naming file, line and column."""
    try:
        document = load_file(path)
    except YamlError as error:
        raise _as_plan_error(error) from None
    plan, _ = _from_document(document)
    return plan


def plan_from_document(document: Document) -> Plan:
    """A plan from loaded YAML (a plan file, or a template in one language)."""
    return _from_document(document)[0]


def _from_document(document: Document) -> tuple[Plan, list[Problem]]:
    data = document.data
    if not isinstance(data, dict):
        raise PlanError.words("plan.error.not_a_mapping", document.path, 1, 1)
    data = _migrate(data, document.path)
    data = {
        key: clock_text(value) if key in ("start", "end") else value for key, value in data.items()
    }
    if isinstance(data.get("agenda"), list):
        data["agenda"] = [
            {**item, "at": clock_text(item["at"])}
            if isinstance(item, dict) and "at" in item
            else item
            for item in data["agenda"]
        ]
    if isinstance(data.get("date"), int):
        data["date"] = str(data["date"])
    plan, problem = convert(document, data, Plan)
    if plan is None:
        assert problem is not None
        words = problem.words
        raise PlanError(
            problem.message,
            problem.path,
            problem.line,
            problem.column,
            key=None if words is None else words.key,
            params=None if words is None else words.params,
        )
    if plan.language not in plan_languages():
        line, column = document.position(["language"])
        if plan.language.strip().lower() == "no":
            raise PlanError.words("cli.lang_no", document.path, line, column)
        codes = ", ".join(plan_languages())
        raise PlanError.words(
            "cli.lang_unknown", document.path, line, column, value=plan.language, codes=codes
        )
    return plan, []


def plan_to_yaml(plan: Plan) -> str:
    """The YAML text of a plan, in field order, leaving out empty optional fields."""
    data = msgspec.to_builtins(plan)
    data = {key: value for key, value in data.items() if value is not None}
    return dump(data)


def save_plan(plan: Plan, path: Path, backup: bool = True) -> None:
    """Write atomically, keeping the previous version as ``.bak`` (see :mod:`facilkit.atomic`).

    A disk or folder problem raises StorageError naming the path; the old plan and
    its old ``.bak`` are then left whole.
    """
    path = Path(path)
    if path.exists():
        _refuse_newer(path)
    write_atomic(path, plan_to_yaml(plan), backup)


def write_atomic(path: Path, text: str, backup: bool = False) -> None:
    """Replace ``path`` with ``text`` crash-safely (see :func:`facilkit.atomic.write_atomic`)."""
    atomic.write_atomic(path, text.encode("utf-8"), backup=backup)


def _refuse_newer(path: Path) -> None:
    try:
        data = load_file(path).data
    except YamlError:
        return  # a corrupt file may be replaced; the .bak keeps it
    version = data.get("facilkit_plan") if isinstance(data, dict) else None
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise PlanError.words("plan.error.newer_not_overwritten", path, version=version)


def new_plan_path(title: str, locations: Locations) -> Path:
    """A fresh file for a new plan; two titles with the same slug get -2, -3, ..."""
    folder = locations.plans
    check_writable_folder(folder)
    slug = slugify(title)
    for number in range(1, 10_000):
        name = slug if number == 1 else f"{slug}-{number}"
        path = folder / f"{name}{PLAN_SUFFIX}"
        try:
            path.open("x").close()  # reserve the name so a second plan cannot take it
        except FileExistsError:
            continue
        except OSError as error:
            raise storage_error(error, path) from None
        return path
    raise PlanError.words("plan.error.too_many", name=slug)


def list_plans(locations: Locations) -> list[PlanFile]:
    """Plans in the plans folder, newest first; unreadable ones show their file name."""
    found = []
    for name, stat in scan_folder(locations.plans, (PLAN_SUFFIX,)).files:
        path = Path(name)
        try:
            plan = load_plan(path)
            found.append((stat.st_mtime, PlanFile(path, plan.title, plan.date)))
        except FacilkitError:
            found.append((stat.st_mtime, PlanFile(path, path.stem, "")))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [plan_file for _, plan_file in found]


def resolve_plan(name: str, locations: Locations) -> Path:
    """PLAN as the user typed it: a path, a file in the plans folder, or a title."""
    given = Path(name).expanduser()
    if given.is_file():
        return given
    folder = locations.plans
    for candidate in (
        folder / name,
        folder / f"{name}{PLAN_SUFFIX}",
        folder / f"{slugify(name)}{PLAN_SUFFIX}",
    ):
        if candidate.is_file() and candidate.resolve().parent == folder.resolve():
            return candidate
    known = ", ".join(f.path.stem for f in list_plans(locations)[:8])
    if not known:
        raise PlanError.words("plan.error.no_plan_none_yet", name=name, folder=folder)
    raise PlanError.words("plan.error.no_plan", name=name, folder=folder, known=known)


# --- fingerprints: noticing a plan file that changed on disk --------------------------


@dataclass(frozen=True)
class Fingerprint:
    """What a plan file looked like when it was read or written: size, mtime and a hash.

    The hash is what decides: size and time alone miss a same-size edit with the
    time put back (a copy tool, a sync client).
    """

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of_bytes(cls, raw: bytes, stat: os.stat_result) -> Fingerprint:
        return cls(stat.st_size, stat.st_mtime_ns, hashlib.sha256(raw).hexdigest())

    def same_file(self, other: Fingerprint | None) -> bool:
        """True when ``other`` is the same content (a touched file with equal bytes is the same)."""
        return other is not None and other.size == self.size and other.digest == self.digest

    def to_text(self) -> str:
        return f"{self.size} {self.mtime_ns} {self.digest}"

    @classmethod
    def from_text(cls, text: str) -> Fingerprint | None:
        parts = text.split()
        if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
            return None
        return cls(int(parts[0]), int(parts[1]), parts[2])


class PlanChangedError(PlanError):
    """The plan file changed on disk since it was read: writing would lose that change."""

    def __init__(self, path: Path, found: Fingerprint | None) -> None:
        self.found = found
        key = "plan.error.deleted_meanwhile" if found is None else "plan.error.changed_meanwhile"
        super().__init__(t(key, "en"), path, key=key)


class NotAPlanFileError(OSError):
    """A folder, FIFO or device sits where a plan file should be: nothing to read or replace."""

    def __init__(self, path: Path) -> None:
        self.said = FacilkitError.words("plan.error.not_a_file_on_disk")
        super().__init__(self.said.message)
        self.filename = str(path)


class UnreadablePlanFileError(OSError):
    """The plan file is there but cannot be read now (permissions, over 1 MiB).

    An OSError, as callers of a save expect, that keeps the reader's own words
    (``said``), so the user reads them in their language (``errors.storage_error``).
    """

    def __init__(self, path: Path, error: FacilkitError) -> None:
        self.said = error
        super().__init__(error.message)
        self.filename = str(path)


def read_current(path: Path) -> tuple[bytes, os.stat_result] | None:
    """What is at a plan's path now: its bytes and stat, or None if nothing is there.

    Opened without blocking (a FIFO put at the path cannot hang a save or a
    conflict check) and only if it is a regular file: anything else raises
    NotAPlanFileError; a file that cannot be read (permissions, over 1 MiB)
    UnreadablePlanFileError.
    """
    try:
        return read_regular(path)
    except YamlError as error:
        if not os.path.lexists(path):
            return None
        try:
            regular = S_ISREG(os.stat(path).st_mode)  # stat never opens: no hang
        except OSError:
            regular = True  # a dangling link or no permission: unreadable, not "no file"
        if not regular:
            raise NotAPlanFileError(path) from None
        raise UnreadablePlanFileError(path, error) from None


def fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint now; None if it does not exist (see :func:`read_current`)."""
    found = read_current(path)
    return None if found is None else Fingerprint.of_bytes(*found)


def read_plan(path: Path) -> tuple[Plan, Fingerprint]:
    """A plan and the fingerprint of exactly the bytes it was read from."""
    shown = str(path)
    try:
        raw, stat = read_regular(path)  # a regular file only: a FIFO there cannot hang us
    except YamlError as error:
        raise _as_plan_error(error) from None
    try:
        document = load_text(decode(raw, shown), shown)
    except YamlError as error:
        raise _as_plan_error(error) from None
    plan, _ = _from_document(document)
    return plan, Fingerprint.of_bytes(raw, stat)


def save_plan_unless_changed(
    plan: Plan, path: Path, expected: Fingerprint | None
) -> Fingerprint | None:
    """Save only if the file is still as ``expected`` (None: it must not exist yet).

    Raises PlanChangedError otherwise; returns the fingerprint of what was written.
    """
    found = fingerprint(path)
    unchanged = found is None if expected is None else expected.same_file(found)
    if not unchanged:
        raise PlanChangedError(path, found)
    save_plan(plan, path)
    return fingerprint(path)


def write_copy_beside(path: Path, raw: bytes, label: str) -> Path:
    """Keep ``raw`` as a new plan file beside ``path``: ``<stem>-<label>-<time>.yaml``.

    Used when a conflict is settled, so the version not chosen is kept, never dropped.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        suffix = "" if number == 1 else f"-{number}"
        copy = path.with_name(f"{path.stem}-{label}-{stamp}{suffix}{PLAN_SUFFIX}")
        try:
            copy.open("x").close()  # reserve the name
        except FileExistsError:
            continue
        except OSError as error:
            raise storage_error(error, copy) from None
        atomic.write_atomic(copy, raw)
        return copy
    raise PlanError.words("plan.error.too_many_copies", path, name=label)
