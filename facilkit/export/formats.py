"""Which formats exist, how a file name picks one, and how an export is written.

Each format's module is imported only when that format is asked for, so the TUI
and the Markdown export never pay for Typst, python-docx or icalendar. The module
itself is light (the plan and library types are for annotations only): the command
line's parser reads its ``--format`` choices from :data:`FORMATS` on every start.
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from facilkit.errors import ExportError as ExportError  # one family: see facilkit/errors.py
from facilkit.errors import storage_error
from facilkit.export.document import Audience
from facilkit.i18n import t

if TYPE_CHECKING:
    from facilkit.library.loader import Library
    from facilkit.plans.model import Plan

Format = Literal["md", "html", "pdf", "docx", "ics", "cards", "invitation"]
FORMATS: tuple[Format, ...] = get_args(Format)
"""The one list of format names: ``--format``'s choices, the TUI's export dialog, the tests."""

SUFFIXES: dict[Format, str] = {
    "md": ".md",
    "html": ".html",
    "pdf": ".pdf",
    "docx": ".docx",
    "ics": ".ics",
    "cards": ".pdf",
    "invitation": ".txt",
}
_BY_SUFFIX: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".ics": "ics",
    ".txt": "invitation",
}
TEXT_FORMATS: tuple[Format, ...] = ("md", "html", "ics", "invitation")
"""Formats that can go to standard output."""
REPORT_FORMATS: tuple[Format, ...] = ("md",)
"""Formats ``plan export --report`` may append the run's report to (it is Markdown text)."""

_RENDERERS: dict[Format, str] = {
    "md": "facilkit.export.plan:render_file",
    "html": "facilkit.export.html:render_file",
    "pdf": "facilkit.export.pdf:render_file",
    "docx": "facilkit.export.word:render_file",
    "ics": "facilkit.export.ics:render_file",
    "cards": "facilkit.export.cards:render_file",
    "invitation": "facilkit.export.invitation:render_file",
}


def format_for(path: Path) -> Format | None:
    """The format a file name asks for by its extension, or None."""
    return _BY_SUFFIX.get(path.suffix.lower())


@dataclass(frozen=True)
class Notice:
    """Something the user should know about an export that was still written.

    It holds a catalogue key and its values, not words: the front end says it in
    the user's language, which need not be the plan's.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class Rendered:
    """An export's bytes (text formats in UTF-8) and its notices, if any."""

    data: bytes
    notices: tuple[Notice, ...] = ()


def render_with_notices(
    fmt: Format,
    plan: Plan,
    library: Library,
    lang: str,
    audience: Audience = "facilitator",
    template: Path | None = None,
) -> Rendered:
    """The export and what the user should be told about it (a PDF's missing letters)."""
    module, _, function = _RENDERERS[fmt].partition(":")
    renderer = getattr(importlib.import_module(module), function)
    result: bytes | Rendered = renderer(plan, library, lang, audience, template)
    return result if isinstance(result, Rendered) else Rendered(result)


def render(
    fmt: Format,
    plan: Plan,
    library: Library,
    lang: str,
    audience: Audience = "facilitator",
    template: Path | None = None,
) -> bytes:
    """The export's bytes (text formats in UTF-8), for callers that tell the user nothing."""
    return render_with_notices(fmt, plan, library, lang, audience, template).data


def default_name(slug: str, fmt: Format, audience: Audience, lang: str) -> str:
    """The plan's file name for this export: ``<slug>[-participants].<ext>``."""
    if fmt == "cards":
        slug += "-" + t("export.file.cards", lang)
    elif fmt == "invitation":
        slug += "-" + t("export.file.invitation", lang)
    elif audience == "participants" and fmt != "ics":
        slug += "-" + t("export.file.participants", lang)
    return slug + SUFFIXES[fmt]


def write_export(path: Path, data: bytes) -> None:
    """Write the whole file or nothing (:func:`facilkit.atomic.write_atomic`).

    Unlike a plan save, an export never makes the folder: a mistyped folder is
    an error that names it, not a new folder somewhere unexpected.
    """
    from facilkit.atomic import write_atomic

    if not path.parent.is_dir():
        missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
        raise storage_error(missing, path.parent)
    write_atomic(path, data)
