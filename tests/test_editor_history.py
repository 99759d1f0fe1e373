"""The plan editor's history: its depth, typing undone in chunks, and any edits undone exactly."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from facilkit.plans.editor import PlanEditor, snapshot
from facilkit.plans.editor_history import TYPING_PAUSE
from facilkit.plans.model import AgendaItem, new_plan
from tests.editor_helpers import Clock, editor_for, sample_plan, type_into

# --- the history -----------------------------------------------------------------------------


def test_a_new_edit_drops_the_redo_steps() -> None:
    editor = editor_for()
    editor.set_field("title", "A")
    editor.undo()
    editor.set_field("title", "B")
    assert not editor.can_redo and editor.redo() is None


def test_history_is_at_least_a_hundred_steps_deep() -> None:
    editor = editor_for()
    original = snapshot(editor.plan)
    for number in range(150):
        editor.set_field("location", f"Rum {number}")
    for _ in range(150):
        assert editor.undo() is not None
    assert snapshot(editor.plan) == original


# --- typing comes back in chunks ---------------------------------------------------------------


def test_typing_undoes_word_by_word() -> None:
    clock = Clock()
    editor = PlanEditor(new_plan("T"), clock=clock)
    type_into(editor, clock, "intention", "del erfaringer nu")
    steps = []
    while editor.undo() is not None:
        steps.append(editor.plan.intention)
    assert steps == ["del erfaringer", "del", ""]


def test_a_pause_ends_a_chunk() -> None:
    clock = Clock()
    editor = PlanEditor(new_plan("T"), clock=clock)
    type_into(editor, clock, "location", "Aar")
    clock.now += TYPING_PAUSE + 0.1
    type_into(editor, clock, "location", "hus", start="Aar")
    editor.undo()
    assert editor.plan.location == "Aar"


def test_another_field_or_command_ends_a_chunk() -> None:
    clock = Clock()
    editor = PlanEditor(new_plan("T"), clock=clock)
    type_into(editor, clock, "title", "Ab")
    type_into(editor, clock, "location", "X")
    type_into(editor, clock, "title", "c", start="Ab")
    editor.undo()
    assert editor.plan.title == "Ab"
    editor.seal()
    type_into(editor, clock, "title", "d", start="Ab")
    editor.undo()
    assert editor.plan.title == "Ab"


def test_a_new_line_in_a_list_field_starts_a_chunk() -> None:
    clock = Clock()
    editor = PlanEditor(new_plan("T"), clock=clock)
    for value in (["O"], ["On"], ["One"], ["One", "T"], ["One", "Tw"]):
        clock.now += 0.1
        editor.set_field("desired_outcomes", value, typing=True)
    editor.undo()
    assert editor.plan.desired_outcomes == ["One"]


# --- any edits, then as many undos, give the original back exactly ------------------------------

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
items = st.builds(
    AgendaItem,
    title=texts,
    minutes=st.none() | st.integers(0, 240),
    kind=st.sampled_from(["item", "break", "lunch", "presentation"]),
    notes=texts,
)
edits = st.one_of(
    st.tuples(st.just("field"), st.sampled_from(["title", "intention", "location"]), texts),
    st.tuples(st.just("list"), st.sampled_from(["rules", "desired_outcomes"]), st.lists(texts)),
    st.tuples(st.just("roles"), st.dictionaries(texts, texts, max_size=3)),
    st.tuples(st.just("participants"), st.none() | st.integers(0, 500)),
    st.tuples(st.just("insert"), st.integers(0, 10), items),
    st.tuples(st.just("replace"), st.integers(0, 10), items),
    st.tuples(st.just("remove"), st.integers(0, 10)),
    st.tuples(st.just("move"), st.integers(0, 10), st.sampled_from([-1, 1])),
    st.tuples(st.just("type"), st.sampled_from(["title", "intention"]), texts),
)


def whole(value: object) -> int:
    """An index drawn by hypothesis (typed ``object`` in the edit tuple)."""
    assert isinstance(value, int)
    return value


def apply_edit(editor: PlanEditor, clock: Clock, edit: tuple[object, ...]) -> None:
    kind, *rest = edit
    agenda = editor.plan.agenda
    clock.now += 0.3
    if kind in ("field", "list"):
        editor.set_field(str(rest[0]), rest[1])
    elif kind == "roles":
        editor.set_field("roles", rest[0])
    elif kind == "participants":
        editor.set_field("participants", rest[0])
    elif kind == "type":
        editor.set_field(str(rest[0]), getattr(editor.plan, str(rest[0])) + rest[1], typing=True)
    elif kind == "insert":
        editor.insert_item(whole(rest[0]), rest[1])  # type: ignore[arg-type]
    elif agenda and kind == "replace":
        editor.replace_item(whole(rest[0]) % len(agenda), rest[1])  # type: ignore[arg-type]
    elif agenda and kind == "remove":
        editor.remove_item(whole(rest[0]) % len(agenda))
    elif agenda and kind == "move":
        editor.move_item(whole(rest[0]) % len(agenda), whole(rest[1]))


@settings(max_examples=150, deadline=None)
@given(st.lists(edits, max_size=30))
def test_edits_then_undos_give_the_original_and_redos_the_edited(
    sequence: list[tuple[object, ...]],
) -> None:
    clock = Clock()
    editor = PlanEditor(sample_plan(), clock=clock)
    original = copy.deepcopy(editor.plan)
    for edit in sequence:
        apply_edit(editor, clock, edit)
    edited = copy.deepcopy(editor.plan)
    for (
        _
    ) in sequence:  # as many undos as edits (typing may have joined some: extra undos do nothing)
        editor.undo()
    assert editor.undo() is None
    assert editor.plan == original and snapshot(editor.plan) == snapshot(original)
    assert not editor.dirty
    for _ in sequence:
        editor.redo()
    assert editor.plan == edited and snapshot(editor.plan) == snapshot(edited)
