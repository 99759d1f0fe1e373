"""A6 cards to print, four to an A4 sheet with cut marks.

One card per method the plan uses (its steps with the minutes the plan gives
them, and the questions), one per question set (a method whose point is its
questions), and one per station of a rotation (its theme and question). The
cards go to Typst as JSON data, like the PDF export.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilkit.export.build import method_slots, span
from facilkit.export.card import fitted_steps
from facilkit.export.document import Audience, Document
from facilkit.export.formats import Rendered
from facilkit.export.pdf import document_data, plain_data, typeset
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.library.model import Method, localize
from facilkit.plans.model import Plan
from facilkit.plans.schedule import Slot, schedule, slot_title

QUESTION_SET_CATEGORIES = ("questions", "sparring")
"""Methods whose questions are the tool: each gets a card of its questions."""


@dataclass(frozen=True)
class Item:
    text: str
    minutes: str = ""
    sub: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Card:
    kind: str
    title: str
    subtitle: str = ""
    lead: str = ""
    sections: tuple[Section, ...] = ()


def _when(slot: Slot, lang: str) -> str:
    return f"{span(slot.start, slot.end)} · {slot.minutes} {t('minutes', lang)}"


def method_card(slot: Slot, method: Method, minutes: int | None, lang: str) -> Card:
    """Name, when, the invitation, and the steps with their minutes and questions."""
    asks = method.category not in QUESTION_SET_CATEGORIES  # else its questions get a card
    steps = tuple(
        Item(
            step.title,
            f"{step.minutes} {t('minutes', lang)}" if step.minutes is not None else "",
            step.questions if asks else (),
        )
        for step in fitted_steps(method, lang, minutes)
    )
    title = slot.item.title or method.name_in(lang)
    subtitle = _when(slot, lang) + (
        "" if title == method.name_in(lang) else f" · {method.name_in(lang)}"
    )
    sections = (Section(t("steps", lang), steps, numbered=True),) if steps else ()
    return Card(
        t("export.card_method", lang), title, subtitle, localize(method.invitation, lang), sections
    )


def question_card(method: Method, lang: str) -> Card | None:
    """The method's questions, under the step they belong to."""
    sections = tuple(
        Section(localize(step.title, lang), tuple(Item(localize(q, lang)) for q in step.questions))
        for step in method.steps
        if step.questions
    )
    if not sections:
        return None
    return Card(t("export.card_questions", lang), method.name_in(lang), "", "", sections)


def station_cards(slot: Slot, lang: str) -> list[Card]:
    """One card per station: its number, theme and question."""
    rotation = slot.item.rotation
    if rotation is None:
        return []
    cards = []
    minutes = f"{rotation.round_minutes} {t('minutes', lang)}"
    for number in range(1, rotation.stations + 1):
        theme = rotation.themes[number - 1] if number <= len(rotation.themes) else None
        kind = f"{t('export.card_station', lang)} {number}"
        title = (theme.title.strip() if theme else "") or kind
        subtitle = f"{slot_title(slot, lang)} · {minutes}"
        cards.append(Card(kind, title, subtitle, theme.question.strip() if theme else ""))
    return cards


def plan_cards(plan: Plan, library: Library, lang: str) -> list[Card]:
    """Every card of the plan, in agenda order."""
    plan_schedule = schedule(plan, library)
    cards: list[Card] = []
    asked: set[str] = set()
    for slot, method, minutes in method_slots(plan_schedule, lang):
        cards.append(method_card(slot, method, minutes, lang))
        if method.category in QUESTION_SET_CATEGORIES and method.name_in(lang) not in asked:
            asked.add(method.name_in(lang))
            questions = question_card(method, lang)
            if questions is not None:
                cards.append(questions)
    for slot in plan_schedule.slots:
        cards += station_cards(slot, lang)
    return cards


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> Rendered:
    """The cards' PDF, for :func:`facilkit.export.formats.render`."""
    title = f"{plan.title.strip()} – {t('export.file.cards', lang)}"
    data = document_data(Document(title, lang), [])
    data["cards"] = plain_data(plan_cards(plan, library, lang))
    return typeset("cards.typ", data)
