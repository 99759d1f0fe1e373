"""The TUI with hostile text and failing disks: shows, never obeys; reports, keeps running."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilkit.plans.model import new_plan
from facilkit.plans.storage import save_plan
from facilkit.safe_text import VISIBLE
from facilkit.tui.compat import shown_notifications
from tests.tui_helpers import make_app, ready, screen_text, start_new_plan, wait_until

HOSTILE = "Møde \x1b]0;pwned\x07\x1b[2J\u202eevil"


async def test_a_hostile_plan_title_is_shown_not_obeyed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    save_plan(new_plan(HOSTILE), home / "plans" / "hostile.yaml")
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: "pwned" in screen_text(app), "the plan on the home screen")
        shown = screen_text(app)
        assert "␛]0;pwned" in shown
        assert not any(ord(ch) in VISIBLE for ch in shown.replace("\n", ""))
        for widget in app.screen.query("*"):
            for y in range(widget.size.height):
                text = "".join(segment.text for segment in widget.render_line(y))
                assert "\x1b" not in text and "\u202e" not in text


async def test_a_save_that_fails_is_shown_and_the_app_keeps_running(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "plans").write_text("a file where the plans folder should be", encoding="utf-8")
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        assert screen.save() is False
        await pilot.pause()
        messages = [n.message for n in shown_notifications(app)]
        assert any("is a file, not a folder" in m and str(home / "plans") in m for m in messages)
        assert app.is_running and app.screen is screen


async def test_a_bug_keeps_the_draft_and_is_logged(tmp_path: Path) -> None:
    from facilkit.crash import report_crash

    home = tmp_path / "home"
    app = make_app(home)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            screen = await start_new_plan(pilot)
            screen.editor.set_field("intention", "Typed before the bug")  # unsaved work

            def bug() -> None:
                raise ZeroDivisionError("a bug")

            app.call_later(bug)
            await wait_until(pilot, lambda: app.crashed is not None, "the crash")
    assert isinstance(app.crashed, ZeroDivisionError)
    assert list((home / "drafts").glob("*.yaml")), "the draft is kept"
    line = report_crash(app.crashed, app.locations.crash_logs, "en")
    logs = list(app.locations.crash_logs.iterdir())
    assert len(logs) == 1 and str(logs[0]) in line
    assert "ZeroDivisionError: a bug" in logs[0].read_text(encoding="utf-8")
