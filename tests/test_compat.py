"""The private Textual API facilkit uses (facilkit/tui/compat.py) is still there, as used."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
import rich.control
import textual
import textual.content
from textual.app import App
from textual.binding import BindingsMap
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widgets import Static

from facilkit.tui import compat

UPGRADE = "Textual changed API that facilkit/tui/compat.py relies on: re-check that file"


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_textual_is_the_version_compat_was_checked_against() -> None:
    assert textual.__version__ == compat.TEXTUAL_CHECKED, (
        f"Textual {textual.__version__} is installed; facilkit/tui/compat.py was checked "
        f"against {compat.TEXTUAL_CHECKED}. Re-check each item there, then raise TEXTUAL_CHECKED."
    )


@pytest.mark.parametrize(
    ("owner", "name", "expected"),
    [
        (App, "_register", ["self", "parent", "widgets", "before", "after", "cache"]),
        (App, "_handle_exception", ["self", "error"]),
        (App, "_print_error_renderables", ["self"]),
        (App, "_display", ["self", "screen", "renderable"]),
        (ScrollView, "_scroll_update", ["self", "virtual_size"]),
        (MessagePump, "_is_prevented", ["self", "message_type"]),
        (Screen, "_on_screen_resume", ["self", "event"]),
    ],
)
def test_private_methods_keep_their_signature(
    owner: type[Any], name: str, expected: list[str]
) -> None:
    assert hasattr(owner, name), f"{UPGRADE}: {owner.__name__}.{name} is gone"
    assert parameters(getattr(owner, name)) == expected, f"{UPGRADE}: {owner.__name__}.{name}"


def test_bindings_map_keeps_key_to_bindings() -> None:
    widget = Static()
    assert isinstance(widget._bindings, BindingsMap), UPGRADE
    assert isinstance(compat.key_bindings(widget), dict), UPGRADE


def test_control_strip_tables_are_still_dicts_of_code_points() -> None:
    for table in (textual.content._CONTROL_STRIP_TRANSLATE, rich.control._CONTROL_STRIP_TRANSLATE):
        assert isinstance(table, dict) and 7 in table, UPGRADE  # BEL is stripped
    assert compat.control_strip_tables()[0] is textual.content._CONTROL_STRIP_TRANSLATE


async def test_the_hooks_and_the_frame_watch_run_in_a_real_app() -> None:
    """The overrides are called by Textual (a renamed hook would be silently skipped)."""
    registered: list[str] = []
    frames: list[str] = []

    class Probe(compat.CompatApp[None]):
        def compose(self) -> Any:
            yield Static("x", id="probe")

        def before_register(self, widgets: Any) -> None:
            registered.extend(widget.id or "" for widget in widgets)

    app = Probe()
    async with app.run_test() as pilot:
        compat.watch_frames(app, lambda screen: frames.append(type(screen).__name__))
        app.query_one("#probe", Static).update("y")
        await pilot.pause()
        assert not compat.is_prevented(app, Message)
        with app.prevent(Message):
            assert compat.is_prevented(app, Message), UPGRADE
    assert "probe" in registered, f"{UPGRADE}: App._register is no longer called"
    assert frames, f"{UPGRADE}: App._display is no longer called for each frame"


async def test_the_first_frame_callback_runs_once_after_the_first_frame() -> None:
    calls: list[bool] = []

    class Probe(compat.CompatApp[None]):
        def compose(self) -> Any:
            yield Static("x", id="probe")

        def on_mount(self) -> None:
            compat.after_first_frame(self, lambda: calls.append(self.screen.is_mounted))

    app = Probe()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.query_one("#probe", Static).update("y")  # a second frame
        await pilot.pause()
    assert calls == [True], f"{UPGRADE}: App._display is no longer called for each frame"


class Styled(compat.CompatScreen[None]):
    def compose(self) -> Any:
        yield Static("word", id="word")


async def test_a_screen_shown_first_is_styled_and_restyled_when_it_comes_back() -> None:
    """Its first showing skips the second styling; showing it again still catches up."""

    class Probe(App[None]):
        CSS = "#word { color: $primary; } App:blur #word { color: red; }"

    app = Probe()
    async with app.run_test() as pilot:
        app.install_screen(Styled(), "styled")
        await app.push_screen("styled")
        await pilot.pause()
        word = app.screen.query_one("#word", Static)
        primary = app.current_theme.primary.lower()
        assert word.styles.color.hex.lower() == primary
        app.pop_screen()
        app.app_focus = False  # the terminal lost focus while the screen was not shown
        await pilot.pause()
        assert word.styles.color.hex.lower() == primary, "a screen not shown is not restyled"
        await app.push_screen("styled")
        await pilot.pause()
        assert word.styles.color.hex.lower() == "#ff0000", UPGRADE


async def test_forget_style_caches_empties_the_cache_that_keeps_widgets() -> None:
    from textual._styles_cache import StylesCache

    app = App[None]()
    async with app.run_test() as pilot:
        await app.mount(Static("kept"))
        await pilot.pause()
    assert StylesCache.get_inner_outer.cache_info().currsize > 0, UPGRADE  # it kept them
    compat.forget_style_caches()
    assert StylesCache.get_inner_outer.cache_info().currsize == 0, UPGRADE


async def test_shown_notifications_lists_what_the_user_was_told() -> None:
    app = App[None]()
    async with app.run_test() as pilot:
        app.notify("Saved")
        await pilot.pause()
        assert [str(n.message) for n in compat.shown_notifications(app)] == ["Saved"], UPGRADE
