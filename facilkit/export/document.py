"""A handout as plain blocks: what to say, not how to draw it.

The plan is turned into these blocks once (:mod:`facilkit.export.build`); each
format (Markdown, HTML, Typst, Word, text) only draws them. So every format
shows the same content, and user text reaches each renderer as data, never as
markup: the renderer alone decides how to escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["", "strong", "em"]
Audience = Literal["facilitator", "participants"]
AUDIENCES: tuple[Audience, ...] = ("facilitator", "participants")

WORD_JOINER = "\u2060"
"""Glues text together where a renderer has no other way to keep it on one line."""


@dataclass(frozen=True)
class Cell:
    """One table cell; its lines stay lines (never raw markup)."""

    text: str
    style: Style = ""


@dataclass(frozen=True)
class Table:
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
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "widths", widths)
        object.__setattr__(self, "align", align)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Facts:
    """Label and value pairs: one a line, or in one line joined by a dot."""

    pairs: tuple[tuple[str, str], ...]
    inline: bool = False


@dataclass(frozen=True)
class Field:
    """A labelled answer: a text, or a list when ``items`` is given."""

    label: str
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fields:
    """The I DO ART answers: labels beside their answers."""

    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Text:
    """A paragraph; newlines are kept as line breaks. A label goes first."""

    text: str
    label: str = ""
    style: Style = ""
    """How the label is set: bold, or italic for a card's source line."""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    checklist: bool = False
    emphasis: bool = False


@dataclass(frozen=True)
class Step:
    """A method step as shown: its minutes already fitted to the item."""

    title: str
    minutes: int | None
    how: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Steps:
    steps: tuple[Step, ...]
    minutes_label: str = "min"


Block = Heading | Facts | Fields | Text | Bullets | Steps | Table


@dataclass(frozen=True)
class Document:
    """A whole handout in one language."""

    title: str
    lang: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def unbreakable(text: str) -> str:
    """Text with word joiners around its dashes and no-break spaces for spaces."""
    return text.replace("–", f"{WORD_JOINER}–{WORD_JOINER}").replace(" ", "\u00a0")
