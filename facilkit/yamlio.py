# mypy: disable-error-code="no-untyped-call"
# (PyYAML's stubs leave the Python scanner's helpers untyped: peek, prefix, forward, ...)
"""The one strict YAML reader and writer for every file facilkit touches.

PyYAML alone reads YAML 1.1, where ``no`` is ``False``, ``14:15`` is ``855``
and a duplicate key silently wins. Trainers and key persons write these files
by hand, so this module reads the YAML 1.2 core schema only, refuses anchors,
aliases, explicit tags and duplicate keys, caps size and depth, and turns every
problem into a :class:`YamlError` with line and column. The writer quotes
whatever the reader would otherwise take for another type, so a saved file
always reads back identically.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from facilkit.errors import YamlError

__all__ = ["Document", "YamlError", "dump", "load_file", "load_text"]

from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

try:  # the C parser is about ten times faster; fall back where libyaml is missing
    from yaml._yaml import CParser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    HAVE_LIBYAML = False

_BREAKS = "\0 \t\r\n\x85\u2028\u2029"


class _PureScanner(Reader, Scanner):
    """PyYAML's Python scanner, reading plain scalars the way libyaml does.

    PyYAML's own scanner ends a plain scalar at ``?`` inside a flow mapping (a
    YAML 1.1 rule), so ``{da: Hvad er din udfordring?, en: ...}`` fails to load
    without libyaml while it loads with it. YAML 1.2 and libyaml let ``?`` stand
    inside plain text; only ``,``, brackets, braces and ``: `` end it there.
    """

    def scan_plain(self) -> ScalarToken:
        chunks: list[str] = []
        start_mark = end_mark = self.get_mark()
        indent = self.indent + 1
        spaces: list[str] = []
        in_flow = bool(self.flow_level)
        value_ends = _BREAKS + (",[]{}" if in_flow else "")
        while self.peek() != "#":
            length = 0
            while True:
                ch = self.peek(length)
                if ch in _BREAKS or (ch == ":" and self.peek(length + 1) in value_ends):
                    break
                if in_flow and ch in ",[]{}":
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks += spaces
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not in_flow and self.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)


class _PureParser(_PureScanner, Parser, Composer):
    """The Python parser, for where libyaml is missing (and for tests of that mode)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
# Above this rough upper bound on nesting we scan events before composing:
# libyaml's composer recurses in C and crashes the process on deep input.
_SAFE_COMPOSE_BOUND = 400

_PLAIN = "facilkit:plain"
_QUOTED = "facilkit:quoted"
_SEQ = "facilkit:seq"
_MAP = "facilkit:map"
_OUR_TAGS = {_PLAIN, _QUOTED, _SEQ, _MAP}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+\Z")
_INT8 = re.compile(r"^0o[0-7]+\Z")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)\Z")
_LEADING = re.compile(r"(?m)^[ \t?:-]*")


class PlainFloat(float):
    """A float that remembers how it was written, so ``14.10`` can mean 14:10."""

    text: str

    def __new__(cls, text: str) -> PlainFloat:
        value = super().__new__(cls, text.replace("+", "", 1) if text.startswith("+") else text)
        value.text = text
        return value


@dataclass
class Document:
    """Loaded data plus the node tree, so later checks can point at a line."""

    path: str
    data: Any
    root: yaml.Node | None

    def position(self, keys: Iterable[str | int]) -> tuple[int, int]:
        """Line and column of the node at ``keys``, or of its nearest parent."""
        node = self.root
        if node is None:
            return (1, 1)
        for key in keys:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def key_position(self, keys: Iterable[str | int], key: str) -> tuple[int, int]:
        """Line and column of a mapping key below ``keys`` (for unknown fields)."""
        node = self.root
        for part in keys:
            node = _child(node, part) if node is not None else None
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    return (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return self.position(keys)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node  # type: ignore[no-any-return]  # the stubs leave values Any
    elif (
        isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value)
    ):
        return node.value[key]  # type: ignore[no-any-return]
    return None


