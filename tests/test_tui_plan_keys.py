"""Keys act only where they are shown: every plan-screen key, on every step, on every widget.

For each step of the wizard and each widget that can take focus there, every
key bound on the plan screen (and on its agenda table) is pressed. A dialog the
key opens is cancelled. If the plan changed, either the key bar showed that
key's action, enabled, just before the press, or the key was typed into the
focused text field and changed only that field. The change is then undone
through the editor, so every key meets the same plan in the same app: one app
per step (one per part of its widgets), and at the end the plan is exactly (as saved
text) what it was.

About 500 presses: each is sent as the terminal would send it and waited for
once (see :func:`press`), and the plan is compared as data, not as YAML.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from facilkit.plans.editor import FIELDS, snapshot
from facilkit.plans.model import Plan
from facilkit.tui.screens.plan import STEPS, PlanScreen
from facilkit.tui.screens.plan.agenda import AgendaTable
from facilkit.tui.screens.plan.fields import FIELD_OF_WIDGET
from facilkit.tui.widgets.key_bar import KeyBar, action_name
from tests.tui_helpers import ROOT, make_app, on_screen, ready, settle

KEYS = sorted(
    {
        key.strip()
        for binding in [*PlanScreen.BINDINGS, *AgendaTable.BINDINGS]
        for key in binding.key.split(",")  # type: ignore[union-attr]
    }
)
OPENS_A_SCREEN = {"add_method", "add_item", "add_break", "edit_item", "export", "run_plan", "close"}
"""Actions that push a dialog or a screen, which the sweep then closes."""


def types_text(key: str) -> bool:
    """A key that types or deletes text when a text field has focus."""
    return len(key) == 1 or key == "delete"


def changed_fields(before: Plan, after: Plan) -> set[str]:
    return {name for name in (*FIELDS, "agenda") if getattr(before, name) != getattr(after, name)}


async def press(pilot: Pilot[None], key: str) -> None:
    """Send ``key`` as the terminal does and wait until every widget has handled it.

    ``Pilot.press`` also waits twice per key for the process to look idle (at
    least 40 ms each time); the message queues being empty is what the sweep
    needs, and that is what ``settle`` waits for (one ``pause`` was not enough
    under load: a typed "x" reached the plan after the sweep had looked).
    """
    pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)


def test_the_sweep_covers_the_keys_that_lost_work() -> None:
    assert {"x", "delete", "a", "shift+up", "ctrl+z", "ctrl+y", "ctrl+shift+z"} <= set(KEYS)


PARTS = 2
"""Each step's widgets are swept by PARTS tests (every PARTS-th widget each), one app per
test: a step's whole sweep took up to 50 s in one test, the tail of a parallel run."""


@pytest.mark.parametrize("part", range(PARTS), ids=[f"part{n + 1}" for n in range(PARTS)])
@pytest.mark.parametrize("step", STEPS)
async def test_every_key_on_every_widget_changes_only_what_the_key_bar_promised(
    tmp_path: Path, step: str, part: int
) -> None:
    path = tmp_path / "plan.yaml"
    shutil.copy(ROOT / "examples" / "learning-group-meeting.yaml", path)
    app = make_app(tmp_path / "home", open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = on_screen(app, PlanScreen)
        editor = screen.editor
        editor.set_field("location", "Swept")  # unsaved, so escape asks instead of leaving
        start = snapshot(editor.plan)
        screen.show_step(step)
        await pilot.pause()
        every_widget = [w for w in screen.focus_chain if not isinstance(w, KeyBar)]
        assert len(every_widget) > part, step  # each part has at least one widget to sweep
        widgets = every_widget[part::PARTS]
        pressed = 0
        for widget in widgets:
            for key in KEYS:
                if key == "ctrl+s":
                    continue  # pressed below, once: it saves, which is no change to the plan
                if screen.current_step != step or screen.focused is not widget:
                    screen.show_step(step)
                    widget.focus()
                    await settle(pilot)
                before = copy.deepcopy(editor.plan)
                bar = screen.query_one(KeyBar)
                drawn = {action_name(a): enabled for a, enabled in bar.drawn_actions()}
                active = screen.active_bindings.get(key)
                action = action_name(active.binding.action) if active else None
                await press(pilot, key)
                pressed += 1
                if action in OPENS_A_SCREEN:
                    await settle(pilot)  # a screen may be pushed once the action ran
                for _ in range(5):  # cancel the dialog or leave the screen the key opened
                    if app.screen is screen:
                        break
                    if isinstance(app.screen, ModalScreen):
                        await pilot.press("escape")
                    else:  # run mode ('r'): a screen of its own, left as the user would
                        app.pop_screen()
                    await settle(pilot)
                where = f"{step} / {widget.id or type(widget).__name__} / {key}"
                assert app.screen is screen, where
                if editor.plan == before:
                    continue
                typed = isinstance(widget, Input | TextArea) and types_text(key)
                if typed:
                    assert changed_fields(before, editor.plan) == {
                        FIELD_OF_WIDGET[widget.id or ""]
                    }, where
                    editor.undo()
                else:
                    assert action is not None and drawn.get(action) is True, (
                        f"{where}: changed the plan ({action}) but the key bar showed {drawn}"
                    )
                    if action == "undo":
                        editor.redo()
                    else:
                        editor.undo()
                await settle(pilot)  # the key bar redraws: redo may be on it now
                assert editor.plan == before, where
        assert pressed >= len(widgets) * (len(KEYS) - 1)
        assert snapshot(editor.plan) == start  # every change was taken back exactly
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.dirty and editor.plan.location == "Swept"
