"""Words the wizard reads and shows: dates as people write them, clock and date checks in the
plan's language, the timeline legend, and roles typed without a colon."""

from __future__ import annotations

import datetime as dt
from difflib import SequenceMatcher

import pytest

from facilkit.i18n import t, ui_languages
from facilkit.library.collection import Folder
from facilkit.library.loader import load_library
from facilkit.library.model import localize
from facilkit.paths import builtin_methods_dir
from facilkit.plans.dates import DateError, parse_date, weekday_key

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-03",
        "3.12.2026",
        "3/12",
        "3.12",
        "3.12.",
        "03.12.26",
        "3/12-2026",
        "3-12-2026",
        " 3 / 12 ",
        "3. december 2026",
        "3. desember 2026",
        "torsdag 3. desember 2026",
        "Thursday 3 December 2026",
        "3 dec",
        "3. des.",
        "03.12.2026",
    ],
)
def test_common_forms_mean_the_third_of_december(text: str) -> None:
    assert parse_date(text, TODAY) == dt.date(2026, 12, 3)


def test_a_day_already_past_this_year_is_next_year() -> None:
    assert parse_date("3/2", TODAY) == dt.date(2027, 2, 3)
    assert parse_date("24/11", TODAY) == TODAY


@pytest.mark.parametrize(
    "text", ["31/11", "halv to", "12/31/2026", "2026-13-01", "", "3. ma", "fredagen 3/12", "3 x"]
)
def test_not_a_date_says_how_to_write_one(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert "3.12.2026" in str(caught.value) or "no day" in str(caught.value)


def test_a_date_error_is_said_in_the_readers_language() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("halv to", TODAY)
    assert caught.value.text("da") == (
        "'halv to' er ikke en dato; skriv den som 3.12.2026, 3/12 eller 2026-12-03"
    )
    with pytest.raises(DateError) as caught:
        parse_date("31/11", TODAY)
    assert "ingen dag 31 i måned 11" in caught.value.text("da")


def test_weekday_in_every_language() -> None:
    key = weekday_key(dt.date(2026, 12, 3))
    assert [t(key, lang) for lang in ("da", "en", "nb", "sv")] == [
        "torsdag",
        "Thursday",
        "torsdag",
        "torsdag",
    ]


def test_plan_check_names_a_bad_date_and_clock_in_the_plan_language() -> None:
    from facilkit.library.collection import Library
    from facilkit.plans.checks import check_plan
    from facilkit.plans.storage import blank_plan

    plan = blank_plan("Møde", "da")
    plan.date, plan.start = "næste torsdag", "halv to"
    texts = [finding.message("da") for finding in check_plan(plan, Library(), "da")]
    assert "Start: 'halv to' er ikke et klokkeslæt; skriv det som 09:00 eller 9.00" in texts
    assert any("Datoen 'næste torsdag' kan ikke læses" in text for text in texts)
    plan.date = "3/12"
    assert not any("Datoen" in f.message("da") for f in check_plan(plan, Library(), "da"))


def test_the_legend_names_every_fill_of_the_timeline() -> None:
    from facilkit.tui.widgets.timeline import FILL

    for lang in ("da", "en", "nb", "sv"):
        legend = t("wiz.legend", lang)
        assert all(fill in legend for fill in FILL.values()), lang


def test_a_role_typed_without_a_colon_reaches_the_export() -> None:
    from facilkit.export.plan import export_markdown
    from facilkit.library.collection import Library
    from facilkit.plans.storage import blank_plan

    plan = blank_plan("Møde", "da")
    plan.roles = {"facilitator": "Anna", "timekeeper": "", "Observatør Per": ""}
    text = export_markdown(plan, Library(), "da")
    assert "Observatør Per" in text and "Anna" in text


FIELD_LABELS = {
    "intention": ["wiz.intention_label"],
    "desired-outcome": ["wiz.outcomes_label", "wiz.follow_up_label"],
}
"""The labels of a step's text fields, shown under the I DO ART method's guidance for it."""


@pytest.mark.parametrize("lang", ui_languages())
@pytest.mark.parametrize("step", sorted(FIELD_LABELS))
def test_a_field_label_does_not_ask_again_what_the_guidance_asks(lang: str, step: str) -> None:
    """The Intention step asked "What is the overall purpose of the meeting?" twice: once in
    the guidance above, once as its field's label (nb nearly word for word)."""
    method = load_library([Folder(builtin_methods_dir(), "builtin")]).get("i-do-art")
    assert method is not None
    guidance = next(found for found in method.steps if found.key == step)
    shown = [localize(guidance.how, lang), *(localize(q, lang) for q in guidance.questions)]
    for key in FIELD_LABELS[step]:
        label = t(key, lang).lower()
        for line in shown:
            alike = SequenceMatcher(None, label, line.lower()).ratio()
            assert alike < 0.6, f"{key} ({lang}) repeats the guidance's {line!r} ({alike:.2f})"
