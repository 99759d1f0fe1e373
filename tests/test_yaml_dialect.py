"""One YAML dialect with or without libyaml: the same data and the same error places."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import facilkit.yamlio as yamlio
from facilkit.paths import builtin_methods_dir, plan_templates_dir
from facilkit.yamlio import YamlError, dump, load_file, load_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted(
    [
        *builtin_methods_dir().glob("*.yaml"),
        *plan_templates_dir().glob("*.yaml"),
        *(ROOT / "examples").glob("*.yaml"),
    ]
)

needs_both = pytest.mark.skipif(
    set(yamlio.PARSERS) != {"libyaml", "pure"}, reason="libyaml is not installed here"
)


def load_in(mode: str, loader: Any, *args: Any) -> Any:
    before = yamlio.parser_name
    yamlio.parser_name = mode
    try:
        return loader(*args)
    finally:
        yamlio.parser_name = before


def outcome(mode: str, text: str) -> Any:
    try:
        return ("data", load_in(mode, load_text, text, "f.yaml").data)
    except YamlError as error:
        return ("error", error.line, error.column)


@needs_both
def test_every_shipped_file_loads_the_same_without_libyaml() -> None:
    assert len(CORPUS) > 20
    for path in CORPUS:
        with_c = load_in("libyaml", load_file, path).data
        pure = load_in("pure", load_file, path).data
        assert pure == with_c, path


@needs_both
@pytest.mark.parametrize(
    "text",
    [
        "q: {da: Hvad er din udfordring?, en: What is your challenge?}\n",
        "- [a?b, ?c, d?]\n",
        "a: {b: c?d, e: 'f?'}\n",
        "a: b\nc: [\n",
        "a: b\n\tc: d\n",
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/object:os.system x\n",
        "a: 1\nb: 'x\x00'\n",
        "a:\n  b: c\n d: e\n",
        "{a: b, c}\n",
        "a: 'unterminated\n",
    ],
)
def test_both_parsers_agree_on_data_and_error_places(text: str) -> None:
    assert outcome("pure", text) == outcome("libyaml", text)


def test_a_nul_byte_is_reported_at_its_own_line(yaml_mode: str) -> None:
    with pytest.raises(YamlError) as caught:
        load_text("a: 1\nb: 2\nc: x\x00y\n", "f.yaml")
    assert (caught.value.line, caught.value.column) == (3, 5)
    assert "NUL" in caught.value.message


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


@needs_both
@settings(max_examples=150, deadline=None)
@given(values)
def test_what_we_write_reads_back_the_same_in_both_modes(value: Any) -> None:
    text = dump({"v": value})
    assert outcome("pure", text) == outcome("libyaml", text) == ("data", {"v": value})
