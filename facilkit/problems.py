"""A problem found in a file, reported as ``path:line:col: message``.

A :class:`Problem` is a finding, not a failure: validation collects many of them
and keeps going, where a :class:`~facilkit.errors.FacilkitError` stops one action.
A problem facilkit words itself carries its catalogue words, so it is said in the
reader's language (:meth:`Problem.text`); ``str()`` gives the English line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from facilkit.i18n import Words, t

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
    words: Words | None = field(default=None, compare=False)
    """The message as catalogue words, when facilkit words it (a parser's own stays as is)."""

    @classmethod
    def said(
        cls, path: str, line: int, column: int, words: Words, severity: Severity = "error"
    ) -> Problem:
        """A problem worded by the catalogues: ``Problem.said(path, 1, 1, Words("walk.loop"))``."""
        return cls(path, line, column, words.text("en"), severity, words)

    def wire(self) -> tuple[str, int, int, str, str, dict[str, object] | None]:
        """The problem as plain data, to send between processes (:meth:`from_wire`)."""
        words = None if self.words is None else self.words.data()
        return (self.path, self.line, self.column, self.message, self.severity, words)

    @classmethod
    def from_wire(cls, data: Sequence[object]) -> Problem:
        path, line, column, message, severity, words = data
        said = Words.from_data(words) if isinstance(words, dict) else None
        return cls(str(path), int(line), int(column), str(message), severity, said)  # type: ignore[arg-type, call-overload]

    def text(self, lang: str = "en") -> str:
        """``path:line:col: message`` in ``lang`` (a warning or notice says so first)."""
        prefix = "" if self.severity == "error" else f"{t(f'severity.{self.severity}', lang)}: "
        message = self.message if self.words is None else self.words.text(lang)
        return f"{self.path}:{self.line}:{self.column}: {prefix}{message}"

    def __str__(self) -> str:
        return self.text("en")

    @classmethod
    def from_error(cls, error: FacilkitError, fallback_path: str = "") -> Problem:
        """An error that stopped one file, as a finding among the others."""
        words = Words(error.key, **error.params) if error.key else None
        message = words.text("en") if words else error.message
        line, column = error.line or 1, error.column or 1
        return cls(error.path or fallback_path, line, column, message, words=words)
