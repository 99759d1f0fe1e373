"""A plan turned into a handout's blocks, for the facilitator or the participants.

The facilitator's run plan holds everything needed to run the meeting; the
participants' handout holds only what they need to come prepared, so a
two-hour meeting fits on one A4 page.
"""

from __future__ import annotations

from facilkit.export.card import card_blocks
from facilkit.export.document import (
    Audience,
    Block,
    Bullets,
    Cell,
    Document,
    Facts,
    Field,
    Fields,
    Heading,
    Style,
    Table,
    Text,
)
from facilkit.i18n import long_date, t
from facilkit.library.loader import Library
from facilkit.library.model import Method, localize
from facilkit.plans.clock import format_clock
from facilkit.plans.materials import checklist
from facilkit.plans.model import KNOWN_ROLES, Plan, Rotation
from facilkit.plans.schedule import Schedule, Slot, schedule, slot_title


def build(plan: Plan, library: Library, lang: str, audience: Audience = "facilitator") -> Document:
    """The handout for ``audience`` in ``lang``."""
    plan_schedule = schedule(plan, library)
    if audience == "participants":
        return _participants(plan, plan_schedule, lang)
    title = plan.title.strip() or t("run_plan", lang)
    blocks: list[Block] = [Heading(1, title), _facts(plan, plan_schedule, lang, True)]
    blocks += [Heading(2, t("idoart", lang)), _idoart(plan, plan_schedule, lang)]
    blocks += [Heading(2, t("agenda", lang)), _agenda(plan_schedule, lang)]
    for slot in plan_schedule.slots:
        if slot.item.rotation is not None:
            blocks += _rotation(slot, slot.item.rotation, lang)
    blocks += _methods(plan_schedule, library, lang)
    materials = checklist(plan, plan_schedule, lang)
    if materials:
        blocks += [Heading(2, t("checklist", lang)), Bullets(tuple(materials), checklist=True)]
    if plan.follow_up.strip():
        blocks += [Heading(2, t("follow_up", lang)), Text(plan.follow_up.strip())]
    return Document(title, lang, tuple(blocks))


def span(start: int, end: int) -> str:
    return f"{format_clock(start)}–{format_clock(end)}"


def time_frame(plan_schedule: Schedule) -> str:
    """The meeting's time: the planned frame, or the agenda's own span."""
    end = plan_schedule.frame_end if plan_schedule.frame_end is not None else plan_schedule.end
    return span(plan_schedule.start, end)


def _facts(plan: Plan, plan_schedule: Schedule, lang: str, with_count: bool) -> Facts:
    pairs = []
    if plan.date.strip():
        pairs.append((t("date", lang), long_date(plan.date, lang)))
    pairs.append((t("time", lang), time_frame(plan_schedule)))
    if plan.location.strip():
        pairs.append((t("place", lang), plan.location.strip()))
    if with_count and plan.participants is not None:
        pairs.append((t("participants", lang), str(plan.participants)))
    return Facts(tuple(pairs))


def _lines(values: list[str]) -> tuple[str, ...]:
    return tuple(" ".join(value.split()) for value in values if value.strip())


def _idoart(plan: Plan, plan_schedule: Schedule, lang: str) -> Fields:
    """The five I DO ART answers at the top of the plan."""
    minutes = t("minutes", lang)
    roles = [
        f"{t(f'role.{key}', lang) if key in KNOWN_ROLES else key}: {name.strip()}"
        if name.strip()
        else key  # "Observatør Per" typed without a colon: shown as written, never dropped
        for key, name in plan.roles.items()
        if name.strip() or (key not in KNOWN_ROLES and key.strip())
    ]
    time = span(plan_schedule.start, plan_schedule.end)
    if plan_schedule.frame_minutes is not None:
        time = f"{span(plan_schedule.start, plan_schedule.frame_end or 0)} ({plan_schedule.frame_minutes} {minutes}"
        if plan_schedule.slack:
            label = t("slack", lang) if plan_schedule.slack > 0 else t("overrun", lang)
            time += f"; {label.lower()}: {abs(plan_schedule.slack)} {minutes}"
        time += ")"
    rules_roles = _lines(plan.rules) + _lines(roles)
    items = t("export.agenda_items", lang, count=len(plan.agenda))
    return Fields(
        (
            Field(t("intention", lang), plan.intention.strip() or "–"),
            Field(t("desired_outcome", lang), "–", _lines(plan.desired_outcomes)),
            Field(t("agenda", lang), f"{items} · {plan_schedule.total} {minutes}"),
            Field(t("rules_roles", lang), "–", rules_roles),
            Field(t("time", lang), time),
        )
    )


def slot_how(slot: Slot, lang: str) -> str:
    """The item's notes, or else its method's steps in a line (the card has the rest)."""
    if slot.item.notes:
        return slot.item.notes
    if slot.method is None:
        return ""
    return " → ".join(localize(step.title, lang) for step in slot.method.steps)


def _title_cell(slot: Slot, lang: str, pinned: bool) -> Cell:
    title = slot_title(slot, lang)
    if pinned and slot.item.at:
        title += f" ({t('pinned', lang)} {slot.item.at})"
    style: Style = "em" if slot.is_break else "strong" if slot.method is not None else ""
    return Cell(title, style)