class _Strict:
    """A resolver that marks every implicit node with our own tag.

    Any node that comes back with another tag was tagged explicitly in the file.
    """

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """Path-based resolvers are not used."""

    def ascend_resolver(self) -> None:
        """Path-based resolvers are not used."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _StrictPure(_Strict, _PureParser):
    """The strict reader on PyYAML's Python parser."""


if HAVE_LIBYAML:

    class _StrictC(_Strict, CParser):
        """The strict reader on libyaml."""

    PARSERS: dict[str, type[Any]] = {"libyaml": _StrictC, "pure": _StrictPure}
else:  # pragma: no cover - depends on how PyYAML was built
    PARSERS = {"pure": _StrictPure}

parser_name = (
    "pure" if os.environ.get("FACILKIT_YAML_PARSER") == "pure" or not HAVE_LIBYAML else "libyaml"
)
"""Which parser reads: libyaml where present; ``FACILKIT_YAML_PARSER=pure`` (or a test) picks
the Python one. Both read every file the same way (tests run in both modes)."""


_NOT_TEXT_STARTS = frozenset("~nNtTfF0123456789+-.")
"""The first characters of every null, bool and number the core schema knows."""


def plain_scalar(text: str) -> Any:
    """The value of an unquoted scalar in the YAML 1.2 core schema."""
    if text and text[0] not in _NOT_TEXT_STARTS:
        return text  # most scalars are words: no pattern below could match
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return PlainFloat(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


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
        raise YamlError(
            path,
            line,
            column,
            f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(the file looks like Latin-1 or Windows-1252)",
        ) from None


def load_text(text: str, path: str = "<text>") -> Document:
    """Parse one YAML document strictly; raise :class:`YamlError` on any problem."""
    if len(text) > MAX_BYTES:
        raise YamlError(path, 1, 1, f"file is larger than {MAX_BYTES // 1024} KiB; split it up")
    _check_characters(text, path)
    if "&" in text or _nesting_bound(text) > _SAFE_COMPOSE_BOUND:
        _scan_events(text, path)
    loader = PARSERS[parser_name](text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _explain(error, path, text) from None
    except yaml.YAMLError as error:
        raise YamlError(path, 1, 1, str(error)) from None
    finally:
        loader.dispose()
    if root is None:
        return Document(path, None, None)
    return Document(path, _Builder(path).build(root, 0), root)


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
    code = ord(found.group())
    name = "NUL" if code == 0 else f"a control character (U+{code:04X})"
    raise YamlError(
        path,
        line,
        column,
        f"{name} is not allowed in a YAML file; remove it (the file may be damaged or not text)",
    )


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
        raise YamlError(shown, 1, 1, f"cannot read file: {_os_reason(error)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlError(
                shown, 1, 1, "not a regular file (a folder, FIFO or device); name a file"
            )
        if info.st_size > MAX_BYTES:
            raise YamlError(
                shown, 1, 1, f"file is {info.st_size // 1024} KiB, over the 1 MiB limit"
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(MAX_BYTES + 1), info
    except OSError as error:
        raise YamlError(shown, 1, 1, f"cannot read file: {_os_reason(error)}") from None
    finally:
        os.close(fd)


def _os_reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{reason}; check the file's permissions"
    return reason


def _nesting_bound(text: str) -> int:
    """A cheap upper bound on nesting: brackets plus block indentation."""
    indents = _LEADING.findall(text)
    return text.count("[") + text.count("{") + 2 * max((len(i) for i in indents), default=0)


def _scan_events(text: str, path: str) -> None:
    """Walk the event stream (flat, no recursion) for anchors and real depth."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=PARSERS[parser_name]):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                mark = event.start_mark
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                raise YamlError(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    f"YAML {kind} '{anchor}' is not allowed; write the value out in full",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise YamlError(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        f"nested deeper than {MAX_DEPTH} levels",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        raise _explain(error, path, text) from None


class _Builder:
    """Turns nodes into Python values, enforcing the rules the parser does not."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> YamlError:
        mark = node.start_mark
        return YamlError(self.path, mark.line + 1, mark.column + 1, message)

    def build(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, "YAML aliases are not allowed; write the value out in full")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested deeper than {MAX_DEPTH} levels")
        tag = node.tag
        if tag not in _OUR_TAGS:
            raise self.fail(node, f"explicit tag '{tag}' is not allowed; remove it")
        if tag == _PLAIN:
            return plain_scalar(node.value)
        if tag == _QUOTED:
            return node.value
        if tag == _SEQ:
            return [self.build(child, depth + 1) for child in node.value]
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        previous: tuple[yaml.Node, yaml.Node] | None = None
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    key_node, "a key must be a plain word or text, not a list or mapping"
                )
            if (
                getattr(node, "flow_style", False)
                and _absent(value_node)
                and key_node.tag == _PLAIN
            ):
                raise self.fail(key_node, _comma_in_braces(key_node.value, previous))
            previous = (key_node, value_node)
            key = self.build(key_node, depth + 1)
            if key == "<<" and key_node.tag == _PLAIN:
                raise self.fail(key_node, "merge keys (<<) are not allowed")
            if key in first_line:
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first on line {first_line[key]}); keep only one",
                )
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result


