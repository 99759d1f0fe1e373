"""A plan as a Markdown run plan (kjøreplan) that prints well.

Everything a user typed passes through :mod:`facilkit.export.escape`, so no
title, note or name can break the tables or add HTML.
"""

from __future__ import annotations

from facilkit.export import escape
from facilkit.export.card import method_card
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.library.model import localize
from facilkit.plans.clock import format_clock
from facilkit.plans.model import KNOWN_ROLES, Plan
from facilkit.plans.schedule import Schedule, Slot, schedule, slot_title


def export_markdown(plan: Plan, library: Library, lang: str) -> str:
    """The whole run plan as Markdown text."""
    plan_schedule = schedule(plan, library)
    sections = [
        _header(plan, plan_schedule, lang),
        _idoart(plan, plan_schedule, lang),
        _agenda(plan_schedule, lang),
        *_rotations(plan_schedule, lang),
        _methods(plan_schedule, library, lang),
        _checklist(plan, plan_schedule, lang),
        _follow_up(plan, lang),
    ]
    return "\n\n".join(section for section in sections if section).rstrip() + "\n"


def _span(start: int, end: int) -> str:
    return f"{format_clock(start)}–{format_clock(end)}"


def _header(plan: Plan, plan_schedule: Schedule, lang: str) -> str:
    title = escape.inline(plan.title) or t("run_plan", lang)
    facts = []
    if plan.date:
        facts.append(f"**{t('date', lang)}:** {escape.inline(plan.date)}")
    end = plan_schedule.frame_end if plan_schedule.frame_end is not None else plan_schedule.end
    facts.append(f"**{t('time', lang)}:** {_span(plan_schedule.start, end)}")
    if plan.location:
        facts.append(f"**{t('place', lang)}:** {escape.inline(plan.location)}")
    if plan.participants is not None:
        facts.append(f"**{t('participants', lang)}:** {plan.participants}")
    return f"# {title}\n\n" + "  \n".join(facts)


def _idoart(plan: Plan, plan_schedule: Schedule, lang: str) -> str:
    """The five I DO ART answers as one compact table at the top of the plan."""
    minutes = t("minutes", lang)
    outcomes = "\n".join(f"• {o.strip()}" for o in plan.desired_outcomes if o.strip())
    rules = "\n".join(f"• {r.strip()}" for r in plan.rules if r.strip())
    roles = "\n".join(
        f"{t(f'role.{key}', lang) if key in KNOWN_ROLES else key}: {name.strip()}"
        for key, name in plan.roles.items()
        if name.strip()
    )
    agenda = f"{len(plan.agenda)} · {plan_schedule.total} {minutes}"
    time = _span(plan_schedule.start, plan_schedule.end)
    if plan_schedule.frame_minutes is not None:
        time = f"{_span(plan_schedule.start, plan_schedule.frame_end or 0)} ({plan_schedule.frame_minutes} {minutes}"
        if plan_schedule.slack:
            label = t("slack", lang) if plan_schedule.slack > 0 else t("overrun", lang)
            time += f"; {label.lower()}: {abs(plan_schedule.slack)} {minutes}"
        time += ")"
    rows = [
        [t("intention", lang), escape.cell(plan.intention) or "–"],
        [t("desired_outcome", lang), escape.cell(outcomes) or "–"],
        [t("agenda", lang), agenda],
        [t("rules_roles", lang), escape.cell("\n".join(x for x in (rules, roles) if x)) or "–"],
        [t("time", lang), time],
    ]
    return f"## {t('idoart', lang)}\n\n" + escape.table(["", ""], rows)


def slot_how(slot: Slot, lang: str) -> str:
    """The item's notes, or else its method's steps in a line (the card has the rest)."""
    if slot.item.notes:
        return slot.item.notes
    if slot.method is None:
        return ""
    return " → ".join(localize(step.title, lang) for step in slot.method.steps)


