"""The card's Markdown renderer: what a card has is drawn, anything else stays plain text."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from facilkit.export.card import method_card
from facilkit.library.loader import Folder, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.tui.widgets.card_markdown import CardStyles, render_markdown

STYLES = CardStyles(title=Style(bold=True, color="red"), marker=Style(color="blue"))


def lines_of(text: str, width: int = 40) -> list[str]:
    console = Console(width=width, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    rendered = console.render_lines(render_markdown(text, STYLES), pad=False)
    return ["".join(segment.text for segment in line).rstrip() for line in rendered]


def styles_of(text: str, word: str) -> list[Style]:
    console = Console(width=60, file=open("/dev/null", "w"))  # noqa: SIM115
    rendered = console.render_lines(render_markdown(text, STYLES), pad=False)
    return [s.style for line in rendered for s in line if word in s.text and s.style]


def test_a_real_card_keeps_its_structure() -> None:
    ugu = load_library([Folder(builtin_methods_dir(), "builtin")]).get("ugu")
    assert ugu is not None
    lines = lines_of(method_card(ugu, "en"), width=80)
    assert lines[0] == "UGU: explore, give, explore"
    assert "1. Explore the need (5 min)" in lines
    assert "   Find out what your colleague needs before you give anything." in lines
    assert "   • What is your challenge?" in lines  # a question, under its step
    assert "• colleague with a challenge" in lines
    assert not any("**" in line or line.startswith("#") for line in lines)


def color_name(style: Style) -> str | None:
    return style.color.name if style.color is not None else None


def test_headings_and_markers_take_the_stylesheet_styles() -> None:
    text = "## Title\n\n1. one\n2. two\n"
    assert any(style.bold and color_name(style) == "red" for style in styles_of(text, "Title"))
    assert any(color_name(style) == "blue" for style in styles_of(text, "1."))
    assert any(style.bold for style in styles_of("a **strong** word", "strong"))
    assert any(style.italic for style in styles_of("an *em* word", "em"))


def test_long_items_wrap_under_their_text_not_under_the_marker() -> None:
    lines = lines_of("9. " + "word " * 12 + "\n10. next\n", width=24)
    assert lines[0].startswith(" 9. word")
    assert all(line.startswith("    ") for line in lines[1:-1])
    assert lines[-1] == "10. next"


def test_ordered_lists_keep_their_start_number() -> None:
    assert lines_of("3. three\n4. four\n") == ["3. three", "4. four"]


def test_other_markdown_is_drawn_as_plain_text() -> None:
    hostile = (
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```python\nprint('x')\n```\n\n"
        "<script>alert(1)</script>\n\n"
        "> quoted\n\n---\n\n[link](https://example.org) `code` ![img](x.png)\n"
    )
    text = "\n".join(lines_of(hostile, width=50))
    for expected in ("print('x')", "<script>alert(1)</script>", "▌ quoted", "link code img"):
        assert expected in text
    assert "a" in text and "2" in text  # the table's cells survive as text


def test_empty_and_odd_input_never_raise() -> None:
    for text in ("", "\n\n", "*", "1.", "- ", "#", "\\", "<>", "\x00", "a\u2028b"):
        lines_of(text)


def test_a_table_is_drawn_as_columns_aligned_as_written() -> None:
    text = "| Time | Min | Item |\n| --- | ---: | --- |\n| 13:00 | 5 | **Check-in** |\n| 13:05 | 120 | Break |\n"
    lines = lines_of(text, width=40)
    assert lines[0].split() == ["Time", "Min", "Item"]
    assert set(lines[1]) == {"─"}
    assert lines[2].split() == ["13:00", "5", "Check-in"]
    assert lines[2].index("5") == lines[3].index("120") + 2, "a right-aligned column"
    assert not any("|" in line or "**" in line for line in lines)


def test_the_review_step_draws_the_run_plan_with_the_card_renderer() -> None:
    """One Markdown renderer in the TUI: the review's agenda is a table, its headings plain."""
    from facilkit.plans.storage import load_plan
    from facilkit.tui.screens.plan.steps import review
    from tests.tui_helpers import ROOT

    plan = load_plan(ROOT / "examples" / "learning-group-meeting.yaml")
    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    console = Console(width=100, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    rendered = console.render_lines(review(plan, library), pad=False)
    lines = ["".join(segment.text for segment in line).rstrip() for line in rendered]
    assert lines[0] == plan.title
    assert any(line.split()[:3] == ["Tid", "Min", "Punkt"] for line in lines if line)
    assert any(line.startswith("13:00–13:10") and "Tjek ind" in line for line in lines)
    assert not any("|" in line or "**" in line or line.startswith("#") for line in lines)
