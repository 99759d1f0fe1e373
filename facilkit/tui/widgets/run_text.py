"""The texts of the run view, built from the run's state: no widgets, so they are cheap to test.

User text (titles, notes, the contract) goes into ``Text`` objects as plain
text, never as markup, so a ``[`` in a note cannot break the view.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from facilkit.i18n import t
from facilkit.library.model import Method, Step, localize
from facilkit.plans.steps import scaled_step_minutes
from facilkit.run.clock import clock_of
from facilkit.run.items import RunItem
from facilkit.run.machine import Run
from facilkit.run.projection import Projection
from facilkit.run.rotation import RotationNow, rotation_now


def countdown(seconds: float) -> str:
    """``12:34`` left, or ``+02:05`` in overtime (hours shown as minutes above 99)."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds)) if seconds < 0 else int(-(-seconds // 1))
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def header_line(run: Run, projection: Projection, now: float, lang: str) -> str:
    """Clock, expected end and ahead or behind, on one line."""
    behind = round(projection.behind / 60)
    if behind > 0:
        status = t("run.behind", lang, minutes=behind)
    elif behind < 0:
        status = t("run.ahead", lang, minutes=-behind)
    else:
        status = t("run.on_time", lang)
    return (
        f"{t('run.clock', lang)} {clock_of(now)}  ·  "
        f"{t('run.expected_end', lang)} {clock_of(projection.expected_end)}  ·  {status}"
    )


def item_heading(run: Run, lang: str) -> str:
    item = run.current_item
    if item is None:
        return ""
    count = t("run.item_of", lang, n=run.state.current + 1, total=len(run.state.items))
    return f"{t('run.now', lang)} ({count}): {item.title}"


def item_body(item: RunItem, minutes: int, method: Method | None, lang: str) -> Text:
    """How, responsible, notes, and the method's steps with minutes scaled to the item."""
    text = Text()
    if item.responsible:
        text.append(f"{t('run.responsible', lang)}: ", "bold")
        text.append(item.responsible + "\n")
    if item.notes:
        text.append(item.notes.strip() + "\n")
    if method is None:
        return text
    if method.invitation is not None:
        text.append(localize(method.invitation, lang) + "\n", "italic")
    # a rotation's minutes are its rounds, not the method's steps: those keep their own
    scaled = (
        scaled_step_minutes(method, minutes)
        if item.rotation is None
        else [step.minutes for step in method.steps]
    )
    for number, (step, step_minutes) in enumerate(zip(method.steps, scaled, strict=False), 1):
        text.append("\n")
        _step(text, number, step, step_minutes, lang)
    return text


def _step(text: Text, number: int, step: Step, minutes: int | None, lang: str) -> None:
    text.append(f"{number}. {localize(step.title, lang)}", "bold")
    if minutes is not None:
        text.append(f"  ({minutes} {t('minutes', lang)})")
    text.append("\n")
    how = localize(step.how, lang)
    if how:
        text.append(f"   {how}\n")
    for question in step.questions:
        text.append(f"   • {localize(question, lang)}\n")


def next_line(run: Run, projection: Projection, lang: str) -> Text:
    index = run.next_index()
    if index is None:
        return Text(t("run.last_item", lang))
    item = run.state.items[index]
    placed = projection.placed[index]
    text = Text()
    text.append(f"{t('run.next', lang)}: ", "bold")
    minutes = round(run.budget(index) / 60)
    text.append(f"{item.title} ({clock_of(placed.start)}, {minutes} {t('minutes', lang)})")
    return text


def advice(run: Run, projection: Projection, lang: str) -> Text:
    """Late pinned items, and how far over the frame with the cuts that would save it."""
    text = Text()
    items = run.state.items
    for cut in projection.pin_cuts:
        pin = run.state.planned_start + (items[cut.pinned].pinned or 0) * 60
        title = items[cut.pinned].title
        text.append(t("run.pinned_holds", lang, title=title, clock=clock_of(pin)) + "\n")
        for index, seconds in cut.taken:
            minutes = max(round((run.budget(index) - seconds) / 60), 0)
            saves = max(round(seconds / 60), 1)
            line = t(
                "run.suggest_shorten", lang, title=items[index].title, minutes=minutes, saves=saves
            )
            text.append(f"  › {line}\n")
    for placed in projection.placed:
        if placed.late >= 60 and placed.status == "pending":
            pin = run.state.planned_start + (items[placed.index].pinned or 0) * 60
            text.append(
                t(
                    "run.pinned_late",
                    lang,
                    title=items[placed.index].title,
                    clock=clock_of(pin),
                    minutes=round(placed.late / 60),
                )
                + "\n"
            )
    over = round(projection.over / 60)
    if over <= 0:
        return text
    text.append(
        t("run.over_frame", lang, minutes=over, end=clock_of(projection.frame_end)) + "\n",
        "bold",
    )
    for suggestion in projection.suggestions:
        key = "run.suggest_shorten" if suggestion.action == "shorten" else "run.suggest_drop"
        title = items[suggestion.index].title
        line = t(key, lang, title=title, minutes=suggestion.minutes, saves=suggestion.saves)
        text.append(f"  › {line}\n")
    still = round(projection.short_after / 60)
    if still > 0:
        text.append(t("run.still_over", lang, minutes=still) + "\n")
    return text


