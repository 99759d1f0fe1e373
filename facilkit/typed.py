"""Typed conversion of loaded YAML into msgspec structs, with errors for humans.

msgspec reports one problem as ``Expected `int`, got `str` - at `$.a[0].b```;
this module places it on the node's line and column and words it for a person
who edits files by hand.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec

from facilkit.i18n import Words
from facilkit.problems import Problem
from facilkit.yamlio import Document

T = TypeVar("T", bound=msgspec.Struct)
Keys = tuple[str | int, ...]

_TYPE_WORDS = {
    "int": "type.int",
    "str": "type.str",
    "array": "type.array",
    "object": "type.object",
    "float": "type.float",
    "bool": "type.bool",
    "null": "type.null",
    "str | object": "type.text",
    "object | null": "type.mapping",
    "str | object | null": "type.text",
    "int | null": "type.int",
    "str | null": "type.str",
}
"""msgspec's type names, as the catalogue key a trainer reads them by."""
_AT = re.compile(r"\s*-\s*at `\$(?P<path>[^`]*)`$")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


MAX_TYPE_PROBLEMS = 50
"""A file this broken has been shown enough; the rest can wait for the next round."""


def convert(document: Document, data: Any, struct: type[T]) -> tuple[T | None, Problem | None]:
    """``data`` as ``struct``, or None and the problem at its place in the file."""
    try:
        return msgspec.convert(data, struct), None
    except msgspec.ValidationError as error:
        return None, type_problem(document, str(error), struct)


SetAside = Callable[[str, Any], Any]
"""Given msgspec's message and the data, the data with that fault set aside (to be worded by
the caller later), or None when the fault is an ordinary type problem."""


def convert_all(
    document: Document, data: Any, struct: type[T], set_aside: SetAside | None = None
) -> tuple[T | None, list[Problem]]:
    """Every type problem of ``data`` at once, and ``struct`` from what is left, if it can be.

    msgspec stops at the first problem. Each found problem's field is left out and
    the rest converted again, so a trainer sees every mistake in one run instead of
    one per run. A field in a list leaves out the whole list (later items keep their
    places in the file). When leaving a field out makes a required field missing,
    nothing more can be said: that follow-on is not reported. A fault ``set_aside``
    takes is no type problem: its data is mended and the conversion goes on.
    """
    problems: list[Problem] = []
    dropped: set[tuple[str | int, ...]] = set()
    while len(problems) < MAX_TYPE_PROBLEMS:
        try:
            return msgspec.convert(data, struct), problems
        except msgspec.ValidationError as error:
            message = str(error)
        mended = None if set_aside is None else set_aside(message, data)
        if mended is not None and mended != data:
            data = mended
            continue
        keys = _error_keys(message)
        missing = re.match(r"Object missing required field `([^`]+)`", message)
        if missing and (*keys, missing.group(1)) in dropped:
            break  # we left it out ourselves
        problems.append(type_problem(document, message, struct))
        unknown = re.match(r"Object contains unknown field `([^`]+)`", message)
        path = [*keys, unknown.group(1)] if unknown else list(keys)
        while path and not isinstance(path[-1], str):
            path.pop()  # leave out the whole list, not one item of it
        if missing or not path:
            break
        dropped.add(tuple(path))
        smaller = _without(data, path)
        if smaller == data:  # a place msgspec names but the data has no key for
            break
        data = smaller
    return None, problems


def _error_keys(message: str) -> list[str | int]:
    match = _AT.search(message)
    if not match:
        return []
    return _keys_of(match.group("path"))


def _keys_of(path: str) -> list[str | int]:
    """``.steps[0].title`` as keys; ``[...]`` (some value of a mapping) names no key."""
    parts = _PART.findall(path.replace("[...]", ""))
    return [int(index) if index else name for name, index in parts]


_REFUSED_KEY = re.compile(r"^Invalid enum value .* - at `key` in `\$(?P<path>[^`]*)`$", re.DOTALL)


def refused_key_in(message: str) -> Keys | None:
    """Where the mapping is whose key msgspec refused (not one of a ``Literal``'s values)."""
    match = _REFUSED_KEY.match(message)
    return None if match is None else tuple(_keys_of(match.group("path")))


