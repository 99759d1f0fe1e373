"""The agenda step's behaviour: its view of the schedule and the actions its keys run.

The agenda table (:mod:`facilkit.tui.screens.plan.agenda`) binds the keys;
they run these actions on the screen, which send each change to the editor as
one undoable command. :class:`PlanScreen` is built on :class:`AgendaActions`.
"""

from __future__ import annotations

import copy

from textual.binding import Binding
from textual.widgets import DataTable

from facilkit.i18n import grouped, t
from facilkit.library.collection import Library
from facilkit.plans.checks import Finding, check_plan
from facilkit.plans.editor import PlanEditor
from facilkit.plans.materials import Material, checklist_entries
from facilkit.plans.model import AgendaItem, Plan, Rotation
from facilkit.plans.schedule import Schedule, schedule, slot_title
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.materials import MaterialsDialog
from facilkit.tui.dialogs.method_picker import MethodPicker, PickedMethod
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.screens.plan.agenda import AgendaTable
from facilkit.tui.screens.plan.agenda_pane import AgendaPane
from facilkit.tui.widgets.timeline import Timeline

ADDED_NOTICE_SECONDS = 2.0
REMOVED_NOTICE_SECONDS = 6.0
NEW_FREE_MINUTES = 10
"""Minutes a new free item or break starts with (``f``, ``b`` and ``i``); its form changes them."""


def library_wait_note(waits: bool, library: Library, lang: str, key: str) -> str | None:
    """What ``key`` says while a method of the plan has not loaded yet (``waits``, the app's
    ``waits_for_methods``), else None.

    Checked or drawn against the part loaded so far, a late method would be
    called unknown: the checks and the review say they wait instead. Before the
    load's first step the count is not known yet ("0 of …").
    """
    if not waits:
        return None
    if library.loading is None:  # before the load's first step: no count yet
        return t(key, lang, done=grouped(0, lang), total="…")
    done, total = (grouped(number, lang) for number in library.loading)
    return t(key, lang, done=done, total=total)


