"""The facilkit Textual app: built by :func:`create_app` from injected paths and library folders.

The first frame shows the home screen at once; the library loads in a worker
thread after it, so a large library never blocks the keys.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, InvalidThemeError, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widget import Widget

from facilkit.errors import FacilkitError, storage_error
from facilkit.i18n import detect_language, t
from facilkit.library.collection import Folder, Library, search_path
from facilkit.library.search import SearchIndex
from facilkit.paths import Locations, plan_files_in
from facilkit.plans.model import Plan
from facilkit.tui.commands import MethodCommands
from facilkit.tui.compat import CompatApp, key_bindings
from facilkit.tui.palette import Palette
from facilkit.tui.safe_display import install as install_safe_display
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from facilkit.library.loader import LibraryLoad
    from facilkit.plans.drafts import Drafts
    from facilkit.plans.editor import PlanEditor
    from facilkit.plans.storage import Fingerprint
    from facilkit.tui.screens.plan import PlanScreen
    from facilkit.tui.screens.run_start import RunOptions

AUTOSAVE_SECONDS = 5.0
GC_PAUSE_SECONDS = 2.0
"""Garbage collection waits this long after start-up (see ``on_load``, ``end_gc_pause``)."""
GC_PAUSE_LIMIT = 5
"""Pauses to wait at most for a slow library before collecting anyway."""
PREPARE_SEARCH_DELAY = 0.2
"""Seconds after the library arrives before its search text is built (in a worker)."""
THEME = "textual-dark"


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Give every binding with an id the description of ``key.<name>`` in ``lang``."""
    bindings = key_bindings(node)
    for key, found in bindings.items():
        if not any(binding.id for binding in found):
            continue  # Textual's own bindings: not listed in the key bar or the palette
        translated = []
        for binding in found:
            name = (binding.id or "").rpartition(".")[2]
            try:
                description = t(f"key.{name}", lang)
            except KeyError:  # a binding of Textual's own; a test checks facilkit's
                description = binding.description
            translated.append(dataclasses.replace(binding, description=description))
        bindings[key] = translated


install_safe_display()


