"""Blocks as a Word document (.docx) through python-docx.

A4 with real Word styles (Heading 1-4, List Bullet), tables whose header row
repeats and whose rows do not split, fixed column widths that LibreOffice
honours too, and page numbers in the footer. ``--template`` starts from a
municipality's own document, keeping its letterhead and styles.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

from facilkit.errors import storage_error
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
    Text,
    unbreakable,
)
from facilkit.export.formats import ExportError
from facilkit.export.pdf import breakable
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.plans.model import Plan

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
TEXT_WIDTH_MM = 174.0
"""A4 (210 mm) less 18 mm margins each side."""


def _clean(text: str) -> str:
    """Text Word can hold: no control characters, long words breakable."""
    return breakable(_NOT_XML.sub(" ", text))


def _style(doc: Any, name: str) -> Any:
    """A style by name, or None when a template lacks it (Word then uses Normal)."""
    try:
        return doc.styles[name]
    except KeyError:
        return None


def _add_lines(
    paragraph: Any, text: str, bold: bool = False, italic: bool = False, size: float = 0
) -> None:
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line.strip()] or [""]
    for index, line in enumerate(lines):
        run = paragraph.add_run(_clean(line))
        run.bold, run.italic = bold or None, italic or None
        if size:
            from docx.shared import Pt

            run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break()


def _paragraph(doc: Any, style: str = "") -> Any:
    """A new paragraph in a named style (Normal when the document lacks it).

    The style id goes straight into the XML: python-docx's own setter scans
    every style of the document each time, which made the export 2.3 x slower.
    """
    paragraph = doc.add_paragraph()
    if style:
        ids: dict[str, str | None] = doc.facilkit_style_ids  # set in _open
        if style not in ids:
            found = _style(doc, style)
            ids[style] = None if found is None else found.style_id
        if ids[style] is not None:
            paragraph._p.style = ids[style]
    return paragraph


def _set_row_flags(row: Any, header: bool) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)
    if header:
        tbl_header = OxmlElement("w:tblHeader")
        tr_pr.append(tbl_header)
    for flag in tr_pr.findall(qn("w:cantSplit")) + tr_pr.findall(qn("w:tblHeader")):
        flag.set(qn("w:val"), "true")


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_margins(table: Any) -> None:
    """Room between text and borders: the default template has none above and below a line."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 30), ("left", 85), ("bottom", 30), ("right", 85)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties = table._tbl.tblPr
    later = [properties.find(qn(f"w:{name}")) for name in ("tblLook", "tblCaption")]
    anchor = next((element for element in later if element is not None), None)
    if anchor is None:  # the schema's order: tblCellMar comes before tblLook and tblCaption
        properties.append(margins)
    else:
        anchor.addprevious(margins)


