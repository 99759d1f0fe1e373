# mypy: disable-error-code="no-untyped-call"
# (PyYAML's stubs leave the Python scanner's helpers untyped: peek, prefix, forward, ...)
"""The two parsers the reader can run on: libyaml, and PyYAML's Python one made to agree.

Both are wrapped in a resolver that tags every implicit node with our own tag
(:mod:`facilkit.yamlio.schema`), so the builder can tell a node the file tagged
explicitly, and so PyYAML's YAML 1.1 resolver never decides a type.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

from facilkit.yamlio.schema import MAP, PLAIN, QUOTED, SEQ

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
            return PLAIN if implicit[0] else QUOTED
        return SEQ if kind is yaml.SequenceNode else MAP


class _StrictPure(_Strict, _PureParser):
    """The strict reader on PyYAML's Python parser."""


if HAVE_LIBYAML:

    class _StrictC(_Strict, CParser):
        """The strict reader on libyaml."""

    PARSERS: dict[str, type[Any]] = {"libyaml": _StrictC, "pure": _StrictPure}
else:  # pragma: no cover - depends on how PyYAML was built
    PARSERS = {"pure": _StrictPure}
