"""The strict YAML dialect: every trap in ARCHITECTURE.md's reliability rules, and the round trip."""

from __future__ import annotations

import string
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilkit import yamlio
from facilkit.yamlio import YamlError, dump, load_file, load_text, schema

pytestmark = pytest.mark.usefixtures("yaml_mode")  # every test: libyaml and pure Python


def load(text: str) -> object:
    return load_text(text, "t.yaml").data


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "Y", "n"])
def test_yaml11_booleans_stay_strings(word: str) -> None:
    assert load(f"language: {word}") == {"language": word}


def test_only_true_and_false_are_booleans() -> None:
    assert load("a: true\nb: false\nc: True") == {"a": True, "b": False, "c": True}


def test_clock_time_stays_a_string() -> None:
    assert load("start: 14:15") == {"start": "14:15"}


def test_dotted_time_remembers_its_text() -> None:
    value = load("start: 14.10")["start"]  # type: ignore[index]
    assert isinstance(value, yamlio.PlainFloat)
    assert value.text == "14.10"


def test_date_stays_text() -> None:
    assert load("date: 2026-11-22") == {"date": "2026-11-22"}


def test_core_schema_numbers_and_null() -> None:
    assert load("a: 12\nb: 0x1f\nc: 0o17\nd: ~\ne: 1.5\nf:") == {
        "a": 12,
        "b": 31,
        "c": 15,
        "d": None,
        "e": 1.5,
        "f": None,
    }


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlError) as caught:
        load("title: a\nother: b\ntitle: c\n")
    assert caught.value.line == 3
    assert "first on line 1" in caught.value.message


def test_duplicate_key_in_nested_mapping() -> None:
    with pytest.raises(YamlError) as caught:
        load("duration:\n  min: 1\n  min: 2\n")
    assert (caught.value.line, caught.value.column) == (3, 3)


def test_anchor_is_rejected_even_without_alias() -> None:
    with pytest.raises(YamlError) as caught:
        load("a: &x 1\nb: 2\n")
    assert "anchor" in caught.value.message
    assert (caught.value.line, caught.value.column) == (1, 4)


def test_billion_laughs_is_rejected_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    started = time.perf_counter()
    with pytest.raises(YamlError):
        load("\n".join(lines))
    assert time.perf_counter() - started < 5  # a guard against hanging, not a benchmark


def test_alias_without_anchor_is_an_error() -> None:
    with pytest.raises(YamlError, match="alias"):
        load("a: *nothing")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']",
        "a: !include other.yaml",
        "a: !!binary aGk=",
        "a: !!str 5",
    ],
)
def test_explicit_tags_are_rejected(text: str) -> None:
    with pytest.raises(YamlError, match="tag"):
        load(text)


def test_merge_key_is_rejected() -> None:
    with pytest.raises(YamlError):
        load("<<: {a: 1}")


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_deep_nesting_is_a_clear_error(opener: str, closer: str) -> None:
    with pytest.raises(YamlError, match="nested deeper"):
        load(opener * 5000 + closer * 5000)


def test_deep_block_nesting_is_capped() -> None:
    text = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(100)) + " " * 200 + "x: 1\n"
    with pytest.raises(YamlError, match="nested deeper"):
        load(text)


def test_file_size_is_capped(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (yamlio.MAX_BYTES + 10), encoding="utf-8")
    with pytest.raises(YamlError, match="1 MiB"):
        load_file(big)


def test_latin1_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("id: x\nname: Søren\n".encode("latin-1"))
    with pytest.raises(YamlError) as caught:
        load_file(path)
    assert (caught.value.line, caught.value.column) == (2, 8)
    assert "UTF-8" in caught.value.message


def test_tab_indentation_gives_line_and_column() -> None:
    with pytest.raises(YamlError) as caught:
        load("a:\n\tb: 1\n")
    assert caught.value.line == 2
    assert "tab" in caught.value.message


def test_bom_and_crlf_load(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: x\r\n")
    assert load_file(path).data == {"a": 1, "b": "x"}


def test_syntax_error_has_position_and_path() -> None:
    with pytest.raises(YamlError) as caught:
        load_text("a: b: c\n", "m.yaml")
    assert str(caught.value).startswith("m.yaml:1:")


def test_document_position_points_at_node() -> None:
    document = load_text("a:\n  - x\n  - y: 1\n", "p.yaml")
    assert document.position(("a", 1, "y")) == (3, 8)
    assert document.position(("a", 9)) == (2, 3)


def test_writer_quotes_what_would_change_type() -> None:
    data = {
        "language": "no",
        "start": "14:15",
        "octal": "0o17",
        "float": "1.0",
        "nul": "null",
        "b": "true",
    }
    assert load(dump(data)) == data


def test_writer_keeps_nel() -> None:
    data = {"text": "a\u0085b"}
    assert load(dump(data)) == data


_alphabet = st.sampled_from(
    [
        *list(string.ascii_letters + string.digits + " :#'\"-[]{},&*!|>%@`?\\\t\n\r"),
        "æ",
        "ø",
        "å",
        "Æ",
        "Ø",
        "Å",
        "\x85",
        "\u2028",
        "\x00",
        "\x07",
        "\x1b",
        "\ufeff",
        "é",
    ]
)
_texts = st.text(alphabet=_alphabet, max_size=40)
_values = st.recursive(
    st.one_of(_texts, st.integers(-10_000, 10_000), st.booleans(), st.none()),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_texts, children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_texts, _values, max_size=5))
def test_round_trip(data: dict[str, object]) -> None:
    assert load(dump(data)) == data


@settings(max_examples=500)
@given(st.text(max_size=12) | st.sampled_from(["Null", "True", "FALSE", ".inf", "-1.5e3", "0x1F"]))
def test_words_skip_the_schema_patterns_only_when_none_could_match(text: str) -> None:
    """``plain_scalar`` returns words at once; that is safe only if no pattern matches them."""
    patterns = (schema.NULL, schema.INT10, schema.INT8, schema.INT16, schema.FLOAT)
    special = any(p.match(text) for p in (*patterns, schema.INF, schema.NAN))
    special = special or text in schema.BOOL
    if text and text[0] not in schema.NOT_TEXT_STARTS:
        assert not special and yamlio.plain_scalar(text) == text
    elif special:
        assert not isinstance(yamlio.plain_scalar(text), str)
