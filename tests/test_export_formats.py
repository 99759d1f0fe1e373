"""The format tables: every format is complete everywhere it must be, from one list.

A new export format is registered in ``export/formats.py`` (CONTRIBUTING, "… an export
format"); these tests say, by name, what a new one still lacks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from facilkit.export import formats
from facilkit.export.formats import FORMATS, REPORT_FORMATS, SUFFIXES, TEXT_FORMATS, format_for
from facilkit.i18n import catalogue, ui_languages
from facilkit.run.log import new_run_path, save_run
from tests.export_helpers import EXAMPLES
from tests.run_helpers import T0, make_run
from tests.test_cli_methods import run


def test_every_format_has_its_dialog_label_in_every_catalogue() -> None:
    """The TUI's export dialog names each format with ``export.format.<fmt>``."""
    missing = [
        f"format {fmt!r} needs 'export.format.{fmt}' in locale/{lang}.yaml"
        for fmt in FORMATS
        for lang in ui_languages()
        if f"export.format.{fmt}" not in catalogue(lang)
    ]
    assert missing == []


def test_every_format_has_a_suffix_a_renderer_and_a_suffix_that_picks_a_format() -> None:
    tables = {"SUFFIXES": SUFFIXES, "_RENDERERS": formats._RENDERERS}
    missing = [
        f"{fmt!r} has no entry in {name}"
        for name, t in tables.items()
        for fmt in FORMATS
        if fmt not in t
    ]
    assert missing == []
    unread = [
        f"{fmt!r}: {SUFFIXES[fmt]} is in no _BY_SUFFIX entry"
        for fmt in FORMATS
        if format_for(Path("x" + SUFFIXES[fmt])) is None
    ]
    assert unread == []
    assert set(TEXT_FORMATS) <= set(FORMATS) and set(REPORT_FORMATS) <= set(TEXT_FORMATS)


def test_every_format_has_a_row_in_the_user_docs() -> None:
    """docs/plans.md's format table: ``| `md` | `.md` | what you get |``."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "plans.md").read_text(
        encoding="utf-8"
    )
    rows = set(re.findall(r"^\| `([a-z]+)` \| `(\.[a-z]+)` \|", docs, re.MULTILINE))
    missing = [
        f"format {fmt!r} needs a row '| `{fmt}` | `{SUFFIXES[fmt]}` | ... |' in docs/plans.md"
        for fmt in FORMATS
        if (fmt, SUFFIXES[fmt]) not in rows
    ]
    assert missing == []


def test_format_choices_come_from_the_one_list(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A format added to ``FORMATS`` is a ``--format`` choice at once (no second list)."""
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, "json"))
    code, _, err = run(capsys, "plan", "export", "no-such-plan", "--format", "json")
    assert "invalid choice" not in err and code != 0  # it got past the parser to the plan
    code, _, err = run(capsys, "plan", "export", "no-such-plan", "--format", "jsonl")
    assert code == 2 and "jsonl" in err


def test_the_report_goes_with_the_markdown_export_only(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path
) -> None:
    """``--report`` appends the facilitator's after-meeting report to the Markdown export; never to
    the participants' invitation (.txt), which goes out before the meeting, nor to HTML."""
    plan = tmp_path / "meeting.yaml"
    shutil.copy(EXAMPLES["learning-group-meeting"], plan)
    finished = make_run(10, 20)
    finished.start(T0)
    finished.end(T0 + 30 * 60)
    save_run(finished.state, new_run_path(plan))
    code, _, err = run(
        capsys, "plan", "export", str(plan), "-o", str(tmp_path / "out.md"), "--report"
    )
    assert code == 0, err
    assert ": planned and actual\n" in (tmp_path / "out.md").read_text(encoding="utf-8")
    for name in ("out.txt", "out.html"):
        code, _, err = run(
            capsys, "plan", "export", str(plan), "-o", str(tmp_path / name), "--report"
        )
        assert code == 2 and "--report goes with the Markdown export" in err
        assert not (tmp_path / name).exists()
