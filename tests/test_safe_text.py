"""Text from files and argv never reaches the terminal raw: not from the CLI, not from the TUI."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual.content import Content

import facilkit.tui.app  # noqa: F401  (installs the TUI's side of the cleaning)
from facilkit.safe_text import VISIBLE, clean, clean_line
from tests.test_cli_methods import run

OSC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
BIDI = "abc\u202edcba"
HOSTILE = f"Møde {OSC_TITLE}{CLEAR}{C1_CSI} {BIDI}\x00\x7f"


def dangerous(text: str) -> bool:
    return any(ord(ch) in VISIBLE for ch in text)


def test_escapes_are_shown_not_obeyed() -> None:
    shown = clean(HOSTILE)
    assert not dangerous(shown)
    assert shown.startswith("Møde ␛]0;pwned␇␛[2J␛[H")
    assert "\u202e" not in shown and "\ufffd" in shown and "␀␡" in shown


def test_newline_and_tab_stay_in_text_but_not_in_a_line() -> None:
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean_line("a\tb\nc\r") == "a b␤c␍"


@given(st.text())
def test_cleaned_text_has_no_control_left_and_keeps_its_length(text: str) -> None:
    shown = clean(text)
    assert not dangerous(shown) and len(shown) == len(text)
    assert clean(shown) == shown


def test_textual_and_rich_show_control_characters() -> None:
    """If Textual or Rich move their tables, this fails (see facilkit/tui/safe_display.py)."""
    for plain in (Content(HOSTILE).plain, Text(HOSTILE).plain, Content.from_text(HOSTILE).plain):
        assert "\x1b" not in plain and "\x9b" not in plain and "\u202e" not in plain
        assert "pwned" in plain


def test_cli_prints_no_escape_from_a_plan_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "new", HOSTILE)
    assert code == 0
    path = out.strip()
    code, out, err = run(capsys, "plan", "list")
    assert code == 0 and not dangerous(out + err) and "pwned" in out
    code, out, err = run(capsys, "plan", "export", path)
    assert code == 0 and not dangerous(out.replace("\n", "").replace("\t", "")) and "pwned" in out


def test_cli_prints_no_escape_from_a_method(
    capsys: pytest.CaptureFixture[str], tmp_path: pytest.TempPathFactory
) -> None:
    from pathlib import Path

    from tests.conftest import METHOD_YAML, write_method

    folder = Path(str(tmp_path)) / "lib"
    text = METHOD_YAML.format(id="evil").replace("Method evil", '"Evil \\e]0;pwned\\a \\e[2J"')
    write_method(folder, "evil", text)
    code, out, err = run(capsys, "methods", "list", "--library", str(folder))
    assert code == 0 and "evil" in out and not dangerous(out + err)
    code, out, err = run(capsys, "methods", "show", "evil", "--library", str(folder))
    assert code == 0 and "pwned" in out and not dangerous(out.replace("\n", ""))
