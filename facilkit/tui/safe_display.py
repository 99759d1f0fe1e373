"""Every string the TUI shows passes through :data:`facilkit.safe_text.VISIBLE`.

Textual's ``Content`` and Rich's ``Text`` already drop five control characters
(BEL, BS, VT, FF, CR) from all text they are given, through one translation
table each. ESC, the other C0 and all C1 controls and the bidi overrides pass
through them to the terminal. Adding facilkit's table to theirs makes every
widget (labels, lists, inputs, text areas, Markdown, notifications) show those
characters as visible stand-ins, in one place, instead of wrapping each of the
many calls that put a plan title or a method name on screen. Each stand-in is
one character, so the styled spans Textual keeps by offset stay right.

The two tables are private to Textual and Rich: :func:`facilkit.tui.compat.control_strip_tables`
reaches them, and ``tests/test_safe_text.py`` and ``tests/test_compat.py`` fail loudly if
either moves.
"""

from __future__ import annotations

from facilkit.safe_text import VISIBLE
from facilkit.tui.compat import control_strip_tables


def install() -> None:
    """Make Textual and Rich show control characters instead of sending them (idempotent)."""
    for table in control_strip_tables():
        for code, shown in VISIBLE.items():
            table.setdefault(code, shown)