def _absent(node: yaml.Node) -> bool:
    """A value left out (``{a: 1, b}``), not one written as empty."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.value == ""
        and node.start_mark.index == node.end_mark.index
    )


def _comma_in_braces(word: str, before: tuple[yaml.Node, yaml.Node] | None) -> str:
    """``{da: Papir, blyanter, en: Paper}``: the comma ended the text; say how to keep it."""
    if before is not None and isinstance(before[1], yaml.ScalarNode) and before[1].value:
        whole = f'{before[0].value}: "{before[1].value}, {word}"'
        return (
            f"a comma inside {{...}} ends the text, so '{word}' became a field of its own; "
            f"put the whole text in quotes: {whole}"
        )
    return f"'{word}' has no value: a field inside {{...}} is written 'name: value'"


_INDENT_HINT = (
    "this line is indented wrongly: start every list item ('- ...') at the same column, "
    "indented under its key, and line up a field with the fields beside it"
)
_HINTS = (
    ("found character '\\t'", "a tab is not allowed here; indent with spaces"),
    ("found undefined alias", "'*' starts an alias, which is not allowed; quote the text"),
    ("found duplicate anchor", "anchors are not allowed"),
    ("but found another document", "only one document per file; remove the extra '---'"),
    ("mapping values are not allowed", "a ':' inside text needs quotes around the text"),
    ("could not find expected ':'", "a line is missing ':' or is indented wrongly"),
    ("did not find expected '-' indicator", _INDENT_HINT),
    ("did not find expected key", _INDENT_HINT),
    (
        "found character that cannot start any token",
        "quote the text: it starts with a special character",
    ),
)


def _explain(error: yaml.MarkedYAMLError, path: str, text: str) -> YamlError:
    """Rewrite PyYAML's message for a person who edits the file by hand."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or error.context or "syntax error"
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return YamlError(path, line, column, "a tab is not allowed here; indent with spaces")
    for needle, hint in _HINTS:
        if needle in problem:
            return YamlError(path, line, column, hint)
    context, start = error.context, error.context_mark
    if (
        context
        and start is not None
        and error.problem
        and (start.line + 1, start.column + 1) != (line, column)
    ):
        problem += f" ({context.removeprefix('while ')} that starts on line {start.line + 1})"
    return YamlError(path, line, column, problem)


# --- writing -------------------------------------------------------------

_CLOCK_LIKE = re.compile(r"^[0-9][0-9:.]*$")
_NEEDS_QUOTES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that quotes anything our reader would not read back as the same string."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if not isinstance(plain_scalar(value), str) or _NEEDS_QUOTES.search(value):
        style = '"'
    elif _CLOCK_LIKE.match(value):
        style = "'"  # 14:15 and 9.00 look like numbers to other YAML readers
    elif "\n" in value and value == value.strip() and "\r" not in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    text = getattr(value, "text", None)
    if text is not None:
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)
    return dumper.represent_float(value)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(PlainFloat, _represent_float)


def dump(data: Any) -> str:
    """YAML text that :func:`load_text` reads back as exactly ``data``."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text
