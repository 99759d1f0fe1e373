"""The catalogue's plain reader (a first start without the YAML reader) never reads differently.

``i18n.read_plain_catalogue`` reads only the form every catalogue is written in
and hands anything else back (None) to the YAML reader. These tests hold it to
that: on the four real catalogues and on many small ones made of awkward lines,
the plain reading is either None or exactly the YAML reader's result, and a
file the YAML reader refuses is never read plainly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilkit import i18n

LOCALE = Path(i18n.__file__).parent / "locale"

LINES = [
    'area.text: "plain text"',
    'area.colon: "a: b"',
    'area.hash: "a # b"',
    'area.quote: "say \\"hello\\""',
    'area.newline: "one\\ntwo"',
    'area.backslash: "a\\\\b"',
    'area.nbsp: "10\\u00a0025"',
    'area.slash: "a\\/b"',
    'area.tab: "a\\tb"',
    'area.rawtab: "a\tb"',
    'area.pair: "\\ud83d\\ude00"',
    'area.hex: "\\x41"',
    'area.yamlonly: "\\e \\N \\_"',
    'area.unicode: "æøå – ×…"',
    "area.single: 'single quotes'",
    "area.bare: plain words",
    'area.trailing: "text" # a comment',
    'area.space: "text"  ',
    'area.two: "a" "b"',
    'area.open: "no end',
    'area.continued: "first',
    '  second"',
    "area.plural:",
    '  one: "{count} thing"',
    '  other: "{count} things"',
    '  other: "again"',
    '    one: "deeper"',
    '  few: "a third form"',
    "# a comment",
    "  # an indented comment",
    "",
    'yes: "a YAML word as key"',
    'True: "another"',
    'date: "a bare word"',
    '1key: "a digit first"',
    'a key: "a space"',
    'area.text: "the same key again"',
    'area.control: "bell\x07"',
    'area.separator: "a\u2028b"',
    '\ufeffarea.bom: "a BOM"',
    'area.crlf: "windows"\r',
    "- a list item",
    "area.flow: {one: a, other: b}",
]


def yaml_reading(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    """What the YAML reader makes of ``text``: its entries, or "refused"."""
    with monkeypatch.context() as patch:
        patch.setattr(i18n, "read_plain_catalogue", lambda _text: None)
        try:
            return i18n.parse_catalogue(text.encode("utf-8"), "test.yaml")
        except i18n.CatalogueError:
            return "refused"


@pytest.mark.parametrize("lang", ["da", "en", "nb", "sv"])
def test_the_real_catalogues_are_read_plainly_and_alike(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (LOCALE / f"{lang}.yaml").read_text(encoding="utf-8")
    plain = i18n.read_plain_catalogue(text)
    assert plain is not None, "a catalogue as written is read without the YAML reader"
    assert plain == yaml_reading(text, monkeypatch)


@pytest.mark.parametrize("line", LINES)
def test_each_awkward_line_is_read_alike_or_left_to_yaml(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = f'first.key: "first"\n{line}\nlast.key: "last"\n'
    plain = i18n.read_plain_catalogue(text)
    if plain is not None:
        assert plain == yaml_reading(text, monkeypatch), line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=0, max_size=8))
def test_any_mix_of_lines_is_read_alike_or_left_to_yaml(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    plain = i18n.read_plain_catalogue(text)
    if plain is not None:
        with pytest.MonkeyPatch.context() as monkeypatch:
            assert plain == yaml_reading(text, monkeypatch), text


def test_the_plain_reading_covers_the_lines_catalogues_use() -> None:
    """Escapes, plural blocks and comments are read plainly (not all handed to YAML)."""
    text = "\n".join(
        [
            "# --- A section",
            'area.nbsp: "10\\u00a0025"',
            'area.quote: "say \\"hello\\" – a: b # c"',
            "area.plural:",
            '  one: "{count} thing"',
            '  other: "{count} things"',
            "",
        ]
    )
    assert i18n.read_plain_catalogue(text) == {
        "area.nbsp": "10\u00a0025",
        "area.quote": 'say "hello" – a: b # c',
        "area.plural": {"one": "{count} thing", "other": "{count} things"},
    }
