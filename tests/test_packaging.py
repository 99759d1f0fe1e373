"""Packaging: one version, every run-time import declared, and a release sdist that installs."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import facilkit
from tests.test_install import methods_listed_from

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "facilkit/__init__.py"
    assert importlib.metadata.version("facilkit") == facilkit.__version__


def imported_top_level_modules() -> dict[str, str]:
    """Every top-level module the package imports, anywhere in a file, with one file that does."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "facilkit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def declared(requirements: list[str]) -> set[str]:
    """Normalised distribution names of requirement strings."""
    names = (re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0] for requirement in requirements)
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


def test_every_module_imported_at_run_time_is_a_declared_dependency() -> None:
    """Deferred imports count too: a test extra is not there after ``pip install facilkit``."""
    extras = PYPROJECT["project"].get("optional-dependencies", {})
    allowed = declared(PYPROJECT["project"]["dependencies"])
    allowed |= {
        name for extra, deps in extras.items() if extra != "test" for name in declared(deps)
    }
    distributions = importlib.metadata.packages_distributions()
    undeclared = []
    for module, where in imported_top_level_modules().items():
        if module in sys.stdlib_module_names or module == "facilkit":
            continue
        names = declared(distributions.get(module, [module]))
        if not names & allowed:
            undeclared.append(f"{module} ({where}) from {sorted(names)}")
    assert undeclared == [], "add these to [project] dependencies (or an extra)"


@pytest.mark.slow
def test_a_wheel_built_from_the_sdist_ships_everything(tmp_path: Path) -> None:
    """A release is built from the sdist: it must hold what ``pip install .`` finds in a clone."""
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("facilkit-*.tar.gz")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(sdist)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob(f"facilkit-{facilkit.__version__}-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)
    in_clone = {
        f"facilkit/{path.relative_to(ROOT / 'facilkit').as_posix()}"
        for path in (ROOT / "facilkit").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    builtin = {f"facilkit/_builtin_methods/{p.name}" for p in (ROOT / "methods").glob("*.yaml")}
    assert in_clone | builtin <= names
    assert len(methods_listed_from(site, tmp_path)) == len(builtin)
