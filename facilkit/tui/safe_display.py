"""Every string the TUI shows passes through :data:`facilkit.safe_text.VISIBLE`.

Textual's ``Content`` and Rich's ``Text`` already drop five control characters
(BEL, BS, VT, FF, CR) from all text they are given, through one translation
table each. ESC, the other C0 and all C1 controls and the bidi overrides pass
through them to the terminal. Adding facilkit's table to theirs makes every
widget (labels, lists, inputs, text areas, Markdown, notifications) show those
characters as visible stand-ins, in one place, instead of wrapping each of the
many calls that put a plan title or a method name on screen. Each stand-in is
one character, so the styled spans Textual keeps by offset stay right.

Checked against Textual 8.2.8 and Rich 14 (``textual.content._CONTROL_STRIP_TRANSLATE``,
``rich.control._CONTROL_STRIP_TRANSLATE``, both bound as default arguments when
their modules load, so they are changed in place). ``tests/test_safe_text.py``
fails loudly if either table moves.
"""

from __future__ import annotations

import rich.control
import textual.content

from facilkit.safe_text import VISIBLE


def install() -> None:
    """Make Textual and Rich show control characters instead of sending them (idempotent)."""
    tables: tuple[dict[int, str | None], ...] = (
        textual.content._CONTROL_STRIP_TRANSLATE,  # type: ignore[assignment]
        rich.control._CONTROL_STRIP_TRANSLATE,
    )
    for table in tables:
        for code, shown in VISIBLE.items():
            table.setdefault(code, shown)
