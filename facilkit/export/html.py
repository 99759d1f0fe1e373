"""Blocks as one standalone HTML file that prints on A4.

No external fonts, scripts or images, so it works offline; print CSS repeats
table headers, keeps rows whole and numbers the pages in the plan's language.
Every piece of user text passes through :func:`html.escape`: no markup from a
plan or a method reaches the page.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from facilkit.export.build import build
from facilkit.export.document import (
    Audience,
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
)
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.plans.model import Plan

_STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-right { content: PAGE_NUMBERS; font: 8pt sans-serif; color: #555; } }
* { box-sizing: border-box; }
body { font: 10pt/1.35 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #111;
  max-width: 180mm; margin: 0 auto; padding: 8mm 0; overflow-wrap: anywhere; }
h1 { font-size: 17pt; margin: 0 0 3mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 0.4pt solid #999; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
h1 + p, h2 + p, h3 + p, h4 + p { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm; }
ul, ol { margin: 0 0 2mm; padding-left: 6mm; }
li { margin: 0.5mm 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.4pt solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.r, th.r { text-align: right; }
.nowrap { white-space: nowrap; }
.facts { margin: 0 0 3mm; }
table.fields th { width: 28%; background: none; }
ul.check { list-style: none; padding-left: 1mm; }
ul.check li::before { content: "\\2610\\00a0"; }
.step-title { font-weight: bold; }
.step-how { display: block; }
.q { font-style: italic; }
@media print { body { padding: 0; max-width: none; } }
"""


def _css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes and line ends escaped."""
    out = "".join(f"\\{ord(c):x} " if c in '"\\\n\r<>' else c for c in text)
    return f'"{out}"'


def _page_content(lang: str) -> str:
    """``"Side " counter(page) " af " counter(pages)`` in the plan's language."""
    template = t("export.page_of", lang)
    before, _, rest = template.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    parts = [_css_string(before), "counter(page)", _css_string(middle), "counter(pages)"]
    if after:
        parts.append(_css_string(after))
    return " ".join(parts)


def _lines(text: str) -> str:
    """Escaped text whose newlines become line breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(escape(line) for line in lines if line.strip())


def _label(label: str, style: str) -> str:
    if not label:
        return ""
    tag = "em" if style == "em" else "strong"
    return f"<{tag}>{escape(label)}:</{tag}> "


def _cell(cell: Cell, tag: str, classes: list[str]) -> str:
    text = _lines(cell.text)
    if text and cell.style == "strong":
        text = f"<strong>{text}</strong>"
    elif text and cell.style == "em":
        text = f"<em>{text}</em>"
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attr}>{text}</{tag}>"


def _table(table: Table) -> str:
    total = sum(table.widths) or 1
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)

    def classes(index: int) -> list[str]:
        found = ["r"] if table.align[index : index + 1] == "r" else []
        return [*found, "nowrap"] if index in table.nowrap else found

    head = "".join(_cell(Cell(text), "th", classes(i)) for i, text in enumerate(table.header))
    body = "\n".join(
        "<tr>" + "".join(_cell(cell, "td", classes(i)) for i, cell in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Facts):
        pairs = [f"<strong>{escape(k)}:</strong> {escape(v)}" for k, v in block.pairs]
        joined = " · ".join(pairs) if block.inline else "<br>".join(pairs)
        return f'<p class="facts">{joined}</p>'
    if isinstance(block, Fields):
        rows = []
        for f in block.fields:
            if f.items:
                value = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in f.items) + "</ul>"
            else:
                value = _lines(f.text)
            rows.append(f"<tr><th>{escape(f.label)}</th><td>{value}</td></tr>")
        return '<table class="fields"><tbody>' + "".join(rows) + "</tbody></table>"
    if isinstance(block, Text):
        return f"<p>{_label(block.label, block.style)}{_lines(block.text)}</p>"
    if isinstance(block, Bullets):
        cls = ' class="check"' if block.checklist else ""
        wrap = ("<em>", "</em>") if block.emphasis else ("", "")
        items = "".join(f"<li>{wrap[0]}{escape(i)}{wrap[1]}</li>" for i in block.items)
        return f"<ul{cls}>{items}</ul>"
    if isinstance(block, Steps):
        return _steps(block)
    return _table(block)


def _steps(block: Steps) -> str:
    items = []
    for step in block.steps:
        minutes = (
            f" ({step.minutes} {escape(block.minutes_label)})" if step.minutes is not None else ""
        )
        html = f'<span class="step-title">{escape(step.title)}</span>{minutes}'
        if step.how.strip():
            html += f'<span class="step-how">{_lines(step.how)}</span>'
        if step.questions:
            html += (
                "<ul>"
                + "".join(f'<li class="q">{escape(q)}</li>' for q in step.questions)
                + "</ul>"
            )
        items.append(f"<li>{html}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def render(document: Document) -> str:
    """The whole document as one HTML page."""
    style = _STYLE.replace("PAGE_NUMBERS", _page_content(document.lang))
    body = "\n".join(_block(block) for block in document.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(document.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> bytes:
    """The HTML export's bytes, for :func:`facilkit.export.formats.render`."""
    return render(build(plan, library, lang, audience)).encode("utf-8")
