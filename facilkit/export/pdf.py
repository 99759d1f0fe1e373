"""Blocks as an A4 PDF/A-2b, typeset by Typst with the bundled DejaVu Sans.

The plan goes to the template as JSON data through ``sys_inputs``, never as
Typst source, so no text in a plan or a method can run as Typst code. System
fonts are ignored, so the PDF is the same on every machine.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from facilkit.export.build import build
from facilkit.export.document import Audience, Block, Document
from facilkit.export.formats import ExportError
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.plans.model import Plan

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "typst"
_LONG_WORD = re.compile(r"\S{24,}")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """Very long words get invisible break points, so they wrap instead of overflowing."""

    def split(match: re.Match[str]) -> str:
        word_ = match.group(0)
        return ZERO_WIDTH_SPACE.join(word_[i : i + 16] for i in range(0, len(word_), 16))

    return _LONG_WORD.sub(split, text)


def plain_data(value: Any) -> Any:
    """Dataclasses as JSON-ready dicts (with their kind), strings made breakable."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: plain_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"kind": type(value).__name__, **fields}
    if isinstance(value, (list, tuple)):
        return [plain_data(item) for item in value]
    if isinstance(value, str):
        return breakable(value)
    return value


def page_words(lang: str) -> dict[str, str]:
    """'Side ', ' af ' and '' around the page numbers, in the plan's language."""
    before, _, rest = t("export.page_of", lang).partition("{page}")
    middle, _, after = rest.partition("{pages}")
    return {"page_before": before, "page_middle": middle, "page_after": after}


def typeset(template: str, data: dict[str, Any], archival: bool = True) -> bytes:
    """Compile a bundled template with ``data``; any Typst failure is an ExportError."""
    import typst

    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)]
    )
    try:
        compiler = typst.Compiler(
            str(TEMPLATES / template),
            root=str(TEMPLATES),
            font_paths=fonts,
            ignore_system_fonts=True,
        )
        pdf = compiler.compile(
            format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            pdf_standards="a-2b" if archival else None,
            timestamp=0,
        )
    except (typst.TypstError, RuntimeError) as error:
        message = getattr(error, "message", str(error)).splitlines()[0]
        if archival and "could not be displayed" in message:
            # PDF/A needs a glyph for every character: text in a script the bundled
            # fonts lack still gets its PDF, as a plain PDF rather than none at all
            return typeset(template, data, archival=False)
        raise ExportError(f"PDF: Typst could not typeset the export: {message}") from None
    assert isinstance(pdf, bytes)
    return pdf


def document_data(document: Document, blocks: list[Block] | None = None) -> dict[str, Any]:
    return {
        "title": document.title,
        "lang": document.lang,
        "blocks": plain_data(list(document.blocks if blocks is None else blocks)),
        **page_words(document.lang),
    }


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> bytes:
    """The PDF export's bytes, for :func:`facilkit.export.formats.render`."""
    document = build(plan, library, lang, audience)
    data = document_data(document)
    if audience == "participants":
        data["size"] = 10
    return typeset("plan.typ", data)
