"""The plan editor's commands: each field and agenda change, undone and redone."""

from __future__ import annotations

import pytest

from facilkit.plans.editor import Change, snapshot
from facilkit.plans.model import AgendaItem
from tests.editor_helpers import editor_for


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("title", "Ny titel"),
        ("date", "2026-12-03"),
        ("start", "9.00"),
        ("end", "11:30"),
        ("location", "Lokale 2"),
        ("participants", 8),
        ("language", "en"),
        ("intention", "Dele erfaringer"),
        ("desired_outcomes", ["Tre tips", "Et forsøg"]),
        ("rules", []),
        ("roles", {"facilitator": "Bo", "gamemaster": "Eva"}),
        ("materials", ["Flip-over"]),
        ("follow_up", "Næste møde"),
    ],
)
def test_set_field_undo_redo(name: str, value: object) -> None:
    editor = editor_for()
    before = snapshot(editor.plan)
    assert editor.set_field(name, value)
    after = snapshot(editor.plan)
    assert getattr(editor.plan, name) == value and editor.dirty
    assert editor.undo() is not None
    assert snapshot(editor.plan) == before and not editor.dirty
    assert editor.redo() is not None
    assert snapshot(editor.plan) == after and editor.dirty


def test_setting_the_same_value_is_no_edit() -> None:
    editor = editor_for()
    assert not editor.set_field("intention", "Why")
    assert not editor.can_undo and not editor.dirty


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="agenda"):
        editor_for().set_field("agenda", [])


def test_insert_remove_replace_move_items_undo_and_redo() -> None:
    editor = editor_for()
    original = snapshot(editor.plan)
    agenda = editor.plan.agenda
    first, second = agenda[0], agenda[1]

    assert editor.insert_item(99, AgendaItem(title="Last", minutes=5)) == 4
    assert agenda[-1].title == "Last"
    removed = editor.remove_item(1)
    assert removed == second and second not in agenda
    assert editor.replace_item(0, AgendaItem(method="check-in", minutes=25))
    assert not editor.replace_item(0, AgendaItem(method="check-in", minutes=25))
    assert editor.move_item(0, 1) == 1
    assert editor.move_item(0, -1) is None  # already at the top
    assert [i.minutes for i in agenda[:2]] == [15, 25]
    edited = snapshot(editor.plan)

    for _ in range(4):
        editor.undo()
    assert snapshot(editor.plan) == original and editor.plan.agenda[0] == first
    assert editor.undo() is None
    for _ in range(4):
        editor.redo()
    assert snapshot(editor.plan) == edited
    assert editor.redo() is None


def test_the_item_given_is_copied_so_later_changes_to_it_are_not_edits() -> None:
    editor = editor_for()
    item = AgendaItem(title="Mine", minutes=5)
    editor.insert_item(0, item)
    item.minutes = 99
    assert editor.plan.agenda[0].minutes == 5


def test_cursor_follows_agenda_changes() -> None:
    editor = editor_for()
    heard: list[Change] = []
    editor.subscribe(heard.append)
    editor.move_item(1, 1)
    editor.undo()
    editor.remove_item(2)
    assert [(c.reason, c.cursor) for c in heard] == [("edit", 2), ("undo", 1), ("edit", 2)]
    assert all(c.fields == {"agenda"} for c in heard)
