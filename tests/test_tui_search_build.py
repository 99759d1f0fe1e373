"""Pilot: the search's word index is built on the app's event loop, a step at a time, so a
key typed while it builds is answered at once (by a scan) instead of sharing the GIL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import facilkit.tui.app_loading as app_loading
from facilkit.library.search import SearchIndex
from facilkit.paths import Locations
from facilkit.tui.app import create_app
from facilkit.tui.widgets.method_list import MethodList
from tests.tui_helpers import open_library, wait_until


async def test_a_key_typed_while_the_word_index_builds_is_answered_before_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release: list[bool] = []
    stepped_on: set[threading.Thread] = set()
    real_preparing = SearchIndex.preparing

    def preparing(index: SearchIndex) -> Iterator[None]:
        """The real steps, held after each until the test lets the build go on."""
        for _ in real_preparing(index):
            stepped_on.add(threading.current_thread())
            yield
            while not release:
                yield

    monkeypatch.setattr(SearchIndex, "preparing", preparing)
    monkeypatch.setattr(app_loading, "PREPARE_SEARCH_DELAY", 0.01)
    home = tmp_path / "home"
    app = create_app(Locations(home=home, cache=home / "cache"), lang="en", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.library_loaded and bool(stepped_on), "a build begun")
        screen = await open_library(pilot)
        await pilot.press("slash", *"ugu")
        methods = screen.query_one(MethodList)

        def first() -> list[str]:
            return [entry.id for entry in methods.entries][:1]

        await wait_until(pilot, lambda: first() == ["ugu"], "the search answered")
        assert not app.search_index.indexed, "answered while the build was still under way"
        assert stepped_on == {threading.main_thread()}, "built on the app's own thread"
        release.append(True)
        await wait_until(pilot, lambda: app.search_index.indexed, "the build done")
        await pilot.press("backspace", "u")
        await wait_until(pilot, lambda: first() == ["ugu"], "the index answers the same")
