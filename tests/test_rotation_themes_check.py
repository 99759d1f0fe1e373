"""A rotation whose ``themes`` list and ``stations`` differ in number gets a warning.

Extra themes are never shown and missing ones leave stations named by number
only, both silently; the check names both numbers and says what to do, in the
checks, on the command line (``plan check``) and in the TUI's agenda step.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from facilkit.i18n import ui_languages
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.checks import Finding, check_plan
from facilkit.plans.model import StationTheme
from facilkit.plans.storage import load_plan
from facilkit.tui.screens.plan import PlanScreen
from tests.test_cli_methods import run
from tests.tui_helpers import ROOT, make_app, on_screen, ready, wait_until

EXAMPLE = ROOT / "examples" / "station-rotation-afternoon.yaml"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


def with_themes(count: int, tmp_path: Path) -> Path:
    """The station example (7 stations, 7 themes) with ``count`` themes, saved to a file."""
    plan = load_plan(EXAMPLE)
    rotation = next(item.rotation for item in plan.agenda if item.rotation is not None)
    assert rotation.stations == 7 and len(rotation.themes) == 7
    themes = list(rotation.themes)
    themes += [StationTheme(title=f"Ekstra {n}") for n in range(8, count + 1)]
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("      themes:\n")
    end = text.index("\n", text.index("question:", text.rindex("- title:", start))) + 1
    listed = "".join(
        f"        - title: {theme.title}\n"
        + (f"          question: {theme.question}\n" if theme.question else "")
        for theme in themes[:count]
    )
    path = tmp_path / f"stations-{count}.yaml"
    path.write_text(text[:start] + "      themes:\n" + listed + text[end:], encoding="utf-8")
    assert len(next(i.rotation for i in load_plan(path).agenda if i.rotation).themes) == count
    return path


def theme_findings(path: Path, library: Library, lang: str) -> list[Finding]:
    plan = load_plan(path)
    return [f for f in check_plan(plan, library, lang) if f.code.startswith("rotation_themes")]


def test_as_many_themes_as_stations_or_none_gives_no_warning(
    library: Library, tmp_path: Path
) -> None:
    assert theme_findings(EXAMPLE, library, "en") == []
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("      themes:\n")
    end = text.index("\n", text.index("question:", text.rindex("- title:", start))) + 1
    bare = tmp_path / "no-themes.yaml"
    bare.write_text(text[:start] + text[end:], encoding="utf-8")
    assert theme_findings(bare, library, "en") == []


@pytest.mark.parametrize("lang", ui_languages())
def test_fewer_themes_than_stations_names_both_numbers_and_the_fix(
    library: Library, tmp_path: Path, lang: str
) -> None:
    (finding,) = theme_findings(with_themes(5, tmp_path), library, lang)
    assert (finding.severity, finding.code, finding.item) == (
        "warning",
        "rotation_themes_missing",
        3,
    )
    message = finding.message(lang)
    assert "(5)" in message and "(7)" in message and "'themes'" in message
    if lang == "en":
        assert message == (
            "Station rotation: fewer themes (5) than stations (7); the stations after "
            "station 5 have no theme and are shown by number. Add a theme for each "
            "(the list starts with station 1), or remove 'themes'."
        )


@pytest.mark.parametrize("lang", ui_languages())
def test_more_themes_than_stations_names_both_numbers_and_the_fix(
    library: Library, tmp_path: Path, lang: str
) -> None:
    (finding,) = theme_findings(with_themes(9, tmp_path), library, lang)
    assert (finding.severity, finding.code) == ("warning", "rotation_themes_extra")
    message = finding.message(lang)
    assert "(9)" in message and "(7)" in message and "'stations: 9'" in message


def test_plan_check_on_the_command_line_shows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = with_themes(9, tmp_path)
    code, out, _ = run(capsys, "plan", "check", str(path), "--lang", "en")
    assert code == 0  # a warning, not an error
    assert (
        f"{path}: warning (item 4): Station rotation: more themes (9) than stations (7); "
        "the themes after station 7 are not used. Remove them, or set 'stations: 9'."
    ) in out


async def test_the_tui_agenda_shows_it_among_the_checks(tmp_path: Path) -> None:
    path = with_themes(5, tmp_path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        screen.show_step("agenda")
        findings = screen.query_one("#findings", Static)
        await wait_until(
            pilot,
            lambda: "fewer themes (5) than stations (7)" in str(findings.render()),
            "the themes warning in the agenda's checks",
        )
        assert "rotation_themes_missing" in {f.code for f in screen.findings}
