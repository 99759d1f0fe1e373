"""The language rules of a method's texts (issue 15: one validation path).

msgspec checks the codes while it converts a file (the model's ``LanguageCode``);
the rest is checked once per method and worded only for a fault. The property test
states the format's rules itself, so it fails when the validation drifts from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import facilkit
from facilkit.library.model import BUILTIN_LANGUAGES
from facilkit.library.validate import check_method, load_method
from facilkit.yamlio import dump, load_text
from tests.conftest import METHOD_YAML, write_method

FORMAT_CODES = {path.stem for path in (Path(facilkit.__file__).parent / "locale").glob("*.yaml")}
FORMAT_CODES.add("nn")
"""The codes the method format allows (docs/methods.md, "Text"): one per catalogue file, and
nn (read through nb). Stated here from the files on purpose, not taken from the code it checks."""
CODES_SAID = ", ".join(sorted(FORMAT_CODES))
"""How a message lists them."""


def allowed(text: object, required: tuple[str, ...]) -> bool:
    """The format's rules for one text, as the format states them."""
    if isinstance(text, str):
        return bool(text.strip()) and not required
    assert isinstance(text, dict)
    return (
        bool(text)
        and set(text) <= FORMAT_CODES
        and all(isinstance(value, str) and value.strip() for value in text.values())
        and set(required) <= set(text)
    )


WORDS = st.sampled_from(["", " ", "\u2028", "\t\n", "\xa0", "\u3000", "tekst", " text "])
TEXTS = st.one_of(
    WORDS,
    st.dictionaries(st.sampled_from([*sorted(FORMAT_CODES), "no", "xx", "EN"]), WORDS, max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(
    name=TEXTS,
    summary=TEXTS,
    tips=st.lists(TEXTS, max_size=3),
    question=TEXTS,
    variant_name=TEXTS,
    required=st.sampled_from([(), BUILTIN_LANGUAGES]),
)
def test_a_method_is_valid_exactly_when_every_text_follows_the_format(
    name: object,
    summary: object,
    tips: list[object],
    question: object,
    variant_name: object,
    required: tuple[str, ...],
) -> None:
    data: dict[str, Any] = load_text(METHOD_YAML.format(id="m")).data
    four = {"da": "Trin", "en": "Step", "nb": "Trinn", "sv": "Steg"}
    data |= {"name": name, "summary": summary, "tips": tips}
    data["steps"] = [{"title": four, "minutes": 5, "questions": [question]}]
    data["variants"] = [{"id": "short", "name": variant_name}]
    document = load_text(dump(data), "m.yaml")
    method, problems = check_method(document, "m", required)
    texts = [name, summary, *tips, question, variant_name]
    bad = [text for text in texts if not allowed(text, required)]
    assert (problems == []) == (bad == []), [str(p) for p in problems]
    assert (method is None) == bool(bad)
    assert len(problems) >= len(bad)  # every faulty text is reported, in one pass


def problems_for(tmp_path: Path, text: str) -> list[str]:
    """The problems of a method file ``m.yaml`` holding ``text``, as "line:column: message".

    Each must name the file first; that is checked here and then left out of what is returned.
    """
    path = write_method(tmp_path, "m", text)
    said = [str(problem) for problem in load_method(path)[1]]
    assert all(problem.startswith(f"{path}:") for problem in said), said
    return [problem.removeprefix(f"{path}:") for problem in said]


def test_every_wrong_code_of_a_text_is_named_at_its_own_key(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace(
        "{da: Et resumé., en: A summary.}", "{no: Et sammendrag., da: ' ', xx: Y, en: A.}"
    )
    assert problems_for(tmp_path, text) == [
        "3:11: language 'no' is not a code here; use 'nb' (bokmål) or 'nn' (nynorsk)",
        "3:35: the 'da' text is empty",
        f"3:40: unknown language 'xx'; use one of {CODES_SAID}",
    ]


def test_a_wrong_code_in_a_list_hides_nothing_after_it(tmp_path: Path) -> None:
    """The list is not left out for a wrong code: the other items are still checked."""
    text = METHOD_YAML.format(id="m") + "tips:\n  - {no: Tips}\n  - {da: Ok}\n  - {xx: Tip}\n"
    text = text.replace("min: 2, max: 8", "min: two, max: 8")
    assert problems_for(tmp_path, text) == [
        "7:19: group_size.min: expected a whole number, got text",
        "14:6: language 'no' is not a code here; use 'nb' (bokmål) or 'nn' (nynorsk)",
        f"16:6: unknown language 'xx'; use one of {CODES_SAID}",
    ]


def test_a_wrong_code_s_value_is_still_checked_as_text(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("en: A summary.", "nø: 5")
    (problem,) = problems_for(tmp_path, text)
    assert problem == "3:10: summary: expected text, got a whole number"


def test_a_variant_s_wrong_code_is_named_in_the_variant(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m") + "variants:\n  - id: short\n    name: {sw: Kort}\n"
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("15:12: unknown language 'sw'")


def test_a_word_of_unicode_spaces_is_empty_too(tmp_path: Path) -> None:
    """YAML trims spaces and tabs off a plain word, not U+00A0: that text is still empty."""
    text = METHOD_YAML.format(id="m").replace("en: A summary.", "en: \u00a0\u3000")
    (problem,) = problems_for(tmp_path, text)
    assert problem == "3:31: the 'en' text is empty"


def test_the_reader_knows_every_space_a_plain_word_can_start_with() -> None:
    """A file is walked for empty texts only when its reader saw one: the reader must know
    every character ``str.strip`` removes that YAML leaves on a plain word."""
    from facilkit.yamlio import load_text
    from facilkit.yamlio.tree import UNICODE_SPACES

    spaces = {chr(code) for code in range(0x110000) if chr(code).isspace()}
    yaml_trims = set(" \t\r\n")
    refused = set("\x0b\x0c\x1c\x1d\x1e\x1f")  # control characters: the reader refuses them
    assert spaces - yaml_trims - refused == UNICODE_SPACES
    assert min(UNICODE_SPACES) == "\x85"  # the reader's quick test for a word below them
    for space in sorted(UNICODE_SPACES - set("\x85\u2028\u2029")):  # those three break lines
        assert load_text(f"a: {space}").blank_text, hex(ord(space))
    assert not load_text("a: words\nb: [1, 'x']\nc: {d: e}").blank_text
    for blank in ("a: ''", "a: ' '", "a: {}", "a: |\n  \n", "a: [x, '']"):
        assert load_text(blank).blank_text, blank


def test_a_language_s_value_that_is_not_text_stops_nothing(tmp_path: Path) -> None:
    """msgspec names no key for it (``$.tips[0][...]``): the field is left out, the rest checked."""
    text = METHOD_YAML.format(id="m") + "tips:\n  - {da: Tip, en: 5}\n"
    text = text.replace("{min: 5, default: 10, max: 20}", "{min: 5, default: 30, max: 20}")
    assert problems_for(tmp_path, text) == [
        "14:5: tips.0: expected text, got a whole number",
        "6:11: duration must have min <= default <= max (now 5, 30, 20)",
    ]


def test_a_wrong_code_beside_all_five_is_named_too(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace(
        "{da: Metode m, en: Method m}", "{da: M, en: M, nb: M, nn: M, sv: M, fi: M}"
    )
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("2:43: unknown language 'fi'")
