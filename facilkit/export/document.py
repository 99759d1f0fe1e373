"""A handout as plain blocks: what to say, not how to draw it.

The plan is turned into these blocks once (:mod:`facilkit.export.build`); each
format (Markdown, HTML, Typst, Word, text) only draws them. So every format
shows the same content, and user text reaches each renderer as data, never as
markup: the renderer alone decides how to escape it.

The blocks are frozen msgspec Structs rather than dataclasses: the command line's
parser reads :data:`AUDIENCES` on every start and the library's card is built from
blocks, and eleven frozen dataclasses took about 10 ms to create at import (Structs:
well under 1 ms).
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct
from msgspec.structs import force_setattr

Style = Literal["", "strong", "em"]
Audience = Literal["facilitator", "participants"]
AUDIENCES: tuple[Audience, ...] = ("facilitator", "participants")

WORD_JOINER = "\u2060"
"""Glues text together where a renderer has no other way to keep it on one line."""


class Cell(Struct, frozen=True):
    """One table cell; its lines stay lines (never raw markup)."""

    text: str
    style: Style = ""


class Table(Struct, frozen=True):
    """A table with a header row; ``widths`` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]
    align: str = ""
    """One letter per column: ``l`` or ``r``."""
    nowrap: tuple[int, ...] = ()
    """Columns that must not wrap (clock ranges such as 13:00–13:10)."""

    def __post_init__(self) -> None:
        """Every row, the widths and the alignment get exactly one entry per header cell.

        A plan can hold anything (a rotation of 0 or -3 groups); no export format
        may get a table with ragged rows from it.
        """
        columns = len(self.header)
        rows = tuple((*row, *[Cell("")] * (columns - len(row)))[:columns] for row in self.rows)
        widths = (*self.widths, *[1] * (columns - len(self.widths)))[:columns]
        align = (self.align + "l" * columns)[:columns] if self.align else ""
        force_setattr(self, "rows", rows)
        force_setattr(self, "widths", widths)
        force_setattr(self, "align", align)


class Heading(Struct, frozen=True):
    level: int
    text: str


class Facts(Struct, frozen=True):
    """Label and value pairs: one a line, or in one line joined by a dot."""

    pairs: tuple[tuple[str, str], ...]
    inline: bool = False


class Field(Struct, frozen=True):
    """A labelled answer: a text, or a list when ``items`` is given."""

    label: str
    text: str = ""
    items: tuple[str, ...] = ()


class Fields(Struct, frozen=True):
    """The I DO ART answers: labels beside their answers."""

    fields: tuple[Field, ...]


class Text(Struct, frozen=True):
    """A paragraph; newlines are kept as line breaks. A label goes first."""

    text: str
    label: str = ""
    style: Style = ""
    """How the label is set: bold, or italic for a card's source line."""


class Bullets(Struct, frozen=True):
    items: tuple[str, ...]
    checklist: bool = False
    emphasis: bool = False


class Step(Struct, frozen=True):
    """A method step as shown: its minutes already fitted to the item."""

    title: str
    minutes: int | None
    how: str = ""
    questions: tuple[str, ...] = ()


class Steps(Struct, frozen=True):
    steps: tuple[Step, ...]
    minutes_label: str = "min"


Block = Heading | Facts | Fields | Text | Bullets | Steps | Table


class Document(Struct, frozen=True):
    """A whole handout in one language."""

    title: str
    lang: str
    blocks: tuple[Block, ...] = ()


def unbreakable(text: str) -> str:
    """Text with word joiners around its dashes and no-break spaces for spaces."""
    return text.replace("–", f"{WORD_JOINER}–{WORD_JOINER}").replace(" ", "\u00a0")
