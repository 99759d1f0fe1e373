"""What a YAML problem is called for a person who edits the file by hand.

PyYAML's messages name parser states ("could not find expected ':'"); these
say what is wrong in the file and what to do about it.
"""

from __future__ import annotations

import yaml

from facilkit.errors import YamlError

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


def explain(error: yaml.MarkedYAMLError, path: str, text: str) -> YamlError:
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


def comma_in_braces(word: str, before: tuple[yaml.Node, yaml.Node] | None) -> str:
    """``{da: Papir, blyanter, en: Paper}``: the comma ended the text; say how to keep it."""
    if before is not None and isinstance(before[1], yaml.ScalarNode) and before[1].value:
        whole = f'{before[0].value}: "{before[1].value}, {word}"'
        return (
            f"a comma inside {{...}} ends the text, so '{word}' became a field of its own; "
            f"put the whole text in quotes: {whole}"
        )
    return f"'{word}' has no value: a field inside {{...}} is written 'name: value'"


def forbidden_character(code: int) -> str:
    """A NUL or control character in the file: most likely damage, or not a text file."""
    name = "NUL" if code == 0 else f"a control character (U+{code:04X})"
    return f"{name} is not allowed in a YAML file; remove it (the file may be damaged or not text)"


def not_utf8(byte: int) -> str:
    """A byte that is not UTF-8: the usual cause is a file saved from an old editor."""
    return (
        f"byte 0x{byte:02x} is not UTF-8; save the file as UTF-8 "
        "(the file looks like Latin-1 or Windows-1252)"
    )
