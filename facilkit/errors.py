"""One family of errors, so the CLI and the TUI each report every failure one way.

Every error facilkit raises on purpose is a :class:`FacilkitError` of one kind
(YAML, validation, plan, storage, export, usage). It carries the path, line and
column where it has them, and a message that says what to do. The CLI turns any
of them into one line and an exit code in one place (``cli.report``); the TUI
shows them in one notification. Operating-system errors become a
:class:`StorageError` through :func:`storage_error`, which words each errno for a
person who does not read ``errno``.

Messages facilkit words itself are catalogue keys (``error.*``) rendered in the
user's language by :meth:`FacilkitError.text`; messages quoted from a parser stay
as they are.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar, Literal, Self

from facilkit.i18n import Words, t

Kind = Literal["yaml", "validation", "plan", "storage", "export", "usage"]

_ERRNO_KEYS = {
    errno.ENOSPC: "ENOSPC",
    errno.EDQUOT: "EDQUOT",
    errno.EACCES: "EACCES",
    errno.EPERM: "EACCES",
    errno.EROFS: "EROFS",
    errno.ENOTDIR: "ENOTDIR",
    errno.EISDIR: "EISDIR",
    errno.ENOENT: "ENOENT",
    errno.EEXIST: "EEXIST",
    errno.ELOOP: "ELOOP",
    errno.EPIPE: "EPIPE",
}


class FacilkitError(Exception):
    """A failure facilkit explains: where it happened and what to do about it."""

    kind: ClassVar[Kind] = "plan"
    exit_code: ClassVar[int] = 1

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        *,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.key = key
        self.params = dict(params or {})

    @classmethod
    def words(
        cls,
        key: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        /,
        **params: object,
    ) -> Self:
        """An error worded by the catalogue key ``key``: said in each reader's language."""
        return cls(t(key, "en", **params), path, line, column, key=key, params=params)

    @classmethod
    def like(cls, error: FacilkitError) -> Self:
        """The same message and place as another kind of error (a YAML error as a plan's)."""
        return cls(
            error.message, error.path, error.line, error.column, key=error.key, params=error.params
        )

    @property
    def where(self) -> str:
        """``path:line:column`` with whatever parts are known."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self, lang: str = "en") -> str:
        """The one line shown to the user, in ``lang`` where facilkit words it."""
        message = Words(self.key, **self.params).text(lang) if self.key else self.message
        return f"{self.where}: {message}" if self.where else message

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls: type[FacilkitError], state: dict[str, object]) -> FacilkitError:
    """Unpickle any kind, whatever its constructor's signature (for worker processes)."""
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message"))
    error.__dict__.update(state)
    return error


class YamlError(FacilkitError):
    """A YAML file that cannot be read: syntax, encoding, size, anchors, tags."""

    kind = "yaml"

    def __init__(self, path: str, line: int, column: int, message: str | Words) -> None:
        if isinstance(message, Words):  # worded by the catalogues: said in the reader's language
            key, params = message.key, message.params
            super().__init__(message.text("en"), path, line, column, key=key, params=params)
        else:
            super().__init__(message, path, line, column)


class ValidationError(FacilkitError):
    """A file that reads as YAML but does not hold what it should (a method, a plan)."""

    kind = "validation"


class PlanError(FacilkitError):
    """A plan that cannot be opened, found or made; the message says what to do."""

    kind = "plan"


class StorageError(FacilkitError):
    """The disk or the operating system refused: full, read-only, not a folder, ..."""

    kind = "storage"


class ExportError(FacilkitError):
    """An export that cannot be produced or written."""

    kind = "export"


class UsageError(FacilkitError):
    """Wrong use of the command line: exit 2 with a hint."""

    kind = "usage"
    exit_code = 2


def storage_error(error: OSError, path: str | Path | None = None) -> StorageError:
    """An OSError as a :class:`StorageError` naming the path and what to do."""
    where = path if path is not None else (error.filename or None)
    said = getattr(error, "said", None)  # an OSError facilkit raised carries its own words
    if isinstance(said, FacilkitError):
        return StorageError(said.message, where, key=said.key, params=said.params)
    name = _ERRNO_KEYS.get(error.errno or 0)
    reason = error.strerror or str(error) or type(error).__name__
    if name is None:
        return StorageError(reason, where, key="error.os.other", params={"reason": reason.lower()})
    return StorageError(reason, where, key=f"error.os.{name}")
