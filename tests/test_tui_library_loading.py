"""Pilot: a cold library is usable while it loads (issue 15).

The parser is held at a gate, so the test decides how far the load has got:
the list shows what has loaded, the search works on it and follows new
methods, the status and the card say the load is not done, and the finished
library is the same as one loaded in one go (overrides and problems too).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

import facilkit.library.loader as loader_module
import facilkit.library.parsing as parsing_module
from facilkit.library.loader import Folder, load_library
from facilkit.library.parsing import Job, Parsed
from facilkit.paths import Locations
from facilkit.tui.app import FacilkitApp, create_app
from facilkit.tui.screens.library import LibraryScreen
from facilkit.tui.widgets.method_card import MethodCard
from facilkit.tui.widgets.method_list import MethodList
from tests.conftest import METHOD_YAML, write_method
from tests.tui_helpers import on_screen, open_library, screen_text, wait_until


class Gate:
    """Lets the loader parse one file per :meth:`open` (the whole rest after :meth:`open_all`).

    A test that ends with files still held opens the gate itself once its app has quit: the
    test's event loop closes before the fixture's teardown runs, and closing waits for the
    loading thread, which waits at the gate until its 20 s run out.
    """

    def __init__(self) -> None:
        self.permits = threading.Semaphore(0)

    def open(self, files: int = 1) -> None:
        for _ in range(files):
            self.permits.release()

    def open_all(self) -> None:
        self.open(1_000)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    real = parsing_module.parse_files

    def held(jobs: list[Job]) -> list[Parsed]:
        parsed: list[Parsed] = []
        for job in jobs:
            assert gate.permits.acquire(timeout=20), "the test never opened the gate"
            parsed += real([job])
        return parsed

    monkeypatch.setattr(parsing_module, "parse_files", held)
    monkeypatch.setattr(loader_module, "CHUNK", 1)
    monkeypatch.setattr(loader_module, "SNAPSHOT_SECONDS", 0.0)
    monkeypatch.setattr(loader_module, "SNAPSHOT_SPACING", 0)  # not the machine's speed
    yield gate
    gate.open_all()  # never leave the loading thread waiting


def library_folders(tmp_path: Path) -> list[Folder]:
    """A shared folder (a, b, c, d "Dragon dance"), then the user's own: b overridden, e new, f broken."""
    shared, own = tmp_path / "shared", tmp_path / "own"
    for name in ("a", "b", "c"):
        write_method(shared, name)
    write_method(shared, "d", METHOD_YAML.format(id="d").replace("Method d", "Dragon dance"))
    write_method(own, "b", METHOD_YAML.format(id="b").replace("Method b", "My b"))
    write_method(own, "e")
    write_method(own, "f", "id: f\nname: [broken\n")
    return [Folder(shared, "user"), Folder(own, "user")]


def loading_app(tmp_path: Path) -> FacilkitApp:
    """An app (with a method cache) on :func:`library_folders`: loaded as the gate lets it."""
    home = tmp_path / "home"
    locations = Locations(home=home, cache=home / "cache", exports=home / "documents")
    return create_app(locations, lang="en", folders=library_folders(tmp_path), cursor_blink=False)


async def let_load(pilot: Pilot[None], gate: Gate, files: int) -> None:
    """Open the gate for ``files`` more files and wait until the app's library holds them."""
    app = pilot.app
    assert isinstance(app, FacilkitApp)
    loaded = len(app.library) + files
    gate.open(files)
    await wait_until(pilot, lambda: len(app.library) == loaded, f"{loaded} methods loaded")


async def test_the_list_is_usable_while_a_cold_library_loads(tmp_path: Path, gate: Gate) -> None:
    app = loading_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await let_load(pilot, gate, 2)  # a and b of the shared folder
        assert "Loading methods … 2 of 7" in screen_text(app)
        screen = await open_library(pilot)
        methods = screen.query_one(MethodList)
        card = screen.query_one(MethodCard)
        assert [entry.id for entry in methods.entries] == ["a", "b"]
        assert "Loading methods … 2 of 7" in screen_text(app)
        # the shared folder's cards may still be replaced by the user's own methods
        assert card.shown_text.startswith("Still loading the library (2 of 7)")
        assert "Still loading the library" in screen_text(app)

        await pilot.press("slash", *"dragon")
        search = screen.query_one("#search", Input)
        await wait_until(pilot, lambda: search.value == "dragon", "the search typed")
        assert methods.entries == []
        assert "None of the methods loaded so far match" in card.shown_text
        gate.open(2)  # c and d: the search shows d as soon as it has loaded
        await wait_until(pilot, lambda: [e.id for e in methods.entries] == ["d"], "d found")
        assert card.shown_text.startswith("Still loading the library (4 of 7)")
        assert "Dragon dance" in card.shown_text

        gate.open(1)  # the user's b: it replaces the shared one at once
        await wait_until(pilot, lambda: app.library.loading == (5, 7), "the user's b")
        b = app.library.entries["b"]
        assert b.head.name_in("en") == "My b"
        assert "b" not in app.library.replaceable, "the user's own is not replaced by anything"

        gate.open_all()
        await wait_until(pilot, lambda: app.library_loaded, "the whole library")
        assert on_screen(app, LibraryScreen).query_one(MethodList).entries[0].id == "d"
        assert "Still loading" not in card.shown_text, "the note goes once the load is done"
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(methods.entries) == 5, "every method listed")
        assert [entry.id for entry in methods.entries] == ["d", "a", "c", "e", "b"]  # by name
        assert "5 of 5 methods" in screen_text(app)
    complete = load_library(library_folders(tmp_path))
    assert [(e.id, e.path, e.overrides) for e in app.library] == [
        (e.id, e.path, e.overrides) for e in complete
    ]
    assert app.library.problems == complete.problems
    assert len(app.library.errors) == 1


async def test_quitting_while_a_cold_library_loads_stops_the_load(
    tmp_path: Path, gate: Gate
) -> None:
    app = loading_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await let_load(pilot, gate, 1)
        load = app.library_load
        assert load is not None
        await pilot.press("ctrl+q")
    gate.open_all()
    assert load.cancelled.is_set()


def test_the_loading_counts_are_grouped_as_each_language_writes_them() -> None:
    """The loading counts read 2,025 of 10,025: thousands grouped per language, not 10025."""
    from facilkit.i18n import grouped, t

    said = {
        lang: t("app.loading_count", lang, done=grouped(2025, lang), total=grouped(10025, lang))
        for lang in ("da", "en", "nb", "sv")
    }
    assert said["en"] == "Loading methods … 2,025 of 10,025"
    assert said["da"] == "Indlæser metoder … 2.025 af 10.025"
    assert said["nb"] == "Laster inn metoder … 2\u00a0025 av 10\u00a0025"
    assert said["sv"] == "Läser in metoder … 2\u00a0025 av 10\u00a0025"
    assert grouped(999, "da") == "999" and grouped(1234567, "en") == "1,234,567"
