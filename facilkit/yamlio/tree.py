"""From PyYAML's node tree to plain Python values, keeping the tree for positions.

The parsers accept more than facilkit's dialect does (aliases, explicit tags,
duplicate keys, merge keys); the builder refuses each at its own line and
column, and :class:`Document` keeps the nodes so a later check (a method's
missing field, a plan's bad time) can point at the line it is about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from facilkit.errors import YamlError
from facilkit.i18n import Words
from facilkit.yamlio.schema import OUR_TAGS, PLAIN, QUOTED, SEQ, plain_scalar
from facilkit.yamlio.wording import comma_in_braces

MAX_DEPTH = 64

UNICODE_SPACES = frozenset(
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
"""The spaces ``str.strip`` removes that YAML does not trim off a plain word (it trims only
spaces and tabs, and refuses the control characters): a plain word can be blank only if it
starts with one of these."""


@dataclass
class Document:
    """Loaded data plus the node tree, so later checks can point at a line."""

    path: str
    data: Any
    root: yaml.Node | None
    blank_text: bool = True
    """Whether some value may be a text with no words in it (``""``, ``"  "``, ``{}``). The
    reader knows (it holds each value as it builds it), so a check for empty texts walks
    only a file that has one; a document made by hand says it may."""

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


class Builder:
    """Turns nodes into Python values, enforcing the rules the parser does not."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: set[int] = set()
        self.blank_text = False
        """Set by the first text with no words in it (see :attr:`Document.blank_text`)."""

    def fail(self, node: yaml.Node, message: Words) -> YamlError:
        mark = node.start_mark
        return YamlError(self.path, mark.line + 1, mark.column + 1, message)

    def build(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, Words("yaml.aliases"))
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(node, Words("yaml.too_deep", levels=MAX_DEPTH))
        tag = node.tag
        if tag not in OUR_TAGS:
            raise self.fail(node, Words("yaml.tag", tag=tag))
        if tag == PLAIN:
            text = node.value
            # YAML trims spaces and tabs off a plain word, not U+00A0 or U+3000; a word that
            # sorts below U+0085 (the lowest of them) cannot start with one: 15 ns a word.
            if text >= "\x85" and text[0] in UNICODE_SPACES:
                self.blank_text = True
            return plain_scalar(text)
        if tag == QUOTED:
            if not node.value.strip():
                self.blank_text = True
            return node.value
        if tag == SEQ:
            return [self.build(child, depth + 1) for child in node.value]
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        previous: tuple[yaml.Node, yaml.Node] | None = None
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, Words("yaml.key_not_text"))
            if getattr(node, "flow_style", False) and _absent(value_node) and key_node.tag == PLAIN:
                raise self.fail(key_node, comma_in_braces(key_node.value, previous))
            previous = (key_node, value_node)
            key = self.build(key_node, depth + 1)
            if key == "<<" and key_node.tag == PLAIN:
                raise self.fail(key_node, Words("yaml.merge_key"))
            if key in first_line:
                words = Words("yaml.duplicate_key", name=key, line=first_line[key])
                raise self.fail(key_node, words)
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        if not result:
            self.blank_text = True
        return result


def _absent(node: yaml.Node) -> bool:
    """A value left out (``{a: 1, b}``), not one written as empty."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.value == ""
        and node.start_mark.index == node.end_mark.index
    )
