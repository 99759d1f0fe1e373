"""What a YAML problem is called for a person who edits the file by hand.

PyYAML's messages name parser states ("could not find expected ':'"); these
say what is wrong in the file and what to do about it, in the reader's
language: each is catalogue words (``yaml.*``), so the CLI and the TUI say it
in Danish, Norwegian, Swedish or English, with the file, line and column.
"""

from __future__ import annotations

import yaml

from facilkit.errors import YamlError
from facilkit.i18n import Words

_HINTS = (
    ("found character '\\t'", Words("yaml.tab")),
    ("found undefined alias", Words("yaml.alias_star")),
    ("found duplicate anchor", Words("yaml.anchors")),
    ("but found another document", Words("yaml.two_documents")),
    ("mapping values are not allowed", Words("yaml.colon_in_text")),
    ("could not find expected ':'", Words("yaml.missing_colon")),
    ("did not find expected '-' indicator", Words("yaml.indent")),
    ("did not find expected key", Words("yaml.indent")),
    ("found character that cannot start any token", Words("yaml.special_start")),
    ("found unknown escape character", Words("yaml.bad_escape")),
)
_BRACKETS = {"expected ',' or '}'": "{", "expected ',' or ']'": "["}
"""A piece of PyYAML's message, and the words for what the trainer should do."""


def explain(error: yaml.MarkedYAMLError, path: str, text: str) -> YamlError:
    """Rewrite PyYAML's message for a person who edits the file by hand."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or error.context or "syntax error"
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return YamlError(path, line, column, Words("yaml.tab"))
    start = error.context_mark
    if "quoted scalar" in (error.context or "") and "end of stream" in problem and start:
        # the file ended inside quotes: the place to fix is where the quote opened
        return YamlError(path, start.line + 1, start.column + 1, Words("yaml.unclosed_quote"))
    bracket = next((b for needle, b in _BRACKETS.items() if needle in problem), None)
    if bracket is not None and start is not None:  # where the bracket opened
        words = Words("yaml.unclosed_bracket", bracket=bracket, line=start.line + 1)
        return YamlError(path, line, column, words)
    for needle, words in _HINTS:
        if needle in problem:
            return YamlError(path, line, column, words)
    context = error.context
    if (
        context
        and start is not None
        and error.problem
        and (start.line + 1, start.column + 1) != (line, column)
    ):
        problem += f" ({context.removeprefix('while ')} that starts on line {start.line + 1})"
    return YamlError(path, line, column, Words("yaml.syntax", detail=problem))


def comma_in_braces(word: str, before: tuple[yaml.Node, yaml.Node] | None) -> Words:
    """``{da: Papir, blyanter, en: Paper}``: the comma ended the text; say how to keep it."""
    if before is not None and isinstance(before[1], yaml.ScalarNode) and before[1].value:
        whole = f'{before[0].value}: "{before[1].value}, {word}"'
        return Words("yaml.comma_in_braces", word=word, whole=whole)
    return Words("yaml.no_value", word=word)


def forbidden_character(code: int) -> Words:
    """A NUL or control character in the file: most likely damage, or not a text file."""
    if code == 0:
        return Words("yaml.nul")
    return Words("yaml.control_character", code=f"U+{code:04X}")


def not_utf8(byte: int) -> Words:
    """A byte that is not UTF-8: the usual cause is a file saved from an old editor."""
    return Words("yaml.not_utf8", byte=f"0x{byte:02x}")
