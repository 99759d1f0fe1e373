"""Text fields whose editing keys act in the order they were typed.

Textual 8.2.8 inserts a typed character as soon as its key reaches the field, but
runs a field's own key binding (backspace, delete, ctrl+u, ctrl+w, ...) only after
the key has travelled up to the app and back. A fast typist, or keys arriving in
one burst from a terminal, got "Kantine⌫⌫X" as "Kantin": the X went in first and
the two backspaces then took it away. Nothing typed may vanish, so every text
field facilkit shows is one of these two, and a test keeps it so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input as TextualInput

from facilkit.tui.compat import key_bindings

if TYPE_CHECKING:
    from textual.widgets import TextArea as TextualTextArea


async def run_own_binding_now(field: Widget, event: events.Key) -> None:
    """Run the field's own binding for this key in the key's turn, not after the next keys."""
    own = key_bindings(field)
    for key in (event.key, *event.aliases):
        for binding in own.get(key, []):
            action, _, _ = binding.action.partition("(")
            if not field.check_action(action, ()):
                continue
            if await field.app.run_action(binding.action, field):
                event.stop()  # done here: the key's usual trip to the bindings would repeat it
                event.prevent_default()
                return
            # the action stepped aside (SkipAction, as scrolling does in a one-line field):
            # the key goes its usual way, to the screen's binding for it


class Input(TextualInput):
    """Textual's Input, with its editing keys kept in order."""

    async def on_key(self, event: events.Key) -> None:
        await run_own_binding_now(self, event)


if TYPE_CHECKING:

    class TextArea(TextualTextArea):
        """Textual's TextArea, with its editing keys kept in order."""

else:

    def __getattr__(name: str) -> Any:
        """``TextArea`` is built on first use: Textual's costs 10 ms to import, and the
        library screen, which a start opens first, has no multi-line field."""
        if name != "TextArea":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from textual.widgets import TextArea as TextualTextArea

        class TextArea(TextualTextArea):
            """Textual's TextArea, with its editing keys kept in order."""

            async def on_key(self, event: events.Key) -> None:
                await run_own_binding_now(self, event)

        globals()["TextArea"] = TextArea  # built once; later imports find it here
        return TextArea
