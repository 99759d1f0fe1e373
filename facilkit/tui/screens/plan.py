"""The plan wizard: one step per I DO ART element, then a review of the run plan.

Every field writes straight into the plan object, so nothing typed is lost
when moving between steps; the agenda's clock times, timeline and checks are
recomputed on each change, and a draft is autosaved every few seconds.
"""

from __future__ import annotations

import copy
from pathlib import Path

import msgspec
from rich import box
from rich.console import Group
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
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
from facilkit.plans.clock import format_clock
from facilkit.plans.model import KNOWN_ROLES, AgendaItem, Plan, Rotation
from facilkit.plans.schedule import Schedule, schedule, slot_title
from facilkit.plans.storage import new_plan_path, save_plan
from facilkit.tui.dialogs.basic import Choose
from facilkit.tui.dialogs.item_form import ItemForm
from facilkit.tui.dialogs.method_picker import MethodPicker, PickedMethod
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.timeline import Timeline
from facilkit.tui.widgets.title_bar import TitleBar

STEPS = ("intention", "desired-outcome", "agenda", "rules-roles", "time", "review")
SEVERITY_MARK = {"error": "✖", "warning": "▲", "hint": "·"}


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_roles(text: str) -> dict[str, str]:
    """``role: name`` per line; a line without a colon is a role with no name yet."""
    roles = {}
    for line in lines_of(text):
        role, _, name = line.partition(":")
        roles[role.strip()] = name.strip()
    return roles


ADDED_NOTICE_SECONDS = 2.0


