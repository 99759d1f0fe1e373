"""The one strict YAML reader and writer for every file facilkit touches.

PyYAML alone reads YAML 1.1, where ``no`` is ``False``, ``14:15`` is ``855``
and a duplicate key silently wins. Trainers and key persons write these files
by hand, so this package reads the YAML 1.2 core schema only, refuses anchors,
aliases, explicit tags and duplicate keys, caps size and depth, and turns every
problem into a :class:`YamlError` with line and column. The writer quotes
whatever the reader would otherwise take for another type, so a saved file
always reads back identically.

This module is the reader and the one import path for callers; its parts are
``schema`` (what a plain word means), ``parsers`` (libyaml and the Python
parser made to agree), ``tree`` (nodes to values, positions), ``wording``
(messages for a person) and ``writer`` (:func:`dump`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import yaml

from facilkit.errors import YamlError, storage_error
from facilkit.i18n import Words
from facilkit.yamlio.parsers import HAVE_LIBYAML, PARSERS
from facilkit.yamlio.schema import PlainFloat, plain_scalar
from facilkit.yamlio.tree import MAX_DEPTH, Builder, Document
from facilkit.yamlio.wording import explain, forbidden_character, not_utf8
from facilkit.yamlio.writer import dump

__all__ = [
    "HAVE_LIBYAML",
    "MAX_BYTES",
    "MAX_DEPTH",
    "PARSERS",
    "Document",
    "PlainFloat",
    "YamlError",
    "decode",
    "dump",
    "load_file",
    "load_text",
    "parser_name",
    "plain_scalar",
    "read_file",
    "read_regular",
]

MAX_BYTES = 1024 * 1024
# Above this rough upper bound on nesting we scan events before composing:
# libyaml's composer recurses in C and crashes the process on deep input.
_SAFE_COMPOSE_BOUND = 400
_LEADING = re.compile(r"(?m)^[ \t?:-]*")

parser_name = (
    "pure" if os.environ.get("FACILKIT_YAML_PARSER") == "pure" or not HAVE_LIBYAML else "libyaml"
)
"""Which parser reads: libyaml where present; ``FACILKIT_YAML_PARSER=pure`` (or a test) picks
the Python one. Both read every file the same way (tests run in both modes)."""


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text without BOM; other encodings get a line and column and a remedy."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(path, line, column, not_utf8(raw[error.start])) from None


def load_text(text: str, path: str = "<text>") -> Document:
    """Parse one YAML document strictly; raise :class:`YamlError` on any problem."""
    if len(text) > MAX_BYTES:
        raise YamlError(path, 1, 1, Words("yaml.too_large", kib=MAX_BYTES // 1024))
    _check_characters(text, path)
    if "&" in text or _nesting_bound(text) > _SAFE_COMPOSE_BOUND:
        _scan_events(text, path)
    loader = PARSERS[parser_name](text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _explained(error, path, text) from None
    except yaml.YAMLError as error:
        raise YamlError(path, 1, 1, Words("yaml.syntax", detail=str(error))) from None
    finally:
        loader.dispose()
    if root is None:
        return Document(path, None, None)
    builder = Builder(path)
    data = builder.build(root, 0)
    return Document(path, data, root, blank_text=builder.blank_text)


_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML forbids in a file (NUL and other controls); both parsers agree on them."""


def _check_characters(text: str, path: str) -> None:
    """A forbidden character is reported at its own line and column, the same in both modes."""
    found = _NOT_ALLOWED.search(text)
    if found is None:
        return
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    raise YamlError(path, line, column, forbidden_character(ord(found.group())))


def load_file(path: Path | str) -> Document:
    """Read and parse a file; size, encoding and syntax problems become YamlError."""
    shown = str(path)
    return load_text(decode(read_file(path), shown), shown)


def read_file(path: Path | str) -> bytes:
    """The bytes of a regular file of at most 1 MiB; anything else is a YamlError."""
    return read_regular(path)[0]


def read_regular(path: Path | str) -> tuple[bytes, os.stat_result]:
    """The bytes and stat of a regular file of at most 1 MiB; anything else is a YamlError.

    The file is opened without blocking and checked before it is read, so a FIFO
    or a device put where a file should be is refused instead of hanging.
    """
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise YamlError(shown, 1, 1, _unreadable(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlError(shown, 1, 1, Words("yaml.not_a_file"))
        if info.st_size > MAX_BYTES:
            raise YamlError(shown, 1, 1, Words("yaml.file_too_large", kib=info.st_size // 1024))
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(MAX_BYTES + 1), info
    except OSError as error:
        raise YamlError(shown, 1, 1, _unreadable(error)) from None
    finally:
        os.close(fd)


def _unreadable(error: OSError) -> Words:
    """Why a file cannot be opened, in the reader's words (permissions get their own)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return Words("yaml.no_permission")
    reason = storage_error(error)
    return Words("yaml.unreadable", reason=Words(reason.key or "error.os.other", **reason.params))


def _nesting_bound(text: str) -> int:
    """A cheap upper bound on nesting: brackets plus block indentation."""
    indents = _LEADING.findall(text)
    return text.count("[") + text.count("{") + 2 * max((len(i) for i in indents), default=0)


LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"
"""libyaml's own nesting limit (PyYAML 6.0.4 and later stop at 1,000 levels)."""


def _explained(error: yaml.MarkedYAMLError, path: str, text: str) -> YamlError:
    """libyaml's depth limit is our "too deep" (which stops at fewer levels); else explain."""
    if LIBYAML_DEPTH_LIMIT in (error.problem or ""):
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return YamlError(path, line, column, Words("yaml.too_deep", levels=MAX_DEPTH))
    return explain(error, path, text)


def _scan_events(text: str, path: str) -> None:
    """Walk the event stream (flat, no recursion) for anchors and real depth."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=PARSERS[parser_name]):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                mark = event.start_mark
                key = "yaml.alias" if isinstance(event, yaml.AliasEvent) else "yaml.anchor"
                raise YamlError(path, mark.line + 1, mark.column + 1, Words(key, name=anchor))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    words = Words("yaml.too_deep", levels=MAX_DEPTH)
                    raise YamlError(path, mark.line + 1, mark.column + 1, words)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        raise _explained(error, path, text) from None
