"""Every use of Textual's private API, in one place, checked against one Textual version.

facilkit pins Textual (pyproject.toml) and reaches below its public API only
here. Each item says what it buys; ``tests/test_compat.py`` checks that every
name below still exists with the shape used here, and fails naming this file
when a Textual upgrade changes one. After an upgrade: run that test, re-check
each item against the new Textual source, then raise ``TEXTUAL_CHECKED``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic

import rich.control
import textual.content
from textual import events
from textual.app import App, ReturnType
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import Notification
from textual.screen import Screen, ScreenResultType
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets._toast import ToastRack

TEXTUAL_CHECKED = "8.2.8"
"""The Textual version every item below was read against."""


def key_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """A node's own bindings by key, to give them translated descriptions in place.

    ``DOMNode._bindings.key_to_bindings``: Textual has no public way to change a
    binding's description after the class defines it.
    """
    return node._bindings.key_to_bindings


def update_scrollbars(view: ScrollView, size: Size) -> None:
    """Tell a scroll view its new virtual size without a layout pass of the whole screen.

    ``ScrollView._scroll_update``: setting ``virtual_size`` lays out the screen
    again, an extra frame on every filter keystroke (see widgets/virtual.py).
    """
    view._scroll_update(size)


def is_prevented(node: MessagePump, message_type: type[Message]) -> bool:
    """Whether ``message_type`` is inside a ``prevent()`` block where ``node`` runs.

    ``MessagePump._is_prevented``: lets the one same-frame delivery
    (widgets/live.py) honour ``prevent()`` exactly as a posted message does.
    """
    return node._is_prevented(message_type)


def control_strip_tables() -> tuple[dict[int, str | None], ...]:
    """The translation tables Textual's ``Content`` and Rich's ``Text`` strip controls with.

    ``textual.content._CONTROL_STRIP_TRANSLATE`` and
    ``rich.control._CONTROL_STRIP_TRANSLATE`` are bound as default arguments when
    their modules load, so adding to them in place makes every widget show
    control characters visibly (tui/safe_display.py).
    """
    return (
        textual.content._CONTROL_STRIP_TRANSLATE,  # type: ignore[return-value]
        rich.control._CONTROL_STRIP_TRANSLATE,
    )


def watch_frames(app: App[Any], seen: Callable[[Screen[Any]], None]) -> None:
    """Call ``seen(screen)`` each time a frame has been rendered and goes to the terminal.

    ``App._display``: the benchmarks time a key or a start to the frame it shows.
    """
    original = app._display

    def display(screen: Screen[Any], renderable: Any) -> None:
        original(screen, renderable)
        seen(screen)

    app._display = display  # type: ignore[method-assign]


def after_first_frame(app: App[Any], callback: Callable[[], None]) -> None:
    """Call ``callback()`` once, as soon as the first frame has gone to the terminal (``App._display``).

    The library load starts here, not after the next refresh: the frames that
    follow the first one wait on Textual's 60 fps timer, and the load uses those
    pauses (about 10 ms of a warm start at 1,000 methods).
    """
    original = app._display

    def display(screen: Screen[Any], renderable: Any) -> None:
        original(screen, renderable)
        app._display = original  # type: ignore[method-assign]
        callback()

    app._display = display  # type: ignore[method-assign]


class CompatScreen(Screen[ScreenResultType], Generic[ScreenResultType]):
    """A Screen that does not style its widgets twice when it is first shown.

    Mounting has just styled every widget; Textual's ``ScreenResume`` styles them
    all again (``Screen._on_screen_resume`` with ``refresh_styles``), which cost
    9.5 ms of the library screen's 67 ms from arrival to its first frame. Later
    resumes (back from another screen, after a theme change) still restyle.
    """

    _shown_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # runs before Screen's own handler for the same event (Textual walks the MRO)
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False


def keep_notices_above(screen: Screen[Any], lines: int) -> None:
    """Stand the screen's notices ``lines`` above its bottom edge.

    ``textual.widgets._toast.ToastRack`` docks at the bottom leaving room for a
    one-line footer; facilkit's key bar takes two lines on the agenda at 80
    columns, and a notice there covered the keys it was talking about.
    """
    for rack in screen.query(ToastRack):
        rack.styles.margin = (0, 0, lines, 0)


class CompatApp(App[ReturnType], Generic[ReturnType]):
    """An App with public names for the three private hooks facilkit overrides."""

    def before_register(self, widgets: Iterable[Widget]) -> None:
        """Called for new widgets before they handle any key (``App._register``)."""

    def before_exception(self, error: Exception) -> None:
        """Called with an unhandled error before Textual shuts down (``App._handle_exception``)."""

    def print_error_report(self) -> bool:
        """Whether Textual prints its traceback on exit (``App._print_error_renderables``)."""
        return True

    def _register(
        self,
        parent: DOMNode,
        *widgets: Widget,
        before: int | None = None,
        after: int | None = None,
        cache: dict[Any, Any] | None = None,
    ) -> list[Widget]:
        self.before_register(widgets)
        return super()._register(parent, *widgets, before=before, after=after, cache=cache)

    def _handle_exception(self, error: Exception) -> None:
        self.before_exception(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.print_error_report():
            super()._print_error_renderables()


def forget_style_caches() -> None:
    """Empty ``StylesCache.get_inner_outer``, an ``lru_cache`` on a method: it keeps up to
    1,024 widgets' style caches (with their rendered lines) alive after their app has gone.

    The tests call it after each test: a worker runs hundreds of apps, and every later
    garbage collection walked what the cache kept (a property test ran 3x slower).
    """
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


def shown_notifications(app: App[Any]) -> list[Notification]:
    """The notifications not yet expired (``App._notifications``), their toasts on screen
    or not: the tests read what the user was told, and Textual has no public list."""
    return list(app._notifications)