def at(data: Any, keys: Keys) -> Any:
    """The value at ``keys`` in loaded data, or None where there is none."""
    for key in keys:
        found = isinstance(data, dict) and key in data
        if found or (isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)):
            data = data[key]
        else:
            return None
    return data


def replaced(data: Any, keys: Keys, value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``keys`` (only the path is copied)."""
    if not keys:
        return value
    head, rest = keys[0], keys[1:]
    if isinstance(data, dict):
        return {**data, head: replaced(data.get(head), rest, value)}
    assert isinstance(data, list) and isinstance(head, int)
    items = list(data)
    items[head] = replaced(items[head], rest, value)
    return items


def _without(data: Any, path: list[str | int]) -> Any:
    """A copy of ``data`` without the mapping key at ``path`` (only the path is copied)."""
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if not rest:
            copy.pop(head, None)
        elif head in copy:
            copy[head] = _without(copy[head], rest)
        return copy
    if isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data) and rest:
        items = list(data)
        items[head] = _without(items[head], rest)
        return items
    return data


def type_problem(document: Document, message: str, root: type[msgspec.Struct]) -> Problem:
    """Rewrite a msgspec message for a person and place it on the right node."""
    keys = _error_keys(message)
    match = _AT.search(message)
    if match:
        message = message[: match.start()]
    unknown = re.match(r"Object contains unknown field `(.+)`", message)
    if unknown:
        line, column = document.key_position(keys, unknown.group(1))
        known = ", ".join(_field_names(root, keys))
        words = Words("problem.unknown_field", field=unknown.group(1), known=known)
        return Problem.said(document.path, line, column, words)
    said: Words | str = message  # msgspec's own words, for a message it has no rewrite for
    missing = re.match(r"Object missing required field `(.+)`", message)
    if missing:
        said = Words("problem.missing_field", field=missing.group(1))
    expected = re.match(r"Expected `(.+)`, got `(.+)`", message)
    if expected:
        said = Words(
            "problem.expected", want=_type_words(expected[1]), got=_type_words(expected[2])
        )
    enum = re.match(r"Invalid enum value (.+)", message)
    allowed = _allowed_values(root, keys) if enum else ""
    if enum and allowed:
        said = Words("problem.not_allowed", value=enum.group(1), allowed=allowed)
    line, column = document.position(keys)
    where = ".".join(str(k) for k in keys)
    if where:
        said = Words("problem.at", where=where, message=said)
    if isinstance(said, str):
        return Problem(document.path, line, column, said)
    return Problem.said(document.path, line, column, said)


def _type_words(name: str) -> Words | str:
    """A msgspec type name as a trainer reads it ("a whole number"), or as msgspec said it."""
    key = _TYPE_WORDS.get(name)
    return Words(key) if key else name


def _struct_in(annotation: Any) -> type[msgspec.Struct] | None:
    """The first struct type inside an annotation such as ``list[Step] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return annotation
    for argument in typing.get_args(annotation):
        found = _struct_in(argument)
        if found is not None:
            return found
    return None


def _field_at(root: type[msgspec.Struct], keys: list[str | int]) -> Any:
    """The annotation of the field at ``keys`` (list indexes are skipped)."""
    struct: type[msgspec.Struct] | None = root
    annotation: Any = root
    for key in keys:
        if isinstance(key, int):
            continue
        if struct is None:
            return None
        fields = {f.encode_name: f.type for f in msgspec.structs.fields(struct)}
        annotation = fields.get(key)
        struct = _struct_in(annotation)
    return annotation


def _field_names(root: type[msgspec.Struct], keys: list[str | int]) -> list[str]:
    """The fields allowed at ``keys``, to suggest the right spelling."""
    struct = _struct_in(_field_at(root, keys)) if keys else root
    return [f.encode_name for f in msgspec.structs.fields(struct or root)]


def _allowed_values(root: type[msgspec.Struct], keys: list[str | int]) -> str:
    annotation = _field_at(root, keys)
    values = [v for v in typing.get_args(annotation) if isinstance(v, str)]
    return ", ".join(values)
