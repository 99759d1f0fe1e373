"""Cards (A6 on A4), the calendar event and the invitation text, read back."""

from __future__ import annotations

import io
from datetime import datetime

import icalendar
import pypdf
import pytest

from facilkit.export.cards import plan_cards
from facilkit.export.formats import ExportError, render
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.storage import load_plan
from tests.export_helpers import (
    EXAMPLES,
    HOSTILE_PARTS,
    RTL,
    clock_times_and_titles,
    hostile_plan,
    squash,
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


def plain(text: str) -> str:
    return squash(text).replace("\u200b", "")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_cards_one_per_method_question_set_and_station(lang: str, library: Library) -> None:
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    cards = plan_cards(plan, library, lang)
    methods = [c for c in cards if c.kind in ("Metode", "Method")]
    questions = [c for c in cards if c.kind in ("Spørgsmål", "Questions")]
    assert len(methods) == sum(1 for item in plan.agenda if item.method)
    assert {c.title for c in questions} == {
        library.get("bridge-building-questions").name_in(lang),  # type: ignore[union-attr]
        library.get("question-types").name_in(lang),  # type: ignore[union-attr]
    }
    reader = pypdf.PdfReader(io.BytesIO(render("cards", plan, library, lang)))
    assert len(reader.pages) == -(-len(cards) // 4)  # four to a sheet
    assert all(round(float(p.mediabox.width)) == 595 for p in reader.pages)
    text = plain("".join(page.extract_text() for page in reader.pages))
    for card in cards:
        assert plain(card.title) in text
    check_in = methods[0]
    assert [item.minutes for item in check_in.sections[0].items] == ["1 min", "9 min"]


def test_station_cards_show_each_theme_and_question(library: Library) -> None:
    plan = load_plan(EXAMPLES["station-rotation-afternoon"])
    rotation = plan.agenda[3].rotation
    assert rotation is not None and len(rotation.themes) == rotation.stations == 7
    stations = [c for c in plan_cards(plan, library, "da") if c.kind.startswith("Station ")]
    assert [c.title for c in stations] == [theme.title for theme in rotation.themes]
    assert stations[2].lead == rotation.themes[2].question
    data = render("cards", plan, library, "da")
    text = plain("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    for theme in rotation.themes:
        assert plain(theme.question) in text
    run_plan = render("md", plan, library, "da").decode("utf-8")
    assert "| 5 | 15:50" in run_plan.replace("\u2060", "") and "5 · Organisering" in run_plan


@pytest.mark.parametrize("zone", [None, "Europe/Oslo", "Europe/Stockholm"])
def test_calendar_event_in_the_plans_time_zone(zone: str | None, library: Library) -> None:
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    plan.timezone = zone
    calendar = icalendar.Calendar.from_ical(render("ics", plan, library, "da"))
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert isinstance(start, datetime) and start.isoformat() == "2026-12-03T13:00:00+01:00"
    assert end.isoformat() == "2026-12-03T15:00:00+01:00"
    assert str(start.tzinfo) == (zone or "Europe/Copenhagen")
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == (zone or "Europe/Copenhagen")
    assert str(event["summary"]) == plan.title and str(event["location"]) == plan.location
    description = str(event["description"])
    assert "14:15–14:35" in description and "Sparring på en udfordring" in description
    assert plan.agenda[0].notes not in description  # the participants' handout


def test_calendar_needs_a_date_and_a_real_zone(library: Library) -> None:
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    plan.date = "3. december"
    with pytest.raises(ExportError, match="YYYY-MM-DD"):
        render("ics", plan, library, "da")
    plan.date, plan.timezone = "2026-12-03", "Europe/Nowhere"
    with pytest.raises(ExportError, match="Europe/Oslo"):
        render("ics", plan, library, "da")


@pytest.mark.parametrize("lang", ["da", "en", "nb", "sv"])
def test_invitation_speaks_the_plans_language(lang: str, library: Library) -> None:
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    text = render("invitation", plan, library, lang).decode("utf-8")
    lead = {
        "da": "Du er inviteret til",
        "en": "You are invited to",
        "nb": "Du er invitert til",
        "sv": "Du är inbjuden till",
    }
    assert text.startswith(f"{lead[lang]} {plan.title}.")
    for needed in clock_times_and_titles(plan, library, lang):
        assert needed in text


def test_hostile_text_through_cards_calendar_and_invitation(library: Library) -> None:
    plan = hostile_plan()
    data = render("cards", plan, library, "en")
    cards = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    event = icalendar.Calendar.from_ical(render("ics", plan, library, "en")).walk("VEVENT")[0]
    invitation = render("invitation", plan, library, "en").decode("utf-8")
    for text in (cards, str(event["summary"]), str(event["description"]), invitation):
        for part in HOSTILE_PARTS:
            if part == RTL:
                assert all(word in text for word in part.split())
            else:
                assert plain(part) in plain(text), part
