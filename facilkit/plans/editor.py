"""The plan being edited: one place for the plan, its file, its draft and its undo history.

Every change goes through :class:`PlanEditor` as a command that can be undone
and redone (the edits and history are :class:`~facilkit.plans.editor_history.EditHistory`,
the commands :mod:`facilkit.plans.editor_commands`), so the TUI (and the run mode)
only send edits and redraw. This module is the file side: the editor remembers
what the file looked like when it was read or last written, so a save never
silently replaces a change made elsewhere: it raises :class:`SaveConflict` and
the caller lets the user choose. Autosave writes only the draft.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from facilkit.i18n import t
from facilkit.plans.drafts import Drafts
from facilkit.plans.editor_commands import AGENDA, FIELDS, Change
from facilkit.plans.editor_history import HISTORY_DEPTH, EditHistory
from facilkit.plans.model import Plan
from facilkit.plans.storage import (
    Fingerprint,
    NotAPlanFileError,
    PlanChangedError,
    PlanError,
    fingerprint,
    plan_to_yaml,
    read_current,
    read_plan,
    save_plan,
    save_plan_unless_changed,
    write_copy_beside,
)

DiskState = Literal["new", "same", "changed", "missing", "unreadable", "not_a_file"]
"""``not_a_file``: a folder, FIFO or device now sits at the plan's path."""

_CONFLICT_WORDS = {
    "changed": "plan.error.changed_on_disk",
    "missing": "plan.error.deleted_on_disk",
    "unreadable": "plan.error.unreadable_on_disk",
    "not_a_file": "plan.error.not_a_file_on_disk",
}
"""What a conflict says if it is ever shown as an error (the plan screen asks a question)."""


class SaveConflict(PlanError):
    """The file on disk is not the one the editor read: the user must choose what to keep."""

    def __init__(self, path: Path, state: DiskState) -> None:
        self.state = state
        key = _CONFLICT_WORDS.get(state, "plan.error.changed_on_disk")
        super().__init__(t(key, "en"), path, key=key)


@dataclass(frozen=True)
class Resolution:
    """How a conflict was settled: where the plan is now, and the copy kept beside it."""

    path: Path
    copy: Path | None


class PlanEditor(EditHistory):
    """Holds one plan while it is open: edits, undo/redo, dirty state, draft, save."""

    def __init__(
        self,
        plan: Plan,
        path: Path | None = None,
        *,
        base: Fingerprint | None = None,
        drafts: Drafts | None = None,
        draft_id: str | None = None,
        dirty: bool = False,
        clock: Callable[[], float] = time.monotonic,
        depth: int = HISTORY_DEPTH,
    ) -> None:
        super().__init__(plan, clock=clock, depth=depth)
        self.path = path
        self.base = base
        """The file as read or last written; None for a new plan or an unknown one."""
        self.drafts = drafts
        self.draft_id = draft_id or Drafts.new_id()
        self._saved: int | None = None if dirty else 0
        """The history position the file holds (None: not any position, e.g. a draft)."""
        self._draft_version = 0 if not dirty else -1

    @classmethod
    def open(cls, path: Path, drafts: Drafts | None = None) -> PlanEditor:
        """Read a plan file; PlanError says what is wrong with it."""
        plan, base = read_plan(path)
        return cls(plan, path, base=base, drafts=drafts)

    @property
    def dirty(self) -> bool:
        """True when the plan differs from its file (undoing back to the saved state clears it)."""
        return self._saved != self.position

    @property
    def draft_dirty(self) -> bool:
        return self._draft_version != self._version

    # --- the file ---------------------------------------------------------------------------

    def disk_state(self) -> DiskState:
        """How the file on disk compares with what the editor read or last wrote."""
        if self.path is None:
            return "new"
        try:
            found = fingerprint(self.path)
        except NotAPlanFileError:
            return "not_a_file"
        except OSError:
            return "unreadable"
        if found is None:
            return "missing" if self.base is not None else "same"
        if self.base is None:
            return "changed"  # a file appeared where none was, or a draft without a base
        return "same" if self.base.same_file(found) else "changed"

    def save(self) -> Path:
        """Write the plan to its file if the file is as the editor left it.

        Raises SaveConflict when it changed, went missing or became unreadable;
        PlanError or OSError when writing failed. The draft goes once saved.
        """
        if self.path is None:
            raise PlanError("the plan has no file yet: use save_as")
        state = self.disk_state()
        if state != "same":
            raise SaveConflict(self.path, state)
        try:
            written = save_plan_unless_changed(self.plan, self.path, self.base)
        except PlanChangedError:  # changed between the check and the write
            raise SaveConflict(self.path, "changed") from None
        self._saved_as(self.path, written)
        return self.path

    def save_as(self, path: Path) -> Path:
        """Write to ``path`` (chosen by the user, or just reserved for a new plan)."""
        save_plan(self.plan, path)
        self._saved_as(path, fingerprint(path))
        return path

    def _saved_as(self, path: Path, written: Fingerprint | None) -> None:
        self.path = path
        self.base = written
        self._saved = self.position
        self._sealed = True
        self._draft_version = self._version
        self.discard_draft()

    def keep_mine(self) -> Resolution:
        """Settle a conflict with this version; the one on disk is kept as a copy beside it."""
        assert self.path is not None
        kept = None
        found = read_current(self.path)  # never blocks; refuses a FIFO or folder there
        raw = None if found is None else found[0]
        if raw is not None and (self.base is None or not self._same_bytes(raw)):
            kept = write_copy_beside(self.path, raw, "on-disk")
        self.save_as(self.path)
        return Resolution(self.path, kept)

    def save_beside(self) -> Resolution:
        """Settle a conflict by writing the plan to a new file beside its path, and follow it.

        For when a folder, FIFO or device took the file's place: nothing there can be
        read or replaced, so the plan goes to ``<stem>-mine-<time>.yaml`` instead.
        """
        assert self.path is not None
        copy = write_copy_beside(self.path, plan_to_yaml(self.plan).encode("utf-8"), "mine")
        self._saved_as(copy, fingerprint(copy))
        return Resolution(copy, None)

    def take_theirs(self) -> Resolution:
        """Settle a conflict with the version on disk; these edits go to a copy beside it."""
        assert self.path is not None
        plan, base = read_plan(self.path)  # fails (PlanError) before anything is written
        kept = write_copy_beside(self.path, plan_to_yaml(self.plan).encode("utf-8"), "mine")
        self._forget(plan)
        self.base = base
        self._saved = self.position
        self._draft_version = self._version + 1
        self.discard_draft()
        self._tell(Change(frozenset({*FIELDS, AGENDA}), "reload"))
        return Resolution(self.path, kept)

    def _same_bytes(self, raw: bytes) -> bool:
        return self.base is not None and hashlib.sha256(raw).hexdigest() == self.base.digest

    # --- the draft --------------------------------------------------------------------------

    def autosave(self) -> bool:
        """Write a draft if the plan changed since the last one; never touches the plan file."""
        if self.drafts is None or not self.draft_dirty:
            return False
        version = self._version
        self.drafts.write(self.draft_id, self.plan, self.path, self.base)
        self._draft_version = version
        return True

    def discard_draft(self) -> None:
        if self.drafts is not None:
            self.drafts.discard(self.draft_id)


def snapshot(plan: Plan) -> str:
    """The plan as it would be saved: equal snapshots mean equal files (for tests and checks)."""
    return plan_to_yaml(plan)


__all__ = [
    "AGENDA",
    "FIELDS",
    "Change",
    "DiskState",
    "PlanEditor",
    "Resolution",
    "SaveConflict",
    "snapshot",
]