def _agenda(plan_schedule: Schedule, lang: str) -> str:
    header = [
        t("time", lang),
        t("minutes", lang).capitalize(),
        t("item", lang),
        t("how", lang),
        t("responsible", lang),
    ]
    rows = []
    for slot in plan_schedule.slots:
        if slot.slack_before:
            rows.append(["", str(slot.slack_before), f"*{t('slack', lang)}*", "", ""])
        title = escape.cell(slot_title(slot, lang))
        if slot.is_break:
            title = f"*{title}*"
        elif slot.method is not None:
            title = f"**{title}**"
        if slot.item.at:
            title += f" ({t('pinned', lang)} {escape.cell(slot.item.at)})"
        rows.append(
            [
                _span(slot.start, slot.end),
                str(slot.minutes),
                title,
                escape.cell(slot_how(slot, lang)),
                escape.cell(slot.item.responsible),
            ]
        )
    rows.append(["", f"**{plan_schedule.total}**", f"**{t('total', lang)}**", "", ""])
    return f"## {t('agenda', lang)}\n\n" + escape.table(header, rows, "lrlll")


def _rotations(plan_schedule: Schedule, lang: str) -> list[str]:
    sections = []
    for slot in plan_schedule.slots:
        rotation = slot.item.rotation
        if rotation is None:
            continue
        heading = f"### {t('rotation', lang)}: {escape.inline(slot_title(slot, lang))} ({_span(slot.start, slot.end)})"
        groups = [f"{t('group', lang)} {g}" for g in range(1, rotation.groups + 1)]
        header = [t("round", lang), t("time", lang), *groups]
        rows = []
        for block in slot.rounds:
            if block.kind == "round":
                stations = [f"{t('station', lang)} {s}" for s in block.stations]
                rows.append([str(block.number), _span(block.start, block.end), *stations])
            else:
                label = (
                    t("break", lang)
                    if block.kind == "break"
                    else escape.cell(
                        localize(
                            {"da": "Rundgang ved flipoverne", "en": "Walk round the flip-charts"},
                            lang,
                        )
                    )
                )
                rows.append(
                    ["", _span(block.start, block.end), f"*{label}*", *[""] * (rotation.groups - 1)]
                )
        per_round = f"{rotation.round_minutes}"
        if rotation.move_minutes:
            per_round += f" + {rotation.move_minutes} ({t('move', lang).lower()})"
        note = f"{rotation.groups} × {rotation.stations} · {per_round} {t('minutes', lang)}"
        sections.append(
            f"{heading}\n\n{note}\n\n" + escape.table(header, rows, "rl" + "l" * rotation.groups)
        )
    return sections


def _methods(plan_schedule: Schedule, library: Library, lang: str) -> str:
    seen: set[str] = set()
    cards = []
    for slot in plan_schedule.slots:
        if slot.method is None or slot.method.id in seen:
            continue
        seen.add(slot.method.id)
        names = library.names(slot.method.related, lang)
        cards.append(method_card(slot.method, lang, heading="###", names=names).rstrip())
    if not cards:
        return ""
    return f"## {t('methods_used', lang)}\n\n" + "\n\n".join(cards)


def _checklist(plan: Plan, plan_schedule: Schedule, lang: str) -> str:
    items: list[str] = []
    for slot in plan_schedule.slots:
        if slot.method is not None:
            items += [localize(material, lang) for material in slot.method.materials]
    items += plan.materials
    unique = list(dict.fromkeys(item.strip() for item in items if item.strip()))
    if not unique:
        return ""
    return f"## {t('checklist', lang)}\n\n" + "\n".join(
        f"- [ ] {escape.inline(item)}" for item in unique
    )


def _follow_up(plan: Plan, lang: str) -> str:
    if not plan.follow_up.strip():
        return ""
    return f"## {t('follow_up', lang)}\n\n{escape.paragraph(plan.follow_up)}"
