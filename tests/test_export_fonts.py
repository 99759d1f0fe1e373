"""Text the bundled fonts cannot draw (Chinese, say): a PDF still, and a notice naming it.

PDF/A-2b needs a glyph for every character, and the bundled DejaVu Sans and
Symbola have none for CJK. The export then takes those letters from the
computer's own fonts (still PDF/A when they have them all), or else writes a
plain PDF with empty boxes; either way a notice names the characters, in the
user's language, on the command line and in the TUI.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from textual.widgets import Input

from facilkit.export import glyphs, pdf
from facilkit.export.formats import render_with_notices
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.storage import load_plan, save_plan
from facilkit.tui.compat import shown_notifications
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.screens.plan import PlanScreen
from tests.export_helpers import HOSTILE, hostile_plan
from tests.test_cli_methods import run
from tests.tui_helpers import ROOT, make_app, ready, wait_for_screen, wait_until

EXAMPLE = ROOT / "examples" / "learning-group-meeting.yaml"
CHINESE = "学习小组"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


@pytest.fixture
def no_machine_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same outcome on every machine: only the bundled fonts, as on one without CJK fonts."""
    monkeypatch.setattr(pdf, "MACHINE_FONTS", False)


def archival(data: bytes) -> bool:
    return b"pdfaid:part" in data


def chinese_plan(tmp_path: Path) -> Path:
    plan = load_plan(EXAMPLE)
    plan.title = f"{CHINESE} – Læringsgruppe"
    plan.agenda[1].title = f"{CHINESE} – kontrakt"  # a method card's title, for the cards
    path = tmp_path / "chinese.yaml"
    save_plan(plan, path)
    return path


def test_the_bundled_fonts_cover_nordic_letters_hebrew_and_emoji_not_cjk() -> None:
    text = "Ærø Øst Åse æøå äöü ß é — “” → ☐ ✓ · שלום 🙂👍🏽 \u200d\ufe0f\u200b\u2060 "
    assert glyphs.missing_characters([text], pdf.FONTS) == []
    assert glyphs.missing_characters([text + CHINESE + "学"], pdf.FONTS) == list(CHINESE)


def test_a_plain_pdf_plan_is_pdf_a_with_no_notice(library: Library) -> None:
    rendered = render_with_notices("pdf", load_plan(EXAMPLE), library, "da")
    assert archival(rendered.data) and rendered.notices == ()
    hostile = render_with_notices("pdf", hostile_plan(), library, "en")
    assert hostile.notices == () and archival(hostile.data), HOSTILE


@pytest.mark.usefixtures("no_machine_fonts")
@pytest.mark.parametrize("fmt", ["pdf", "cards"])
def test_missing_letters_give_a_plain_pdf_and_a_notice_naming_them(
    library: Library, tmp_path: Path, fmt: str
) -> None:
    plan = load_plan(chinese_plan(tmp_path))
    rendered = render_with_notices(fmt, plan, library, "da")  # type: ignore[arg-type]
    assert not archival(rendered.data)
    reader = pypdf.PdfReader(io.BytesIO(rendered.data))
    assert "kontrakt" in "".join(page.extract_text() for page in reader.pages)
    (notice,) = rendered.notices
    assert notice.key == "export.pdf_boxes"
    english = notice.text("en")
    assert "学, 习, 小, 组 (U+5B66, U+4E60, U+5C0F, U+7EC4)" in english
    assert "not PDF/A" in english and "Noto Sans CJK" in english and "HTML or Word" in english
    for lang in ("da", "nb", "sv"):
        assert "学, 习, 小, 组" in notice.text(lang) and "PDF/A" in notice.text(lang)


def test_letters_a_machine_font_has_keep_pdf_a_and_say_where_they_came_from(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if the bundled fonts lacked 'ø' and this computer had it (its DejaVu Sans does)."""
    real = glyphs.missing_characters
    monkeypatch.setattr(
        pdf,
        "missing_characters",
        lambda texts, folder: [*real(texts, folder), "ø"],
    )
    monkeypatch.setattr(pdf, "_fonts", lambda machine: real_fonts(machine))
    rendered = render_with_notices("pdf", load_plan(EXAMPLE), library, "da")
    assert archival(rendered.data)
    (notice,) = rendered.notices
    assert notice.key == "export.pdf_machine_fonts" and "ø (U+00F8)" in notice.text("en")


def real_fonts(machine: bool) -> object:
    import typst

    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(pdf.FONTS)]
    )


@pytest.mark.usefixtures("no_machine_fonts")
def test_plan_export_prints_the_notice_and_still_writes_the_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "chinese.pdf"
    code, stdout, stderr = run(
        capsys, "plan", "export", str(chinese_plan(tmp_path)), "-o", str(out), "--lang", "en"
    )
    assert code == 0 and out.exists() and stdout.strip() == str(out)
    assert "学, 习, 小, 组" in stderr and "not PDF/A" in stderr


@pytest.mark.usefixtures("no_machine_fonts")
async def test_the_tui_export_shows_the_notice(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=chinese_plan(tmp_path))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await wait_for_screen(pilot, PlanScreen)
        await pilot.press("ctrl+o")
        dialog = await wait_for_screen(pilot, ExportDialog)
        target = tmp_path / "chinese.pdf"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export-go")
        await wait_until(
            pilot,
            lambda: any("学, 习, 小, 组" in str(n.message) for n in shown_notifications(app)),
            "the notice naming the characters",
        )
        assert target.exists()
        (notice,) = [n for n in shown_notifications(app) if "学" in str(n.message)]
        assert notice.severity == "warning"