def rotation_heading(now_at: RotationNow, lang: str) -> str:
    """``Round 2 of 7``, or the break, or the closing walk round."""
    block = now_at.block
    if block.kind == "break":
        return t("run.rotation_break", lang)
    if block.kind == "finale":
        return t("run.finale", lang)
    return t("run.round", lang, n=block.number, total=now_at.rounds)


def rotation_text(now_at: RotationNow, lang: str) -> Text:
    """The current round, who is where and the time left; "move now" at the change."""
    block = now_at.block
    text = Text()
    if now_at.move_now:
        text.append(t("run.move_now", lang) + "\n", "bold reverse")
    text.append(rotation_heading(now_at, lang), "bold")
    text.append("  " + t("run.round_left", lang, time=countdown(now_at.left)) + "\n")
    for group, station in enumerate(block.stations, 1):
        text.append(t("run.group_at", lang, group=group, station=station) + "\n")
    return text


def timeout_text(run: Run, method: Method | None, lang: str) -> Text:
    """The contract and the gamemaster's timeout questions."""
    contract = run.state.contract
    text = Text()  # (a style given to Text() itself would cover all that is appended)
    text.append(t("run.timeout_title", lang), "bold reverse")
    text.append("\n\n")
    if contract.intention:
        text.append(f"{t('run.intention', lang)}: ", "bold")
        text.append(contract.intention.strip() + "\n")
    if contract.desired_outcomes:
        text.append(t("run.outcomes", lang) + ":\n", "bold")
        for outcome in contract.desired_outcomes:
            text.append(f"  • {outcome}\n")
    if contract.rules:
        text.append(t("run.rules", lang) + ":\n", "bold")
        for rule in contract.rules:
            text.append(f"  • {rule}\n")
    step = gamemaster_step(method, "timeout")
    if step is not None:
        text.append("\n" + localize(step.title, lang) + "\n", "bold")
        for question in step.questions:
            text.append(f"  ? {localize(question, lang)}\n")
    text.append("\n" + t("run.timeout_hint", lang), "italic")
    return text


def gamemaster_step(method: Method | None, key: str) -> Step | None:
    """The gamemaster method's step with this key (``timeout``, ``closing``)."""
    if method is None:
        return None
    return next((step for step in method.steps if step.key == key), None)


@dataclass(frozen=True)
class RoomFrame:
    """What the room's view shows: a title line, the big digits, the next item, a level."""

    title: str
    digits: str
    next_label: str
    overtime: bool = False


def room_frame(run: Run, now: float, lang: str) -> RoomFrame:
    """The room's view of a run: the time left (or the round's), now and next; no notes."""
    item = run.current_item
    state = run.state
    if state.phase == "ready":
        first = run.next_index()
        title = t("run.waiting_room", lang, clock=clock_of(state.planned_start))
        digits = countdown(max(state.planned_start - now, 0))
        label = f"{t('run.next', lang)}: {state.items[first].title}" if first is not None else ""
        return RoomFrame(title, digits, label)
    title = item.title if item is not None else t("run.ended_note", lang)
    if state.pause == "timeout":
        title = t("run.timeout_title", lang)
    elif state.pause == "pause":
        title = f"{t('run.paused_room', lang)}   {title}"
    digits = countdown(run.remaining(now)) if item is not None else ""
    if item is not None and item.rotation is not None and state.pause is None:
        at = rotation_now(item.rotation, run.used(state.current, now))
        if at is not None:  # the room needs the round's time, and when to move
            digits = countdown(at.left)
            title = f"{item.title} · {rotation_heading(at, lang)}"
            if at.move_now:
                title = f"{t('run.move_now', lang)}   {title}"
    following = run.next_index() if item is not None else None
    label = (
        f"{t('run.next', lang)}: {state.items[following].title}" if following is not None else ""
    )
    overtime = item is not None and run.remaining(now) < 0
    return RoomFrame(title, digits, label, overtime)


AGENDA_LIMIT = 14
"""How many coming items the side column lists at large sizes."""


def agenda_text(run: Run, projection: Projection, lang: str, limit: int = AGENDA_LIMIT) -> Text:
    """The items still to come with their projected start (skipped ones struck through)."""
    state = run.state
    text = Text()
    text.append(t("run.coming_up", lang) + "\n", "bold")
    shown = 0
    for index in range(max(state.current + 1, 0), len(state.items)):
        if shown >= limit:
            break
        record, item = state.records[index], state.items[index]
        if record.status not in ("pending", "skipped"):
            continue
        placed = projection.placed[index]
        minutes = round(run.budget(index) / 60)
        line = f"{clock_of(placed.start)}  {item.title} ({minutes} {t('minutes', lang)})"
        if record.status == "skipped":
            text.append(line + f" – {t('run.skipped', lang)}\n", "strike dim")
        elif item.pinned is not None:
            text.append(line + " ⌖\n", "bold")
        else:
            text.append(line + "\n")
        shown += 1
    if shown == 0:
        text.append(t("run.last_item", lang) + "\n", "dim")
    return text
