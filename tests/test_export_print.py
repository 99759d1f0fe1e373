"""Markdown that prints: no raw HTML, no '[ ]', separate step lines; the participants' handout; fitted step minutes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from facilkit.export.card import method_card
from facilkit.export.plan import export_markdown
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.schedule import fitted_step_minutes
from facilkit.plans.storage import load_plan
from tests.export_helpers import EXAMPLES, clock_times_and_titles, squash


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_markdown_prints_without_html_or_brackets(name: str, library: Library) -> None:
    text = export_markdown(load_plan(EXAMPLES[name]), library, "da")
    assert "<br>" not in text and "[ ]" not in text
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    assert "&lt;br&gt;" not in html
    assert "<th></th>" not in html  # no empty header rows
    # clock ranges are glued with word joiners, so they cannot wrap at the dash
    assert re.search(r"\d\d:\d\d\u2060–\u2060\d\d:\d\d", text)


def test_step_title_and_text_render_on_separate_lines(library: Library) -> None:
    card = method_card(library.get("check-in"), "en")  # type: ignore[arg-type]
    html = MarkdownIt("commonmark").render(card)
    assert re.search(r"<strong>Find a partner</strong> \(1 min\)<br />\s*Stand up", html)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_participants_handout_has_times_and_titles_but_no_notes_or_cards(
    lang: str, library: Library
) -> None:
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    text = export_markdown(plan, library, lang, "participants")
    for needed in clock_times_and_titles(plan, library, lang):
        assert squash(needed) in squash(text)
    assert plan.agenda[0].notes not in text and plan.follow_up[:30] not in text
    assert "Nøgleperson" not in text  # no responsible column, no roles
    assert "###" not in text  # no method cards
    assert plan.rules[0] in text and plan.desired_outcomes[0] in text


def test_card_steps_fit_the_items_minutes(library: Library) -> None:
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    text = export_markdown(plan, library, "en")
    card = text[text.index("### Check-in") :]
    assert "**Find a partner** (1 min)" in card and "**Talk in pairs** (9 min)" in card


@given(
    steps=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=12),
    minutes=st.integers(min_value=1, max_value=600),
)
def test_fitted_minutes_add_up_exactly(steps: list[int], minutes: int) -> None:
    fitted = fitted_step_minutes(list(steps), sum(steps) or 1, minutes)
    assert all(isinstance(m, int) and m >= 0 for m in fitted)
    if sum(steps) > 0:
        assert sum(m or 0 for m in fitted) == minutes


@given(
    steps=st.lists(st.one_of(st.none(), st.integers(1, 30)), min_size=2, max_size=8).filter(
        lambda s: None in s and any(s)
    ),
    default=st.integers(5, 120),
    minutes=st.integers(1, 240),
)
def test_partly_timed_steps_scale_by_the_same_ratio(
    steps: list[int | None], default: int, minutes: int
) -> None:
    fitted = fitted_step_minutes(steps, default, minutes)
    for before, after in zip(steps, fitted, strict=True):
        if before is None:
            assert after is None
        else:
            assert after is not None and abs(after - before * minutes / default) <= 1
