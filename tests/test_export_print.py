"""Markdown that prints: no raw HTML, no '[ ]', separate step lines; the participants' handout; fitted step minutes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from facilkit.export.card import fitted_steps, method_card
from facilkit.export.plan import export_markdown
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
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


METHODS = load_library([Folder(builtin_methods_dir(), "builtin")])


@given(
    method_id=st.sampled_from(sorted(METHODS.entries)),
    minutes=st.integers(min_value=1, max_value=240),
)
def test_card_step_minutes_add_up_to_the_items_minutes(method_id: str, minutes: int) -> None:
    method = METHODS.get(method_id)
    assert method is not None
    steps = fitted_steps(method, "en", minutes)
    written = [step.minutes for step in method.steps]
    if written and all(m is not None and m > 0 for m in written):
        assert sum(step.minutes or 0 for step in steps) == minutes
    for before, after in zip(written, steps, strict=True):
        assert (before is None) == (after.minutes is None)
