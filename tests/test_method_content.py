"""The built-in library's content: right sources, no internal words, the whole practice.

These tests read the shipped methods and templates as a trainer would judge them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from facilkit.library.loader import Folder, Library, load_library
from facilkit.library.model import Method, localize
from facilkit.paths import builtin_methods_dir, plan_templates_dir
from facilkit.yamlio import load_file

TEMPLATES = sorted(plan_templates_dir().glob("*.yaml"))
INTERNAL_WORD = re.compile(r"\bseeds?\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


def strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside ``value`` with the path that leads to it."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{where}[{index}]")


def test_strings_walks_nested_text() -> None:
    found = dict(strings({"a": ["x", {"b": "seed 000"}], "n": 3}))
    assert found == {".a[0]": "x", ".a[1].b": "seed 000"}


def test_no_method_text_says_seed(library: Library) -> None:
    offending = [
        f"{entry.id}{where}: {text}"
        for entry in library
        for where, text in strings(msgspec.to_builtins(entry.method))
        if INTERNAL_WORD.search(text)
    ]
    assert offending == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.stem)
def test_no_template_text_says_seed(path: Path) -> None:
    offending = [
        f"{where}: {text}"
        for where, text in strings(load_file(path).data)
        if INTERNAL_WORD.search(text)
    ]
    assert offending == []


def test_the_internal_word_is_caught() -> None:
    assert INTERNAL_WORD.search("Norwegian network evaluation (seed 000)")
    assert INTERNAL_WORD.search("Seeds")
    assert not INTERNAL_WORD.search("seeded") and not INTERNAL_WORD.search("proceeds")


def source_of(library: Library, method_id: str) -> str:
    method = library.get(method_id)
    assert method is not None, method_id
    return localize(method.source.text, "en")


@pytest.mark.parametrize(
    ("method_id", "must_cite"),
    [
        ("gamemaster", ["Thorkil Molly-Søholm", "Jacob Storch", "Jane Clemensen", "ATTRACTOR"]),
        ("gamemaster", ["Coaching – at være gamemaster", "Lang", "Cronen"]),
        ("reflecting-team", ["Tom Andersen", "Family Process 26(4), 1987", "Tromsø", "1985"]),
        ("question-types", ["Karl Tomm", "Interventive interviewing: Part III"]),
        ("question-types", ["Family Process 27(1), 1988"]),
        ("knowing-not-knowing", ["Anderson", "Goolishian", "1992", "not-knowing approach"]),
        ("action-learning", ["Revans", "Krystyna Weinstein", "Action Learning: A Practical Guide"]),
        ("learning-culture-scale", ["de Shazer", "Berg", "Tingleff-Nielsen"]),
        ("open-and-close", ["Kaner", "Facilitator's Guide to Participatory Decision-Making"]),
        ("i-do-art", ["Hyper Island", "IDOARRT"]),
        ("ugu", ["Rosdahl", "motivational interviewing"]),
    ],
)
def test_canonical_sources(library: Library, method_id: str, must_cite: list[str]) -> None:
    source = source_of(library, method_id)
    assert [part for part in must_cite if part not in source] == []


def test_station_rotation_is_a_carousel_not_world_cafe(library: Library) -> None:
    method = library.get("station-rotation")
    assert method is not None
    everything = " ".join(text for _, text in strings(msgspec.to_builtins(method))).casefold()
    assert "world café" not in everything and "world cafe" not in everything
    assert "carousel" in everything


def test_question_types_name_both_axes(library: Library) -> None:
    method = library.get("question-types")
    assert method is not None
    english = " ".join(
        text for where, text in strings(msgspec.to_builtins(method)) if ".en" in where
    )
    for word in ("lineal", "circular", "orienting", "influencing"):
        assert word in english
    captain = next(s for s in method.steps if "captain" in str(s.title))
    assert "Lineal assumptions, influencing intent" in str(captain.how)


FOUR_LANGUAGES = {"da", "en", "nb", "sv"}
TEXT_FIELDS = {"name", "summary", "invitation", "title", "how", "adapted"}
TEXT_LISTS = {"questions", "roles", "materials", "tips"}


def texts(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every text field (a string or a language mapping) inside a method, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}"
            if key in TEXT_FIELDS and item is not None:
                yield path, item
            elif key in TEXT_LISTS and item is not None:
                for index, text in enumerate(item):
                    yield f"{path}[{index}]", text
            else:
                yield from texts(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{where}[{index}]")


def test_texts_finds_every_kind_of_text() -> None:
    method = {"name": "n", "steps": [{"title": {"da": "t"}, "questions": ["q"]}], "tags": ["x"]}
    assert dict(texts(method)) == {
        ".name": "n",
        ".steps[0].title": {"da": "t"},
        ".steps[0].questions[0]": "q",
    }


def test_every_builtin_text_is_in_four_languages(library: Library) -> None:
    """Danish, Norwegian bokmål, Swedish and English in every text, variants included."""
    incomplete = [
        f"{entry.id}{where}"
        for entry in library
        for where, text in texts(msgspec.to_builtins(entry.method))
        if not isinstance(text, dict)
        or set(text) != FOUR_LANGUAGES
        or not all(value.strip() for value in text.values())
    ]
    assert incomplete == []


def forms(library: Library) -> Iterator[tuple[str, Method]]:
    """Every built-in method and every variant of it, as the method that runs."""
    for entry in library:
        method = entry.method
        yield entry.id, method
        for variant in method.variants or []:
            applied = method.with_variant(variant.id)
            assert applied is not None
            yield f"{entry.id}/{variant.id}", applied


def test_step_minutes_add_up_to_the_default(library: Library) -> None:
    """When every step has minutes they fill the usual duration; otherwise they leave room."""
    wrong = []
    for name, method in forms(library):
        minutes = [step.minutes for step in method.steps]
        given = sum(m for m in minutes if m)
        complete = all(m is not None for m in minutes)
        if (complete and given != method.duration.default) or given > method.duration.default:
            wrong.append(f"{name}: steps {given} min, default {method.duration.default} min")
    assert wrong == []


def test_ugu_in_pairs_suits_a_group_of_six(library: Library) -> None:
    ugu = library.get("ugu")
    assert ugu is not None
    pairs = ugu.with_variant("pairs")
    assert pairs is not None
    assert not ugu.group_size.suits(6) and pairs.group_size.suits(6)


def test_reflecting_team_variants_are_the_case_and_the_network_form(library: Library) -> None:
    method = library.get("reflecting-team")
    assert method is not None
    case, network = method.with_variant("case"), method.with_variant("network")
    assert case is not None and network is not None
    assert (case.group_size.min, case.group_size.max) == (6, 10)
    interviewer = str(network.steps[0].how)
    assert "tydeliggjør relasjonene" in interviewer and "relations" in interviewer
