"""The CLI as a newcomer and a trainer meet it (issue 14): filters, marks, validate paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import METHOD_YAML, write_method
from tests.test_cli_methods import run


def test_process_none_excludes_both(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "methods", "list", "--json", "--process", "none")
    rows = json.loads(out)
    assert code == 0 and rows
    assert {row["process"] for row in rows} == {"none"}
    _, out, _ = run(capsys, "methods", "list", "--json", "--process", "open")
    assert {row["process"] for row in json.loads(out)} == {"open", "both"}


def test_own_methods_one_mark_and_the_override_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ours"
    write_method(folder, "walk-and-talk")
    override = write_method(folder, "ugu", METHOD_YAML.format(id="ugu"))
    code, out, err = run(capsys, "methods", "list", "--library", str(folder))
    assert code == 0
    marks = {line[2:].split()[0]: line[0] for line in out.splitlines()}
    assert marks["walk-and-talk"] == "+" and marks["ugu"] == "+" and marks["check-in"] == " "
    notice = [line for line in err.splitlines() if "overrides" in line]
    assert len(notice) == 1 and str(override) in notice[0] and "methods/ugu.yaml" in notice[0]
    _, _, validate_err = run(capsys, "methods", "validate", "--library", str(folder))
    assert notice[0] in validate_err
