"""What every full screen shares: the too-small message and the app's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from facilkit.i18n import t
from facilkit.tui.compat import CompatScreen

if TYPE_CHECKING:
    from facilkit.tui.app import FacilkitApp

MIN_WIDTH, MIN_HEIGHT = 80, 24


class FacilScreen(CompatScreen[None]):
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

    focus_before_small: Widget | None = None
    """What had focus when the window became too small: it gets it back when it grows."""

    def check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        was_small = self.has_class("-too-small")
        if small and not was_small:
            self.focus_before_small = self.focused
        self.set_class(small, "-too-small")
        if small:
            message = t("app.too_small", self.lang, w=MIN_WIDTH, h=MIN_HEIGHT, cw=width, ch=height)
            self.query_one("#too-small", Static).update(message)
        elif was_small:  # hidden widgets lost focus; once shown, give it back
            self.call_after_refresh(self.restore_focus)

    def restore_focus(self) -> None:
        before, self.focus_before_small = self.focus_before_small, None
        if self.focused is not None:
            return
        if before is not None and before.is_attached and before.focusable:
            self.set_focus(before)
        else:
            self.focus_next()

    def library_changed(self) -> None:
        """Called by the app when the library has (re)loaded."""

    def library_grew(self) -> None:
        """Called by the app with each step of a library still loading (``library.loading``)."""
