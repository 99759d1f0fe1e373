"""Started by bench_tui.py in a fresh process: prints seconds since BENCH_T0 at milestones.

Modes: ``minimal`` (R: one Static), ``facilkit`` (first frame, then list and card usable).
"""

from __future__ import annotations

import os
import resource
import sys
import time

T0 = float(os.environ["BENCH_T0"])


def stamp(label: str) -> None:
    print(f"{label} {time.time() - T0:.4f}", flush=True)


def minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("R")

        def on_mount(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            stamp("first_frame")
            self.exit()

    Minimal().run(headless=True)


def facilkit(folder: str) -> None:
    from pathlib import Path

    from facilkit.tui.app import FacilkitApp, create_app

    app = create_app(extra_folders=[Path(folder)], lang="en")
    original_ready = app.library_ready

    def first_frame() -> None:
        stamp("first_frame")

    def ready(library, index) -> None:  # type: ignore[no-untyped-def]
        original_ready(library, index)
        app.show_library()
        app.call_after_refresh(check_usable)

    def check_usable() -> None:
        from facilkit.tui.screens.library import (
            LibraryScreen,  # imported here: not part of the first frame
        )

        screen = app.screen
        if isinstance(screen, LibraryScreen):
            card = screen.query_one("#card")
            if card.shown_text:  # type: ignore[attr-defined]
                stamp("usable")
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"rss_mib {rss:.1f}", flush=True)
                app.exit()
                return
        app.call_after_refresh(check_usable)

    app.library_ready = ready  # type: ignore[method-assign]
    original_mount = FacilkitApp.on_mount

    def on_mount(self: FacilkitApp) -> None:  # the home screen is pushed here
        original_mount(self)
        self.call_after_refresh(first_frame)

    FacilkitApp.on_mount = on_mount  # type: ignore[method-assign]
    app.run(headless=True)


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        facilkit(sys.argv[2])
