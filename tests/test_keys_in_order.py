"""Keys that reach a text field in one burst act in the order they were typed.

A terminal delivers fast typing, and pasted or scripted keys, as one burst. Textual
8.2.8 ran a field's editing bindings (backspace, ctrl+u) only after the next
characters had gone in, so "Kantine⌫⌫X" became "Kantin" (found in tmux on the
Time step). These tests send each burst as a terminal does, without waiting
between keys, and read what the plan kept.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from facilkit.tui.screens.library import LibraryScreen
from tests.tui_helpers import ROOT, make_app, open_library, ready, start_new_plan, wait_until

BURST = [*"Kantine", "backspace", "backspace", "X", "left", "ctrl+u", "Y"]
"""Type, take two letters back, type, step left, delete to the start, type: 'YX'."""


async def send_burst(pilot: Pilot[None], keys: list[str]) -> None:
    """Post every key at once, as a terminal's read hands them over together."""
    for key in keys:
        character = key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))


@pytest.mark.parametrize("field", ["f-location", "f-intention"])
async def test_a_burst_in_a_plan_field_keeps_every_key_in_order(tmp_path: Path, field: str) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        screen = await start_new_plan(pilot)
        screen.query_one(f"#{field}").focus()
        await send_burst(pilot, BURST)
        name = "location" if field == "f-location" else "intention"
        await wait_until(pilot, lambda: getattr(screen.plan, name) == "YX", f"{name} 'YX'")


async def test_a_burst_in_the_library_search_keeps_every_key_in_order(tmp_path: Path) -> None:
    app = make_app(tmp_path / "home")
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        library = await open_library(pilot)
        assert isinstance(library, LibraryScreen)
        search = library.query_one("#search")
        search.focus()
        await send_burst(pilot, [*"ugx", "backspace", "u"])
        await wait_until(pilot, lambda: getattr(search, "value", None) == "ugu", "search 'ugu'")


TEXT_WIDGETS = {"Input", "TextArea"}


def test_every_text_field_is_one_that_keeps_keys_in_order() -> None:
    """No module builds or extends Textual's own Input or TextArea; text_entry's do."""
    offenders = []
    for path in sorted((ROOT / "facilkit" / "tui").rglob("*.py")):
        if path.name == "text_entry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        textual_names = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual")
            for alias in node.names
            if alias.name in TEXT_WIDGETS
        }
        for node in ast.walk(tree):
            used = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                used = [node.func.id]
            elif isinstance(node, ast.ClassDef):
                used = [base.id for base in node.bases if isinstance(base, ast.Name)]
            offenders += [
                f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)} {name}"
                for name in used
                if name in textual_names
            ]
    assert not offenders, "use facilkit.tui.widgets.text_entry's fields: " + ", ".join(offenders)
