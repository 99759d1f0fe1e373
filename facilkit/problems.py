"""A problem found in a file, reported as ``path:line:col: message``.

A :class:`Problem` is a finding, not a failure: validation collects many of them
and keeps going, where a :class:`~facilkit.errors.FacilkitError` stops one action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from facilkit.errors import FacilkitError

Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one file."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    @classmethod
    def from_error(cls, error: FacilkitError, fallback_path: str = "") -> Problem:
        """An error that stopped one file, as a finding among the others."""
        message = error.text("en") if error.key else error.message
        return cls(error.path or fallback_path, error.line or 1, error.column or 1, message)
