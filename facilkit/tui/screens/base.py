"""What every full screen shares: the too-small message and the app's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from facilkit.i18n import t

if TYPE_CHECKING:
    from facilkit.tui.app import FacilkitApp

MIN_WIDTH, MIN_HEIGHT = 80, 24


class FacilScreen(Screen[None]):
    """A screen that shows a short message instead of a broken layout below 80×24."""

    edits_plan = False
    """True for the plan wizard: lets the app find it without importing it."""

    @property
    def facil(self) -> FacilkitApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.facil.lang

    def compose(self) -> ComposeResult:
        yield from self.compose_body()
        yield Static("", id="too-small", markup=False)

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        if not self.facil.cursor_blink:  # steady cursors make snapshots deterministic
            for field in self.query("Input, TextArea"):
                field.cursor_blink = False  # type: ignore[attr-defined]

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def on_screen_resume(self) -> None:
        self.check_size(self.app.size.width, self.app.size.height)

    def check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        if small:
            message = t("app.too_small", self.lang, w=MIN_WIDTH, h=MIN_HEIGHT, cw=width, ch=height)
            self.query_one("#too-small", Static).update(message)

    def library_changed(self) -> None:
        """Called by the app when the library has (re)loaded."""
