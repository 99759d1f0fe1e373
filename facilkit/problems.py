"""A problem found in a file, reported as ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from facilkit.yamlio import YamlError

Severity = Literal["error", "warning", "notice"]


class UsageError(Exception):
    """Wrong use of the command line: exit 2 with a hint."""


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
    def from_yaml_error(cls, error: YamlError) -> Problem:
        return cls(error.path, error.line, error.column, error.message)
