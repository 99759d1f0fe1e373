"""What the app does with plans: open and edit one, offer interrupted drafts, export.

Each opens a screen or a dialog on demand; the plan modules (editor, drafts,
templates, exports) are imported only when a plan needs them. Run mode starts
from ``screens/run_start.launch_run``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from facilkit.errors import FacilkitError, storage_error
from facilkit.i18n import t
from facilkit.library.collection import Library
from facilkit.paths import Locations, plan_files_in
from facilkit.plans.model import Plan
from facilkit.tui.compat import CompatApp
from facilkit.tui.screens.base import FacilScreen

if TYPE_CHECKING:
    from facilkit.plans.drafts import Drafts
    from facilkit.plans.editor import PlanEditor
    from facilkit.plans.storage import Fingerprint
    from facilkit.tui.screens.plan import PlanScreen


class PlanFlows(CompatApp[None]):
    """Opening, recovering and exporting plans; the app sets the fields below."""

    locations: Locations
    lang: str
    library: Library
    show_error: Callable[[FacilkitError], None]
    wait_for_methods: Callable[[Plan, Hashable, Callable[[], object], str], bool]

    @cached_property
    def drafts(self) -> Drafts:
        from facilkit.plans.drafts import Drafts

        return Drafts(self.locations.drafts)

    def offer_drafts(self) -> None:
        """After a crash, offer each interrupted draft once."""
        if not plan_files_in(self.locations.drafts):
            return  # the usual case: nothing to read, so the plan reader is not imported
        from facilkit.tui.dialogs.basic import Choose

        pending = self.drafts.pending()
        if not pending:
            return
        draft = pending[0]
        when = draft.saved_at.strftime("%Y-%m-%d %H:%M")
        question = t("dlg.recover_body", self.lang, title=draft.plan.title, when=when)
        answers = [
            ("recover", t("dlg.recover", self.lang)),
            ("discard", t("dlg.discard", self.lang)),
        ]

        def answered(answer: str | None) -> None:
            if answer == "recover":
                self.drafts.discard(draft.id)
                self.open_plan(draft.plan, draft.target, dirty=True, base=draft.base)
            elif answer == "discard":
                self.drafts.discard(draft.id)
                self.offer_drafts()

        self.push_screen(Choose(question, answers), answered)

    @property
    def plan_screen(self) -> PlanScreen | None:
        """The plan being edited, if any (asked on every key, so it must not import the wizard)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, FacilScreen) and screen.edits_plan:
                return screen  # type: ignore[return-value]
        return None

    def open_plan(
        self,
        plan: Plan,
        path: Path | None,
        dirty: bool = False,
        base: Fingerprint | None = None,
    ) -> None:
        """Edit ``plan`` (saved to ``path``, as it was on disk when ``base`` was taken)."""
        from facilkit.plans.editor import PlanEditor

        self.open_editor(PlanEditor(plan, path, base=base, drafts=self.drafts, dirty=dirty))

    def open_editor(self, editor: PlanEditor) -> None:
        from facilkit.tui.screens.plan import PlanScreen

        self.push_screen(PlanScreen(editor))

    def open_plan_file(self, path: Path) -> None:
        from facilkit.plans.editor import PlanEditor

        try:
            editor = PlanEditor.open(path, self.drafts)
        except FacilkitError as error:
            self.show_error(error)
            return
        self.open_editor(editor)

    def open_new_plan(self, then: Callable[[], object] | None = None) -> None:
        """Ask the new plan's title, then open a blank plan in the interface's language with
        the blank template's time frame; ``then`` runs once its screen is up."""
        from facilkit.plans.template import blank_plan

        default = t("wiz.new_title", self.lang)

        def named(title: str | None) -> None:
            if title is None:
                return  # escape: no plan after all
            # untouched, it holds nothing to lose: leaving it asks nothing until something
            # is typed; a title of one's own is something typed
            self.open_plan(blank_plan(title, self.lang), None, dirty=title != default)
            if then is not None:
                self.call_after_refresh(then)

        self.ask_title(default, named)

    def ask_title(self, default: str, then: Callable[[str | None], None]) -> None:
        """Ask what the meeting is called (``default`` offered; Enter keeps it)."""
        from facilkit.tui.dialogs.basic import Prompt

        hint = t("dlg.plan_title_hint", self.lang, step=t("step.intention", self.lang))
        prompt = Prompt(t("dlg.plan_title", self.lang), default, empty=default, hint=hint)
        self.push_screen(prompt, then)

    def choose_template(self) -> None:
        from facilkit.plans.template import plan_from_template, template_title, templates
        from facilkit.tui.dialogs.basic import Pick

        titles = {name: template_title(name, self.lang) for name in templates()}

        def chosen(name: str | None) -> None:
            if not name:
                return

            def named(title: str | None) -> None:
                if title is not None:  # the template's texts in the interface's language
                    plan = plan_from_template(name, title, self.lang)
                    self.open_plan(plan, None, dirty=True)

            self.ask_title(titles[name], named)

        self.push_screen(Pick(t("dlg.choose_template", self.lang), list(titles.items())), chosen)

    def export_plan(self, plan: Plan) -> None:
        """Ask for format, audience and file (see ``ExportDialog``), then write the export."""
        from facilkit.plans.storage import slugify
        from facilkit.tui.dialogs.basic import Choose
        from facilkit.tui.dialogs.export import ExportChoice, ExportDialog, Remembered

        memory = self.locations.home / "export.json"
        remembered = Remembered.load(memory)

        def write(choice: ExportChoice) -> None:
            from facilkit.export.formats import render_with_notices, write_export

            waiting = ("export", choice.path)  # one wait per file
            if self.wait_for_methods(
                plan, waiting, lambda: write(choice), "export.waits_for_library"
            ):
                return
            try:
                rendered = render_with_notices(
                    choice.fmt, plan, self.library, plan.language, choice.audience
                )
                if choice.path.parent == self.locations.documents:  # the default is made
                    choice.path.parent.mkdir(parents=True, exist_ok=True)
                write_export(choice.path, rendered.data)
            except FacilkitError as error:
                self.show_error(error)
                return
            except OSError as error:
                self.show_error(storage_error(error, choice.path))
                return
            Remembered(str(choice.path.parent), choice.fmt, choice.audience).save(memory)
            self.notify(t("export.done", self.lang, path=str(choice.path)), markup=False)
            for notice in rendered.notices:  # written, but the user should know (missing letters)
                self.notify(notice.text(self.lang), severity="warning", markup=False, timeout=20)

        def chosen(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            if not choice.path.exists():
                write(choice)
                return
            question = t("export.overwrite", self.lang, path=str(choice.path))
            answers = [
                ("yes", t("export.yes_overwrite", self.lang)),
                ("no", t("export.cancel", self.lang)),
            ]
            self.push_screen(
                Choose(question, answers, default=1),
                lambda answer: write(choice) if answer == "yes" else None,
            )

        dialog = ExportDialog(
            slugify(plan.title), self.lang, plan.language, remembered, self.locations.documents
        )
        self.push_screen(dialog, chosen)
