"""A catalogue's written form: what an entry is, and the reader for the plain way.

Every catalogue is written the plain way (``key: "text"`` lines, plural forms two
spaces in). Reading that without the YAML reader spares a first start its import
and parse; ``facilkit.i18n`` hands anything else to the YAML reader.
"""

from __future__ import annotations

import functools
import re

import msgspec

PLURAL_FORMS = ("one", "other")
"""da, en, nb and sv share the rule: ``one`` for exactly 1, ``other`` for the rest."""

Entry = str | dict[str, str]
"""A catalogue value: a text, or plural forms by name."""

_TEXT = r'"((?:[^"\\]|\\.)*)"'
_KEY_LINE = r"([A-Za-z][A-Za-z0-9_.-]*):(?: " + _TEXT + ")?"
_FORM_LINE = r"  (one|other): " + _TEXT
_ESCAPES = r'\\(?:["\\/bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})'
"""The escapes YAML's double quotes and JSON share, read alike by both."""
_NOT_PLAIN = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
"""Characters whose reading YAML decides: controls (but tab and newline), line separators,
surrogates, a BOM."""


@functools.cache
def _plain_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled on a first start only: a warm one reads the compiled catalogue."""
    compile_ = re.compile
    return compile_(_KEY_LINE), compile_(_FORM_LINE), compile_(_ESCAPES), compile_(_NOT_PLAIN)


_YAML_WORDS = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"}
"""Keys a YAML reader could take for something other than text."""
PLAIN_CATALOGUE_LIMIT = 1024 * 1024
"""Larger than the YAML reader's limit: its error, not a plain reading."""


def read_plain_catalogue(text: str) -> dict[str, Entry] | None:
    """A catalogue written the plain way, read without the YAML reader; None if it is not.

    The plain way is how every catalogue is written: ``key: "text"`` lines, plural
    forms ``one``/``other`` two spaces in, comments on lines of their own. On a
    first start (no compiled copy yet) this spares the first frame the YAML
    reader's import and parse (about 30 ms). Anything else (a key twice, a comment
    after a text, a text over two lines, an escape JSON does not share, a control
    character) gives None, and the YAML reader reads the file and says what is
    wrong: never a different result, never another message.
    """
    key_line, form_line, _, not_plain = _plain_patterns()
    if len(text) > PLAIN_CATALOGUE_LIMIT or not_plain.search(text):
        return None
    entries: dict[str, Entry] = {}
    plural: str | None = None
    forms: dict[str, str] = {}
    for line in text.split("\n"):
        if not line or line.lstrip().startswith("#"):
            continue
        form = form_line.fullmatch(line)
        if form is not None:
            if plural is None or form[1] in forms:
                return None
            forms[form[1]] = form[2]
            continue
        if plural is not None:
            if len(forms) != len(PLURAL_FORMS):
                return None
            entries[plural], plural, forms = forms, None, {}
        found = key_line.fullmatch(line)
        if found is None or found[1] in entries or found[1].lower() in _YAML_WORDS:
            return None
        if found[2] is None:
            plural = found[1]
        else:
            entries[found[1]] = found[2]
    if plural is not None:
        if len(forms) != len(PLURAL_FORMS):
            return None
        entries[plural] = forms
    if not entries:
        return None
    try:
        return {key: _unescaped(value) for key, value in entries.items()}
    except ValueError:
        return None


def _unescaped(value: Entry) -> Entry:
    if isinstance(value, dict):
        return {form: _unescaped_text(text) for form, text in value.items()}
    return _unescaped_text(value)


def _unescaped_text(text: str) -> str:
    if "\\" not in text:
        return text
    if "\\" in _plain_patterns()[2].sub("", text):
        raise ValueError("an escape only YAML reads")
    unescaped: str = msgspec.json.decode(f'"{text}"'.encode())
    return unescaped
