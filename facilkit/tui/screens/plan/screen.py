"""The plan wizard: one step per I DO ART element, then a review of the run plan.

The screen is a view of a :class:`~facilkit.plans.editor.PlanEditor`: widgets send
the user's edits to it, and the screen redraws from it after every change, so
undo and redo (ctrl+z, ctrl+y) work the same on every step. A draft is
autosaved every few seconds; the plan file itself is written only on save.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TabbedContent, TextArea

from facilkit.errors import FacilkitError
from facilkit.i18n import plan_languages, t
from facilkit.plans.editor import AGENDA, Change, PlanEditor
from facilkit.plans.model import KNOWN_ROLES
from facilkit.tui.screens.plan import saving, steps
from facilkit.tui.screens.plan.agenda import AGENDA_ACTIONS
from facilkit.tui.screens.plan.agenda_actions import AgendaActions, library_wait_note
from facilkit.tui.screens.plan.fields import (
    FIELD_OF_WIDGET,
    NOTED_FIELDS,
    OTHER_ROLES,
    STEP_OF_FIELD,
    WIDGETS_OF_FIELD,
    CountInput,
    note_of,
    parse_roles,
    roles_from,
    text_of,
    value_of,
)
from facilkit.tui.screens.plan.steps import STEPS
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.title_bar import TitleBar

DISK_WARNINGS = {
    "changed": "wiz.disk_changed",
    "missing": "wiz.disk_missing",
    "unreadable": "wiz.disk_unreadable",
    "not_a_file": "wiz.disk_not_a_file",
}
SHORT_HEIGHT = 32
"""Rows below which the agenda step is short of room (80×24, 100×30)."""
FieldWidget = TextArea | Input | Select[str]


class PlanScreen(AgendaActions):
    """Walks a key person through I DO ART for one plan, editing it through its editor."""

    HELP_TOPIC = "plan"
    """The words of its help screen (F1): ``help.plan``."""

    edits_plan = True
    # Undo and redo first: they change the plan, so they must keep their place on the
    # key bar when the agenda's own keys fill it; save, back and next step may give way.
    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", priority=True, id="plan.undo"),
        Binding("ctrl+y", "redo", "Redo", priority=True, id="plan.redo"),
        # Where a terminal tells ctrl+shift+z apart it redoes too, but most send it as
        # ctrl+z (undo): so it has no id and no words, and the key bar and help say ctrl+y.
        Binding("ctrl+shift+z", "redo", "", show=False, priority=True),
        Binding("ctrl+s", "save", "Save", priority=True, id="plan.save"),
        Binding("escape", "close", "Back", id="plan.back"),
        Binding("alt+right,ctrl+pagedown", "step(1)", "Next step", id="plan.next_step"),
        Binding(
            "alt+left,ctrl+pageup", "step(-1)", "Previous step", show=False, id="plan.prev_step"
        ),
        Binding("ctrl+o", "export", "Export", show=False, id="plan.export"),
        Binding("r", "run_plan", "Run meeting", show=False, id="plan.run"),
    ]

    KEEP_ON_KEY_BAR = frozenset({"undo", "redo", "save", "step", "materials", *AGENDA_ACTIONS})
    """Keys that change or keep the plan, the way on to the next step and the check list's:
    the key bar takes a second line rather than hide one."""

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__()
        self.editor = editor
        self.findings = []
        self._drawn: dict[str, str] = {}
        """Text this screen put into a widget; its own Changed event is then no edit."""
        self._warned_disk = False
        editor.subscribe(self.editor_changed)

    # --- what the rest of the app reads ---------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.editor.dirty

    @property
    def path(self) -> Path | None:
        return self.editor.path

    # --- layout -----------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield TitleBar()
        yield from steps.compose_steps(self.facil.library, self.lang)
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        """In a short window the agenda's guidance takes one line (the stylesheet's -short)."""
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def on_mount(self) -> None:
        self.draw_fields(set(WIDGETS_OF_FIELD))
        self.sub_title = self.plan.title
        self.refresh_agenda()
        self.set_interval(self.facil.autosave_seconds, self.autosave)
        self.query_one("#f-intention").focus()

    # --- widgets -> editor ------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def field_changed(self, event: TextArea.Changed | Input.Changed | Select.Changed) -> None:
        """Send the user's edit to the editor (typing joins undo chunks there)."""
        widget_id = event.control.id or ""
        field = FIELD_OF_WIDGET.get(widget_id)
        if field is None:
            return
        text = self.widget_text(event.control)
        if widget_id in NOTED_FIELDS:  # what was read (or why not), whoever changed it
            self.show_note(widget_id, *note_of(widget_id, text, self.lang))
        if self._drawn.pop(widget_id, None) == text:
            return  # our own redraw, not the user's edit
        if field == "roles":
            named = {role: self.query_one(f"#f-role-{role}", Input).value for role in KNOWN_ROLES}
            other = self.query_one(f"#{OTHER_ROLES}", TextArea).text
            value: object = roles_from(named, other, self.plan.roles)
        else:
            value = value_of(field, text)
        self.editor.set_field(field, value, typing=not isinstance(event, Select.Changed))

    def show_note(self, widget_id: str, text: str, problem: bool) -> None:
        """Write the note beside a field; a problem stands out in the warning colour."""
        note = self.query_one(f"#{widget_id}-note", Static)
        note.update(text)
        note.set_class(problem, "-problem")

    @on(CountInput.Refused)
    def count_refused(self, event: CountInput.Refused) -> None:
        """A letter typed in the participants field: say at once why it did not appear."""
        self.show_note(event.widget_id, t("wiz.participants_digits", self.lang), True)

    @staticmethod
    def widget_text(widget: Widget) -> str:
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, Select):
            return str(widget.value)
        return ""

    # --- editor -> widgets ------------------------------------------------------------------

    def editor_changed(self, change: Change) -> None:
        """Redraw what changed; after undo or redo, show the step where it happened."""
        if not self.is_mounted:
            return
        if change.reason != "edit":
            self.draw_fields(set(change.fields) - {AGENDA})
        if "title" in change.fields:
            self.sub_title = self.plan.title
        self.refresh_agenda(change.cursor)
        if change.reason in ("undo", "redo"):
            self.reveal(change)
        if self.current_step == "review":
            self.refresh_review()
        self.refresh_bindings()

    def draw_fields(self, fields: set[str]) -> None:
        """Put the plan's values into the widgets that do not already mean them."""
        plan = self.plan
        for field in fields:
            for widget_id in WIDGETS_OF_FIELD.get(field, []):
                widget = self.query_one(f"#{widget_id}")
                current = self.widget_text(widget)
                if self.means(widget_id, current):
                    continue
                text = text_of(widget_id, plan)
                if widget_id == "f-language" and text not in plan_languages():
                    continue  # a language the menu does not offer stays as it is in the plan
                self._drawn[widget_id] = text
                if isinstance(widget, TextArea):
                    widget.load_text(text)
                    widget.move_cursor(widget.document.end)
                elif isinstance(widget, Input):
                    widget.value = text
                    widget.cursor_position = len(text)
                elif isinstance(widget, Select):
                    widget.value = text

    def means(self, widget_id: str, text: str) -> bool:
        """True if the widget's text already stands for the plan's value."""
        plan = self.plan
        field = FIELD_OF_WIDGET[widget_id]
        if widget_id.startswith("f-role-"):
            return text.strip() == plan.roles.get(widget_id.removeprefix("f-role-"), "")
        if widget_id == OTHER_ROLES:
            others = {k: v for k, v in plan.roles.items() if k not in KNOWN_ROLES}
            return parse_roles(text) == others
        return bool(value_of(field, text) == getattr(plan, field))

    def reveal(self, change: Change) -> None:
        """Go to the step and field an undo or redo changed, so the user sees it."""
        field = next(iter(sorted(change.fields)), None)
        step = STEP_OF_FIELD.get(field or "", None)
        if step is None:
            return
        if step != self.current_step:
            self.query_one(TabbedContent).active = step
        if field == AGENDA:
            self.agenda_table.focus()
        elif field in WIDGETS_OF_FIELD and not (
            self.focused is not None and self.focused.id in WIDGETS_OF_FIELD[field]
        ):
            self.query_one(f"#{WIDGETS_OF_FIELD[field][0]}").focus()

    @on(TabbedContent.TabActivated)
    def step_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "review":
            self.refresh_review()

    def refresh_review(self) -> None:
        """The run plan as it will be handed out; while its methods load, a note that it waits."""
        library = self.facil.library
        waits = self.facil.waits_for_methods(self.plan)
        waiting = library_wait_note(waits, library, self.lang, "wiz.review_waits_for_library")
        body = Text(waiting) if waiting else steps.review(self.plan, library)
        self.query_one("#review-body", Static).update(body)

    def library_changed(self) -> None:
        """The agenda and, if on show, the review follow the library as it loads."""
        super().library_changed()
        if self.is_mounted and self.current_step == "review":
            self.refresh_review()

    # --- steps ------------------------------------------------------------------------------

    @property
    def current_step(self) -> str:
        return self.query_one(TabbedContent).active or STEPS[0]

    def action_step(self, direction: int) -> None:
        index = (STEPS.index(self.current_step) + direction) % len(STEPS)
        self.show_step(STEPS[index])

    def show_step(self, step: str) -> None:
        """Switch to a step and put the cursor in its first field."""
        tabs = self.query_one(steps.StepTabs)
        tabs.active = step
        tabs.focus_first_field()

    # --- undo and redo ----------------------------------------------------------------------

    def action_undo(self) -> None:
        self.editor.undo()

    def action_redo(self) -> None:
        self.editor.redo()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide undo and redo while there is nothing to take back; dim agenda keys that cannot act."""
        if action == "undo":
            return self.editor.can_undo
        if action == "redo":
            return self.editor.can_redo
        return self.agenda_action_enabled(action, parameters)

    # --- files ------------------------------------------------------------------------------

    def save(self, then: Callable[[], object] | None = None) -> bool:
        """Save (asking first if the file changed on disk); True if saved right now."""
        return saving.save(self, then)

    def saved(self) -> None:
        """After a save: the title may have a new file, the warnings start afresh."""
        self._warned_disk = False
        self.refresh_bindings()

    def action_save(self) -> None:
        self.save()

    def action_export(self) -> None:
        self.facil.export_plan(self.plan)

    def action_run_plan(self) -> None:
        """Run the meeting from the plan as it is here, saved or not."""
        self.facil.start_run(self.plan, self.path)

    def autosave(self) -> None:
        """Write a draft if anything changed; warn once if the plan file changed on disk."""
        with contextlib.suppress(FacilkitError, OSError):  # the next tick tries again
            self.editor.autosave()
        if self.editor.path is None or self._warned_disk:
            return
        state = self.editor.disk_state()
        if state != "same":
            self._warned_disk = True
            message = t(DISK_WARNINGS[state], self.lang, path=self.editor.path)
            self.notify(message, severity="warning", markup=False, timeout=10)

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Ask before losing changes; ``then`` runs once it is safe to leave."""
        saving.confirm_leave(self, then)

    def action_close(self) -> None:
        self.confirm_leave(self.app.pop_screen)
