"""Blocks as an A4 PDF/A-2b, typeset by Typst with the bundled DejaVu Sans.

The plan goes to the template as JSON data through ``sys_inputs``, never as
Typst source, so no text in a plan or a method can run as Typst code. System
fonts are ignored, so the PDF is the same on every machine, unless the plan
holds text the bundled fonts cannot draw (see :func:`typeset`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from msgspec import Struct

from facilkit.export.build import build
from facilkit.export.document import Audience, Block, Document
from facilkit.export.formats import ExportError, Notice, Rendered
from facilkit.export.glyphs import missing_characters
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.plans.model import Plan

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "typst"
_LONG_WORD = re.compile(r"\S{24,}")
ZERO_WIDTH_SPACE = "\u200b"
MACHINE_FONTS = True
"""Whether text the bundled fonts lack may come from this computer's fonts (tests turn it off)."""


def breakable(text: str) -> str:
    """Very long words get invisible break points, so they wrap instead of overflowing."""

    def split(match: re.Match[str]) -> str:
        word_ = match.group(0)
        return ZERO_WIDTH_SPACE.join(word_[i : i + 16] for i in range(0, len(word_), 16))

    return _LONG_WORD.sub(split, text)


def plain_data(value: Any) -> Any:
    """Blocks (Structs) and dataclasses as JSON-ready dicts (with their kind), strings made breakable."""
    if isinstance(value, Struct):
        fields = {name: plain_data(getattr(value, name)) for name in value.__struct_fields__}
        return {"kind": type(value).__name__, **fields}
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


def _fonts(machine: bool) -> Any:
    """The bundled fonts, and with ``machine`` this computer's too (bundled ones first)."""
    import typst

    return typst.Fonts(
        include_system_fonts=machine, include_embedded_fonts=False, font_paths=[str(FONTS)]
    )


def _compile(template: str, data: dict[str, Any], *, machine: bool, archival: bool) -> bytes:
    import typst

    compiler = typst.Compiler(
        str(TEMPLATES / template),
        root=str(TEMPLATES),
        font_paths=_fonts(machine),
        ignore_system_fonts=not machine,
    )
    pdf = compiler.compile(
        format="pdf",
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        pdf_standards="a-2b" if archival else None,
        timestamp=0,
    )
    assert isinstance(pdf, bytes)
    return pdf


def _texts(value: Any) -> Iterator[str]:
    """Every string in the JSON data, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def shown(characters: list[str], limit: int = 12) -> str:
    """``学, 习 (U+5B66, U+4E60)``: the characters and their code points, so a reader can look them up."""
    first = characters[:limit]
    text = ", ".join(first) + " (" + ", ".join(f"U+{ord(c):04X}" for c in first) + ")"
    if len(characters) > limit:
        text += f" +{len(characters) - limit}"
    return text


def typeset(template: str, data: dict[str, Any]) -> Rendered:
    """Compile a bundled template with ``data``; any Typst failure is an ExportError.

    With the bundled fonts only, the PDF is PDF/A-2b and the same on every machine.
    Text the bundled fonts cannot draw (Chinese, say) is typeset again with this
    computer's fonts as a fallback: still PDF/A when they have every character
    (a notice names the characters taken from them); a plain PDF with empty boxes
    when they have not (a notice names the characters and says what to do).
    """
    import typst

    drawn = {key: value for key, value in data.items() if key not in ("title", "lang")}
    missing = missing_characters(_texts(drawn), FONTS)  # the title is metadata, never drawn
    machine = bool(missing) and MACHINE_FONTS
    try:
        try:
            pdf = _compile(template, data, machine=machine, archival=True)
        except (typst.TypstError, RuntimeError) as error:
            if "could not be displayed" not in _first_line(error):
                raise
            # PDF/A needs a glyph for every character: without one the text still gets
            # its PDF, as a plain PDF rather than none at all
            pdf = _compile(template, data, machine=machine, archival=False)
            params = {"characters": shown(missing or _named_in(error))}
            return Rendered(pdf, (Notice("export.pdf_boxes", params),))
    except (typst.TypstError, RuntimeError) as error:
        raise ExportError.words("export.pdf_failed", detail=_first_line(error)) from None
    if machine:
        return Rendered(pdf, (Notice("export.pdf_machine_fonts", {"characters": shown(missing)}),))
    return Rendered(pdf)


def _named_in(error: Exception) -> list[str]:
    """The text Typst's PDF/A error names (it names only the first it met)."""
    found = re.search(r'the text `"(.+?)"`', _first_line(error))
    return list(dict.fromkeys(found.group(1))) if found else []


def _first_line(error: Exception) -> str:
    return str(getattr(error, "message", str(error))).splitlines()[0]


def document_data(document: Document, blocks: list[Block] | None = None) -> dict[str, Any]:
    return {
        "title": document.title,
        "lang": document.lang,
        "blocks": plain_data(list(document.blocks if blocks is None else blocks)),
        **page_words(document.lang),
    }


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> Rendered:
    """The PDF export's bytes, for :func:`facilkit.export.formats.render`."""
    document = build(plan, library, lang, audience)
    data = document_data(document)
    if audience == "participants":
        data["size"] = 10
    return typeset("plan.typ", data)
