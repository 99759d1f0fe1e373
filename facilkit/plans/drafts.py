"""Autosaved drafts, so a crash or a closed terminal loses at most a few seconds.

Each editing session writes its plan to ``drafts/<id>.yaml`` (atomically) and
the plan file it belongs to in ``drafts/<id>.target``, with, on a second line,
the fingerprint of that file when the session read it: a recovered draft then
never replaces a plan that changed on disk in the meantime. A clean save or an
explicit discard removes the draft; whatever is left at the next start was
interrupted and can be recovered.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from facilkit.atomic import write_atomic
from facilkit.errors import FacilkitError
from facilkit.paths import plan_files_in
from facilkit.plans.model import Plan
from facilkit.plans.storage import Fingerprint, load_plan, save_plan


@dataclass(frozen=True)
class Draft:
    """An interrupted editing session."""

    id: str
    plan: Plan
    target: Path | None
    saved_at: datetime
    base: Fingerprint | None = None
    """The target file as the session read it (None: new plan, or a draft from before)."""


class Drafts:
    """The drafts folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex[:12]

    def write(
        self, draft_id: str, plan: Plan, target: Path | None, base: Fingerprint | None = None
    ) -> None:
        lines = f"{target or ''}\n{base.to_text() if base else ''}\n"
        write_atomic(self.folder / f"{draft_id}.target", lines.encode("utf-8"))
        save_plan(plan, self.folder / f"{draft_id}.yaml", backup=False)

    def discard(self, draft_id: str) -> None:
        for suffix in (".yaml", ".target"):
            with contextlib.suppress(FileNotFoundError):
                (self.folder / f"{draft_id}{suffix}").unlink()

    def pending(self) -> list[Draft]:
        """Drafts left by sessions that did not finish, newest first; unreadable ones are skipped."""
        found = []
        for path in plan_files_in(self.folder):
            try:
                plan = load_plan(path)
                target_text = _read_target(path.with_suffix(".target"))
                saved_at = datetime.fromtimestamp(path.stat().st_mtime)
            except (FacilkitError, OSError):
                continue
            lines = target_text.splitlines()
            target_line = lines[0].strip() if lines else ""
            base = Fingerprint.from_text(lines[1]) if len(lines) > 1 else None
            target = Path(target_line) if target_line else None
            found.append(Draft(path.stem, plan, target, saved_at, base))
        return sorted(found, key=lambda d: d.saved_at, reverse=True)


def _read_target(target_file: Path) -> str:
    """The plan file a draft belongs to; a missing or odd ``.target`` means none."""
    if not target_file.is_file():  # never open a FIFO or a folder someone put there
        return ""
    return target_file.read_text(encoding="utf-8", errors="replace")
