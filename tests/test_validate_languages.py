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

from facilkit.library.model import BUILTIN_LANGUAGES
from facilkit.library.validate import check_method, load_method
from facilkit.yamlio import dump, load_text
from tests.conftest import METHOD_YAML, write_method

FORMAT_CODES = {"da", "en", "nb", "nn", "sv"}
"""The codes the method format allows (ARCHITECTURE.md, the method format), written out here
on purpose: the test must not take them from the code it checks."""


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


WORDS = st.sampled_from(["", " ", "\u2028", "\t\n", "tekst", " text "])
TEXTS = st.one_of(
    WORDS,
    st.dictionaries(
        st.sampled_from(["da", "en", "nb", "nn", "sv", "no", "xx", "EN"]), WORDS, max_size=4
    ),
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
    return [str(problem) for problem in load_method(write_method(tmp_path, "m", text))[1]]


def test_every_wrong_code_of_a_text_is_named_at_its_own_key(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace(
        "{da: Et resumé., en: A summary.}", "{no: Et sammendrag., da: ' ', xx: Y, en: A.}"
    )
    path = f"{tmp_path}/m.yaml"
    assert problems_for(tmp_path, text) == [
        f"{path}:3:11: language 'no' is not a code here; use 'nb' (bokmål) or 'nn' (nynorsk)",
        f"{path}:3:35: the 'da' text is empty",
        f"{path}:3:40: unknown language 'xx'; use one of da, en, nb, nn, sv",
    ]


def test_a_wrong_code_in_a_list_hides_nothing_after_it(tmp_path: Path) -> None:
    """The list is not left out for a wrong code: the other items are still checked."""
    text = METHOD_YAML.format(id="m") + "tips:\n  - {no: Tips}\n  - {da: Ok}\n  - {xx: Tip}\n"
    text = text.replace("min: 2, max: 8", "min: two, max: 8")
    path = f"{tmp_path}/m.yaml"
    assert problems_for(tmp_path, text) == [
        f"{path}:7:19: group_size.min: expected a whole number, got text",
        f"{path}:14:6: language 'no' is not a code here; use 'nb' (bokmål) or 'nn' (nynorsk)",
        f"{path}:16:6: unknown language 'xx'; use one of da, en, nb, nn, sv",
    ]


def test_a_wrong_code_s_value_is_still_checked_as_text(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("en: A summary.", "nø: 5")
    (problem,) = problems_for(tmp_path, text)
    assert problem == f"{tmp_path}/m.yaml:3:10: summary: expected text, got a whole number"


def test_a_variant_s_wrong_code_is_named_in_the_variant(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m") + "variants:\n  - id: short\n    name: {sw: Kort}\n"
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith(f"{tmp_path}/m.yaml:15:12: unknown language 'sw'")


def test_the_quick_list_of_texts_holds_every_text_the_walk_words() -> None:
    """The check every method passes and the walk that words a fault see the same texts."""
    from facilkit.library.loader import Folder, load_library
    from facilkit.library.validate import _text_values, texts
    from facilkit.paths import builtin_methods_dir

    every_field = load_text(METHOD_YAML.format(id="m")).data | {
        "invitation": "Kom",
        "roles": ["R"],
        "materials": ["M"],
        "tips": ["T1", "T2"],
        "source": {"text": "S", "adapted": "A"},
        "steps": [{"title": "T", "how": "H", "questions": ["Q1", "Q2"]}, {"title": "T2"}],
        "variants": [
            {"id": "v", "name": "V"},
            {
                "id": "w",
                "name": "W",
                **{field: field for field in ("summary", "invitation", "adapted")},
                **{field: [field] for field in ("roles", "materials", "tips")},
                "steps": [{"title": "VT", "how": "VH", "questions": ["VQ"]}],
            },
        ],
    }
    method, problems = check_method(load_text(dump(every_field), "m.yaml"), "m")
    assert problems == [] and method is not None
    methods = [
        method,
        *(entry.method for entry in load_library([Folder(builtin_methods_dir(), "builtin")])),
    ]
    for each in methods:
        walked = [text for _, text in texts(each)]
        assert list(map(id, _text_values(each))) == list(map(id, walked)), each.id
    assert len(_text_values(method)) == 24
