"""A plain (non-editable) wheel install finds the built-in methods from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def installed_env(site: Path, cwd: Path) -> dict[str, str]:
    """An environment that finds facilkit only in an unpacked wheel, with a fresh home."""
    return {**os.environ, "PYTHONPATH": str(site), "FACILKIT_HOME": str(cwd / "home")}


def methods_listed_from(site: Path, cwd: Path) -> list[dict[str, Any]]:
    """``facilkit methods list --json`` run from an unpacked wheel."""
    result = subprocess.run(
        [sys.executable, "-m", "facilkit", "methods", "list", "--json"],
        cwd=cwd,
        env=installed_env(site, cwd),
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.mark.slow
def test_wheel_install_finds_builtin_library(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("facilkit-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert "facilkit/_builtin_methods/ugu.yaml" in names
    assert "facilkit/plans/templates/learning-group.yaml" in names
    for shipped in ("fonts/DejaVuSans.ttf", "fonts/LICENSE-DejaVu.txt", "typst/plan.typ"):
        assert f"facilkit/export/{shipped}" in names  # the PDF export's font and template
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    rows = methods_listed_from(site, outside)
    assert len(rows) >= 20
    assert all(row["path"].startswith(str(site)) for row in rows)
    plan = ROOT / "examples" / "learning-group-meeting.yaml"
    pdf = tmp_path / "plan.pdf"
    subprocess.run(
        [sys.executable, "-m", "facilkit", "plan", "export", str(plan), "-o", str(pdf)],
        cwd=outside,
        env=installed_env(site, outside),
        check=True,
        capture_output=True,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
