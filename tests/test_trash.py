"""The trash: deleted plans come back, in the core, on the command line and on home."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilkit.cli import main
from facilkit.paths import Locations
from facilkit.plans.model import new_plan
from facilkit.plans.storage import PlanError, load_plan, save_plan
from facilkit.plans.trash import find_trashed, move_to_trash, restore, trashed
from facilkit.tui.dialogs.basic import Choose, Pick
from facilkit.tui.screens.home import HomeScreen
from tests.tui_helpers import make_app, on_screen, ready, wait_until


def saved(locations: Locations, name: str, title: str) -> Path:
    path = locations.plans / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_plan(new_plan(title), path)
    return path


def test_two_plans_of_one_name_both_stay_in_the_trash(tmp_path: Path) -> None:
    locations = Locations(home=tmp_path, cache=tmp_path / "cache")
    move_to_trash(saved(locations, "meeting", "First"))
    move_to_trash(saved(locations, "meeting", "Second"))
    titles = sorted(plan.title for plan in trashed(locations))
    assert titles == ["First", "Second"]
    assert {plan.name for plan in trashed(locations)} == {"meeting"}


def test_restore_takes_the_old_name_or_a_new_one(tmp_path: Path) -> None:
    locations = Locations(home=tmp_path, cache=tmp_path / "cache")
    move_to_trash(saved(locations, "meeting", "Old"))
    assert (
        restore(find_trashed("meeting", locations), locations) == locations.plans / "meeting.yaml"
    )
    move_to_trash(locations.plans / "meeting.yaml")
    saved(locations, "meeting", "A new one with the name")
    back = restore(find_trashed("Old", locations), locations)
    assert back == locations.plans / "meeting-2.yaml" and load_plan(back).title == "Old"
    assert load_plan(locations.plans / "meeting.yaml").title == "A new one with the name"
    assert trashed(locations) == []
    with pytest.raises(PlanError, match="no plan 'meeting' in the trash"):
        find_trashed("meeting", locations)


def test_command_line_lists_and_restores(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locations = Locations.from_env()
    move_to_trash(saved(locations, "meeting", "Læringsmøde"))
    assert main(["plan", "list", "--trash"]) == 0
    out = capsys.readouterr().out
    assert "meeting" in out and "Læringsmøde" in out
    assert main(["plan", "restore", "meeting"]) == 0
    assert capsys.readouterr().out.strip() == str(locations.plans / "meeting.yaml")
    assert main(["plan", "list", "--trash"]) == 0
    assert "empty" in capsys.readouterr().err
    assert main(["plan", "restore", "meeting"]) == 1
    assert "no plan 'meeting' in the trash" in capsys.readouterr().err


async def test_home_deletes_to_the_trash_and_restores(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home", with_examples=True)
    plans = tmp_path / "home" / "plans"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        home = on_screen(app, HomeScreen)
        first = home.selected
        assert first is not None
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, Choose), "the question")
        await pilot.click("#answer-yes")
        await wait_until(pilot, lambda: not first.path.exists(), "the plan to go")
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, Pick), "the trash")
        await pilot.press("enter")
        await wait_until(pilot, lambda: first.path.exists(), "the plan to come back")
        assert len(list(plans.glob("*.yaml"))) == 2
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # an empty trash says so, no dialog
