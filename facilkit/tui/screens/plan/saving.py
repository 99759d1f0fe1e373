"""Saving from the plan screen: new files, conflicts with the file on disk, leaving unsaved.

The editor refuses to overwrite a plan file that changed on disk (or vanished,
or can no longer be read); here the user is asked what to keep. Whatever they
choose, no version is dropped: the one not chosen is kept as a copy beside it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from facilkit.errors import FacilkitError, storage_error
from facilkit.i18n import t
from facilkit.plans.editor import SaveConflict
from facilkit.plans.storage import new_plan_path
from facilkit.tui.dialogs.basic import Choose

if TYPE_CHECKING:
    from facilkit.tui.screens.plan.screen import PlanScreen

Then = Callable[[], object]


def save(screen: PlanScreen, then: Then | None = None) -> bool:
    """Save the plan; True if it is saved now. ``then`` runs once it is saved (maybe later)."""
    editor, lang = screen.editor, screen.lang
    try:
        if editor.path is None:
            title = editor.plan.title or t("wiz.new_title", lang)
            editor.save_as(new_plan_path(title, screen.facil.locations))
        else:
            editor.save()
    except SaveConflict as conflict:
        ask_about_conflict(screen, conflict, then)
        return False
    except FacilkitError as error:
        failed(screen, error)
        return False
    except OSError as error:
        failed(screen, storage_error(error, editor.path))
        return False
    screen.notify(t("wiz.saved", lang, path=editor.path), markup=False)
    screen.saved()
    if then is not None:
        then()
    return True


def failed(screen: PlanScreen, error: FacilkitError) -> None:
    """Say why the save failed; the draft keeps every edit meanwhile."""
    with contextlib.suppress(FacilkitError, OSError):
        screen.editor.autosave()
    message = t("wiz.save_failed", screen.lang, error=error.text(screen.lang))
    screen.notify(message, severity="error", markup=False, timeout=10)


def ask_about_conflict(screen: PlanScreen, conflict: SaveConflict, then: Then | None) -> None:
    """Keep mine, take the one on disk, or cancel; a vanished file is offered to be saved again."""
    lang, path = screen.lang, conflict.path
    if conflict.state == "changed":
        question = t("wiz.conflict_changed", lang, path=path)
        answers = [
            ("mine", t("wiz.keep_mine", lang)),
            ("theirs", t("wiz.take_theirs", lang)),
            ("cancel", t("key.cancel", lang)),
        ]
    elif conflict.state == "not_a_file":
        question = t("wiz.conflict_not_a_file", lang, path=path)
        answers = [("beside", t("wiz.save_beside", lang)), ("cancel", t("key.cancel", lang))]
    else:
        key = "wiz.conflict_missing" if conflict.state == "missing" else "wiz.conflict_unreadable"
        question = t(key, lang, path=path)
        answers = [("mine", t("wiz.save_again", lang)), ("cancel", t("key.cancel", lang))]

    def answered(answer: str | None) -> None:
        try:
            if answer == "mine":
                resolution = screen.editor.keep_mine()
                copy_key = "wiz.kept_theirs"
            elif answer == "theirs":
                resolution = screen.editor.take_theirs()
                copy_key = "wiz.kept_mine"
            elif answer == "beside":  # no copy: the plan itself goes to the new file
                resolution, copy_key = screen.editor.save_beside(), ""
            else:
                return
        except FacilkitError as error:
            failed(screen, error)
            return
        except OSError as error:
            failed(screen, storage_error(error, path))
            return
        message = t("wiz.saved", lang, path=resolution.path)
        if resolution.copy is not None:
            message += "\n" + t(copy_key, lang, path=resolution.copy.name)
        screen.notify(message, markup=False, timeout=10)
        screen.saved()
        if then is not None:
            then()

    screen.app.push_screen(Choose(question, answers, default=len(answers) - 1), answered)


def confirm_leave(screen: PlanScreen, then: Then) -> None:
    """Ask before losing changes; ``then`` runs once it is safe to leave."""
    editor, lang = screen.editor, screen.lang
    if not editor.dirty:
        editor.discard_draft()
        then()
        return

    def answered(answer: str | None) -> None:
        if answer == "save":
            save(screen, then)
        elif answer == "discard":
            editor.discard_draft()
            then()

    answers = [
        ("save", t("wiz.save_and_close", lang)),
        ("discard", t("wiz.discard", lang)),
        ("cancel", t("key.cancel", lang)),
    ]
    screen.app.push_screen(Choose(t("wiz.unsaved", lang), answers), answered)
