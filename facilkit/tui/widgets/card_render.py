"""Cards and the run plan's review drawn with Rich, straight from the export's blocks.

The one renderer of the TUI's documents: the library's cards and the plan
wizard's review (the run plan as the Markdown export prints it, agenda table
included). It draws the blocks of :mod:`facilkit.export.document` as the
Markdown export writes them (headings, labelled paragraphs, lists, numbered
steps with their questions, tables) with styles from the stylesheet.

It used to draw that Markdown after parsing it back with markdown-it: the
parser's import (about 27 ms) stood between a warm start and its first card,
and the parse (about 3.5 ms) in every cursor move. The blocks already say what
each part is, so nothing is parsed. User text is data here, never markup: it is
cleaned as the Markdown export cleans it (control characters become spaces,
lines are trimmed, one-line texts are joined), so the screen shows what a
handout prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text as RichText

from facilkit.export.document import (
    Block,
    Bullets,
    Cell,
    Facts,
    Fields,
    Heading,
    Step,
    Steps,
    Table,
    Text,
)

BULLET = "•"
CHECKBOX = "☐"
"""A box to tick, as the Markdown export writes a checklist."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029]")
"""What the Markdown export turns into spaces (export/escape.py): the same text on screen."""

_BOLD = Style(bold=True)
_ITALIC = Style(italic=True)


class CardStyles(NamedTuple):
    """How each part looks; the card widget fills these from its component classes."""

    title: Style = _BOLD
    heading: Style = _BOLD
    marker: Style = Style()


def render_blocks(blocks: Iterable[Block], styles: CardStyles) -> RenderableType:
    """The blocks as one Rich renderable, a blank line between them (as in the Markdown)."""
    drawn: list[RenderableType] = []
    for block in blocks:
        parts = _block(block, styles)
        if parts:
            if drawn:
                drawn.append(RichText())
            drawn.extend(parts)
    return Group(*drawn)


def _line(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def one_line(text: str) -> str:
    """A heading, a list item, a label: whitespace runs become one space."""
    return _line(" ".join(text.split()))


def lines_of(text: str) -> list[str]:
    """A paragraph's lines, each trimmed; blank lines are dropped (as in the export)."""
    lines = (_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return [line for line in lines if line]


def _block(block: Block, styles: CardStyles) -> list[RenderableType]:
    """One block's parts (several for labelled lists); none when it has nothing to show."""
    if isinstance(block, Heading):
        return [
            RichText(
                one_line(block.text), style=styles.title if block.level <= 2 else styles.heading
            )
        ]
    if isinstance(block, Facts):
        text = RichText()
        for index, (label, value) in enumerate(block.pairs):
            if index:
                text.append(" · " if block.inline else "\n")
            text.append(f"{one_line(label)}:", _BOLD)
            text.append(f" {one_line(value)}")
        text.rstrip()
        return [text]
    if isinstance(block, Fields):
        return _fields(block, styles)
    if isinstance(block, Text):
        return _text(block)
    if isinstance(block, Bullets):
        return _bullets(block, styles)
    if isinstance(block, Steps):
        return _steps(block, styles)
    return [_table(block, styles)]


def _labelled(label: str, label_style: Style, lines: list[str]) -> RichText:
    """``label: text`` with the text's lines kept; an empty label leaves the text alone."""
    text = RichText()
    if label:
        text.append(f"{one_line(label)}:", label_style)
        if lines:
            text.append(" ")
    text.append("\n".join(lines))
    return text


def _text(block: Text) -> list[RenderableType]:
    lines = lines_of(block.text)
    if not lines and not block.label:
        return []
    return [_labelled(block.label, _ITALIC if block.style == "em" else _BOLD, lines)]


def _fields(block: Fields, styles: CardStyles) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for field in block.fields:
        if parts:
            parts.append(RichText())
        if field.items:
            parts += [
                _labelled(field.label, _BOLD, []),
                RichText(),
                _list(BULLET, [RichText(one_line(item)) for item in field.items], styles),
            ]
        else:
            parts.append(_labelled(field.label, _BOLD, lines_of(field.text) or ["–"]))
    return parts


def _bullets(block: Bullets, styles: CardStyles) -> list[RenderableType]:
    if not block.items:
        return []
    items = []
    for item in block.items:
        text = RichText(f"{CHECKBOX} " if block.checklist else "")
        text.append(one_line(item), _ITALIC if block.emphasis else None)
        items.append(text)
    return [_list(BULLET, items, styles)]


def _steps(block: Steps, styles: CardStyles) -> list[RenderableType]:
    if not block.steps:
        return []
    width = len(f"{len(block.steps)}.")
    items = []
    for number, step in enumerate(block.steps, 1):
        items.append(
            _Indented(f"{f'{number}.'.rjust(width)} ", styles.marker, _step(step, block, styles))
        )
    return [Group(*items)]


def _step(step: Step, block: Steps, styles: CardStyles) -> RenderableType:
    """The title in bold (minutes beside it), its how on the lines below, then its questions."""
    head = RichText()
    head.append(one_line(step.title), _BOLD)
    if step.minutes is not None:
        head.append(f" ({step.minutes} {one_line(block.minutes_label)})")
    how = lines_of(step.how)
    if how:
        head.append("\n" + "\n".join(how))
    if not step.questions:
        return head
    questions = [RichText(one_line(question), _ITALIC) for question in step.questions]
    return Group(head, _list(BULLET, questions, styles))


def _list(marker: str, items: list[RichText], styles: CardStyles) -> RenderableType:
    return Group(*(_Indented(f"{marker} ", styles.marker, item) for item in items))


def _cell(cell: Cell) -> RichText:
    """A cell's lines joined with a dot (as in the Markdown table), in the cell's style."""
    drawn = RichText()
    drawn.append(" · ".join(lines_of(cell.text)), {"strong": _BOLD, "em": _ITALIC}.get(cell.style))
    return drawn


def _table(table: Table, styles: CardStyles) -> RenderableType:
    """A table with its header row, each column aligned as the block says."""
    drawn = RichTable(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=styles.heading
    )
    align = table.align or "l" * len(table.header)
    for header, column_align in zip(table.header, align, strict=False):
        drawn.add_column(
            RichText(one_line(header)), justify="right" if column_align == "r" else "left"
        )
    for row in table.rows:
        drawn.add_row(*(_cell(cell) for cell in row))
    return drawn


class _Indented:
    """A marker (a number, a bullet) with its body indented beside it."""

    def __init__(self, marker: str, style: Style, body: RenderableType) -> None:
        self.marker = Segment(marker, style)
        self.blank = Segment(" " * cell_len(marker))
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.blank.cell_length, 1)
        lines = console.render_lines(self.body, options.update_width(width), pad=False)
        for index, line in enumerate(lines):
            yield self.marker if index == 0 else self.blank
            yield from line
            yield Segment.line()