class FacilkitApp(CompatApp[None]):
    """Home, library and plan wizard; every path and folder comes from the factory."""

    CSS_PATH = "facilkit.tcss"
    TITLE = "facilkit"
    COMMANDS = App.COMMANDS | {MethodCommands}
    BINDINGS = [
        # F1 works everywhere, in a text field or a dialog too; ? wherever it is not text
        Binding("f1", "help", "Help", priority=True, id="app.help"),
        Binding("question_mark", "help", "Help", show=False, id="app.help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding(
            "ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.palette"
        ),
    ]

    def __init__(
        self,
        locations: Locations,
        folders: Sequence[Folder],
        lang: str,
        open_path: Path | None = None,
        use_cache: bool = True,
        autosave_seconds: float = AUTOSAVE_SECONDS,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.locations = locations
        self.folders = list(folders)
        self.lang = lang
        self.open_path = open_path
        self.use_cache = use_cache
        self.autosave_seconds = autosave_seconds
        self.library = Library()
        self.search_index = SearchIndex([])
        self.library_loaded = False
        """True once the whole library has loaded (until then ``library`` grows)."""
        self.library_load: LibraryLoad | None = None
        self.crashed: BaseException | None = None
        """A bug that ended the app; the CLI logs it and says where (see ``cli.run_tui``)."""
        self.run_request: tuple[Plan, Path, RunOptions] | None = None
        """``facilkit run PLAN``: the run to start once the library is loaded."""
        localize_bindings(self, lang)

    # --- errors -------------------------------------------------------------

    def show_error(self, error: FacilkitError) -> None:
        """The one way the TUI reports a failure: a notification that stays a while."""
        self.notify(error.text(self.lang), severity="error", markup=False, timeout=10)

    def before_exception(self, error: Exception) -> None:
        """A bug: keep every open plan's draft, then let Textual end the app.

        The traceback Textual would print goes to the crash log instead (``cli.run_tui``).
        """
        if self.crashed is None:
            self.crashed = error
            plan_screens = sys.modules.get("facilkit.tui.screens.plan")
            for screen in self.screen_stack if plan_screens else ():
                if isinstance(screen, plan_screens.PlanScreen):  # type: ignore[union-attr]
                    with contextlib.suppress(Exception):
                        screen.editor.autosave()  # writes unless the draft is current

    def print_error_report(self) -> bool:
        """The crash log holds the traceback; the terminal gets one line (``cli.run_tui``)."""
        return self.crashed is None

    # --- keys typed faster than a screen opens -------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            event._facil_screen = self.screen  # type: ignore[attr-defined]
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key meant for a screen that has since been covered goes to the one on top.

        Typed fast, ``m`` and a search after it are all on their way to the home
        screen before ``m`` has opened the library: without this, "spørgsmål"
        would lose its letters (and ``p`` could open the home screen's problems).
        """
        meant_for = getattr(event, "_facil_screen", None)
        if meant_for is not None and meant_for is not self.screen:
            target = self.screen.focused or self.screen
            target.post_message(events.Key(event.key, event.character))
            event.prevent_default()  # App's own handler (bindings) is not asked
        # otherwise App's _on_key runs next, as Textual calls each class's handler in turn

    # --- start-up -----------------------------------------------------------

    def on_load(self) -> None:
        # Start-up builds many long-lived objects and little garbage: collecting
        # would spend 10-40 ms walking Textual's modules and the new widgets.
        # Imported modules are frozen out of collection for good; the rest waits.
        gc.freeze()
        gc.disable()

    def end_gc_pause(self, waited: int = 1) -> None:
        """Freeze what start-up built (the library above all), then collect as usual.

        A full collection walks every live object: with 10,000 methods loaded it
        took 36-40 ms, enough to make a keystroke late. Frozen objects are skipped.
        """
        if not self.library_loaded and waited < GC_PAUSE_LIMIT:  # a slow disk: wait for it
            self.set_timer(GC_PAUSE_SECONDS, lambda: self.end_gc_pause(waited + 1))
            return
        gc.freeze()
        gc.enable()

    def on_unmount(self) -> None:
        if self.library_load is not None:  # quitting during a cold start: stop parsing
            self.library_load.cancel()
        # Leave the process as it was: another app (a test) may run in it next.
        gc.unfreeze()
        gc.enable()

    def on_mount(self) -> None:
        self.set_timer(GC_PAUSE_SECONDS, self.end_gc_pause)
        with contextlib.suppress(InvalidThemeError):
            self.theme = THEME
        self.push_screen(HomeScreen())
        # after the first frame, so the worker does not compete with it for the GIL
        self.call_after_refresh(self.load_library_in_background)

    def before_register(self, widgets: Iterable[Widget]) -> None:
        """Every screen, dialog and widget says its keys in the app's language.

        Textual registers each node once, before it handles any key.
        """
        for widget in widgets:
            localize_bindings(widget, self.lang)

    @cached_property
    def drafts(self) -> Drafts:
        from facilkit.plans.drafts import Drafts

        return Drafts(self.locations.drafts)

    @work(thread=True, exclusive=True, group="library")
    def load_library_in_background(self) -> None:
        """Parsing stays off the first frame: imported and run in a worker thread.

        The library is handed over as it loads (``library_arrived``): a cold
        library is listed, searchable and readable while the rest is parsed.
        """
        from facilkit.library.loader import LibraryLoad

        cache_dir = self.locations.method_cache if self.use_cache else None
        self.library_load = load = LibraryLoad(self.folders, cache_dir)
        # import what the library screen needs here, off the main thread
        import facilkit.tui.screens.library  # noqa: F401

        for library in load.snapshots():
            if load.cancelled.is_set():
                continue  # quitting: the load stops at its next step
            index = SearchIndex(library, sort_lang=self.lang, prepare=False)
            try:
                self.call_from_thread(self.library_arrived, library, index)
            except (RuntimeError, CancelledError):  # the app ended meanwhile
                load.cancel()
        from facilkit.atomic import sweep_temp_files  # leftovers of saves killed last time

        for folder in (self.locations.plans, self.locations.drafts):
            sweep_temp_files(folder)

    @work(thread=True, group="library")
    def prepare_search(self, index: SearchIndex) -> None:
        """The search text is not needed to show the list: built once the screen is drawn.

        A search typed before then builds it itself.
        """
        index.prepare()

    def library_arrived(self, library: Library, index: SearchIndex) -> None:
        """A step of the load: the library so far (``library.loading``) or the complete one."""
        self.library, self.search_index = library, index
        if library.loading is not None:
            for screen in self.screen_stack:
                if isinstance(screen, FacilScreen):
                    screen.library_grew()
            return
        self.library_ready(library, index)

    def library_ready(self, library: Library, index: SearchIndex) -> None:
        self.library, self.search_index, self.library_loaded = library, index, True
        self.set_timer(PREPARE_SEARCH_DELAY, lambda: self.prepare_search(index))
        for screen in self.screen_stack:
            if isinstance(screen, FacilScreen):
                screen.library_changed()
        if self.open_path is not None:
            self.open_plan_file(self.open_path)
            self.open_path = None
        if self.run_request is not None:
            self.start_run(*self.run_request)
            self.run_request = None
        self.offer_drafts()

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

    # --- navigation used by the screens -------------------------------------

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

    def start_run(self, plan: Plan, path: Path | None, options: RunOptions | None = None) -> None:
        """Run mode for a plan (as it is held here, saved or not); see ``run_start``."""
        from facilkit.tui.screens.run_start import RunOptions, launch_run

        launch_run(self, plan, path, options or RunOptions())

    def show_library(self) -> None:
        from facilkit.tui.screens.library import LibraryScreen

        self.push_screen(LibraryScreen())

    def show_method(self, method_id: str) -> None:
        from facilkit.tui.screens.library import LibraryScreen

        if not isinstance(self.screen, LibraryScreen):
            self.show_library()
        self.call_after_refresh(lambda: self.screen.select_method(method_id))  # type: ignore[attr-defined]

    def add_method_to_plan(self, method_id: str, variant: str | None = None) -> None:
        plan_screen = self.plan_screen
        if plan_screen is None:
            return
        while self.screen is not plan_screen:
            self.pop_screen()
        plan_screen.add_method(method_id, variant)

    def show_problems(self) -> None:
        from facilkit.tui.dialogs.basic import TextPanel

        lines = [problem.text(self.lang) for problem in self.library.problems]
        self.push_screen(TextPanel(t("lib.problems_title", self.lang), lines or ["–"]))

    # --- commands and quitting ----------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands in the app's language, then every key binding of the
        screen that has an id, so the palette lists all actions in one language.

        Textual's own "Keys" panel and "Screenshot" are left out: their texts are English.
        """
        lang = self.lang
        yield SystemCommand(t("cmd.theme", lang), t("cmd.theme_help", lang), self.search_themes)
        if screen.maximized is not None:
            yield SystemCommand(
                t("cmd.minimize", lang), t("cmd.minimize_help", lang), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("cmd.maximize", lang), t("cmd.maximize_help", lang), screen.action_maximize
            )
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.id or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            callback = self._runner(active.node, binding.action)
            help_text = t("cmd.key_help", lang, key=binding.key_display or key)
            yield SystemCommand(binding.description, help_text, callback)

    def _runner(self, node: DOMNode, action: str) -> Callable[[], None]:
        def run() -> None:
            self.call_later(self.run_action, action, node)

        return run

    def get_key_display(self, binding: Binding) -> str:
        """A key as a new user reads it: ctrl+s, not Textual's ^s, and the space bar named in
        the reader's language (key bar, help, notices)."""
        if binding.key_display or "ctrl+" not in binding.key:
            shown = super().get_key_display(binding)
            return t("keyname.space", self.lang) if shown == "space" else shown
        rest = binding.key.replace("ctrl+", "", 1)
        return "ctrl+" + super().get_key_display(Binding(rest, binding.action))

    def action_command_palette(self) -> None:
        """Textual's palette, speaking the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(self.lang, id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker, with its prompt in the app's language."""
        self.push_screen(Palette(self.lang, "cmd.search_themes", providers=[ThemeProvider]))

    def action_help(self) -> None:
        """F1 or ``?``: what this screen is for and every key it takes (again: closes it)."""
        from facilkit.tui.dialogs.help import open_help

        open_help(self.screen)

    def action_help_quit(self) -> None:
        """ctrl+c copies; say how to quit, in the app's language (Textual says it in English)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    t("app.quit_how", self.lang, key=active.binding.key_display or key),
                    title=t("app.quit_title", self.lang),
                    markup=False,
                )
                return

    async def action_quit(self) -> None:
        plan_screen = self.plan_screen
        if plan_screen is None:
            self.exit()
            return
        plan_screen.confirm_leave(self.exit)


def create_app(
    locations: Locations | None = None,
    extra_folders: Sequence[Path] = (),
    lang: str | None = None,
    open_path: Path | None = None,
    folders: Sequence[Folder] | None = None,
    use_cache: bool = True,
    autosave_seconds: float = AUTOSAVE_SECONDS,
    cursor_blink: bool = True,
) -> FacilkitApp:
    """Build the app from its inputs; tests pass their own locations and folders."""
    locations = locations or Locations.from_env()
    chosen = list(folders) if folders is not None else search_path(locations, extra_folders)
    return FacilkitApp(
        locations,
        chosen,
        lang or detect_language(),
        open_path=open_path,
        use_cache=use_cache,
        autosave_seconds=autosave_seconds,
        cursor_blink=cursor_blink,
    )
