"""Make user text safe inside Markdown: it can never add structure or raw HTML.

Everything a person types goes through these functions, so a ``|`` cannot
split a table cell, a leading ``#`` cannot become a heading and ``<script>``
stays text.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029]")


def _line(text: str) -> str:
    text = _INLINE.sub(r"\\\1", _CONTROL.sub(" ", text))
    match = _BLOCK_START.match(text)
    if match:  # escape the marker's last character, e.g. '1.' -> '1\.'
        marker = match.group(2)
        text = f"{match.group(1)}{marker[:-1]}\\{marker[-1]}{text[match.end() :]}"
    return text.strip()


def inline(text: str) -> str:
    """One line of plain text (newlines become spaces)."""
    return _line(" ".join(text.split()))


def paragraph(text: str) -> str:
    """Text that may span lines: each line kept, none starting a block."""
    lines = [_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "  \n".join(line for line in lines if line)


def cell(text: str) -> str:
    """Text for a table cell: lines are joined with a dot, never a new row or raw HTML."""
    lines = [_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return " · ".join(line for line in lines if line)


def table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A pipe table; cells must already be escaped with :func:`cell`."""
    align = align or "l" * len(header)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