class PlanScreen(FacilScreen):
    """Walks a key person through I DO ART for one plan."""

    HELP_TOPIC = "plan"
    """The words of its help screen (F1): ``help.plan``."""

    edits_plan = True
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="plan.save"),
        Binding("escape", "close", "Back", id="plan.back"),
        Binding("alt+right,ctrl+pagedown", "step(1)", "Next step", id="plan.next_step"),
        Binding(
            "alt+left,ctrl+pageup", "step(-1)", "Previous step", show=False, id="plan.prev_step"
        ),
        Binding("a", "add_method", "Add method", id="plan.add_method"),
        Binding("f", "add_item", "Add item", show=False, id="plan.add_item"),
        Binding("b", "add_break", "Add break", show=False, id="plan.add_break"),
        Binding("e", "edit_item", "Edit item", show=False, id="plan.edit_item"),
        Binding("delete,x", "remove_item", "Remove item", show=False, id="plan.remove_item"),
        Binding("shift+up,ctrl+up", "move(-1)", "Move up", show=False, id="plan.move_up"),
        Binding("shift+down,ctrl+down", "move(1)", "Move down", show=False, id="plan.move_down"),
        Binding("ctrl+o", "export", "Export", show=False, id="plan.export"),
        Binding("r", "run_plan", "Run meeting", show=False, id="plan.run"),
    ]

    def __init__(self, plan: Plan, path: Path | None, draft_id: str) -> None:
        super().__init__()
        self.plan = plan
        self.path = path
        self.draft_id = draft_id
        self.dirty = False
        self.draft_dirty = False
        self.loading = False
        self.findings: list[Finding] = []

    # --- layout -----------------------------------------------------------

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
                    yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
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
                yield TextArea(id="f-other-roles", classes="short")
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
        table = self.query_one("#agenda-table", DataTable)
        lang = self.lang
        table.add_columns(
            "#",
            t("time", lang),
            t("minutes", lang).capitalize(),
            t("item", lang),
            t("responsible", lang),
        )
        self.load_fields()
        self.refresh_agenda()
        self.set_interval(self.facil.autosave_seconds, self.autosave)
        self.query_one("#f-intention").focus()

    def load_fields(self) -> None:
        """Fill every widget from the plan without marking it changed."""
        plan = self.plan
        self.loading = True
        try:
            self.query_one("#f-intention", TextArea).load_text(plan.intention)
            self.query_one("#f-outcomes", TextArea).load_text("\n".join(plan.desired_outcomes))
            self.query_one("#f-follow-up", TextArea).load_text(plan.follow_up)
            for role in KNOWN_ROLES:
                self.query_one(f"#f-role-{role}", Input).value = plan.roles.get(role, "")
            others = [
                f"{role}: {name}" for role, name in plan.roles.items() if role not in KNOWN_ROLES
            ]
            self.query_one("#f-other-roles", TextArea).load_text("\n".join(others))
            self.query_one("#f-rules", TextArea).load_text("\n".join(plan.rules))
            self.query_one("#f-title", Input).value = plan.title
            self.query_one("#f-date", Input).value = plan.date
            self.query_one("#f-start", Input).value = plan.start
            self.query_one("#f-end", Input).value = plan.end
            self.query_one("#f-location", Input).value = plan.location
            self.query_one("#f-participants", Input).value = (
                "" if plan.participants is None else str(plan.participants)
            )
            self.query_one("#f-language", Select).value = (
                plan.language if plan.language in plan_languages() else "da"
            )
        finally:
            self.call_after_refresh(self._loaded)
        self.sub_title = plan.title

    def _loaded(self) -> None:
        self.loading = False

    # --- keeping the plan in step with the widgets --------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def field_changed(self, event: TextArea.Changed | Input.Changed | Select.Changed) -> None:
        if self.loading:
            return
        widget_id = event.control.id or ""
        value = event.control.text if isinstance(event, TextArea.Changed) else event.value
        plan = self.plan
        before = copy.copy(plan)  # a field filled in as it already was changes nothing
        match widget_id:
            case "f-intention":
                plan.intention = str(value).strip()
            case "f-outcomes":
                plan.desired_outcomes = lines_of(str(value))
            case "f-follow-up":
                plan.follow_up = str(value).strip()
            case "f-rules":
                plan.rules = lines_of(str(value))
            case "f-other-roles" | "f-role-facilitator" | "f-role-timekeeper" | "f-role-note-taker":
                plan.roles = self.collect_roles()
            case "f-title":
                plan.title = str(value).strip()
                self.sub_title = plan.title
            case "f-date":
                plan.date = str(value).strip()
            case "f-start":
                plan.start = str(value).strip()
            case "f-end":
                plan.end = str(value).strip()
            case "f-location":
                plan.location = str(value).strip()
            case "f-participants":
                number = str(value).strip()
                plan.participants = int(number) if number.isdigit() else None
            case "f-language":
                plan.language = str(value)
            case _:
                return
        if plan != before:
            self.mark_changed()

    def collect_roles(self) -> dict[str, str]:
        roles = {
            role: self.query_one(f"#f-role-{role}", Input).value.strip() for role in KNOWN_ROLES
        }
        roles.update(parse_roles(self.query_one("#f-other-roles", TextArea).text))
        return roles

    def mark_changed(self) -> None:
        self.dirty = True
        self.draft_dirty = True
        self.refresh_agenda()

    def library_changed(self) -> None:
        self.refresh_agenda()

    # --- the agenda view ----------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        return schedule(self.plan, self.facil.library)

    def refresh_agenda(self) -> None:
        """Recompute clock times, the timeline, totals, checks and the rotation view."""
        plan_schedule = self.schedule
        lang = self.lang
        table = self.query_one("#agenda-table", DataTable)
        row = table.cursor_row
        table.clear()
        for slot in plan_schedule.slots:
            table.add_row(
                str(slot.index + 1),
                f"{format_clock(slot.start)}–{format_clock(slot.end)}",
                str(slot.minutes),
                Text(slot_title(slot, lang)),
                Text(slot.item.responsible),
            )
        if plan_schedule.slots:
            table.move_cursor(row=min(row, len(plan_schedule.slots) - 1))
        self.query_one(Timeline).show(plan_schedule)
        self.query_one("#totals", Static).update(self.totals_text(plan_schedule))
        self.findings = check_plan(self.plan, self.facil.library, lang)
        self.query_one("#findings", Static).update(self.findings_text(self.findings))
        self.refresh_rotation(plan_schedule)

    def totals_text(self, plan_schedule: Schedule) -> Text:
        lang = self.lang
        if not plan_schedule.slots:
            return Text(t("wiz.empty_agenda", lang))
        text = Text(t("wiz.total", lang, total=plan_schedule.total), style="bold")
        if plan_schedule.frame_end is not None:
            frame = t(
                "wiz.frame",
                lang,
                frame=plan_schedule.frame_minutes,
                start=format_clock(plan_schedule.start),
                end=format_clock(plan_schedule.frame_end),
            )
            text.append(f" {frame}")
            if plan_schedule.slack:
                name = t("slack", lang) if plan_schedule.slack > 0 else t("overrun", lang)
                style = "" if plan_schedule.slack > 0 else "bold red"
                text.append(f" · {name.lower()} {abs(plan_schedule.slack)} min", style=style)
        return text

    def findings_text(self, findings: list[Finding]) -> Text:
        if not findings:
            return Text(t("wiz.no_findings", self.lang), style="dim")
        text = Text()
        for finding in findings:
            style = {"error": "bold red", "warning": "yellow", "hint": "dim"}[finding.severity]
            where = f"{finding.item + 1}: " if finding.item is not None else ""
            text.append(
                f"{SEVERITY_MARK[finding.severity]} {where}{finding.message(self.lang)}\n",
                style=style,
            )
        return text

    def refresh_rotation(self, plan_schedule: Schedule) -> None:
        """The rounds and rotation table of the highlighted station-rotation item."""
        rotation_view = self.query_one("#rotation", Static)
        index = self.query_one("#agenda-table", DataTable).cursor_row
        slots = plan_schedule.slots
        if not (0 <= index < len(slots)) or slots[index].item.rotation is None:
            rotation_view.update("")
            return
        slot, lang = slots[index], self.lang
        rotation = slot.item.rotation
        assert rotation is not None
        # compact, so five groups still fit beside the agenda at 80 columns
        title = Text(t("wiz.rotation_for", lang, name=slot_title(slot, lang)), "italic")
        table = Table(
            box=box.SIMPLE_HEAD,
            padding=(0, 0),
            pad_edge=False,
            expand=False,
        )
        table.add_column("#", justify="right")
        table.add_column(t("time", lang))
        for group in range(1, rotation.groups + 1):
            table.add_column(f"{t('group', lang)[0]}{group}", justify="right")
        for block in slot.rounds:
            span = format_clock(block.start)  # each row ends where the next begins
            if block.kind == "round":
                table.add_row(str(block.number), span, *[str(s) for s in block.stations])
            else:
                mark = (
                    "░" if block.kind == "break" else "↻"
                )  # break as in the timeline legend; ↻ walk round
                table.add_row(mark, span)
        rotation_view.update(Group(title, table))  # the title as wide as the pane, not the table

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_rotation(self.schedule)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_item()

    @on(TabbedContent.TabActivated)
    def step_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "review":
            self.refresh_review()

    def refresh_review(self) -> None:
        text = export_markdown(self.plan, self.facil.library, self.plan.language, glue=False)
        self.query_one("#review-body", Static).update(Group(Markdown(text)))

    # --- actions ------------------------------------------------------------

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

    def _agenda_index(self) -> int:
        return self.query_one("#agenda-table", DataTable).cursor_row

    def insert_item(self, item: AgendaItem) -> None:
        """Add after the highlighted item (or at the end) and highlight it."""
        agenda = self.plan.agenda
        index = min(self._agenda_index() + 1, len(agenda)) if agenda else 0
        agenda.insert(index, item)
        self.mark_changed()
        self.show_step("agenda")
        self.query_one("#agenda-table", DataTable).move_cursor(row=index)

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
            if result is not None and result != self.plan.agenda[index]:
                self.plan.agenda[index] = result
                self.mark_changed()

        self.app.push_screen(
            ItemForm(msgspec.structs.replace(slot.item), slot_title(slot, self.lang), self.lang),
            edited,
        )

    def action_remove_item(self) -> None:
        index = self._agenda_index()
        if 0 <= index < len(self.plan.agenda):
            del self.plan.agenda[index]
            self.mark_changed()

    def action_move(self, direction: int) -> None:
        agenda = self.plan.agenda
        index = self._agenda_index()
        target = index + direction
        if 0 <= index < len(agenda) and 0 <= target < len(agenda):
            agenda[index], agenda[target] = agenda[target], agenda[index]
            self.mark_changed()
            self.query_one("#agenda-table", DataTable).move_cursor(row=target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Agenda keys act only where they make sense: not while typing text."""
        if action in ("add_item", "add_break", "edit_item", "remove_item", "move", "add_method"):
            focused = self.focused
            if isinstance(focused, TextArea | Input):
                return False
        return True

    def save(self) -> bool:
        """Write the plan to its file (a new one for a new plan); True if it worked."""
        try:
            if self.path is None:
                self.path = new_plan_path(
                    self.plan.title or t("wiz.new_title", self.lang), self.facil.locations
                )
            save_plan(self.plan, self.path)
        except FacilkitError as error:
            self.facil.show_error(error)
            return False
        self.dirty = self.draft_dirty = False
        self.facil.drafts.discard(self.draft_id)
        self.notify(t("wiz.saved", self.lang, path=self.path), markup=False)
        return True

    def action_save(self) -> None:
        self.save()

    def action_export(self) -> None:
        self.facil.export_plan(self.plan)

    def action_run_plan(self) -> None:
        """Run the meeting from the plan as it is here, saved or not."""
        self.facil.start_run(self.plan, self.path)

    def autosave(self) -> None:
        """Write a draft if anything changed since the last one."""
        if self.draft_dirty:
            try:
                self.facil.drafts.write(self.draft_id, self.plan, self.path)
            except FacilkitError:
                return
            self.draft_dirty = False

    def confirm_leave(self, then: object) -> None:
        """Ask before losing changes; ``then`` runs once it is safe to leave."""
        if not self.dirty:
            self.facil.drafts.discard(self.draft_id)
            then()  # type: ignore[operator]
            return

        def answered(answer: str | None) -> None:
            if answer == "save" and self.save():
                then()  # type: ignore[operator]
            elif answer == "discard":
                self.facil.drafts.discard(self.draft_id)
                self.dirty = False
                then()  # type: ignore[operator]

        answers = [
            ("save", t("wiz.save_and_close", self.lang)),
            ("discard", t("wiz.discard", self.lang)),
            ("cancel", t("key.cancel", self.lang)),
        ]
        self.app.push_screen(Choose(t("wiz.unsaved", self.lang), answers), answered)

    def action_close(self) -> None:
        self.confirm_leave(self.app.pop_screen)


def _upper_first(text: str) -> str:
    """ "norsk (bokmål)" as a choice in a list: "Norsk (bokmål)"."""
    return text[:1].upper() + text[1:]
