"""The plan editor: every command, undo and redo, typing chunks, dirty state, conflicts, drafts."""

from __future__ import annotations

import copy
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilkit.plans.drafts import Drafts
from facilkit.plans.editor import Change, PlanEditor, SaveConflict, snapshot
from facilkit.plans.editor_history import TYPING_PAUSE
from facilkit.plans.model import AgendaItem, Plan, Rotation, new_plan
from facilkit.plans.storage import (
    NotAPlanFileError,
    PlanChangedError,
    fingerprint,
    load_plan,
    read_plan,
    save_plan,
    save_plan_unless_changed,
)

T = TypeVar("T")


class Clock:
    """A clock the test moves by hand, so typing pauses need no sleeping."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def sample_plan() -> Plan:
    plan = new_plan("Møde")
    plan.intention = "Why"
    plan.agenda = [
        AgendaItem(method="check-in", minutes=10),
        AgendaItem(title="Talk", minutes=20, notes="[navn]"),
        AgendaItem(kind="break", minutes=15),
        AgendaItem(
            method="station-rotation",
            rotation=Rotation(groups=4, stations=4, round_minutes=15, move_minutes=5),
        ),
    ]
    plan.roles = {"facilitator": "Anna"}
    plan.rules = ["One speaks at a time"]
    return plan


def editor_for(plan: Plan | None = None, clock: Clock | None = None) -> PlanEditor:
    return PlanEditor(plan or sample_plan(), clock=clock or Clock())


# --- each command, undone and redone ---------------------------------------------------------


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


def type_into(editor: PlanEditor, clock: Clock, name: str, text: str, start: str = "") -> None:
    typed = start
    for character in text:
        typed += character
        clock.now += 0.1
        editor.set_field(name, typed, typing=True)


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


# --- dirty and saving --------------------------------------------------------------------------


def test_undo_back_to_the_saved_state_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    save_plan(sample_plan(), path)
    editor = PlanEditor.open(path)
    editor.set_field("title", "Changed")
    assert editor.dirty
    editor.undo()
    assert not editor.dirty
    editor.redo()
    editor.save()
    assert not editor.dirty and load_plan(path).title == "Changed"
    editor.undo()
    assert editor.dirty


def test_save_mid_word_ends_the_chunk(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "plan.yaml"
    save_plan(new_plan("T"), path)
    plan, base = read_plan(path)
    editor = PlanEditor(plan, path, base=base, clock=clock)
    type_into(editor, clock, "title", "Ab")
    editor.save()
    type_into(editor, clock, "title", "c", start="Ab")
    assert editor.dirty
    editor.undo()
    assert editor.plan.title == "Ab" and not editor.dirty


def test_a_recovered_draft_is_dirty_even_without_edits() -> None:
    editor = PlanEditor(sample_plan(), dirty=True)
    assert editor.dirty and editor.draft_dirty


def test_new_plan_needs_save_as(tmp_path: Path) -> None:
    editor = editor_for()
    with pytest.raises(Exception, match="save_as"):
        editor.save()
    path = editor.save_as(tmp_path / "new.yaml")
    assert editor.path == path and not editor.dirty
    assert editor.disk_state() == "same"


# --- another program changed the file ----------------------------------------------------------


def opened(tmp_path: Path, drafts: Drafts | None = None) -> tuple[PlanEditor, Path]:
    path = tmp_path / "plans" / "plan.yaml"
    save_plan(sample_plan(), path)
    return PlanEditor.open(path, drafts), path


def same_size_edit(path: Path) -> None:
    """Change one letter and put the time back: size and mtime alone would miss it."""
    stat = path.stat()
    raw = bytearray(path.read_bytes())
    at = raw.index(b"title: ") + len(b"title: ")
    raw[at : at + 1] = b"X"
    path.write_bytes(bytes(raw))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_same_size_edit_with_the_time_put_back_is_a_conflict(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    same_size_edit(path)
    assert editor.disk_state() == "changed"
    with pytest.raises(SaveConflict) as raised:
        editor.save()
    assert raised.value.state == "changed"
    assert load_plan(path).title.startswith("X")  # not overwritten


def test_touching_the_file_without_changing_it_is_no_conflict(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    os.utime(path, (1_000_000, 1_000_000))
    editor.set_field("intention", "Mine")
    editor.save()
    assert load_plan(path).intention == "Mine"


def test_keep_mine_keeps_theirs_as_a_copy(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    theirs = load_plan(path)
    theirs.location = "Their room"
    save_plan(theirs, path)
    resolution = editor.keep_mine()
    assert load_plan(path).intention == "Mine" and not editor.dirty
    assert resolution.copy is not None and resolution.copy.parent == path.parent
    assert load_plan(resolution.copy).location == "Their room"
    assert editor.disk_state() == "same"
    assert editor.can_undo  # keeping mine keeps the history


def test_take_theirs_puts_mine_in_a_copy(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    theirs = load_plan(path)
    theirs.location = "Their room"
    save_plan(theirs, path)
    heard: list[Change] = []
    editor.subscribe(heard.append)
    resolution = editor.take_theirs()
    assert editor.plan.location == "Their room" and editor.plan.intention == "Why"
    assert not editor.dirty and heard[-1].reason == "reload"
    assert resolution.copy is not None and load_plan(resolution.copy).intention == "Mine"
    editor.set_field("title", "Then mine")
    editor.save()  # the new base is theirs: no second conflict
    assert load_plan(path).location == "Their room"


def test_deleted_file_is_saved_again_on_request(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    path.unlink()
    with pytest.raises(SaveConflict) as raised:
        editor.save()
    assert raised.value.state == "missing"
    resolution = editor.keep_mine()
    assert resolution.copy is None and load_plan(path).intention == "Mine"


def test_unreadable_file_is_a_conflict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)  # as root, chmod would not stop the read
    assert editor.disk_state() == "unreadable"
    with pytest.raises(SaveConflict) as raised:
        editor.save()
    assert raised.value.state == "unreadable"


def within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``, failing (not hanging) if it blocks: a blocking open of a FIFO never returns."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # handed to the test below
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{call} blocked for {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def test_a_fifo_at_the_plans_path_is_not_a_plan_file_and_nothing_hangs(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    path.unlink()
    os.mkfifo(path)  # nobody writes to it: a blocking open would wait forever
    assert within(10, editor.disk_state) == "not_a_file"
    with pytest.raises(NotAPlanFileError):
        within(10, lambda: fingerprint(path))
    with pytest.raises(SaveConflict) as raised:
        within(10, editor.save)
    assert raised.value.state == "not_a_file"
    with pytest.raises(NotAPlanFileError):
        within(10, editor.keep_mine)  # nothing there to keep or to replace
    with pytest.raises(NotAPlanFileError):
        within(10, lambda: save_plan_unless_changed(editor.plan, path, editor.base))
    resolution = within(10, editor.save_beside)
    assert resolution.path != path and resolution.path.parent == path.parent
    assert load_plan(resolution.path).intention == "Mine"
    assert editor.path == resolution.path and not editor.dirty
    assert stat.S_ISFIFO(os.lstat(path).st_mode)  # left as it was


def test_a_folder_at_the_plans_path_is_not_a_plan_file(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    path.unlink()
    path.mkdir()
    assert editor.disk_state() == "not_a_file"


def test_two_editors_on_one_file_the_second_save_conflicts(tmp_path: Path) -> None:
    first, path = opened(tmp_path)
    second = PlanEditor.open(path)
    first.set_field("location", "A")
    second.set_field("location", "B")
    first.save()
    with pytest.raises(SaveConflict):
        second.save()
    assert load_plan(path).location == "A"


def test_a_file_that_appears_where_a_new_plan_would_go_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    editor = PlanEditor(sample_plan(), path)  # e.g. a draft from before fingerprints
    save_plan(new_plan("Someone else's"), path)
    with pytest.raises(SaveConflict):
        editor.save()


def test_save_unless_changed_for_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    save_plan(new_plan("One"), path)
    plan, base = read_plan(path)
    same_size_edit(path)
    with pytest.raises(PlanChangedError, match="changed by another program"):
        save_plan_unless_changed(plan, path, base)
    path.unlink()
    with pytest.raises(PlanChangedError, match="deleted"):
        save_plan_unless_changed(plan, path, base)
    assert save_plan_unless_changed(plan, path, None) == fingerprint(path)


# --- drafts ------------------------------------------------------------------------------------


def test_autosave_writes_a_draft_and_never_the_plan_file(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path / "drafts")
    editor, path = opened(tmp_path, drafts)
    before = path.read_bytes()
    assert not editor.autosave()  # nothing changed
    editor.set_field("intention", "Typed")
    assert editor.autosave() and not editor.autosave()
    assert path.read_bytes() == before
    (draft,) = drafts.pending()
    assert draft.plan.intention == "Typed" and draft.target == path
    assert draft.base == editor.base
    editor.save()
    assert drafts.pending() == []


def test_a_recovered_draft_does_not_replace_a_plan_changed_since(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path / "drafts")
    editor, path = opened(tmp_path, drafts)
    editor.set_field("intention", "Typed before the crash")
    editor.autosave()
    changed = load_plan(path)
    changed.location = "Changed later"
    save_plan(changed, path)
    (draft,) = drafts.pending()
    recovered = PlanEditor(draft.plan, draft.target, base=draft.base, drafts=drafts, dirty=True)
    with pytest.raises(SaveConflict):
        recovered.save()
    assert load_plan(path).location == "Changed later"


def test_a_draft_from_before_fingerprints_has_no_base(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path / "drafts")
    drafts.write("old", new_plan("Old"), tmp_path / "x.yaml")
    (drafts.folder / "old.target").write_text(str(tmp_path / "x.yaml"), encoding="utf-8")
    (draft,) = drafts.pending()
    assert draft.target == tmp_path / "x.yaml" and draft.base is None


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
