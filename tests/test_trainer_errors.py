"""A trainer's mistakes in a method file, as `facilkit methods validate` words them (goldens).

Each case is a folder under tests/golden/trainer/ with the method file as a trainer
wrote it and `expected.txt`, the whole output; `--update-golden` rewrites them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli_methods import run

CASES = Path(__file__).parent / "golden" / "trainer"


@pytest.mark.parametrize("case", ["comma-in-braces", "wrong-indent", "all-at-once"])
def test_trainer_messages(
    case: str,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = CASES / case
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "methods", "validate", "walk.yaml")
    text = f"exit {code}\n{out}{err}"
    golden = folder / "expected.txt"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_problem_of_a_file_in_one_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unknown field, wrong file name, default > max and a related id naming nothing: all four."""
    monkeypatch.chdir(CASES / "all-at-once")
    code, _, err = run(capsys, "methods", "validate", "walk.yaml")
    assert code == 1
    assert "unknown field 'tip'" in err
    assert "must match the file name 'walk.yaml'" in err
    assert "min <= default <= max" in err
    assert "related method 'no-such-method' does not exist" in err
    assert "4 problems" in err


def test_several_type_problems_are_all_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import METHOD_YAML, write_method

    text = METHOD_YAML.format(id="two").replace("category: dialogue", "category: dialogue\ntip: x")
    text = text.replace("group_size: {min: 2, max: 8}", "group_size: {min: two, max: 8}")
    text += "roles: [1, 2]\n"
    write_method(tmp_path, "two", text)
    code, _, err = run(capsys, "methods", "validate", str(tmp_path / "two.yaml"))
    assert code == 1
    lines = [line for line in err.splitlines() if "two.yaml:" in line]
    assert len(lines) == 3, err
    assert "unknown field 'tip'" in err and "group_size.min" in err and "roles.0" in err


@pytest.mark.parametrize("spelled", [".", "./", "../{name}", "{abs}"])
def test_validate_paths_mean_what_the_shell_means(
    spelled: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "walk.yaml").write_text(
        (CASES / "all-at-once" / "walk.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(folder)
    path = spelled.format(name="ours", abs=folder)
    code, _, err = run(capsys, "methods", "validate", path)
    assert code == 1 and "4 problems" in err, err
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "methods", "validate", "ours/..")
    assert code == 1 and "4 problems" in err, err
