"""Method variants: the format, its validation, and the method a variant runs."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from facilkit.library.loader import Folder, load_library
from facilkit.library.model import Method, Variant
from facilkit.library.validate import load_method
from tests.conftest import write_method

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_METHODS = FIXTURES / "methods"

HEAD = """\
id: m
name: {da: Metode, en: Method}
summary: {da: Resumé., en: Summary.}
category: sparring
process: none
duration: {min: 10, default: 20, max: 30}
group_size: {min: 4, max: 8}
steps:
  - title: {da: Trin, en: Step}
    minutes: 10
source: {text: Test}
variants:
"""


def fixture_method() -> Method:
    method, problems = load_method(FIXTURE_METHODS / "case-sparring.yaml", ("da", "en"))
    assert problems == [] and method is not None
    return method


def problems_for(tmp_path: Path, variants: str, required: tuple[str, ...] = ()) -> list[str]:
    path = write_method(tmp_path, "m", HEAD + variants)
    method, problems = load_method(path, required)
    assert (method is None) == bool(problems)
    return [str(p).removeprefix(str(path) + ":") for p in problems]


def test_fixture_method_reads_its_variants() -> None:
    method = fixture_method()
    assert [variant.id for variant in method.variants] == ["in-pairs", "with-observer"]
    pairs = method.variants[0]
    assert isinstance(pairs, Variant) and pairs.duration is not None
    assert (pairs.duration.default, pairs.group_size and pairs.group_size.max) == (20, None)
    assert pairs.roles is None and pairs.invitation is None  # not given: the method's


def test_a_variant_runs_with_its_own_fields_over_the_methods() -> None:
    method = fixture_method()
    pairs = method.with_variant("in-pairs")
    assert pairs is not None and pairs.id == "case-sparring"
    assert pairs.name_in("en") == "Case sparring – In pairs"
    assert pairs.name_in("da") == "Sagssparring – To og to"
    assert (pairs.duration.default, pairs.group_size.min, pairs.group_size.max) == (20, 2, None)
    assert [step.minutes for step in pairs.steps] == [10, 10]
    assert pairs.invitation == method.invitation and pairs.materials == method.materials
    assert pairs.variants == [] and pairs.source == method.source

    observer = method.with_variant("with-observer")
    assert observer is not None
    assert observer.steps == method.steps and observer.duration == method.duration
    assert (observer.group_size.min, observer.group_size.max) == (5, 8)
    assert observer.source.text == method.source.text
    assert observer.source.adapted == {
        "da": "En observatør giver til sidst feedback på spørgsmålene.",
        "en": "An observer gives feedback on the questions at the end.",
    }
    assert method.with_variant("nope") is None and method.find_variant("nope") is None


def test_a_method_without_variants_is_unchanged(tmp_path: Path) -> None:
    method, problems = load_method(write_method(tmp_path, "plain"))
    assert problems == [] and method is not None and method.variants == []


def test_the_cache_keeps_variants(tmp_path: Path) -> None:
    folder = tmp_path / "methods"
    folder.mkdir()
    copy = folder / "case-sparring.yaml"
    shutil.copy(FIXTURE_METHODS / "case-sparring.yaml", copy)
    stamp = time.time() - 10  # old enough for the cache to trust
    os.utime(copy, (stamp, stamp))
    cold = load_library([Folder(folder, "user")], tmp_path / "cache")
    warm = load_library([Folder(folder, "user")], tmp_path / "cache")
    entry = warm.entries["case-sparring"]
    assert entry._method is None  # from the cache, decoded on demand
    assert entry.method.variants == cold.entries["case-sparring"].method.variants
    assert len(entry.method.variants) == 2


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (
            "  - id: short\n    name: Short\n    duration: {min: 0, default: 5, max: 10}\n",
            ["15:21: variant 'short': duration.min must be at least 1 minute"],
        ),
        (
            "  - id: short\n    name: Short\n    duration: {min: 10, default: 5, max: 20}\n",
            ["15:15: variant 'short': duration must have min <= default <= max (now 10, 5, 20)"],
        ),
        (  # the method's 10 step minutes do not fit the variant's max of 8
            "  - id: short\n    name: Short\n    duration: {min: 5, default: 5, max: 8}\n",
            ["15:15: variant 'short': the steps add up to 10 minutes, more than duration.max 8"],
        ),
        (
            "  - id: long\n    name: Long\n    steps:\n"
            "      - title: A\n        minutes: 25\n      - title: B\n        minutes: 10\n",
            ["16:7: variant 'long': the steps add up to 35 minutes, more than duration.max 30"],
        ),
        (
            "  - id: big\n    name: Big\n    group_size: {min: 0, max: 8}\n",
            ["15:23: variant 'big': group_size.min must be at least 1"],
        ),
        (
            "  - id: big\n    name: Big\n    group_size: {min: 9, max: 3}\n",
            ["15:17: variant 'big': group_size.max 3 is smaller than min 9"],
        ),
        (
            "  - id: twin\n    name: A\n  - id: twin\n    name: B\n",
            ["15:9: variant id 'twin' is already used by variant 1; give each variant its own id"],
        ),
        (
            "  - id: Not Valid\n    name: A\n",
            ["13:9: variant id must be lowercase letters, digits and hyphens, like 'in-pairs'"],
        ),
        ("  - id: nameless\n", ["13:5: variants.0: required field 'name' is missing"]),
        (
            "  - id: odd\n    name: Odd\n    colour: red\n",
            [
                "15:5: unknown field 'colour'; known fields here: id, name, summary, "
                "duration, group_size, invitation, steps, roles, materials, tips, adapted"
            ],
        ),
        (
            "  - id: odd\n    name: Odd\n    duration: 20\n",
            ["15:15: variants.0.duration: expected a mapping, got a whole number"],
        ),
        ("  - id: fine\n    name: {da: Fin, en: Fine}\n    group_size: {min: 2}\n", []),
    ],
)
def test_variant_rules_point_at_the_variant(
    tmp_path: Path, variants: str, expected: list[str]
) -> None:
    assert problems_for(tmp_path, variants) == expected


def test_a_fault_of_the_method_is_reported_once_not_per_variant(tmp_path: Path) -> None:
    text = (HEAD + "  - id: a\n    name: A\n  - id: b\n    name: B\n").replace("max: 30", "max: 5")
    path = write_method(tmp_path, "m", text)
    _, problems = load_method(path)
    assert [p.message for p in problems] == [
        "duration must have min <= default <= max (now 10, 20, 5)",
        "the steps add up to 10 minutes, more than duration.max 5",
    ]


def test_variant_texts_follow_the_language_rules(tmp_path: Path) -> None:
    variants = (
        "  - id: pairs\n"
        "    name: {da: To og to}\n"
        "    steps:\n"
        "      - title: {da: Trin, en: Step}\n"
        "        questions:\n"
        "          - {da: Hvad så?, no: Hva da?}\n"
    )
    assert problems_for(tmp_path, variants, ("da", "en")) == [
        "14:11: missing language en (built-in methods need da, en)",
        "18:28: language 'no' is not a code here; use 'nb' (bokmål) or 'nn' (nynorsk)",
        "18:13: missing language en (built-in methods need da, en)",
    ]
