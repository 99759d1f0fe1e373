"""The home screen: the saved plans, and the way to the library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from facilkit.errors import FacilkitError
from facilkit.i18n import grouped, t
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathlib import Path

    from facilkit.plans.storage import PlanFile


class HomeScreen(FacilScreen):
    """Lists plans; new, open, duplicate, export and delete them."""

    HELP_TOPIC = "home"
    """The words of its help screen (F1): ``help.home``."""

    BINDINGS = [
        Binding("n", "new_plan", "New plan", id="home.new"),
        Binding("t", "new_from_template", "From template", id="home.template"),
        Binding("m", "library", "Methods", id="home.library"),
        Binding("r", "run_plan", "Run meeting", show=False, id="home.run"),
        Binding("o", "open_plan", "Open", show=False, id="home.open"),
        Binding("d", "duplicate", "Duplicate", show=False, id="home.duplicate"),
        Binding("e", "export", "Export", show=False, id="home.export"),
        Binding("delete,x", "delete", "Delete", show=False, id="home.delete"),
        Binding("u", "trash", "Trash", show=False, id="home.trash"),
        Binding("p", "problems", "Problems", show=False, id="home.problems"),
    ]

    KEEP_ON_KEY_BAR = frozenset({"quit"})
    """Home is where one leaves the program: a newcomer must see how, even at 80 columns."""

    def __init__(self) -> None:
        super().__init__()
        self.plans: list[PlanFile] = []
        self.plans_read = False
        self.left = False
        """True once another screen has covered this one."""

    def compose_body(self) -> ComposeResult:
        yield TitleBar()
        yield Label(t("home.title", self.lang), classes="screen-title")
        # No plan files (a listing, nothing read): the first frame already says so.
        # Otherwise the plans are read just after the first frame.
        self.plans_read = not self.facil.locations.plan_files()
        yield OptionList(*([self.empty_option()] if self.plans_read else []), id="plans")
        yield Static(t("home.hint", self.lang), id="home-hint", markup=False)
        yield Static(t("app.loading", self.lang), id="library-status", markup=False)
        yield KeyBar()

    AUTO_FOCUS = "#plans"

    def on_mount(self) -> None:
        if not self.plans_read:  # reading them (and importing YAML) waits for the first frame
            self.call_after_refresh(self.refresh_plans)
        self.library_changed()

    def empty_option(self) -> Option:
        return Option(t("home.empty", self.lang), disabled=True)

    def on_screen_suspend(self) -> None:
        self.left = True

    def on_screen_resume(self) -> None:
        if self.left:  # back from another screen: a plan may be new or changed
            self.refresh_plans()

    def refresh_plans(self, select: Path | None = None) -> None:
        """Re-read the plans folder; the cursor goes to ``select``, else stays on its plan."""
        plans_list = self.query_one("#plans", OptionList)
        current = self.selected
        wanted = select or (current.path if current else None)
        self.plans = []
        if self.facil.locations.plan_files():  # the YAML reader is imported only if needed
            from facilkit.plans.storage import list_plans

            self.plans = list_plans(self.facil.locations)
        plans_list.clear_options()
        if not self.plans:
            plans_list.add_option(self.empty_option())
            return
        plans_list.add_options(Option(self.plan_row(p), id=str(p.path)) for p in self.plans)
        paths = [p.path for p in self.plans]
        plans_list.highlighted = paths.index(wanted) if wanted in paths else 0

    @staticmethod
    def plan_row(plan_file: PlanFile) -> Text:
        """Title and date in columns; a long title is cut, never wrapped."""
        title = plan_file.title if len(plan_file.title) <= 56 else plan_file.title[:55] + "…"
        row = Text(f"{title:<57}", style="bold")
        row.append(plan_file.date or "—", style="dim")
        return row

    @property
    def selected(self) -> PlanFile | None:
        plans_list = self.query_one("#plans", OptionList)
        index = plans_list.highlighted
        if index is None or not self.plans or index >= len(self.plans):
            return None
        return self.plans[index]

    def library_grew(self) -> None:
        loading = self.facil.library.loading
        if loading is not None:
            done, total = loading
            text = t(
                "app.loading_count",
                self.lang,
                done=grouped(done, self.lang),
                total=grouped(total, self.lang),
            )
            self.query_one("#library-status", Static).update(text)

    def library_changed(self) -> None:
        status = self.query_one("#library-status", Static)
        if not self.facil.library_loaded:
            self.library_grew()
            return
        text = t("home.methods_loaded", self.lang, count=len(self.facil.library))
        errors = self.facil.library.errors
        if errors:
            text += " · " + t("app.library_problems", self.lang, count=len(errors))
        status.update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_plan()

    def action_new_plan(self) -> None:
        self.facil.open_new_plan()

    def action_new_from_template(self) -> None:
        self.facil.choose_template()

    def action_library(self) -> None:
        self.facil.show_library()

    def action_problems(self) -> None:
        self.facil.show_problems()

    def action_open_plan(self) -> None:
        if self.selected is not None:
            self.facil.open_plan_file(self.selected.path)

    def action_run_plan(self) -> None:
        """Run the highlighted plan's meeting (run mode)."""
        from facilkit.plans.storage import PlanError, load_plan

        if self.selected is None:
            return
        try:
            plan = load_plan(self.selected.path)
        except PlanError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.facil.start_run(plan, self.selected.path)

    def action_duplicate(self) -> None:
        from facilkit.errors import FacilkitError
        from facilkit.plans.storage import load_plan, new_plan_path, save_plan

        plan_file = self.selected
        if plan_file is None:
            return
        try:
            plan = load_plan(plan_file.path)
            plan.title = t("home.copy_of", self.lang, title=plan.title)
            path = new_plan_path(plan.title, self.facil.locations)
            save_plan(plan, path)
        except FacilkitError as error:
            self.facil.show_error(error)
            return
        self.notify(t("home.duplicated", self.lang, path=path.name), markup=False)
        self.refresh_plans(select=path)  # so a following Delete hits the copy, not the original

    def action_export(self) -> None:
        from facilkit.errors import FacilkitError
        from facilkit.plans.storage import load_plan

        if self.selected is None:
            return
        try:
            plan = load_plan(self.selected.path)
        except FacilkitError as error:
            self.facil.show_error(error)
            return
        self.facil.export_plan(plan)

    def action_delete(self) -> None:
        from facilkit.tui.dialogs.basic import Choose

        plan_file = self.selected
        if plan_file is None:
            return

        def delete(answer: str | None) -> None:
            if answer != "yes":
                return
            from facilkit.plans.trash import move_to_trash

            try:
                target = move_to_trash(plan_file.path)
            except FacilkitError as error:
                self.facil.show_error(error)
                return
            self.notify(t("home.deleted", self.lang, path=target), markup=False)
            self.refresh_plans()

        question = t("home.confirm_delete", self.lang, title=plan_file.title)
        answers = [("no", t("dlg.no", self.lang)), ("yes", t("dlg.yes", self.lang))]
        self.app.push_screen(Choose(question, answers), delete)

    def action_trash(self) -> None:
        """The deleted plans; choosing one brings it back (under a new name if its old one is taken)."""
        from facilkit.plans.trash import restore, trashed
        from facilkit.tui.dialogs.basic import Pick

        plans = {str(plan.path): plan for plan in trashed(self.facil.locations)}
        if not plans:
            self.notify(t("home.trash_empty", self.lang), markup=False)
            return

        def chosen(key: str | None) -> None:
            if key is None or key not in plans:
                return
            try:
                path = restore(plans[key], self.facil.locations)
            except FacilkitError as error:
                self.facil.show_error(error)
                return
            self.notify(t("home.restored", self.lang, path=path.name), markup=False)
            self.refresh_plans()

        options = [
            (key, f"{plan.title} ({plan.deleted_at:%Y-%m-%d %H:%M})") for key, plan in plans.items()
        ]
        self.app.push_screen(Pick(t("home.trash_title", self.lang), options), chosen)
