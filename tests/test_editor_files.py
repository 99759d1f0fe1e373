"""The plan editor and its file: dirty state, saving, conflicts with other programs, drafts."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from facilkit.plans.drafts import Drafts
from facilkit.plans.editor import Change, PlanEditor, SaveConflict
from facilkit.plans.model import new_plan
from facilkit.plans.storage import (
    NotAPlanFileError,
    PlanChangedError,
    fingerprint,
    load_plan,
    read_plan,
    save_plan,
    save_plan_unless_changed,
)
from tests.editor_helpers import Clock, change_on_disk, editor_for, sample_plan, type_into

T = TypeVar("T")


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
    change_on_disk(path, "Their room")
    resolution = editor.keep_mine()
    assert load_plan(path).intention == "Mine" and not editor.dirty
    assert resolution.copy is not None and resolution.copy.parent == path.parent
    assert load_plan(resolution.copy).location == "Their room"
    assert editor.disk_state() == "same"
    assert editor.can_undo  # keeping mine keeps the history


def test_take_theirs_puts_mine_in_a_copy(tmp_path: Path) -> None:
    editor, path = opened(tmp_path)
    editor.set_field("intention", "Mine")
    change_on_disk(path, "Their room")
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
