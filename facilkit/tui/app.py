"""The facilkit Textual app: built by :func:`create_app` from injected paths and library folders.

The first frame shows the home screen at once; the library loads in a worker
thread after it, so a large library never blocks the keys. The app's parts
live beside it: ``app_loading`` (the library and the start-up GC pause),
``app_plans`` (opening, recovering, exporting and running plans) and
``app_commands`` (keys, palette and help in the app's language).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, InvalidThemeError
from textual.binding import Binding

from facilkit.errors import FacilkitError
from facilkit.i18n import detect_language, t
from facilkit.library.collection import Folder, Library, search_path
from facilkit.library.search import SearchIndex
from facilkit.paths import Locations
from facilkit.plans.model import Plan
from facilkit.tui.app_commands import AppCommands, localize_bindings
from facilkit.tui.app_loading import LibraryLoading
from facilkit.tui.app_plans import PlanFlows
from facilkit.tui.commands import MethodCommands
from facilkit.tui.compat import after_first_frame
from facilkit.tui.safe_display import install as install_safe_display
from facilkit.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from facilkit.library.loader import LibraryLoad
    from facilkit.tui.screens.run_start import RunOptions

AUTOSAVE_SECONDS = 5.0
WAITING_RUN = "run"
"""The key of the one run that waits for the library (``start_run``): the latest ``r`` wins."""
THEME = "textual-dark"

install_safe_display()


class FacilkitApp(AppCommands, PlanFlows, LibraryLoading):
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
        self.after_library = {}
        self.crashed: BaseException | None = None
        """A bug that ended the app; the CLI logs it and says where (see ``cli.run_tui``)."""
        self.run_request: tuple[Plan, Path, RunOptions] | None = None
        """``facilkit run PLAN``: the run to start once the library is loaded."""
        self.run_asked_from: Screen[object] | None = None
        """The screen whose ``r`` waits for the library; leaving it drops the run."""
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

    def on_mount(self) -> None:
        self.start_gc_pause()
        with contextlib.suppress(InvalidThemeError):
            self.theme = THEME
        self.push_screen(HomeScreen())
        self.screen_change_signal.subscribe(self, self.screen_changed, immediate=True)
        # after the first frame, so the worker does not compete with it for the GIL
        after_first_frame(self, self.start_library_load)
        self.call_after_refresh(self.start_library_load)  # if no frame is drawn (headless)

    def library_ready(self, library: Library, index: SearchIndex) -> None:
        super().library_ready(library, index)
        if self.open_path is not None:
            self.open_plan_file(self.open_path)
            self.open_path = None
        if self.run_request is not None:
            self.start_run(*self.run_request)
            self.run_request = None
        self.offer_drafts()

    # --- navigation used by the screens -------------------------------------

    def start_run(self, plan: Plan, path: Path | None, options: RunOptions | None = None) -> None:
        """Run mode for a plan (as it is held here, saved or not); see ``run_start``."""
        from facilkit.tui.screens.run_start import RunOptions, launch_run

        notice = "app.run_waits_for_library"
        if self.wait_for_methods(
            plan, WAITING_RUN, lambda: self.start_run(plan, path, options), notice
        ):
            self.run_asked_from = self.screen
            return
        self.run_asked_from = None
        launch_run(self, plan, path, options or RunOptions())

    def screen_changed(self, screen: Screen[object]) -> None:
        """A run waiting for the library starts only where it was asked for.

        Minutes later, on a slow disk, the user may be in another plan or a
        dialog: a meeting's run screen popping up there would be a surprise.
        """
        if self.run_asked_from is not None and screen is not self.run_asked_from:
            self.run_asked_from = None
            self.forget_waiting(WAITING_RUN)
            self.notify(t("app.run_wait_dropped", self.lang), markup=False)

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
