"""`facilkit plan export` as a user types it: formats by extension, defaults, errors."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.export_helpers import EXAMPLES
from tests.test_cli_methods import run

PLAN = str(EXAMPLES["learning-group-meeting"])


@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("plan.md", b"# "),
        ("plan.html", b"<!DOCTYPE html>"),
        ("plan.pdf", b"%PDF"),
        ("plan.docx", b"PK"),
        ("plan.ics", b"BEGIN:VCALENDAR"),
        ("plan.txt", b"Du er inviteret"),
    ],
)
def test_the_extension_picks_the_format(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path, name: str, magic: bytes
) -> None:
    target = tmp_path / name
    code, out, err = run(capsys, "plan", "export", PLAN, "-o", str(target))
    assert code == 0, err
    assert out.strip() == str(target) and target.read_bytes().startswith(magic)


def test_format_overrides_and_default_folder(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    code, out, err = run(capsys, "plan", "export", PLAN, "--format", "cards")
    assert code == 0, err
    cards = Path(out.strip())
    assert (
        cards
        == isolated_home
        / "documents"
        / "laeringsgruppe-erfaringer-med-den-jobrettede-samtale-kort.pdf"
    )
    assert cards.read_bytes().startswith(b"%PDF")
    code, out, _ = run(capsys, "plan", "export", PLAN, "--for", "participants", "--lang", "en")
    assert (
        Path(out.strip()).name
        == "laeringsgruppe-erfaringer-med-den-jobrettede-samtale-participants.md"
    )
    code, out, _ = run(capsys, "plan", "export", PLAN, "--format", "invitation")
    assert code == 0 and out.startswith("Du er inviteret til")  # printed, for an e-mail


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "plan", "export", PLAN, "-o", str(tmp_path / "x.odt"))
    assert code == 2 and "--format" in err and err.count("\n") == 1
    code, _, err = run(capsys, "plan", "export", PLAN, "-o", "-", "--format", "pdf")
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(
        capsys, "plan", "export", PLAN, "-o", str(tmp_path / "x.md"), "--template", "t.docx"
    )
    assert code == 2 and "--template" in err


def test_a_missing_folder_is_one_line_and_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "plan.pdf"
    code, _, err = run(capsys, "plan", "export", PLAN, "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and str(tmp_path / "no" / "such") in err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_a_full_disk_leaves_no_half_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"plan.{fmt}"
    target.write_bytes(b"the old export")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run(capsys, "plan", "export", PLAN, "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and str(target) in err
    assert target.read_bytes() == b"the old export"  # the old file stands
    assert sorted(p.name for p in folder.iterdir()) == [target.name]  # no temp left behind


def test_a_broken_template_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    template = tmp_path / "kommune.docx"
    template.write_text("not a Word file", encoding="utf-8")
    code, _, err = run(
        capsys, "plan", "export", PLAN, "-o", str(tmp_path / "p.docx"), "--template", str(template)
    )
    assert code == 1 and err.count("\n") == 1 and "kommune.docx" in err
    assert not (tmp_path / "p.docx").exists()
