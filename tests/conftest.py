"""Shared fixtures: every test gets its own FACILKIT_HOME and a fixed language."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

WORKERS_PER_CORE = 2
"""A Pilot test spends most of its time waiting for frames and timers, not computing."""
MAX_WORKERS = 8


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user folders; English unless a test says otherwise."""
    home = tmp_path / "home"
    monkeypatch.setenv("FACILKIT_HOME", str(home))
    monkeypatch.delenv("FACILKIT_LIBRARY", raising=False)
    monkeypatch.setenv("FACILKIT_LANG", "en")
    return home


@pytest.fixture(autouse=True)
def textual_forgets_the_test_s_widgets() -> Iterator[None]:
    """After each test, empty the one Textual cache that keeps a finished app's widgets alive.

    ``StylesCache.get_inner_outer`` (Textual 8.2.8) is an ``lru_cache`` on a method, so it
    holds up to 1,024 widgets' style caches with their rendered lines: about 8,000 objects
    more after every Pilot test, which every later garbage collection in the worker walks
    (a property test took 3.2 s instead of 1.2 s after 40 Pilot tests). Should Textual
    rename it, tests/test_compat.py says so (the private name lives in facilkit/tui/compat.py).
    """
    yield
    from facilkit.tui.compat import forget_style_caches

    forget_style_caches()


METHOD_YAML = """\
id: {id}
name: {{da: Metode {id}, en: Method {id}}}
summary: {{da: Et resumé., en: A summary.}}
category: dialogue
process: open
duration: {{min: 5, default: 10, max: 20}}
group_size: {{min: 2, max: 8}}
steps:
  - title: {{da: Trin, en: Step}}
    minutes: 5
source: {{text: Test}}
related: []
"""


def write_method(folder: Path, method_id: str, text: str | None = None) -> Path:
    """Write a small valid method (or the given text) as ``folder/<id>.yaml``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{method_id}.yaml"
    path.write_text(
        text if text is not None else METHOD_YAML.format(id=method_id), encoding="utf-8"
    )
    return path


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject's addopts): two workers a core, so waits overlap with work."""
    if chosen := os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").strip():
        return max(1, int(chosen))
    return max(2, min(MAX_WORKERS, WORKERS_PER_CORE * (os.cpu_count() or 1)))


LONGEST_FIRST = (
    "test_tui_plan_keys.py",
    "test_i18n_screens.py",
    "test_tui_wizard_fields.py",
    "test_tui_plan.py",
    "test_tui_agenda.py",
    "test_tui_library.py",
    "test_tui_variants.py",
)
"""Test files that take longest (``pytest -n 0 --durations=0``), slowest first.

They run first, so the parallel run ends on short tests instead of waiting for a long
one handed out last; pyproject's ``--maxschedchunk`` keeps xdist from giving one worker
a long run of them at once. Every other file keeps its place after them."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest files first (see ``LONGEST_FIRST``); a file's own tests keep their order."""

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden export files")


@pytest.fixture(params=["libyaml", "pure"])
def yaml_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test once with libyaml and once with PyYAML's Python parser (issue 9, point 7)."""
    import facilkit.yamlio as yamlio

    mode = str(request.param)
    if mode not in yamlio.PARSERS:
        pytest.skip(f"{mode} is not available in this PyYAML build")
    monkeypatch.setattr(yamlio, "parser_name", mode)
    return mode
