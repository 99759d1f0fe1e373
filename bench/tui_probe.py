"""Started by bench_tui.py in a fresh process: prints seconds since BENCH_T0 at milestones.

Modes: ``minimal`` (R: one Static), ``facilkit`` (the real command: first frame, then
list and card usable). Headless, or on a real pseudo-terminal when ``BENCH_OUT``
names the file for the milestones (bench_tui.py's ``--pty``).

Both apps are timed the same way: a milestone is the moment the frame that shows
it has been rendered and handed to the terminal (``compat.watch_frames``), for R and for
facilkit alike. ``settled`` is later: when Textual next runs its after-refresh
callbacks, after any follow-up layout passes that change nothing on screen.
"""

from __future__ import annotations

import os
import resource
import sys
import time

T0 = float(os.environ["BENCH_T0"])
OUT = os.environ.get("BENCH_OUT")
"""On a real pseudo-terminal the screen is the terminal: milestones go to this file."""
HEADLESS = OUT is None


def stamp(label: str, value: float | None = None) -> None:
    """``label`` at seconds since BENCH_T0 (or ``value``); a milestone also gets the
    process's CPU seconds so far as ``cpu_<label>`` (less noisy than wall time on a busy machine)."""
    line = f"{label} {time.time() - T0 if value is None else value:.4f}\n"
    if value is None:
        line += f"cpu_{label} {time.process_time():.4f}\n"
    if OUT is None:
        print(line, end="", flush=True)
    else:
        with open(OUT, "a", encoding="utf-8") as out:
            out.write(line)


def minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from facilkit.tui.compat import watch_frames

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("R")

        def on_mount(self) -> None:
            watch_frames(self, self.drawn)

        def drawn(self, screen: object) -> None:
            if not hasattr(self, "seen"):
                self.seen = True
                stamp("first_frame")
                self.call_after_refresh(self.exit)

    Minimal().run(headless=HEADLESS)


def facilkit(folder: str) -> None:
    """The real ``facilkit --library FOLDER`` command, headless.

    The library screen opens with the first part of the library that arrives
    (all of it on a warm start), as a user who pressed **m** at once would see
    it. ``usable``: a frame of the library screen with rows and a card;
    ``loaded``: the frame after the whole library has loaded.
    """
    from facilkit import cli
    from facilkit.tui.app import FacilkitApp
    from facilkit.tui.compat import watch_frames

    original_arrived = FacilkitApp.library_arrived
    original_run = FacilkitApp.run
    seen: set[str] = set()

    def once(label: str) -> None:
        if label not in seen:
            seen.add(label)
            stamp(label)

    def display(screen) -> None:  # type: ignore[no-untyped-def]
        if type(screen).__name__ == "HomeScreen":
            once("first_frame")
        elif type(screen).__name__ == "LibraryScreen":
            card = screen.query_one("#card")
            methods = screen.query_one("#methods")
            # An older checkout's card (bench_tui --against) has no ``drawn``; there,
            # shown_text was a plain attribute set as the card was drawn.
            drawn = card.drawn if hasattr(card, "drawn") else bool(card.shown_text)
            if drawn and methods.entries:
                once("usable")
            if screen.app.library_loaded and "usable" in seen:
                once("loaded")

    def arrived(self: FacilkitApp, library, index) -> None:  # type: ignore[no-untyped-def]
        original_arrived(self, library, index)
        if "opened" not in seen:
            seen.add("opened")
            self.show_library()
        if self.library_loaded:
            self.call_after_refresh(check_settled, self)

    def check_settled(app: FacilkitApp) -> None:
        if "usable" in seen and "loaded" in seen:
            stamp("settled")
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            helpers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            stamp("rss_mib", rss)
            stamp("helper_rss_mib", helpers)
            app.exit()
            return
        app.call_after_refresh(check_settled, app)

    FacilkitApp.library_arrived = arrived  # type: ignore[method-assign,assignment]

    def run(self: FacilkitApp, **_: object) -> None:
        watch_frames(self, display)
        original_run(self, headless=HEADLESS)  # type: ignore[arg-type]

    FacilkitApp.run = run  # type: ignore[method-assign,assignment]
    cli.main(["--library", folder, "--lang", "en"])


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        facilkit(sys.argv[2])
