"""The plan wizard's steps as widgets: one tab per I DO ART element, then the review.

Only the layout lives here; which widget holds which plan field is in
:mod:`facilkit.tui.screens.plan.fields`, and the screen fills the widgets from
the editor. Each step shows the I DO ART method's own guidance above its fields.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label, Select, Static, TabbedContent, TabPane

from facilkit.export.build import build
from facilkit.i18n import language_name, plan_languages, t
from facilkit.library.collection import Library
from facilkit.library.model import localize
from facilkit.plans.model import KNOWN_ROLES, Plan
from facilkit.tui.screens.plan.agenda_pane import AgendaPane
from facilkit.tui.screens.plan.fields import OTHER_ROLES, CountInput
from facilkit.tui.widgets.card_render import CardStyles, render_blocks
from facilkit.tui.widgets.text_entry import Input, TextArea
from facilkit.tui.widgets.timeline import Timeline

STEPS = ("intention", "desired-outcome", "agenda", "rules-roles", "time", "review")
"""The tab ids, in the order alt+→ walks them."""


def guidance(library: Library, step: str, lang: str) -> Static:
    """The I DO ART method's own text for this step: the trainers' words, not ours."""
    method = library.get("i-do-art")
    found = [s for s in method.steps if s.key == step] if method else []
    text = Text()
    if found:
        step_text = found[0]
        text.append(localize(step_text.how, lang), style="italic")
        for question in step_text.questions:
            text.append(f"\n  • {localize(question, lang)}")
    return Static(text, classes="guidance", markup=False)


class StepTabs(TabbedContent):
    """The wizard's steps, one tab each: the step on show decides where the cursor is.

    Textual shows a step whenever a widget in it gets focus. With keys typed fast
    (alt+→ twice), the focus meant for the step just left arrives after the next
    step is shown, and Textual moves focus off a field being hidden to its
    neighbour: that brought an old step back, or left the cursor on the new step's
    second field (Start, where typing replaced "13:00"). A focus that lands outside
    the step on show goes to that step's first field instead.
    """

    def on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        if event.tab_pane.id == self.active:
            return
        event.prevent_default()  # Textual's own handler would show that step again
        event.stop()
        self.focus_first_field()

    def focus_first_field(self) -> None:
        """Put the cursor in the first field of the step on show."""
        candidates = self.get_pane(self.active).query(
            "DataTable, TextArea, Input, Select, VerticalScroll"
        )
        first = next((widget for widget in candidates if widget.focusable), None)
        if first is not None:  # a step's scrolling body is no stop of its own
            first.focus()


def compose_steps(library: Library, lang: str) -> ComposeResult:
    """Every step's tab, in :data:`STEPS` order."""
    with StepTabs(id="steps"):
        with TabPane(t("step.intention", lang), id="intention"), step_body("intention"):
            # the plan's name on the first step: asked when the plan was made, changed here
            with Grid(id="title-grid"):
                yield Label(t("wiz.title", lang))
                yield Input(id="f-title")
            yield guidance(library, "intention", lang)
            yield Label(t("wiz.intention_label", lang))
            yield TextArea(id="f-intention", soft_wrap=True)
        with (
            TabPane(t("step.desired-outcome", lang), id="desired-outcome"),
            step_body("desired-outcome"),
        ):
            yield guidance(library, "desired-outcome", lang)
            yield Label(t("wiz.outcomes_label", lang))
            yield TextArea(id="f-outcomes", soft_wrap=True)
            yield Label(t("wiz.follow_up_label", lang))
            yield TextArea(id="f-follow-up", soft_wrap=True, classes="short")
        with TabPane(t("step.agenda", lang), id="agenda"):
            yield from agenda_step(library, lang)
        with TabPane(t("step.rules-roles", lang), id="rules-roles"), step_body("rules-roles"):
            yield from rules_roles_step(library, lang)
        with TabPane(t("step.time", lang), id="time"), step_body("time"):
            yield from time_step(library, lang)
        with TabPane(t("step.review", lang), id="review"), VerticalScroll(id="review-scroll"):
            yield Static("", id="review-body", markup=False)


def agenda_step(library: Library, lang: str) -> ComposeResult:
    """The timeline, the agenda table and the panes beside it."""
    yield guidance(library, "agenda", lang)
    yield Timeline(id="timeline")
    yield Static(t("wiz.legend", lang), id="legend", markup=False)
    yield AgendaPane(id="agenda-body")


def rules_roles_step(library: Library, lang: str) -> ComposeResult:
    """One field per known role, the other roles, then the ground rules."""
    yield guidance(library, "rules-roles", lang)
    with Grid(id="roles-grid"):
        for role in KNOWN_ROLES:
            yield Label(t(f"role.{role}", lang))
            yield Input(id=f"f-role-{role}")
    yield Label(t("wiz.other_roles_label", lang))
    yield TextArea(id=OTHER_ROLES, classes="short")
    yield Label(t("wiz.rules_label", lang))
    yield TextArea(id="f-rules", soft_wrap=True)


def time_step(library: Library, lang: str) -> ComposeResult:
    """Date, times, place, participants and the plan's language, each with a note beside
    it that says at once what the text was read as (the weekday) or why it cannot be."""
    yield guidance(library, "time", lang)
    clock_hint = t("wiz.clock_hint", lang)  # a pattern, not a time that looks already set
    with Grid(id="time-grid"):
        yield Label(t("wiz.date", lang))
        yield Input(id="f-date", placeholder=t("wiz.date_hint", lang))
        yield field_note("f-date")
        yield Label(t("wiz.start", lang))
        yield Input(id="f-start", placeholder=clock_hint)
        yield field_note("f-start")
        yield Label(t("wiz.end", lang))
        yield Input(id="f-end", placeholder=clock_hint)
        yield field_note("f-end")
        yield Label(t("wiz.location", lang))
        yield Input(id="f-location", classes="wide")
        yield Label(t("wiz.participants", lang))
        yield CountInput(id="f-participants")
        yield field_note("f-participants")
        yield Label(t("wiz.language", lang))
        yield Select(
            [(_upper_first(language_name(code, lang)), code) for code in plan_languages()],
            id="f-language",
            allow_blank=False,
            value="da",
            classes="wide",
        )


def step_body(step: str) -> VerticalScroll:
    """A step's fields in a scrolling body: a field given focus below the fold scrolls
    into view (at 80×24 the Time and Rules steps are taller than the screen)."""
    return VerticalScroll(id=f"{step}-body", classes="step-body", can_focus=False)


def field_note(widget_id: str) -> Static:
    """The note beside a field (see :func:`~facilkit.tui.screens.plan.fields.note_of`)."""
    return Static("", id=f"{widget_id}-note", classes="field-note", markup=False)


def review(plan: Plan, library: Library) -> RenderableType:
    """The review step's body: the run plan as it will be handed out.

    Drawn by the library card's renderer from the export's blocks, the TUI's one way
    to draw a document.
    """
    return render_blocks(build(plan, library, plan.language).blocks, CardStyles())


def _upper_first(text: str) -> str:
    """ "norsk (bokmål)" as a choice in a list: "Norsk (bokmål)"."""
    return text[:1].upper() + text[1:]
