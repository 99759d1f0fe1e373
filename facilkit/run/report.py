"""Planned against actual for one run, as Markdown in the plan's language.

Built from the run log alone, so the report stays true after the plan is edited.
"""

from __future__ import annotations

from facilkit.export import escape
from facilkit.i18n import long_date, t
from facilkit.run.clock import clock_of as exact_clock
from facilkit.run.machine import Event, Run, RunState
from facilkit.run.projection import planned_layout


def clock_of(moment: float) -> str:
    """``HH:MM`` to the nearest minute, so a span and its rounded minutes agree."""
    return exact_clock(round(moment / 60) * 60)


def _minutes(seconds: float) -> int:
    return round(seconds / 60)


def _diff(minutes: int) -> str:
    return "±0" if minutes == 0 else f"{minutes:+d}"


def report_markdown(state: RunState, number: int) -> str:
    """The report for run ``number`` of a plan."""
    lang = state.contract.language
    run = Run(state)
    planned = planned_layout(run)
    sections = [_heading(state, number, planned[-1].end if planned else state.planned_start)]
    rows = []
    actual_total = 0
    for index, item in enumerate(state.items):
        record = state.records[index]
        plan_cell = (
            f"{clock_of(planned[index].start)}–{clock_of(planned[index].end)} ({item.minutes})"
        )
        what = []
        if record.added:
            what.append(t("run.added", lang, minutes=record.added))
        if record.paused >= 30:
            what.append(t("run.paused_for", lang, minutes=max(_minutes(record.paused), 1)))
        if record.timed_out >= 30:
            minutes = max(_minutes(record.timed_out), 1)
            what.append(t("run.timed_out_for", lang, minutes=minutes))
        if record.status == "skipped":
            actual, diff = "–", _diff(-item.minutes)
            what.insert(0, t("run.skipped", lang))
        elif record.started is None or record.ended is None:
            actual, diff = "–", ""
            what.insert(0, t("run.not_reached", lang))
        else:
            spent = _minutes(record.used)
            actual_total += spent
            actual = f"{clock_of(record.started)}–{clock_of(record.ended)} ({spent})"
            diff = _diff(spent - item.minutes)
        rows.append(
            [str(index + 1), escape.cell(item.title), plan_cell, actual, diff, ", ".join(what)]
        )
    planned_total = sum(item.minutes for item in state.items)
    rows.append(
        [
            "",
            f"**{t('run.meeting_total', lang)}**",
            str(planned_total),
            str(actual_total),
            _diff(actual_total - planned_total),
            "",
        ]
    )
    header = [
        "#",
        t("item", lang),
        f"{t('run.planned', lang)} (min)",
        f"{t('run.actual', lang)} (min)",
        t("run.difference", lang),
        t("run.what_happened", lang),
    ]
    sections.append(escape.table(header, rows, "lllrrl"))
    sections += [_timeouts(state), _outcomes(state)]
    return "\n\n".join(section for section in sections if section).rstrip() + "\n"


def _heading(state: RunState, number: int, planned_end: float) -> str:
    lang = state.contract.language
    title = escape.inline(state.contract.title)
    facts = [
        f"**{t('run.planned', lang)}:** {clock_of(state.planned_start)}–{clock_of(planned_end)}"
    ]
    if state.started is not None:
        ended = clock_of(state.ended) if state.ended is not None else t("run.not_ended", lang)
        facts.append(f"**{t('run.actual', lang)}:** {clock_of(state.started)}–{ended}")
        facts.append(f"**{t('date', lang)}:** {long_date(_date(state.started), lang)}")
    run_label = t("run.run_n", lang, n=number)
    return f"# {t('run.report', lang, title=title)}\n\n{run_label}  \n" + "  \n".join(facts)


def _date(moment: float) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d")


def _timeouts(state: RunState) -> str:
    lang = state.contract.language
    lines = []
    started: Event | None = None
    for event in state.events:
        if event.kind == "timeout":
            started = event
        elif event.kind == "timeout_end" and started is not None:
            title = state.items[started.item].title if 0 <= started.item < len(state.items) else ""
            head = t(
                "run.timeout_at",
                lang,
                clock=clock_of(started.at),
                minutes=max(_minutes(event.at - started.at), 0),
                title=escape.inline(title),
            )
            note = escape.inline(event.note) if event.note else f"_{t('run.no_note', lang)}_"
            lines.append(f"- {head}: {note}")
            started = None
    if not lines:
        return ""
    return f"## {t('run.timeouts', lang)}\n\n" + "\n".join(lines)


def _outcomes(state: RunState) -> str:
    lang = state.contract.language
    parts = []
    outcomes = [o for o in state.contract.desired_outcomes]
    if outcomes:
        reached = state.closing.reached if state.closing is not None else []
        lines = []
        for index, outcome in enumerate(outcomes):
            if index < len(reached):
                mark = "[x]" if reached[index] else "[ ]"
                word = t("run.reached" if reached[index] else "run.not_reached_outcome", lang)
                lines.append(f"- {mark} {escape.inline(outcome)} ({word})")
            else:
                lines.append(f"- {escape.inline(outcome)}")
        parts.append(f"## {t('run.outcomes', lang)}\n\n" + "\n".join(lines))
    if state.closing is not None and state.closing.notes:
        parts.append(f"## {t('run.agreements', lang)}\n\n{escape.paragraph(state.closing.notes)}")
    return "\n\n".join(parts)
