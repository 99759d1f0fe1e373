"""PDF (Typst) and Word exports, read back: times, titles, Nordic letters, A4, pages, hostile text."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
import pytest

from facilkit.export.formats import ExportError, render
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.storage import load_plan
from tests.export_helpers import (
    EXAMPLES,
    HOSTILE_PARTS,
    RTL,
    clock_times_and_titles,
    hostile_plan,
    squash,
)

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, "".join(page.extract_text() for page in reader.pages)


def docx_text(data: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return document, "\n".join(parts)


def plain(text: str) -> str:
    return squash(text).replace("\u200b", "")


@pytest.mark.parametrize("audience", ["facilitator", "participants"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_pdf_reads_back(name: str, lang: str, audience: str, library: Library) -> None:
    plan = load_plan(EXAMPLES[name])
    data = render("pdf", plan, library, lang, audience)  # type: ignore[arg-type]
    reader, text = pdf_text(data)
    for needed in clock_times_and_titles(plan, library, lang):
        assert plain(needed) in plain(text)
    assert "æ" in text or "ø" in text or "å" in text
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    last = len(reader.pages)
    assert ("Side" if lang == "da" else "Page") + f" {last} " in text
    assert b"pdfaid:part" in data  # PDF/A-2b metadata
    if audience == "participants" and name == "learning-group-meeting":
        assert last == 1  # the two-hour meeting's handout fits on one A4 page
    if audience == "participants":
        assert plan.agenda[0].notes not in text


@pytest.mark.parametrize("audience", ["facilitator", "participants"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_docx_reads_back(name: str, lang: str, audience: str, library: Library) -> None:
    from docx.oxml.ns import qn

    plan = load_plan(EXAMPLES[name])
    data = render("docx", plan, library, lang, audience)  # type: ignore[arg-type]
    document, text = docx_text(data)
    for needed in clock_times_and_titles(plan, library, lang):
        assert plain(needed) in plain(text)
    assert "æ" in text or "ø" in text or "å" in text
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Heading 1", "Heading 2"} <= styles
    agenda = document.tables[-1] if audience == "participants" else document.tables[1]
    flags = [row._tr.trPr for row in agenda.rows]
    assert all(flag is not None for flag in flags)
    assert flags[0].find(qn("w:tblHeader")) is not None
    assert all(flag.find(qn("w:cantSplit")) is not None for flag in flags)
    assert agenda.autofit is False and all(column.width for column in agenda.columns)
    for table in document.tables:  # seen in LibreOffice: text touched the borders
        properties = table._tbl.tblPr
        margins = properties.find(qn("w:tblCellMar"))
        assert margins is not None and int(margins.find(qn("w:top")).get(qn("w:w"))) > 0
        names = [child.tag.rpartition("}")[2] for child in properties]
        assert names.index("tblCellMar") < names.index("tblLook")  # Word reads in schema order
    bullets = [
        p for t in document.tables for c in t._cells for p in c.paragraphs if p.text[:2] == "• "
    ]
    assert bullets and all(p.paragraph_format.first_line_indent < 0 for p in bullets)
    footer = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    if audience == "facilitator" and plan.rules:
        assert "List Bullet" in styles


def test_docx_template_keeps_its_letterhead(tmp_path: Path, library: Library) -> None:
    letterhead = docx.Document()
    letterhead.sections[0].header.paragraphs[0].text = "Jobcenter Ærøskøbing"
    template = tmp_path / "kommune.docx"
    letterhead.save(str(template))
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    data = render("docx", plan, library, "da", "participants", template)
    document, text = docx_text(data)
    assert document.sections[0].header.paragraphs[0].text == "Jobcenter Ærøskøbing"
    assert plan.title in text
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ExportError, match=r"broken\.docx"):
        render("docx", plan, library, "da", "participants", broken)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("audience", ["facilitator", "participants"])
def test_hostile_text_comes_out_as_the_same_text(fmt: str, audience: str, library: Library) -> None:
    data = render(fmt, hostile_plan(), library, "en", audience)  # type: ignore[arg-type]
    text = pdf_text(data)[1] if fmt == "pdf" else docx_text(data)[1]
    for part in HOSTILE_PARTS:
        if part == RTL:  # a PDF holds right-to-left words in visual order; each word is whole
            assert all(word in text for word in part.split()), part
        else:
            assert plain(part) in plain(text), part
