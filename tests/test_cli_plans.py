"""`facilkit plan ...` as a user types it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli_methods import run
from tests.test_export import EXAMPLES


def test_new_list_check_export(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "plan", "new", "Læringsmøde december", "--template", "learning-group"
    )
    path = Path(out.strip())
    assert code == 0 and path == isolated_home / "plans" / "laeringsmoede-december.yaml"
    code, out, _ = run(capsys, "plan", "list")
    assert code == 0 and "Læringsmøde december" in out
    code, out, err = run(capsys, "plan", "check", "Læringsmøde december")
    assert code == 0, out + err
    output = tmp_path / "plan.md"
    code, out, _ = run(
        capsys, "plan", "export", "laeringsmoede-december", "-o", str(output), "--lang", "en"
    )
    assert code == 0 and output.read_text(encoding="utf-8").startswith("# Læringsmøde december")
    assert "| Time | Min | Item | How | Responsible |" in output.read_text(encoding="utf-8")


def test_export_follows_plan_language_unless_told(capsys: pytest.CaptureFixture[str]) -> None:
    plan = str(EXAMPLES["learning-group-meeting"])
    _, out, _ = run(capsys, "plan", "export", plan, "-o", "-")
    assert "## Dagsorden" in out
    _, out, _ = run(capsys, "plan", "export", plan, "-o", "-", "--lang", "en")
    assert "## Agenda" in out


def test_check_exits_1_on_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "facilkit_plan: 1\ntitle: x\nstart: '9:00'\nend: '9:30'\nintention: i\ndesired_outcomes: [o]\n"
        "agenda:\n  - {method: ghost, minutes: 45}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "plan", "check", str(path))
    assert code == 1
    assert "error (item 1): The method 'ghost' is not in the library." in out
    assert "15 min after the end time" in out


def test_unknown_plan_and_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "check", "nothing-here")
    assert code == 1 and "no plan 'nothing-here'" in err
    code, _, err = run(capsys, "plan", "new", "x", "--template", "nope")
    assert code == 1 and "learning-group" in err


def test_corrupt_plan_exit_1_with_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("facilkit_plan: 1\ntitle: x\n\tagenda: []\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", "export", str(path))
    assert code == 1 and f"{path}:3:1:" in err


def test_open_unknown_plan_fails_before_the_tui(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "open", "no-such-plan")
    assert code == 1 and "no plan 'no-such-plan'" in err


def test_open_starts_the_tui_on_the_plan(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[object] = []
    monkeypatch.setattr(
        "facilkit.tui.app.FacilkitApp.run", lambda self: started.append(self.open_path)
    )
    code, _, _ = run(capsys, "open", str(EXAMPLES["learning-group-meeting"]))
    assert code == 0 and started == [EXAMPLES["learning-group-meeting"]]
    code, _, _ = run(capsys)
    assert code == 0 and started[-1] is None


def test_blank_plan_takes_the_users_language_and_a_time_frame(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    from facilkit.plans.storage import load_plan

    for lang in ("en", "da"):
        code, out, _ = run(capsys, "plan", "new", f"Blank {lang}", "--lang", lang)
        plan = load_plan(Path(out.strip()))
        assert code == 0 and plan.language == lang and plan.title == f"Blank {lang}"
        assert (plan.start, plan.end) == ("09:00", "10:30")
