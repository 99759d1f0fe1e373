"""Blocks as plain text: for an e-mail invitation and a calendar description.

Plain text needs no escaping; control characters are dropped so nothing a
person typed can move a terminal's cursor or break a calendar line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from facilkit.export.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Fields,
    Heading,
    Steps,
    Table,
    Text,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """One line of text without control characters."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [clean(line) for line in lines if clean(line)]


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        title = clean(block.text)
        return [title, "=" * len(title)] if block.level == 1 else [title]
    if isinstance(block, Facts):
        pairs = [f"{clean(k)}: {clean(v)}" for k, v in block.pairs]
        return [" · ".join(pairs)] if block.inline else pairs
    if isinstance(block, Fields):
        out: list[str] = []
        for field in block.fields:
            if field.items:
                out += [f"{clean(field.label)}:", *(f"- {clean(i)}" for i in field.items), ""]
            else:
                out += [f"{clean(field.label)}: " + " ".join(_lines(field.text)), ""]
        return out[:-1]
    if isinstance(block, Text):
        label = f"{clean(block.label)}: " if block.label else ""
        lines = _lines(block.text) or [""]
        return [label + lines[0], *lines[1:]]
    if isinstance(block, Bullets):
        return [f"- {clean(item)}" for item in block.items]
    if isinstance(block, Steps):
        out = []
        for number, step in enumerate(block.steps, 1):
            minutes = f" ({step.minutes} {block.minutes_label})" if step.minutes is not None else ""
            out.append(f"{number}. {clean(step.title)}{minutes}")
            out += [f"   {line}" for line in _lines(step.how)]
            out += [f"   - {clean(q)}" for q in step.questions]
        return out
    return _table(block)


def _table(table: Table) -> list[str]:
    """A table as lines: 'cell  cell  cell', empty cells left out."""
    return ["  ".join(clean(c.text) for c in row if clean(c.text)) for row in table.rows]


def render_blocks(blocks: Iterable[Block]) -> str:
    parts = ["\n".join(_block(block)) for block in blocks]
    return "\n\n".join(part for part in parts if part.strip()).rstrip() + "\n"


def render(document: Document) -> str:
    return render_blocks(document.blocks)
