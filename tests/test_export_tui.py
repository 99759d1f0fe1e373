"""The TUI's export dialog, driven by keys: format, audience, remembered choice, overwrite."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
from textual.widgets import Input, Select

from facilkit.tui.compat import shown_notifications
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.screens.plan import PlanScreen
from tests.tui_helpers import ROOT, make_app, ready, wait_for_screen, wait_until

EXAMPLE = ROOT / "examples" / "learning-group-meeting.yaml"


async def choose(pilot, selector: str, downs: int) -> None:  # type: ignore[no-untyped-def]
    """Open a Select with enter, move down ``downs`` times and take the option."""
    pilot.app.screen.query_one(selector, Select).focus()
    await pilot.press("enter")
    for _ in range(downs):
        await pilot.press("down")
    await pilot.press("enter")


async def test_export_word_for_participants_then_remembered_and_overwrite_asked(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    app = make_app(home, open_path=EXAMPLE)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await wait_for_screen(pilot, PlanScreen)
        await pilot.press("ctrl+o")
        dialog = await wait_for_screen(pilot, ExportDialog)
        path = dialog.query_one("#export-path", Input)
        documents = home / "documents"
        assert path.value == str(
            documents / "laeringsgruppe-erfaringer-med-den-jobrettede-samtale.pdf"
        )  # PDF first time
        await choose(pilot, "#export-format", 1)  # pdf -> docx
        await wait_until(pilot, lambda: path.value.endswith(".docx"), "the .docx name")
        await choose(pilot, "#export-audience", 1)  # facilitator -> participants
        target = documents / "laeringsgruppe-erfaringer-med-den-jobrettede-samtale-deltagere.docx"
        await wait_until(pilot, lambda: path.value == str(target), "the participants' name")
        await pilot.click("#export-go")  # the default documents folder is made
        await wait_until(pilot, target.exists, "the Word export")
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        assert "Læringsgruppe" in text and "Nøgleperson" not in text  # the handout

        await pilot.press("ctrl+o")
        dialog = await wait_for_screen(pilot, ExportDialog)
        assert dialog.query_one("#export-format", Select).value == "docx"
        assert dialog.query_one("#export-audience", Select).value == "participants"
        assert dialog.query_one("#export-path", Input).value == str(target)
        before = target.stat().st_mtime_ns
        target.write_bytes(b"kept")
        await pilot.press("enter")  # on the format select: opens it
        await pilot.press("escape")
        await pilot.click("#export-go")
        ask = await wait_for_screen(pilot, Choose)
        assert str(target) in ask.question
        await pilot.click("#answer-no")
        await wait_for_screen(pilot, PlanScreen)
        assert target.read_bytes() == b"kept"
        await pilot.press("ctrl+o")
        await wait_for_screen(pilot, ExportDialog)
        await pilot.click("#export-go")
        await wait_for_screen(pilot, Choose)
        await pilot.click("#answer-yes")
        await wait_until(pilot, lambda: target.read_bytes() != b"kept", "the overwrite")
        assert target.read_bytes().startswith(b"PK") and target.stat().st_mtime_ns >= before


async def test_a_pdf_typed_by_name_and_a_missing_folder_reported(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", open_path=EXAMPLE)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await wait_for_screen(pilot, PlanScreen)
        await pilot.press("ctrl+o")
        dialog = await wait_for_screen(pilot, ExportDialog)
        missing = tmp_path / "nowhere" / "plan.pdf"
        dialog.query_one("#export-path", Input).value = str(missing)
        await pilot.click("#export-go")
        await wait_until(
            pilot,
            lambda: any(
                str(tmp_path / "nowhere") in str(n.message) for n in shown_notifications(app)
            ),
            "the error",
        )
        assert not missing.parent.exists()
        await pilot.press("ctrl+o")
        dialog = await wait_for_screen(pilot, ExportDialog)
        target = tmp_path / "card.pdf"
        field = dialog.query_one("#export-path", Input)
        field.focus()
        field.value = ""
        await pilot.press(*str(target))
        await pilot.press("enter")
        await wait_until(pilot, target.exists, "the PDF")
        reader = pypdf.PdfReader(str(target))
        assert "13:00" in reader.pages[0].extract_text()