def _agenda(plan_schedule: Schedule, lang: str) -> Table:
    header = (
        t("time", lang),
        t("minutes", lang).capitalize(),
        t("item", lang),
        t("how", lang),
        t("responsible", lang),
    )
    rows: list[tuple[Cell, ...]] = []
    for slot in plan_schedule.slots:
        if slot.slack_before:
            rows.append(
                (
                    Cell(""),
                    Cell(str(slot.slack_before)),
                    Cell(t("slack", lang), "em"),
                    Cell(""),
                    Cell(""),
                )
            )
        rows.append(
            (
                Cell(span(slot.start, slot.end)),
                Cell(str(slot.minutes)),
                _title_cell(slot, lang, True),
                Cell(slot_how(slot, lang)),
                Cell(slot.item.responsible),
            )
        )
    total = (Cell(""), Cell(str(plan_schedule.total), "strong"), Cell(t("total", lang), "strong"))
    rows.append((*total, Cell(""), Cell("")))
    return Table(header, tuple(rows), (15, 7, 29, 32, 17), "lrlll", nowrap=(0,))


def station_label(rotation: Rotation, station: int, lang: str) -> str:
    """``Station 3``, or ``3 · Theme`` when the plan names the station."""
    title = rotation.themes[station - 1].title.strip() if station <= len(rotation.themes) else ""
    return f"{station} · {title}" if title else f"{t('station', lang)} {station}"


def _rotation(slot: Slot, rotation: Rotation, lang: str) -> list[Block]:
    heading = f"{t('rotation', lang)}: {slot_title(slot, lang)} ({span(slot.start, slot.end)})"
    per_round = f"{rotation.round_minutes}"
    if rotation.move_minutes:
        per_round += f" + {rotation.move_minutes} ({t('move', lang).lower()})"
    note = f"{rotation.groups} × {rotation.stations} · {per_round} {t('minutes', lang)}"
    blocks: list[Block] = [Heading(3, heading), Text(note)]
    themes = rotation.themes[: rotation.stations]
    if any(theme.title.strip() or theme.question.strip() for theme in themes):
        legend = tuple(
            (Cell(str(number)), Cell(theme.title, "strong"), Cell(theme.question))
            for number, theme in enumerate(themes, 1)
        )
        names = (
            t("export.card_station", lang),
            t("export.theme", lang),
            t("export.question", lang),
        )
        blocks.append(Table(names, legend, (13, 29, 58), "rll"))  # "Stasjon" fits
    columns = max(rotation.groups, 1)  # a plan may say 0 groups; the table keeps its shape
    groups = [f"{t('group', lang)} {g}" for g in range(1, columns + 1)]
    header = (t("round", lang), t("time", lang), *groups)
    rows: list[tuple[Cell, ...]] = []
    for block in slot.rounds:
        clock = Cell(span(block.start, block.end))
        if block.kind == "round":
            stations = [Cell(station_label(rotation, s, lang)) for s in block.stations]
            stations += [Cell("")] * (columns - len(stations))
            rows.append((Cell(str(block.number)), clock, *stations))
        else:
            label = t("break", lang) if block.kind == "break" else t("export.walk_round", lang)
            blanks = [Cell("")] * (columns - 1)
            rows.append((Cell(""), clock, Cell(label, "em"), *blanks))
    share = max(1, 76 // columns)
    widths = (9, 15, *[share] * columns)
    blocks.append(Table(header, tuple(rows), widths, "rl" + "l" * columns, nowrap=(1,)))
    return blocks


def method_slots(plan_schedule: Schedule, lang: str) -> list[tuple[Slot, Method, int | None]]:
    """Each method the plan uses, once per length: a card's step minutes fit its item."""
    seen: set[tuple[str, str, int | None]] = set()
    found = []
    for slot in plan_schedule.slots:
        if slot.method is None:
            continue
        minutes = None if slot.item.rotation is not None else slot.item.minutes
        card = (slot.method.id, slot.method.name_in(lang), minutes)  # a variant has its own name
        if card not in seen:
            seen.add(card)
            found.append((slot, slot.method, minutes))
    return found


def _methods(plan_schedule: Schedule, library: Library, lang: str) -> list[Block]:
    blocks: list[Block] = []
    for _, method, minutes in method_slots(plan_schedule, lang):
        names = library.names(method.related, lang)
        blocks += card_blocks(method, lang, 3, names, minutes)
    return [Heading(2, t("methods_used", lang)), *blocks] if blocks else []


def _participants(plan: Plan, plan_schedule: Schedule, lang: str) -> Document:
    """Title, when and where, why, the programme and the rules: no notes, no cards."""
    title = plan.title.strip() or t("export.program", lang)
    blocks: list[Block] = [Heading(1, title), _facts(plan, plan_schedule, lang, False)]
    fields = []
    if plan.intention.strip():
        fields.append(Field(t("intention", lang), plan.intention.strip()))
    outcomes = _lines(plan.desired_outcomes)
    if outcomes:
        fields.append(Field(t("desired_outcome", lang), "", outcomes))
    if fields:
        blocks.append(Fields(tuple(fields)))
    rows = []
    for slot in plan_schedule.slots:
        rows.append((Cell(span(slot.start, slot.end)), _title_cell(slot, lang, False)))
    if rows:
        header = (t("time", lang), t("item", lang))
        blocks += [
            Heading(2, t("export.program", lang)),
            Table(header, tuple(rows), (18, 82), "ll", (0,)),
        ]
    rules = _lines(plan.rules)
    if rules:
        blocks += [Heading(2, t("rules", lang)), Bullets(rules)]
    return Document(title, lang, tuple(blocks))
