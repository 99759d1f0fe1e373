"""Variants in plans: the checks, the exported cards (goldens) and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilkit.export.plan import export_markdown
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.checks import Finding, check_plan
from facilkit.plans.model import AgendaItem, Plan, new_plan
from facilkit.plans.schedule import schedule
from facilkit.plans.storage import load_plan, parse_plan, plan_to_yaml
from tests.test_cli_methods import run

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "plans" / "sparring-forms.yaml"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def library() -> Library:
    folders = [Folder(builtin_methods_dir(), "builtin"), Folder(FIXTURES / "methods", "user")]
    loaded = load_library(folders)
    assert loaded.errors == []
    return loaded


def one_item_plan(participants: int | None, **item: object) -> Plan:
    plan = new_plan("t", "en")
    plan.participants = participants
    plan.agenda = [AgendaItem(**item)]  # type: ignore[arg-type]
    return plan


def item_findings(plan: Plan, library: Library) -> dict[str, Finding]:
    return {f.code: f for f in check_plan(plan, library, "en") if f.item == 0}


def test_the_plan_file_keeps_the_variant_beside_the_method() -> None:
    plan = load_plan(PLAN)
    assert (plan.agenda[1].method, plan.agenda[1].variant) == ("case-sparring", "in-pairs")
    assert plan.agenda[4].variant is None
    text = plan_to_yaml(plan)
    assert "- method: case-sparring\n  variant: in-pairs\n  minutes: 20\n" in text
    assert parse_plan(text)[0] == plan


def test_checks_use_the_variants_group_size(library: Library) -> None:
    """Three people are too few for the method (4-8), and fine for its pair form (2 or more)."""
    method_only = item_findings(one_item_plan(3, method="case-sparring", minutes=30), library)
    assert method_only["too_few"].message("en") == (
        "Case sparring needs at least 4 participants; the plan has 3."
    )
    pairs = one_item_plan(3, method="case-sparring", variant="in-pairs", minutes=20)
    assert item_findings(pairs, library) == {}
    many = one_item_plan(12, method="case-sparring", variant="in-pairs", minutes=20)
    assert item_findings(many, library) == {}  # pairs within a group: no upper limit
    observer = one_item_plan(9, method="case-sparring", variant="with-observer", minutes=30)
    assert item_findings(observer, library)["too_many"].message("en") == (
        "Case sparring – With an observer suits at most 8 participants; the plan has 9."
    )


def test_checks_use_the_variants_minutes(library: Library) -> None:
    long_pairs = one_item_plan(6, method="case-sparring", variant="in-pairs", minutes=40)
    assert item_findings(long_pairs, library)["too_long"].message("en") == (
        "Case sparring – In pairs has 40 min; the method is meant for at most 30 min."
    )
    short_pairs = one_item_plan(6, method="case-sparring", variant="in-pairs", minutes=15)
    assert item_findings(short_pairs, library) == {}  # too short for the method, not the pair form
    short = one_item_plan(6, method="case-sparring", minutes=15)
    assert set(item_findings(short, library)) == {"too_short"}


def test_an_unknown_variant_is_an_error_naming_the_item(library: Library) -> None:
    plan = one_item_plan(6, method="case-sparring", variant="in-threes", minutes=30)
    found = item_findings(plan, library)
    assert found["unknown_variant"].severity == "error"
    assert found["unknown_variant"].message("en") == (
        "Item 1 (Case sparring): the method has no variant 'in-threes'. "
        "Choose one of: in-pairs, with-observer."
    )
    assert "Punkt 1 (Sagssparring)" in check_plan(plan, library, "da")[0].message("da")
    slot = schedule(plan, library).slots[0]  # it still runs, as the method itself
    assert slot.method is not None and slot.method.name_in("en") == "Case sparring"


def test_a_variant_needs_a_method(library: Library) -> None:
    free = item_findings(one_item_plan(6, title="Talk", variant="pairs", minutes=15), library)
    assert free["variant_without_method"].message("en") == (
        "Item 1 has 'variant: pairs' but no method; a variant belongs to a library method."
    )


def test_a_variant_of_a_method_without_variants(tmp_path: Path) -> None:
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "plain.yaml").write_text(
        (FIXTURES / "methods" / "case-sparring.yaml")
        .read_text(encoding="utf-8")
        .replace("id: case-sparring", "id: plain")
        .split("variants:")[0],
        encoding="utf-8",
    )
    library = load_library([Folder(folder, "user")])
    found = item_findings(one_item_plan(6, method="plain", variant="pairs", minutes=30), library)
    assert found["no_variants"].message("en") == (
        "Item 1 (Case sparring): the method has no variants, "
        "so 'variant: pairs' cannot be used. Remove it."
    )


def test_the_example_plan_is_clean(library: Library) -> None:
    assert check_plan(load_plan(PLAN), library, "en") == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_export_of_a_plan_with_variants(
    lang: str, library: Library, request: pytest.FixtureRequest
) -> None:
    text = export_markdown(load_plan(PLAN), library, lang)
    golden = GOLDEN / f"sparring-forms.{lang}.md"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_export_prints_each_variants_card_once(library: Library) -> None:
    plan = load_plan(PLAN)
    plan.agenda.append(AgendaItem(method="case-sparring", variant="in-pairs", minutes=20))
    text = export_markdown(plan, library, "en")
    assert text.count("### Case sparring – In pairs\n") == 1
    assert text.count("### Case sparring – With an observer\n") == 1
    assert text.count("### Case sparring\n") == 1
    pairs_card = text.split("### Case sparring – In pairs\n")[1].split("\n### ")[0]
    assert (
        "**Group size:** 2 or more" in pairs_card and "1. **One presents** (10 min)" in pairs_card
    )
    assert "Variants" not in pairs_card  # a variant's card does not list the others
    method_card = text.split("### Case sparring\n")[1].split("\n### ")[0]
    assert (
        "#### Variants\n\n- In pairs · 10–30 min (20 min) · 2 or more: "
        "Two colleagues take turns sparring with each other.\n"
        "- With an observer · 20–45 min (30 min) · 5–8 people\n"
    ) in method_card


LIBRARY_ARGS = ("--library", str(FIXTURES / "methods"))


def test_methods_show_json_has_the_variants(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "methods", "show", "case-sparring", "--json", *LIBRARY_ARGS)
    data = json.loads(out)
    assert code == 0 and data["id"] == "case-sparring"
    assert [variant["id"] for variant in data["variants"]] == ["in-pairs", "with-observer"]
    assert data["variants"][0]["duration"] == {"min": 10, "default": 20, "max": 30}
    assert data["variants"][1] == {
        "id": "with-observer",
        "name": {"da": "Med observatør", "en": "With an observer"},
        "group_size": {"min": 5, "max": 8},
        "roles": [{"da": "observatør", "en": "observer"}],
        "adapted": {
            "da": "En observatør giver til sidst feedback på spørgsmålene.",
            "en": "An observer gives feedback on the questions at the end.",
        },
    }


def test_methods_show_one_variant(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("methods", "show", "case-sparring", "--variant", "in-pairs", *LIBRARY_ARGS)
    code, out, _ = run(capsys, *args, "--lang", "da")
    assert code == 0 and out.startswith("# Sagssparring – To og to\n")
    assert "**Gruppestørrelse:** 2 eller flere" in out
    code, out, _ = run(capsys, *args, "--json")
    data = json.loads(out)
    assert data["variant"] == "in-pairs" and data["group_size"] == {"min": 2, "max": None}
    assert data["name"]["en"] == "Case sparring – In pairs" and data["variants"] == []
    code, _, err = run(capsys, "methods", "show", "case-sparring", "--variant", "x", *LIBRARY_ARGS)
    assert code == 2
    assert err == (
        "facilkit: method 'case-sparring' has no variant 'x'; "
        "its variants are in-pairs, with-observer\n"
    )


def test_plan_check_names_the_item_with_an_unknown_variant(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        PLAN.read_text(encoding="utf-8").replace("variant: with-observer", "variant: observer"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "plan", "check", str(broken), *LIBRARY_ARGS, "--lang", "en")
    assert code == 1
    assert f"{broken}: error (item 4): Item 4 (Case sparring): the method has no variant " in out
