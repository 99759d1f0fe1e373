"""Markdown export: golden files in the four languages, and hostile user text."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from facilkit.export.card import method_card
from facilkit.export.plan import export_markdown
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.model import AgendaItem, Rotation, new_plan
from facilkit.plans.storage import load_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {path.stem: path for path in sorted((ROOT / "examples").glob("*.yaml"))}
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


@pytest.mark.parametrize("lang", ["da", "en", "nb", "sv"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_golden_export(
    name: str, lang: str, library: Library, request: pytest.FixtureRequest
) -> None:
    text = export_markdown(load_plan(EXAMPLES[name]), library, lang)
    golden = GOLDEN / f"{name}.{lang}.md"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_committed_example_exports_are_current(name: str, library: Library) -> None:
    plan = load_plan(EXAMPLES[name])
    committed = EXAMPLES[name].with_suffix(".md").read_text(encoding="utf-8")
    assert committed == export_markdown(plan, library, plan.language)


HOSTILE = (
    "| pipe | <script>alert(1)</script>\n# heading\n1. list [link](http://x) *star* `code` &amp; \\"
)


def tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, parsed by a real Markdown parser."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    found: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("td_open", "th_open"):
            found[-1][-1].append(tokens[index + 1].content)
    return found


def test_hostile_text_keeps_tables_and_adds_no_html(library: Library) -> None:
    plan = new_plan(HOSTILE)
    plan.intention = HOSTILE
    plan.desired_outcomes = [HOSTILE]
    plan.rules = [HOSTILE]
    plan.roles = {"facilitator": HOSTILE}
    plan.agenda = [
        AgendaItem(title=HOSTILE, minutes=10, responsible=HOSTILE, notes=HOSTILE),
        AgendaItem(method="check-in", minutes=10, notes=HOSTILE),
        AgendaItem(
            method="station-rotation",
            title=HOSTILE,
            rotation=Rotation(groups=2, stations=3, round_minutes=5),
        ),
    ]
    plan.follow_up = HOSTILE
    text = export_markdown(plan, library, "en")
    parsed = tables(text)
    agenda, rotation = parsed  # the I DO ART answers are labelled paragraphs, not a table
    assert len(agenda) == 1 + 3 + 1 and all(len(row) == 5 for row in agenda)
    assert len(rotation) == 1 + 3 and all(len(row) == 4 for row in rotation)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html
    assert html.count("<h1>") == 1 and "<h1>heading" not in html and "<h2>heading" not in html
    assert '<a href="http://x"' not in html
    assert "| pipe |" in html.replace("&lt;", "<")


def test_card_shows_source_and_steps(library: Library) -> None:
    card = method_card(library.get("reflecting-team"), "en")  # type: ignore[arg-type]
    assert "Tom Andersen" in card and "focus persons" in card and "\n## Steps" not in card
    assert "### Steps" in card


def test_card_names_related_methods_and_keeps_unknown_ids(library: Library) -> None:
    import msgspec

    ugu = library.get("ugu")
    assert ugu is not None and ugu.related
    names = library.names([*ugu.related, "no-such-method"], "en")
    assert "no-such-method" not in names
    card = method_card(ugu, "en", names=names)
    assert "*See also:* The four question types · " in card
    odd = msgspec.structs.replace(ugu, related=["no-such-method", "ugu"])
    assert "*See also:* no-such-method · UGU: explore, give, explore" in method_card(
        odd, "en", names=library.names(odd.related, "en")
    )
