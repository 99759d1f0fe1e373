"""Pilot: a plan opened while a cold library loads is never checked or exported against
the part loaded so far (review finding 25): the check says it waits, the export is
written once the plan's methods are in, and no method is called unknown for being late."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from facilkit.paths import Locations
from facilkit.plans.model import AgendaItem, new_plan
from facilkit.plans.storage import save_plan
from facilkit.tui.app import FacilkitApp, create_app
from facilkit.tui.dialogs.export import ExportDialog
from facilkit.tui.screens.home import HomeScreen
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.screens.plan import PlanScreen
from facilkit.tui.screens.run import RunScreen
from tests.test_tui_library_loading import Gate, gate, library_folders  # noqa: F401
from tests.tui_helpers import (
    example_copy,
    make_app,
    notices,
    on_screen,
    open_agenda,
    press_to_open,
    replace_input,
    settle,
    visible,
    wait_for_screen,
    wait_until,
)


def dragons_app(tmp_path: Path, methods: tuple[str, ...] = ("d", "e")) -> FacilkitApp:
    """Home with one plan, "Dragons", of methods d and e (the cold load's 4th and 6th file);
    it starts now, so a run begins without asking when."""
    home = tmp_path / "home"
    locations = Locations(home=home, cache=home / "cache", exports=home / "documents")
    plan = new_plan("Dragons")
    plan.language = "en"
    plan.start = datetime.now().strftime("%H:%M")
    plan.agenda = [AgendaItem(method=method, minutes=10) for method in methods]
    save_plan(plan, locations.plans / "dragons.yaml")
    return create_app(locations, lang="en", folders=library_folders(tmp_path), cursor_blink=False)


async def plan_listed(pilot: Pilot[None], app: FacilkitApp) -> None:
    await wait_until(
        pilot,
        lambda: "Dragons" in str(app.screen.query_one("#plans").render_line(0).text),
        "the plan listed",
    )


async def partly_loaded(pilot: Pilot[None], app: FacilkitApp, gate: Gate) -> None:  # noqa: F811
    """Two methods in (a and b: neither of the plan's), the plan listed on home."""
    gate.open(2)
    await wait_until(pilot, lambda: len(app.library) == 2, "the first two methods")
    await plan_listed(pilot, app)


async def plan_opened(pilot: Pilot[None], app: FacilkitApp, gate: Gate) -> PlanScreen:  # noqa: F811
    """The plan opened from home once two methods (neither of the plan's) are in."""
    await partly_loaded(pilot, app, gate)
    await pilot.press("enter")
    return await wait_for_screen(pilot, PlanScreen)


async def confirm_export(pilot: Pilot[None], target: Path) -> None:
    """ctrl+o, ``target`` as the file, Enter: the export is asked for (written now or later)."""
    await press_to_open(pilot, "ctrl+o", ExportDialog)
    await replace_input(pilot, "#export-path", str(target))
    await pilot.press("enter")


async def exported_once(pilot: Pilot[None], app: FacilkitApp, target: Path) -> None:
    """Once the whole library is in, ``target`` has been written, and said so once."""
    await wait_until(pilot, lambda: app.library_loaded and target.exists(), "the export")
    await settle(pilot)
    assert [n for n in notices(app) if n.startswith("Exported")] == [f"Exported: {target}"]


def runs_on_screen(app: FacilkitApp) -> int:
    return sum(isinstance(screen, RunScreen) for screen in app.screen_stack)


async def test_checks_and_export_wait_for_the_plans_methods(
    tmp_path: Path,
    gate: Gate,  # noqa: F811 (the fixture imported above)
) -> None:
    app = dragons_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await plan_opened(pilot, app, gate)
        await pilot.press("alt+right", "alt+right")
        findings = screen.query_one("#findings", Static)
        await wait_until(pilot, lambda: "still loading" in str(findings.render()), "the note")
        assert "still loading (2 of 7)" in str(findings.render())
        assert screen.findings == []  # no "unknown method" for d and e

        target = tmp_path / "dragons.md"
        await confirm_export(pilot, target)
        await wait_for_screen(pilot, PlanScreen)
        await wait_until(
            pilot, lambda: any("export is written as soon as" in n for n in notices(app)), "why"
        )
        assert not target.exists()

        gate.open_all()
        await wait_until(pilot, target.exists, "the export once the library is in")
        assert "Dragon dance" in target.read_text(encoding="utf-8")
        await wait_until(pilot, lambda: "still loading" not in str(findings.render()), "checks")
        assert all(finding.code != "unknown_method" for finding in screen.findings)


async def test_the_agendas_waiting_note_groups_its_counts_as_home_does(tmp_path: Path) -> None:
    """At 10,000 methods the note says "1,234 of 12,345", as home and the library do."""
    app = make_app(tmp_path / "home", open_path=example_copy(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        # a step of a large cold load, in which none of the plan's methods is final yet
        partial = dataclasses.replace(
            app.library, loading=(1_234, 12_345), replaceable=frozenset(app.library.entries)
        )
        app.library_loaded = False
        app.library_arrived(partial, app.search_index)
        findings = screen.query_one("#findings", Static)
        await wait_until(pilot, lambda: "still loading" in str(findings.render()), "the note")
        assert "(1,234 of 12,345)" in str(findings.render())


async def test_r_pressed_twice_while_loading_starts_one_run_once_the_methods_are_in(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    app = dragons_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await partly_loaded(pilot, app, gate)
        await pilot.press("r", "r")
        await wait_until(
            pilot, lambda: any("meeting starts as soon as" in n for n in notices(app)), "why"
        )
        assert runs_on_screen(app) == 0

        gate.open_all()
        await wait_until(pilot, lambda: runs_on_screen(app) > 0, "the run once the library is in")
        await settle(pilot)
        assert runs_on_screen(app) == 1
        assert on_screen(app, RunScreen).run.state.contract.title == "Dragons"


async def test_a_waiting_run_is_dropped_when_the_user_leaves_its_screen(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    app = dragons_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await partly_loaded(pilot, app, gate)
        await pilot.press("r")
        await press_to_open(pilot, "m", LibraryScreen)  # on to something else

        gate.open_all()
        await wait_until(pilot, lambda: app.library_loaded, "the whole library")
        await settle(pilot)
        on_screen(app, LibraryScreen)  # no run popped up over the library
        assert any("press r again" in n for n in notices(app))
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        assert runs_on_screen(app) == 0


async def test_an_export_confirmed_twice_while_loading_is_written_once(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    app = dragons_app(tmp_path)
    target = tmp_path / "dragons.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await plan_opened(pilot, app, gate)
        for _ in range(2):
            await confirm_export(pilot, target)
            await wait_for_screen(pilot, PlanScreen)
        assert not target.exists()

        gate.open_all()
        await exported_once(pilot, app, target)


async def test_the_review_says_it_waits_for_the_plans_methods(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    app = dragons_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await plan_opened(pilot, app, gate)
        await pilot.press("alt+left")  # round to the last step
        await wait_until(pilot, lambda: screen.current_step == "review", "the review")
        await wait_until(pilot, lambda: "run plan is shown here" in visible(app), "the note")
        assert "(2 of 7)" in visible(app) and "unknown method" not in visible(app)

        gate.open_all()
        await wait_until(pilot, lambda: "Dragon dance" in visible(app), "the run plan")
        assert "still loading" not in visible(app)


async def test_r_before_the_loads_first_step_waits_too(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    """Until its first step the library is empty and does not say it loads: the run started
    at once, calling every method of the plan unknown."""
    app = dragons_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await plan_listed(pilot, app)
        assert app.library.loading is None and not app.library_loaded  # nothing parsed yet
        await pilot.press("r")
        await wait_until(
            pilot, lambda: any("meeting starts as soon as" in n for n in notices(app)), "why"
        )
        assert runs_on_screen(app) == 0

        gate.open_all()
        await wait_until(pilot, lambda: runs_on_screen(app) == 1, "the run once the library is in")
        assert "unknown method" not in visible(app)


async def plan_methods_in(pilot: Pilot[None], app: FacilkitApp, gate: Gate) -> None:  # noqa: F811
    """e (the plan's, in the last folder) loaded and final, the library not (f is held)."""
    gate.open(4)
    await wait_until(pilot, lambda: "e" in app.library.entries, "e")
    assert not app.library_loaded and "e" not in app.library.replaceable


async def test_a_run_started_at_once_drops_the_r_that_waited(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    """r waits; the plan's methods arrive before the rest; r again runs at once. The first
    r's wait must not start the run a second time (over the meeting) when the load ends."""
    app = dragons_app(tmp_path, methods=("e",))
    async with app.run_test(size=(100, 30)) as pilot:
        await partly_loaded(pilot, app, gate)
        await pilot.press("r")
        await wait_until(
            pilot, lambda: any("meeting starts as soon as" in n for n in notices(app)), "why"
        )
        await plan_methods_in(pilot, app, gate)
        await pilot.press("r")
        await wait_for_screen(pilot, RunScreen)

        gate.open_all()
        await wait_until(pilot, lambda: app.library_loaded, "the whole library")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)  # no second run, no "resume it?" over it
        assert runs_on_screen(app) == 1


async def test_an_export_written_at_once_drops_the_one_that_waited(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    app = dragons_app(tmp_path, methods=("e",))
    target = tmp_path / "dragons.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await plan_opened(pilot, app, gate)
        await confirm_export(pilot, target)
        await wait_for_screen(pilot, PlanScreen)
        assert not target.exists()  # it waits

        await plan_methods_in(pilot, app, gate)
        await confirm_export(pilot, target)
        await wait_until(pilot, target.exists, "the export, written at once")

        gate.open_all()
        await exported_once(pilot, app, target)


async def test_checks_and_review_before_the_loads_first_step_wait_too(
    tmp_path: Path,
    gate: Gate,  # noqa: F811
) -> None:
    """A plan opened before the first load step: the library is empty and does not say it
    loads, yet its methods are not unknown: the checks and the review say they wait."""
    app = dragons_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await plan_listed(pilot, app)
        assert app.library.loading is None and not app.library_loaded  # nothing parsed yet
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, PlanScreen)
        await pilot.press("alt+left")  # round to the review
        await wait_until(pilot, lambda: "run plan is shown here" in visible(app), "the note")
        assert "(0 of …)" in visible(app) and "unknown method" not in visible(app)

        await pilot.press("alt+right", "alt+right", "alt+right")  # round to the agenda
        findings = screen.query_one("#findings", Static)
        await wait_until(pilot, lambda: "still loading" in str(findings.render()), "the note")
        assert screen.findings == []  # no "unknown method" for d and e

        gate.open_all()
        await wait_until(pilot, lambda: "still loading" not in str(findings.render()), "checks")
        assert all(finding.code != "unknown_method" for finding in screen.findings)
