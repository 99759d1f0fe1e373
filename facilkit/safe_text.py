"""Text from files and users made safe to show on a terminal.

A plan title, a method name, a file name or a word typed on the command line
can hold control characters. Printed raw, ``ESC ] 0 ; ... BEL`` retitles the
user's terminal and ``ESC [ 2 J`` clears it: anyone who mails a plan file could
send commands to the terminal. Bidirectional overrides (U+202E and friends)
reorder what the reader sees. So every such character is shown as a visible
stand-in instead of being obeyed: C0 controls as their Unicode control
pictures (ESC becomes ``␛``), DEL as ``␡``, C1 controls and bidi controls as
``�``. Without ESC (or the C1 CSI/OSC introducers) no escape sequence can start,
so the rest of a sequence is left as plain, harmless text that shows the user
what the file held.

Each stand-in is one character for one character: the TUI applies the same
table inside Textual's own text handling (``facilkit.tui.safe_display``), where
styled spans must keep their offsets. Newline and tab are kept by :func:`clean`
(multi-line text, exports printed to stdout) and shown by :func:`clean_line`
(one cell of a listing).
"""

from __future__ import annotations

_C0 = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)

VISIBLE: dict[int, str] = {
    **_C0,
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
    **{code: "\ufffd" for code in _BIDI},
}
"""Every character that must not reach a terminal raw, mapped to one visible character."""

_LINE = {**VISIBLE, 0x09: " ", 0x0A: "\u2424", 0x2028: "\u2424", 0x2029: "\u2424"}


def clean(text: str) -> str:
    """``text`` with every control and bidi character shown, not obeyed; newlines and tabs kept."""
    return text.translate(VISIBLE)


def clean_line(text: str) -> str:
    """Like :func:`clean`, for one line: a newline shows as ``␤`` and a tab as a space."""
    return text.translate(_LINE)


def is_clean(text: str) -> bool:
    """True when :func:`clean` would not change ``text`` (cheap check for tests and callers)."""
    return clean(text) == text
