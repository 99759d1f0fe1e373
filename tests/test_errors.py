"""One error family: every kind is a FacilkitError, and the CLI prints each as one line."""

from __future__ import annotations

import errno
import pickle
from pathlib import Path

import pytest

from facilkit.errors import (
    ExportError,
    FacilkitError,
    PlanError,
    StorageError,
    UsageError,
    ValidationError,
    YamlError,
    storage_error,
)
from facilkit.plans.clock import ClockError, parse_clock
from facilkit.yamlio import load_text
from tests.test_cli_methods import run

KINDS = {
    YamlError: "yaml",
    ValidationError: "validation",
    PlanError: "plan",
    StorageError: "storage",
    ExportError: "export",
    UsageError: "usage",
}


def test_every_kind_is_one_family_with_its_exit_code() -> None:
    for cls, kind in KINDS.items():
        assert issubclass(cls, FacilkitError) and cls.kind == kind
        assert cls.exit_code == (2 if kind == "usage" else 1)
    assert issubclass(ClockError, PlanError)


def test_an_error_names_path_line_and_column() -> None:
    with pytest.raises(YamlError) as caught:
        load_text("a: 1\nb: [\n", "x.yaml")
    error = caught.value
    assert (error.path, error.line) == ("x.yaml", 3)
    assert str(error).startswith("x.yaml:3:")
    assert str(PlanError("no such plan")) == "no such plan"
    assert str(PlanError("broken", Path("p.yaml"))) == "p.yaml: broken"


def test_clock_errors_say_what_to_write() -> None:
    with pytest.raises(FacilkitError, match="09:00"):
        parse_clock("quarter past")


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.ENOTDIR, "is a file, not a folder"),
        (errno.EISDIR, "is a folder"),
        (errno.ELOOP, "loop"),
        (errno.EIO, "os says; check the path"),
    ],
)
def test_os_errors_become_one_line_with_the_path_and_a_remedy(number: int, words: str) -> None:
    error = storage_error(OSError(number, "os says"), Path("/x/plans/p.yaml"))
    text = error.text("en")
    assert text.startswith("/x/plans/p.yaml: ") and words in text.lower() and "\n" not in text
    if number != errno.EIO:
        assert "os says" not in text
    assert error.text("da") != text  # worded in Danish too


def test_errors_survive_pickling_for_worker_processes() -> None:
    error = pickle.loads(pickle.dumps(YamlError("m.yaml", 4, 2, "bad")))
    assert isinstance(error, YamlError) and str(error) == "m.yaml:4:2: bad"
    storage = pickle.loads(pickle.dumps(storage_error(OSError(errno.ENOSPC, "x"), "p")))
    assert "disk is full" in str(storage)


def test_cli_maps_each_kind_to_one_line_and_its_exit_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("facilkit_plan: [\n", encoding="utf-8")
    code, out, err = run(capsys, "plan", "check", str(bad))
    assert code == 1 and out == "" and err.count("\n") == 1 and f"{bad}:2:1:" in err
    code, _, err = run(capsys, "plan", "check", "no-such-plan")
    assert code == 1 and err.startswith("facilkit: no plan 'no-such-plan'")
    code, _, err = run(capsys, "methods", "show", "no-such-method")
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(capsys, "methods", "new", "BAD ID", "--dir", str(tmp_path))
    assert code == 2 and "not a valid id" in err and "Traceback" not in err
