"""The plan wizard: one step per I DO ART element, then a review of the run plan.

The screen is a view of a :class:`~facilkit.plans.editor.PlanEditor`: widgets send
the user's edits to it, and the screen redraws from it after every change, so
undo and redo (ctrl+z, ctrl+y) work the same on every step. A draft is
autosaved every few seconds; the plan file itself is written only on save.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from pathlib import Path

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from facilkit.errors import FacilkitError
from facilkit.export.plan import export_markdown
from facilkit.i18n import language_name, plan_languages, t
from facilkit.library.model import localize
from facilkit.plans.checks import Finding, check_plan
from facilkit.plans.editor import AGENDA, Change, PlanEditor
from facilkit.plans.model import KNOWN_ROLES, AgendaItem, Plan, Rotation
from facilkit.plans.schedule import Schedule, schedule, slot_title
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.method_picker import MethodPicker, PickedMethod
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.screens.plan import saving
from facilkit.tui.screens.plan.agenda import (
    AGENDA_ACTIONS,
    AgendaTable,
    fill_table,
    findings_text,
    rotation_view,
    totals_text,
)
from facilkit.tui.screens.plan.fields import (
    FIELD_OF_WIDGET,
    OTHER_ROLES,
    STEP_OF_FIELD,
    WIDGETS_OF_FIELD,
    parse_roles,
    roles_from,
    text_of,
    value_of,
)
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.timeline import Timeline
from facilkit.tui.widgets.title_bar import TitleBar

STEPS = ("intention", "desired-outcome", "agenda", "rules-roles", "time", "review")
ADDED_NOTICE_SECONDS = 2.0
REMOVED_NOTICE_SECONDS = 6.0
DISK_WARNINGS = {
    "changed": "wiz.disk_changed",
    "missing": "wiz.disk_missing",
    "unreadable": "wiz.disk_unreadable",
}
FieldWidget = TextArea | Input | Select[str]


class PlanScreen(FacilScreen):
    """Walks a key person through I DO ART for one plan, editing it through its editor."""

    HELP_TOPIC = "plan"
    """The words of its help screen (F1): ``help.plan``."""

    edits_plan = True
    # Undo and redo first: they change the plan, so they must keep their place on the
    # key bar when the agenda's own keys fill it; save, back and next step may give way.
    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", priority=True, id="plan.undo"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", priority=True, id="plan.redo"),
        Binding("ctrl+s", "save", "Save", priority=True, id="plan.save"),
        Binding("escape", "close", "Back", id="plan.back"),
        Binding("alt+right,ctrl+pagedown", "step(1)", "Next step", id="plan.next_step"),
        Binding(
            "alt+left,ctrl+pageup", "step(-1)", "Previous step", show=False, id="plan.prev_step"
        ),
        Binding("ctrl+o", "export", "Export", show=False, id="plan.export"),
        Binding("r", "run_plan", "Run meeting", show=False, id="plan.run"),
    ]

    KEEP_ON_KEY_BAR = frozenset({"undo", "redo", *AGENDA_ACTIONS})
    """Keys that change the plan: the key bar takes a second line rather than hide one."""

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__()
        self.editor = editor
        self.findings: list[Finding] = []
        self._drawn: dict[str, str] = {}
        """Text this screen put into a widget; its own Changed event is then no edit."""
        self._warned_disk = False
        editor.subscribe(self.editor_changed)

    # --- what the rest of the app reads ---------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self.editor.plan

    @property
    def dirty(self) -> bool:
        return self.editor.dirty

    @property
    def path(self) -> Path | None:
        return self.editor.path

    # --- layout -----------------------------------------------------------------------------

    def guidance(self, step: str) -> Static:
        """The I DO ART method's own text for this step: the trainers' words, not ours."""
        method = self.facil.library.get("i-do-art")
        found = [s for s in method.steps if s.key == step] if method else []
        text = Text()
        if found:
            step_text = found[0]
            text.append(localize(step_text.how, self.lang), style="italic")
            for question in step_text.questions:
                text.append(f"\n  • {localize(question, self.lang)}")
        return Static(text, classes="guidance", markup=False)

    def compose_body(self) -> ComposeResult:
        lang = self.lang
        yield TitleBar()
        with TabbedContent(id="steps"):
            with TabPane(t("step.intention", lang), id="intention"):
                yield self.guidance("intention")
                yield Label(t("wiz.intention_label", lang))
                yield TextArea(id="f-intention", soft_wrap=True)
            with TabPane(t("step.desired-outcome", lang), id="desired-outcome"):
                yield self.guidance("desired-outcome")
                yield Label(t("wiz.outcomes_label", lang))
                yield TextArea(id="f-outcomes", soft_wrap=True)
                yield Label(t("wiz.follow_up_label", lang))
                yield TextArea(id="f-follow-up", soft_wrap=True, classes="short")
            with TabPane(t("step.agenda", lang), id="agenda"):
                yield self.guidance("agenda")
                yield Timeline(id="timeline")
                yield Static(t("wiz.legend", lang), id="legend", markup=False)
                with Horizontal(id="agenda-body"):
                    yield AgendaTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
                    with VerticalScroll(id="agenda-side"):
                        yield Static("", id="totals", markup=False)
                        # the highlighted rotation first: at 80×24 it would sit below the fold
                        yield Static("", id="rotation", markup=False)
                        yield Static("", id="findings", markup=False)
            with TabPane(t("step.rules-roles", lang), id="rules-roles"):
                yield self.guidance("rules-roles")
                with Grid(id="roles-grid"):
                    for role in KNOWN_ROLES:
                        yield Label(t(f"role.{role}", lang))
                        yield Input(id=f"f-role-{role}")
                yield Label(t("wiz.other_roles_label", lang))
                yield TextArea(id=OTHER_ROLES, classes="short")
                yield Label(t("wiz.rules_label", lang))
                yield TextArea(id="f-rules", soft_wrap=True)
            with TabPane(t("step.time", lang), id="time"):
                yield self.guidance("time")
                with Grid(id="time-grid"):
                    yield Label(t("wiz.title", lang))
                    yield Input(id="f-title")
                    yield Label(t("wiz.date", lang))
                    yield Input(id="f-date", placeholder="2026-12-03")
                    yield Label(t("wiz.start", lang))
                    yield Input(id="f-start", placeholder="09:00")
                    yield Label(t("wiz.end", lang))
                    yield Input(id="f-end", placeholder="11:30")
                    yield Label(t("wiz.location", lang))
                    yield Input(id="f-location")
                    yield Label(t("wiz.participants", lang))
                    yield Input(id="f-participants", type="integer", max_length=4)
                    yield Label(t("wiz.language", lang))
                    yield Select(
                        [
                            (_upper_first(language_name(code, lang)), code)
                            for code in plan_languages()
                        ],
                        id="f-language",
                        allow_blank=False,
                        value="da",
                    )
            with TabPane(t("step.review", lang), id="review"), VerticalScroll(id="review-scroll"):
                yield Static("", id="review-body", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.agenda_table
        lang = self.lang
        table.add_columns(
            "#",
            t("time", lang),
            t("minutes", lang).capitalize(),
            t("item", lang),
            t("responsible", lang),
        )
        self.draw_fields(set(WIDGETS_OF_FIELD))
        self.sub_title = self.plan.title
        self.refresh_agenda()
        self.set_interval(self.facil.autosave_seconds, self.autosave)
        self.query_one("#f-intention").focus()

    @property
    def agenda_table(self) -> AgendaTable:
        return self.query_one("#agenda-table", AgendaTable)

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
        if self._drawn.pop(widget_id, None) == text:
            return  # our own redraw, not the user's edit
        if field == "roles":
            named = {role: self.query_one(f"#f-role-{role}", Input).value for role in KNOWN_ROLES}
            other = self.query_one(f"#{OTHER_ROLES}", TextArea).text
            value: object = roles_from(named, other, self.plan.roles)
        else:
            value = value_of(field, text)
        self.editor.set_field(field, value, typing=not isinstance(event, Select.Changed))

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

    # --- the agenda view --------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        return schedule(self.plan, self.facil.library)

    def library_changed(self) -> None:
        self.refresh_agenda()

    def refresh_agenda(self, cursor: int | None = None) -> None:
        """Recompute clock times, the timeline, totals, checks and the rotation view."""
        plan_schedule = self.schedule
        lang = self.lang
        table = self.agenda_table
        fill_table(table, plan_schedule, lang, table.cursor_row if cursor is None else cursor)
        self.query_one(Timeline).show(plan_schedule)
        self.query_one("#totals", Static).update(totals_text(plan_schedule, lang))
        self.findings = check_plan(self.plan, self.facil.library, lang)
        self.query_one("#findings", Static).update(findings_text(self.findings, lang))
        self.refresh_rotation(plan_schedule)

    def refresh_rotation(self, plan_schedule: Schedule) -> None:
        view = rotation_view(plan_schedule, self.agenda_table.cursor_row, self.lang)
        self.query_one("#rotation", Static).update(view)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_rotation(self.schedule)
        self.refresh_bindings()  # move up / move down depend on the row

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_item()

    @on(TabbedContent.TabActivated)
    def step_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "review":
            self.refresh_review()

    def refresh_review(self) -> None:
        text = export_markdown(self.plan, self.facil.library, self.plan.language, glue=False)
        self.query_one("#review-body", Static).update(Group(Markdown(text)))

    # --- steps ------------------------------------------------------------------------------

    @property
    def current_step(self) -> str:
        return self.query_one(TabbedContent).active or STEPS[0]

    def action_step(self, direction: int) -> None:
        index = (STEPS.index(self.current_step) + direction) % len(STEPS)
        self.show_step(STEPS[index])

    def show_step(self, step: str) -> None:
        """Switch to a step and put the cursor in its first field."""
        self.query_one(TabbedContent).active = step
        first = self.query_one(f"#{step}", TabPane).query(
            "DataTable, TextArea, Input, Select, VerticalScroll"
        )
        if first:
            first.first().focus()

    # --- agenda actions (bound on the agenda table only) ------------------------------------

    def _agenda_index(self) -> int:
        return self.agenda_table.cursor_row

    def insert_item(self, item: AgendaItem) -> None:
        """Add after the highlighted item (or at the end) and highlight it."""
        agenda = self.plan.agenda
        index = min(self._agenda_index() + 1, len(agenda)) if agenda else 0
        self.show_step("agenda")
        self.editor.insert_item(index, item)

    def add_method(self, method_id: str, variant: str | None = None) -> None:
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
        self.insert_item(item)
        added = t("lib.added", self.lang, name=method.name_in(self.lang))
        # short: the new row is on screen anyway, and toasts cover the side pane at 80×24
        self.notify(added, markup=False, timeout=ADDED_NOTICE_SECONDS)

    def action_add_method(self) -> None:
        def chosen(picked: PickedMethod | None) -> None:
            if picked is not None:
                self.add_method(picked.method_id, picked.variant)

        self.app.push_screen(MethodPicker(self.facil.search_index, self.lang), chosen)

    def _add_free(self, kind: str, minutes: int) -> None:
        title = t("break", self.lang) if kind == "break" else t("wiz.free_item", self.lang)
        item = AgendaItem(title=title, kind=kind, minutes=minutes)  # type: ignore[arg-type]

        def edited(result: AgendaItem | None) -> None:
            if result is not None:
                self.insert_item(result)

        self.app.push_screen(ItemForm(item, title, self.lang), edited)

    def action_add_item(self) -> None:
        self._add_free("item", 10)

    def action_add_break(self) -> None:
        self._add_free("break", 10)

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

    # --- undo and redo ----------------------------------------------------------------------

    def action_undo(self) -> None:
        self.editor.undo()

    def action_redo(self) -> None:
        self.editor.redo()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide undo and redo while there is nothing to take back; dim agenda keys that cannot act."""
        agenda, index = self.plan.agenda, self._agenda_index() if self.is_mounted else -1
        if action == "undo":
            return self.editor.can_undo
        if action == "redo":
            return self.editor.can_redo
        if action in ("remove_item", "edit_item"):
            return True if 0 <= index < len(agenda) else None
        if action == "move":
            target = index + int(str(parameters[0])) if parameters else index
            return True if 0 <= index < len(agenda) and 0 <= target < len(agenda) else None
        return True

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


def _upper_first(text: str) -> str:
    """ "norsk (bokmål)" as a choice in a list: "Norsk (bokmål)"."""
    return text[:1].upper() + text[1:]
