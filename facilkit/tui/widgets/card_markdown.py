"""Cards and the run plan's review drawn with Rich: markdown-it parses, this draws the parts.

The one Markdown renderer of the TUI: the library's cards and the plan
wizard's review (the run plan as an export prints it, with its agenda table).
Rich's own ``Markdown`` builds a new parser for every text and imports Pygments
for code blocks, which cards never have: together a sixth of the time from start
to the first card. Here one markdown-it parser is kept, and headings,
paragraphs, lists, tables, emphasis and links are drawn with styles from the
stylesheet. Anything else a trainer's text might produce is drawn as its plain
text, so no input can break the card.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

_PARSER = MarkdownIt("commonmark").enable("table")
"""CommonMark with GitHub's tables, the Markdown the exports write."""
BULLET = "•"


@dataclass(frozen=True)
class CardStyles:
    """How each part looks; the card widget fills these from its component classes."""

    title: Style = field(default_factory=lambda: Style(bold=True))
    heading: Style = field(default_factory=lambda: Style(bold=True))
    marker: Style = field(default_factory=Style)
    link: Style = field(default_factory=lambda: Style(underline=True))
    code: Style = field(default_factory=lambda: Style(reverse=True))


def render_markdown(text: str, styles: CardStyles) -> RenderableType:
    """The card's Markdown as one Rich renderable."""
    root = SyntaxTreeNode(_PARSER.parse(text))
    return Group(*_blocks(root.children, styles, spaced=True))


def _blocks(
    nodes: Iterable[SyntaxTreeNode], styles: CardStyles, spaced: bool
) -> list[RenderableType]:
    """Block nodes in order; ``spaced`` puts a blank line between them (not in tight lists)."""
    drawn: list[RenderableType] = []
    for node in nodes:
        if spaced and drawn:
            drawn.append(Text())
        drawn.append(_block(node, styles))
    return drawn


def _block(node: SyntaxTreeNode, styles: CardStyles) -> RenderableType:
    kind = node.type
    if kind == "heading":
        style = styles.title if node.tag in ("h1", "h2") else styles.heading
        return _inline_text(node.children, styles, style)
    if kind == "paragraph":
        return _inline_text(node.children, styles)
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, styles)
    if kind == "blockquote":
        return _Indented("▌ ", styles.marker, Group(*_blocks(node.children, styles, True)))
    if kind in ("fence", "code_block"):
        return Text(node.content.rstrip("\n"), styles.code)
    if kind == "hr":
        return Text("―" * 3, styles.marker)
    if kind == "table":
        return _table(node, styles)
    return Text(_plain(node))  # HTML and the like: their text, never markup


def _table(node: SyntaxTreeNode, styles: CardStyles) -> RenderableType:
    """A table with its header row, each column aligned as its ``---:`` line says."""
    rows = [row for section in node.children for row in section.children]
    if not rows:
        return Text()
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=styles.heading)
    for cell in rows[0].children:
        align = str(cell.attrs.get("style", "")).removeprefix("text-align:")
        justify = align if align in ("left", "center", "right") else "left"
        table.add_column(_inline_text(cell.children, styles), justify=justify)  # type: ignore[arg-type]
    for row in rows[1:]:
        table.add_row(*(_inline_text(cell.children, styles) for cell in row.children))
    return table


def _list(node: SyntaxTreeNode, styles: CardStyles) -> RenderableType:
    ordered = node.type == "ordered_list"
    first = int(node.attrs.get("start", 1) or 1) if ordered else 1
    items = node.children
    width = len(f"{first + len(items) - 1}.") if ordered else len(BULLET)
    drawn: list[RenderableType] = []
    for number, item in enumerate(items, first):
        marker = f"{number}.".rjust(width) if ordered else BULLET
        tight = any(child.type == "paragraph" and child.hidden for child in item.children)
        body = Group(*_blocks(item.children, styles, spaced=not tight))
        drawn.append(_Indented(f"{marker} ", styles.marker, body))
    return Group(*drawn)


def _inline_text(
    nodes: Iterable[SyntaxTreeNode], styles: CardStyles, style: Style | None = None
) -> Text:
    text = Text(style=style or "")
    for node in nodes:
        _append_inline(text, node.children if node.type == "inline" else [node], styles, Style())
    return text


def _append_inline(
    text: Text, nodes: Iterable[SyntaxTreeNode], styles: CardStyles, style: Style
) -> None:
    for node in nodes:
        kind = node.type
        if kind in ("text", "html_inline"):
            text.append(node.content, style)
        elif kind in ("softbreak", "hardbreak"):
            text.append("\n")  # a card's line breaks (a step's title, then its how) are kept
        elif kind == "code_inline":
            text.append(node.content, style + styles.code)
        elif kind == "strong":
            _append_inline(text, node.children, styles, style + Style(bold=True))
        elif kind == "em":
            _append_inline(text, node.children, styles, style + Style(italic=True))
        elif kind == "link":
            _append_inline(text, node.children, styles, style + styles.link)
        else:
            _append_inline(text, node.children, styles, style)


def _plain(node: SyntaxTreeNode) -> str:
    if not node.children:
        return node.content
    return " ".join(_plain(child) for child in node.children).strip()


class _Indented:
    """A marker (a number, a bullet, a bar) with its body indented beside it."""

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
