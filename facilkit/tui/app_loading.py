"""The app's library: loaded in a worker after the first frame, handed to the screens as it grows.

Garbage collection waits while start-up builds the library, then skips it for
good (frozen): see ``on_load`` and ``end_gc_pause``.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Hashable
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import work

from facilkit.i18n import t
from facilkit.library.collection import Folder, Library
from facilkit.library.search import SearchIndex
from facilkit.paths import Locations
from facilkit.tui.compat import CompatApp

if TYPE_CHECKING:
    from facilkit.library.loader import LibraryLoad
    from facilkit.plans.model import Plan

GC_PAUSE_SECONDS = 2.0
"""Garbage collection waits this long after start-up (see ``on_load``, ``end_gc_pause``)."""
GC_PAUSE_LIMIT = 5
"""Pauses to wait at most for a slow library before collecting anyway."""
PREPARE_SEARCH_DELAY = 0.2
"""Seconds after the library arrives before its search's word index is built (in a worker)."""


@runtime_checkable
class FollowsLibrary(Protocol):
    """A screen the app tells of each step of a load: every FacilScreen, and the method
    picker (a modal dialog), whose list grows as the library screen's does."""

    def library_grew(self) -> None:
        """A step of a cold load: ``app.library`` / ``app.search_index`` have grown."""

    def library_changed(self) -> None:
        """The whole library has loaded (or loaded again)."""


class LibraryLoading(CompatApp[None]):
    """Loads the library off the main thread; the app sets the fields below."""

    locations: Locations
    folders: list[Folder]
    lang: str
    use_cache: bool
    library: Library
    search_index: SearchIndex
    library_loaded: bool
    """True once the whole library has loaded (until then ``library`` grows)."""
    library_load: LibraryLoad | None
    after_library: dict[Hashable, Callable[[], object]]
    """What waits for the whole library (``wait_for_methods``), by key; run once it is in."""

    def on_load(self) -> None:
        # Start-up builds many long-lived objects and little garbage: collecting
        # would spend 10-40 ms walking Textual's modules and the new widgets.
        # Imported modules are frozen out of collection for good; the rest waits.
        gc.freeze()
        gc.disable()

    def start_gc_pause(self) -> None:
        """Collection resumes ``GC_PAUSE_SECONDS`` after the app has mounted."""
        self.set_timer(GC_PAUSE_SECONDS, self.end_gc_pause)

    def end_gc_pause(self, waited: int = 1) -> None:
        """Freeze what start-up built (the library above all), then collect as usual.

        A full collection walks every live object: with 10,000 methods loaded it
        took 36-40 ms, enough to make a keystroke late. Frozen objects are skipped.
        """
        if self.gc_handed_back:
            return
        if not self.library_loaded and waited < GC_PAUSE_LIMIT:  # a slow disk: wait for it
            self.set_timer(GC_PAUSE_SECONDS, lambda: self.end_gc_pause(waited + 1))
            return
        gc.freeze()
        gc.enable()

    def collect_while_loading(self) -> None:
        """A cold load redraws the list and card at every step: collect their garbage as it comes.

        The pause is for a warm start's first frames. Kept through a cold load
        it let each step's cyclic garbage (markdown trees of the card, Textual's
        strip caches) pile up: 3 MiB of the peak at 1,000 methods. What start-up
        built so far is frozen first, so a collection during the load walks only
        what the load adds (a full one over everything took 200 ms at 10,000
        methods on a busy machine).
        """
        if self.gc_handed_back:
            return
        gc.freeze()
        gc.enable()

    def on_unmount(self) -> None:
        if self.library_load is not None:  # quitting during a cold start: stop parsing
            self.library_load.cancel()
        # Leave the process as it was: another app (a test) may run in it next. A load
        # step's callback can still run after this (it was queued before the quit):
        # gc_handed_back keeps it from freezing the process again.
        self.gc_handed_back = True
        gc.unfreeze()
        gc.enable()

    library_load_started = False
    gc_handed_back = False
    """Set when the app unmounts: collection is the process's again, never frozen after that."""

    def start_library_load(self) -> None:
        """Start loading the library, once (the first frame or the refresh after it, whichever comes first)."""
        if not self.library_load_started:
            self.library_load_started = True
            self.load_library_in_background()

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

    @work(thread=True, group="sweep")
    def sweep_leftovers(self) -> None:
        """Temporary files of saves killed last time go, once the library screen is drawn:
        done as the load ended, the sweep (and its imports, ~15 ms) held the GIL from it."""
        from facilkit.atomic import sweep_temp_files

        for folder in (self.locations.plans, self.locations.drafts):
            sweep_temp_files(folder)

    @work(exclusive=True, group="search")
    async def prepare_search(self, index: SearchIndex) -> None:
        """The word index is not needed to show the list: built once the screen is drawn.

        Built here, on the event loop, a step of a millisecond or two at a time
        (``SearchIndex.preparing``), so a key typed meanwhile waits for one step
        at most; in a worker thread it shared the GIL with the screen, and each
        frame took about twice as long while it built. A search typed before
        the last step scans the methods' text (search.py).
        """
        for _ in index.preparing():
            await asyncio.sleep(0)

    def library_arrived(self, library: Library, index: SearchIndex) -> None:
        """A step of the load: the library so far (``library.loading``) or the complete one."""
        self.library, self.search_index = library, index
        if library.loading is not None:
            if not gc.isenabled():  # a cold load: see collect_while_loading
                self.call_after_refresh(self.collect_while_loading)
            for screen in self.screen_stack:
                if isinstance(screen, FollowsLibrary):
                    screen.library_grew()
            return
        self.library_ready(library, index)

    def library_ready(self, library: Library, index: SearchIndex) -> None:
        """The whole library has loaded: the screens update, and what waited for it runs."""
        self.library, self.search_index, self.library_loaded = library, index, True
        self.set_timer(PREPARE_SEARCH_DELAY, lambda: self.prepare_search(index))
        self.set_timer(PREPARE_SEARCH_DELAY, self.sweep_leftovers)
        for screen in self.screen_stack:
            if isinstance(screen, FollowsLibrary):
                screen.library_changed()
        waiting, self.after_library = self.after_library, {}
        for then in waiting.values():
            then()

    def waits_for_methods(self, plan: Plan) -> bool:
        """Whether running or exporting ``plan`` now would call a late method unknown.

        Before the load's first step the library is empty and does not say it
        is loading (``library.loading`` is None): every method of the plan waits.
        """
        from facilkit.plans.schedule import waits_for_library

        if self.library_loaded:
            return False
        if self.library.loading is None:
            return any(item.method is not None for item in plan.agenda)
        return waits_for_library(plan, self.library)

    def wait_for_methods(
        self, plan: Plan, key: Hashable, then: Callable[[], object], notice: str
    ) -> bool:
        """True if a method of ``plan`` has not loaded yet: the app says ``notice`` (a
        catalogue key) and runs ``then`` once the whole library is in.

        One wait per ``key``: a later one replaces it (``r`` pressed twice starts one
        run; an export confirmed twice writes its file once), and when the methods are
        in (False: the caller acts now) an earlier wait under ``key`` is dropped, so
        what was done now is not done again when the load ends.
        """
        self.after_library.pop(key, None)
        if not self.waits_for_methods(plan):
            return False
        self.notify(t(notice, self.lang), markup=False)
        self.after_library[key] = then  # the latest goes last, as if asked only now
        return True

    def forget_waiting(self, key: Hashable) -> None:
        """Drop what waits under ``key`` (the user has moved on)."""
        self.after_library.pop(key, None)