def _table(
    doc: Any,
    header: tuple[str, ...] | None,
    rows: list[list[Any]],
    widths: tuple[int, ...],
    align: str = "",
    nowrap: tuple[int, ...] = (),
) -> Any:
    """A fixed-width table; cells are (text, style) or callables that fill the cell."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    columns = len(widths)
    table = doc.add_table(rows=0, cols=columns)
    if _style(doc, "Table Grid") is not None:
        table.style = doc.styles["Table Grid"]
    table.autofit = False
    _cell_margins(table)
    total = sum(widths) or 1
    sizes = [Mm(TEXT_WIDTH_MM * w / total) for w in widths]
    for column, size in zip(table.columns, sizes, strict=True):
        column.width = size
    all_rows = ([[Cell(h, "strong") for h in header]] if header else []) + rows
    for number, values in enumerate(all_rows):
        row = table.add_row()
        _set_row_flags(row, header is not None and number == 0)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = sizes[index]
            paragraph = cell.paragraphs[0]
            if align[index : index + 1] == "r":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if isinstance(value, Cell):
                text = unbreakable(value.text) if index in nowrap else value.text
                _add_lines(paragraph, text, value.style == "strong", value.style == "em", 9)
            else:
                value(cell)
            if header is not None and number == 0:
                _shade(cell, "E8E8E8")
    doc.add_paragraph()
    return table


def _bullets(items: tuple[str, ...], italic: bool = False) -> Any:
    def fill(cell: Any) -> None:
        from docx.shared import Mm

        first = True
        for item in items:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            _add_lines(paragraph, f"• {item}", italic=italic, size=9)
            paragraph.paragraph_format.left_indent = Mm(3)  # a wrapped line starts under
            paragraph.paragraph_format.first_line_indent = Mm(-3)  # the text, not the bullet

    return fill


def _block(doc: Any, block: Block) -> None:
    if isinstance(block, Heading):
        style = f"Heading {min(max(block.level, 1), 9)}"
        paragraph = _paragraph(doc, style)
        _add_lines(paragraph, block.text)
    elif isinstance(block, Facts):
        paragraph = _paragraph(doc)
        for index, (label, value) in enumerate(block.pairs):
            if index:
                if block.inline:
                    paragraph.add_run(" · ")
                else:
                    paragraph.runs[-1].add_break()
            paragraph.add_run(_clean(f"{label}: ")).bold = True
            paragraph.add_run(_clean(value))
    elif isinstance(block, Fields):
        rows: list[list[Any]] = []
        for field in block.fields:
            answer: Any = _bullets(field.items) if field.items else Cell(field.text)
            rows.append([Cell(field.label, "strong"), answer])
        _table(doc, None, rows, (28, 72))
    elif isinstance(block, Text):
        paragraph = _paragraph(doc)
        if block.label:
            run = paragraph.add_run(_clean(f"{block.label}: "))
            run.bold, run.italic = block.style != "em" or None, block.style == "em" or None
        _add_lines(paragraph, block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            if block.checklist:
                _add_lines(_paragraph(doc), f"☐ {item}")
            else:
                _add_lines(_paragraph(doc, "List Bullet"), item, italic=block.emphasis)
    elif isinstance(block, Steps):
        _steps(doc, block)
    else:
        _table(
            doc,
            block.header,
            [list(row) for row in block.rows],
            block.widths,
            block.align,
            block.nowrap,
        )


def _steps(doc: Any, block: Steps) -> None:
    """Numbered by hand: Word's list numbering would run on from one card to the next."""
    from docx.shared import Mm

    for number, step in enumerate(block.steps, 1):
        paragraph = _paragraph(doc)
        paragraph.paragraph_format.left_indent = Mm(6)
        paragraph.paragraph_format.first_line_indent = Mm(-6)
        paragraph.add_run(f"{number}.\t")
        paragraph.add_run(_clean(step.title)).bold = True
        if step.minutes is not None:
            paragraph.add_run(f" ({step.minutes} {block.minutes_label})")
        if step.how.strip():
            paragraph.runs[-1].add_break()
            _add_lines(paragraph, step.how)
        for question in step.questions:
            item = _paragraph(doc, "List Bullet 2")
            item.paragraph_format.left_indent = Mm(12)
            _add_lines(item, question, italic=True)


def _field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(doc: Any, lang: str) -> None:
    """'Side 1 af 2' at the foot of every page, with Word's PAGE and NUMPAGES fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    before, _, rest = t("export.page_of", lang).partition("{page}")
    middle, _, after = rest.partition("{pages}")
    for section in doc.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(before)
        _field(paragraph, "PAGE")
        paragraph.add_run(middle)
        _field(paragraph, "NUMPAGES")
        if after:
            paragraph.add_run(after)


def _open(template: Path | None) -> Any:
    import docx
    from docx.shared import Mm, Pt

    if template is None:
        doc = docx.Document()
        for section in doc.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(18)
            section.top_margin, section.bottom_margin = Mm(16), Mm(18)
        doc.styles["Normal"].font.size = Pt(10)
        return doc
    try:
        return docx.Document(str(template))
    except OSError as error:
        raise storage_error(error, template) from None
    except Exception:  # python-docx raises many kinds for a file that is no .docx
        message = "not a Word document (.docx) that can serve as a template"
        raise ExportError(message, template, key="error.export.template") from None


def render(document: Document, template: Path | None = None) -> bytes:
    """The document as .docx bytes."""
    doc = _open(template)
    doc.facilkit_style_ids = {}  # style name -> id, looked up once per export
    doc.core_properties.title = _NOT_XML.sub(" ", document.title)[:255]  # Word's limit
    doc.core_properties.language = document.lang
    for block in document.blocks:
        _block(doc, block)
    _footer(doc, document.lang)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> bytes:
    """The Word export's bytes, for :func:`facilkit.export.formats.render`."""
    return render(build(plan, library, lang, audience), template)
