"""SVG snapshots at fixed sizes (80×24 and 160×48). Update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.plan.agenda import AgendaTable
from tests.tui_helpers import ROOT, make_app, on_screen, ready, wait_until

SMALL, LARGE = (80, 24), (160, 48)


def home_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_app(tmp_path / "home", with_examples=True)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_home(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(home_app(tmp_path), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_library_card(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def browse(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(home_app(tmp_path), terminal_size=size, run_before=browse)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_wizard_agenda(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        tmp_path / "home", open_path=ROOT / "examples" / "station-rotation-afternoon.yaml"
    )

    async def agenda(pilot: Pilot[None]) -> None:
        await ready(pilot)
        screen = on_screen(pilot.app, PlanScreen)
        await wait_until(pilot, lambda: screen.focused is not None, "the first field")
        screen.show_step("agenda")
        table = screen.query_one(AgendaTable)
        await wait_until(pilot, lambda: screen.focused is table, "the agenda")
        await pilot.press("down", "down", "down")
        await wait_until(pilot, lambda: table.cursor_row == 3, "the rotation")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=agenda)


def test_too_small(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(home_app(tmp_path), terminal_size=(60, 20), run_before=ready)
