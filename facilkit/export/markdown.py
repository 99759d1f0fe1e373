"""Blocks as Markdown that prints well, even where a renderer shows HTML as text.

User text goes through :mod:`facilkit.export.escape`; no cell holds raw HTML
(lines in a cell are joined with a dot), a step's title and its text sit on
separate lines, and clock ranges in tables are glued so they never wrap.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilkit.export import escape
from facilkit.export.document import (
    Block,
    Bullets,
    Cell,
    Document,
    Facts,
    Fields,
    Heading,
    Steps,
    Table,
    Text,
    unbreakable,
)

CHECKBOX = "☐"
"""A box to tick on paper: '[ ]' shows as brackets where task lists are off."""


def render(document: Document, glue: bool = True) -> str:
    """The whole document as Markdown text.

    ``glue`` keeps clock ranges on one line with word joiners, for print; a
    terminal shows the text better without them.
    """
    return render_blocks(document.blocks, glue)


def render_blocks(blocks: Iterable[Block], glue: bool = True) -> str:
    parts = [_block(block, glue) for block in blocks]
    return "\n\n".join(part for part in parts if part).rstrip() + "\n"


def _label(label: str, style: str) -> str:
    if not label:
        return ""
    return f"*{escape.inline(label)}:* " if style == "em" else f"**{escape.inline(label)}:** "


def _block(block: Block, glue: bool) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape.inline(block.text)}"
    if isinstance(block, Facts):
        pairs = [f"**{escape.inline(k)}:** {escape.inline(v)}" for k, v in block.pairs]
        return (" · " if block.inline else "  \n").join(pairs)
    if isinstance(block, Fields):
        return "\n\n".join(_field(f.label, f.text, f.items) for f in block.fields)
    if isinstance(block, Text):
        return _label(block.label, block.style) + escape.paragraph(block.text)
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, Steps):
        return _steps(block)
    return _table(block, glue)


def _field(label: str, text: str, items: tuple[str, ...]) -> str:
    if items:
        return f"**{escape.inline(label)}:**\n\n" + "\n".join(
            f"- {escape.inline(item)}" for item in items
        )
    return f"**{escape.inline(label)}:** {escape.paragraph(text) or '–'}"


def _bullets(block: Bullets) -> str:
    marker = f"- {CHECKBOX} " if block.checklist else "- "
    lines = []
    for item in block.items:
        text = escape.inline(item)
        lines.append(marker + (f"*{text}*" if block.emphasis else text))
    return "\n".join(lines)


def _steps(block: Steps) -> str:
    lines = []
    for number, step in enumerate(block.steps, 1):
        minutes = f" ({step.minutes} {block.minutes_label})" if step.minutes is not None else ""
        head = f"{number}. **{escape.inline(step.title)}**{minutes}"
        how = escape.paragraph(step.how)
        if how:  # a hard break keeps the title on its own line
            head += "  \n   " + how.replace("\n", "\n   ")
        lines.append(head)
        lines += [f"   - *{escape.inline(question)}*" for question in step.questions]
    return "\n".join(lines)


def _cell(cell: Cell, nowrap: bool) -> str:
    text = escape.cell(cell.text)
    if nowrap:
        text = unbreakable(text)
    if text and cell.style == "strong":
        return f"**{text}**"
    if text and cell.style == "em":
        return f"*{text}*"
    return text


def _table(table: Table, glue: bool) -> str:
    header = [escape.inline(h) for h in table.header]
    rows = [
        [_cell(cell, glue and index in table.nowrap) for index, cell in enumerate(row)]
        for row in table.rows
    ]
    return escape.table(header, rows, table.align)
