"""The card renderer: the export's blocks drawn as the Markdown export writes them, user text as text."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from facilkit.export.card import card_blocks
from facilkit.export.document import (
    Block,
    Bullets,
    Cell,
    Facts,
    Field,
    Fields,
    Heading,
    Step,
    Steps,
    Table,
    Text,
)
from facilkit.library.loader import Folder, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.tui.widgets.card_render import CardStyles, render_blocks

STYLES = CardStyles(title=Style(bold=True, color="red"), marker=Style(color="blue"))


def lines_of(blocks: list[Block], width: int = 40) -> list[str]:
    console = Console(width=width, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    rendered = console.render_lines(render_blocks(blocks, STYLES), pad=False)
    return ["".join(segment.text for segment in line).rstrip() for line in rendered]


def styles_of(blocks: list[Block], word: str) -> list[Style]:
    console = Console(width=60, file=open("/dev/null", "w"))  # noqa: SIM115
    rendered = console.render_lines(render_blocks(blocks, STYLES), pad=False)
    return [s.style for line in rendered for s in line if word in s.text and s.style]


def test_a_real_card_keeps_its_structure() -> None:
    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    ugu = library.get("ugu")
    assert ugu is not None
    lines = lines_of(card_blocks(ugu, "en", names=library.names(ugu.related, "en")), width=80)
    assert lines[0] == "UGU: explore, give, explore"
    assert lines[1] == ""  # a blank line between blocks, as between Markdown paragraphs
    assert "1. Explore the need (5 min)" in lines
    assert "   Find out what your colleague needs before you give anything." in lines
    assert "   • What is your challenge?" in lines  # a question, under its step
    assert "• colleague with a challenge" in lines
    assert any(line.startswith("Duration: ") and " · Group size: " in line for line in lines)
    assert any(line.startswith("Source: ") for line in lines)
    assert not any("**" in line or line.startswith("#") for line in lines)


def color_name(style: Style) -> str | None:
    return style.color.name if style.color is not None else None


def test_headings_labels_and_markers_take_their_styles() -> None:
    blocks: list[Block] = [
        Heading(2, "Title"),
        Heading(3, "Steps"),
        Steps((Step("one", 5), Step("two", None)), "min"),
        Text("a text", label="Source", style="em"),
        Text("a text", label="Invitation", style="strong"),
        Bullets(("stressed",), emphasis=True),
    ]
    assert any(style.bold and color_name(style) == "red" for style in styles_of(blocks, "Title"))
    assert any(style.bold and color_name(style) != "red" for style in styles_of(blocks, "Steps"))
    assert any(color_name(style) == "blue" for style in styles_of(blocks, "1."))
    assert any(style.bold for style in styles_of(blocks, "one"))
    assert any(style.italic for style in styles_of(blocks, "Source:"))
    assert any(style.bold for style in styles_of(blocks, "Invitation:"))
    assert any(style.italic for style in styles_of(blocks, "stressed"))


def test_long_items_wrap_under_their_text_not_under_the_marker() -> None:
    steps = [Step(f"s{n}", None) for n in range(1, 9)]
    lines = lines_of([Steps((*steps, Step("word " * 12, None), Step("next", None)))], width=24)
    assert lines[8].startswith(" 9. word")
    assert lines[9].startswith("    word") and lines[-1] == "10. next"


def test_every_step_keeps_its_questions_beneath_it_past_nine() -> None:
    """(The Markdown round trip lost step 10's questions to a list of their own.)"""
    steps = tuple(Step(f"step {n}", 5, "how", (f"question {n}",)) for n in range(1, 12))
    lines = lines_of([Steps(steps, "min")], width=40)
    assert lines[27:30] == ["10. step 10 (5 min)", "    how", "    • question 10"]
    assert "" not in lines


def test_user_text_is_text_never_markup() -> None:
    hostile = "**not bold** # no heading | <script>x</script> [link](u) `code`"
    blocks: list[Block] = [
        Heading(2, "1. " + hostile),
        Text("- not a list\n> not a quote\n\n  second   line  \x1b[31m"),
        Bullets((hostile,)),
    ]
    lines = lines_of(blocks, width=200)
    assert lines[0] == "1. " + hostile
    assert lines[2:5] == ["- not a list", "> not a quote", "second   line   [31m"]
    assert lines[6] == "• " + hostile
    assert not any(style.bold for style in styles_of([Bullets(("**not bold**",))], "not bold"))


def test_facts_fields_and_checklists_read_as_in_the_export() -> None:
    blocks: list[Block] = [
        Facts((("Date", "1 June"), ("Place", "Room 2")), inline=True),
        Facts((("Date", "1 June"), ("Place", "")), inline=False),
        Fields(
            (Field("Intention", "to learn"), Field("Rules", items=("one", "two")), Field("Roles"))
        ),
        Bullets(("flip chart",), checklist=True),
    ]
    assert lines_of(blocks, width=60) == [
        "Date: 1 June · Place: Room 2",
        "",
        "Date: 1 June",
        "Place:",
        "",
        "Intention: to learn",
        "",
        "Rules:",
        "",
        "• one",
        "• two",
        "",
        "Roles: –",
        "",
        "• ☐ flip chart",
    ]


def test_a_table_is_drawn_as_columns_aligned_as_written() -> None:
    table = Table(
        ("Time", "Min", "Item"),
        (
            (Cell("13:00"), Cell("5"), Cell("Check-in", "strong")),
            (Cell("13:05"), Cell("120"), Cell("Break\nwith coffee")),
        ),
        (1, 1, 3),
        align="lrl",
    )
    lines = lines_of([table], width=40)
    assert lines[0].split() == ["Time", "Min", "Item"]
    assert set(lines[1]) == {"─"}
    assert lines[2].split() == ["13:00", "5", "Check-in"]
    assert lines[2].index("5") == lines[3].index("120") + 2, "a right-aligned column"
    assert lines[3].endswith("Break · with coffee"), "a cell's lines joined with a dot"
    assert any(style.bold for style in styles_of([table], "Check-in"))


def test_empty_and_odd_input_never_raise() -> None:
    odd = ("", "\n\n", "*", "1.", "- ", "#", "\\", "<>", "\x00", "a\u2028b", " " * 3)
    for text in odd:
        lines_of(
            [
                Heading(1, text),
                Text(text, label=text),
                Bullets((text,)),
                Steps((Step(text, None, text, (text,)),)),
                Facts(((text, text),)),
                Fields((Field(text, text, (text,)),)),
                Table((text,), ((Cell(text),),), (1,)),
                Table((), (), ()),
            ]
        )


def test_the_review_step_draws_the_run_plan_with_the_card_renderer() -> None:
    """One renderer in the TUI: the review's agenda is a table, its headings plain."""
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