class AgendaActions(FacilScreen):
    """The agenda part of the plan screen: redraw the agenda, add, edit, remove, move items."""

    editor: PlanEditor
    findings: list[Finding]

    @property
    def plan(self) -> Plan:
        return self.editor.plan

    @property
    def agenda_table(self) -> AgendaTable:
        return self.query_one("#agenda-table", AgendaTable)

    def show_step(self, step: str) -> None:
        """Switch to a step (the screen knows its steps)."""
        raise NotImplementedError

    # --- the agenda view --------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        return schedule(self.plan, self.facil.library)

    def library_changed(self) -> None:
        """More of the library arrived: method names, minutes and checks may change.

        The library loads in steps and may arrive while this screen is pushed but not
        yet composed; its first draw (on_mount) uses whatever has arrived by then.
        """
        if self.is_mounted:
            self.refresh_agenda()

    def library_grew(self) -> None:
        """A step of a cold load: a method of the plan may have arrived."""
        self.library_changed()

    def refresh_agenda(self, cursor: int | None = None) -> None:
        """Recompute clock times, the timeline, totals, checks and the check list.

        While a method of the plan has not loaded yet, the checks wait (they would
        call it unknown) and the findings pane says so.
        """
        plan_schedule = self.schedule
        lang, library = self.lang, self.facil.library
        self.query_one(Timeline).show(plan_schedule)
        waiting = library_wait_note(
            self.facil.waits_for_methods(self.plan), library, lang, "wiz.check_waits_for_library"
        )
        self.findings = [] if waiting else check_plan(self.plan, library, lang)
        self.query_one(AgendaPane).show(
            plan_schedule,
            self.findings,
            checklist_entries(self.plan, plan_schedule, lang),
            lang,
            row=self.agenda_table.cursor_row if cursor is None else cursor,
            materials_key=self.app.get_key_display(Binding("m", "materials")),
            waiting=waiting,
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The pane below redraws the item's detail; the keys depend on the row."""
        self.refresh_bindings()  # move up / move down depend on the row

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_item()

    # --- agenda actions (bound on the agenda table only) ------------------------------------

    def _agenda_index(self) -> int:
        return self.agenda_table.cursor_row

    def agenda_action_enabled(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the agenda keys that cannot act on the highlighted row (None: dimmed)."""
        agenda, index = self.plan.agenda, self._agenda_index() if self.is_mounted else -1
        if action in ("remove_item", "edit_item"):
            return True if 0 <= index < len(agenda) else None
        if action == "move":
            target = index + int(str(parameters[0])) if parameters else index
            return True if 0 <= index < len(agenda) and 0 <= target < len(agenda) else None
        return True

    def insert_item(self, item: AgendaItem, here: bool = False) -> None:
        """Add at the end, or after the highlighted item when the user chose ``here``."""
        agenda = self.plan.agenda
        index = min(self._agenda_index() + 1, len(agenda)) if here and agenda else len(agenda)
        self.show_step("agenda")
        self.editor.insert_item(index, item)

    def add_method(self, method_id: str, variant: str | None = None, here: bool = False) -> None:
        """Add a library method (as one of its variants) with its default minutes.

        A rotation gets default settings instead.
        """
        method = self.facil.library.get(method_id)
        if method is not None and variant is not None:
            method = method.with_variant(variant)
        if method is None:
            return
        item = AgendaItem(method=method_id, variant=variant, minutes=method.duration.default)
        if method_id == "station-rotation":
            item = AgendaItem(
                method=method_id,
                rotation=Rotation(groups=4, stations=4, round_minutes=15, move_minutes=5),
            )
        self.insert_item(item, here)
        added = t("lib.added", self.lang, name=method.name_in(self.lang))
        # short: the new row is on screen anyway, and toasts cover the side pane at 80×24
        self.notify(added, markup=False, timeout=ADDED_NOTICE_SECONDS)

    def action_add_method(self, here: bool = False) -> None:
        """Pick a method for the end of the agenda (``here``: after the highlighted item)."""

        def chosen(picked: PickedMethod | None) -> None:
            if picked is not None:
                self.add_method(picked.method_id, picked.variant, here)

        agenda, index, lang = self.plan.agenda, self._agenda_index(), self.lang
        if here and 0 <= index < len(agenda):
            name = slot_title(self.schedule.slots[index], lang)
            question = t("picker.after", lang, number=index + 1, name=name)
        else:
            question = t("picker.at_end", lang)
        picker = MethodPicker(self.facil.search_index, lang, question, follows_app=True)
        self.app.push_screen(picker, chosen)

    def action_insert_here(self) -> None:
        """Ask what goes in after the highlighted item: a method, a free item or a break.

        ``a``, ``f`` and ``b`` add at the end; this one key puts any of them where the
        user is, so a newcomer who finds ``i`` on the key bar finds all three.
        """
        agenda, index, lang = self.plan.agenda, self._agenda_index(), self.lang
        if 0 <= index < len(agenda):
            name = slot_title(self.schedule.slots[index], lang)
            question = t("wiz.insert_what", lang, number=index + 1, name=name)
        else:
            question = t("wiz.insert_what_first", lang)
        answers = [
            ("method", t("wiz.answer_method", lang)),
            ("item", t("item", lang)),
            ("break", t("break", lang)),
        ]

        def chosen(answer: str | None) -> None:
            if answer == "method":
                self.action_add_method(here=True)
            elif answer in ("item", "break"):
                self._add_free(answer, NEW_FREE_MINUTES, here=True)

        self.app.push_screen(Choose(question, answers), chosen)

    def action_materials(self) -> None:
        """The whole check list; the plan's own materials are edited there."""

        def entries() -> list[Material]:
            return checklist_entries(self.plan, self.schedule, self.lang)

        self.app.push_screen(MaterialsDialog(self.editor, entries, self.lang))

    def _add_free(self, kind: str, minutes: int, here: bool = False) -> None:
        """A free item or break, filled in on its form; at the end unless ``here``."""
        title = t("break", self.lang) if kind == "break" else t("wiz.free_item", self.lang)
        item = AgendaItem(title=title, kind=kind, minutes=minutes)  # type: ignore[arg-type]

        def edited(result: AgendaItem | None) -> None:
            if result is not None:
                self.insert_item(result, here)

        self.app.push_screen(ItemForm(item, title, self.lang), edited)

    def action_add_item(self) -> None:
        self._add_free("item", NEW_FREE_MINUTES)

    def action_add_break(self) -> None:
        self._add_free("break", NEW_FREE_MINUTES)

    def action_edit_item(self) -> None:
        index = self._agenda_index()
        if not (0 <= index < len(self.plan.agenda)):
            return
        slot = self.schedule.slots[index]

        def edited(result: AgendaItem | None) -> None:
            if result is not None and index < len(self.plan.agenda):
                self.editor.replace_item(index, result)

        self.app.push_screen(
            ItemForm(copy.deepcopy(slot.item), slot_title(slot, self.lang), self.lang), edited
        )

    def action_remove_item(self) -> None:
        index = self._agenda_index()
        if not (0 <= index < len(self.plan.agenda)):
            return
        name = slot_title(self.schedule.slots[index], self.lang)
        self.editor.remove_item(index)
        notice = t("wiz.removed", self.lang, name=name, key=self.undo_key)
        self.notify(notice, markup=False, timeout=REMOVED_NOTICE_SECONDS)

    @property
    def undo_key(self) -> str:
        """The undo key as the key bar shows it."""
        return self.app.get_key_display(Binding("ctrl+z", "undo"))

    def action_move(self, direction: int) -> None:
        self.editor.move_item(self._agenda_index(), direction)
