"""A method card: what a key person needs at hand in the meeting.

The card is built as blocks (:mod:`facilkit.export.document`) so the plan's
exports draw it in every format; :func:`method_card` gives its Markdown, which
``methods show`` and the TUI print.
"""

from __future__ import annotations

from collections.abc import Mapping

from facilkit.export.document import Block, Bullets, Facts, Heading, Step, Steps, Text
from facilkit.i18n import t
from facilkit.library.model import GroupSize, Method, Variant, localize
from facilkit.library.model import Text as MethodText
from facilkit.plans.steps import scaled_step_minutes


def group_size_text(size: GroupSize, lang: str) -> str:
    if size.max is None:
        return f"{size.min} {t('or_more', lang)}"
    if size.max == size.min:
        return f"{size.min} {t('persons', lang)}"
    return f"{size.min}–{size.max} {t('persons', lang)}"


def facts(method: Method, lang: str) -> Facts:
    """Duration, group size and process in one line."""
    d, minutes = method.duration, t("minutes", lang)
    return Facts(
        (
            (t("duration", lang), f"{d.min}–{d.max} {minutes} ({d.default} {minutes})"),
            (t("group_size", lang), group_size_text(method.group_size, lang)),
            (t("process", lang), t("process." + method.process, lang)),
        ),
        inline=True,
    )


def fitted_steps(method: Method, lang: str, minutes: int | None = None) -> tuple[Step, ...]:
    """The method's steps, their minutes fitted to ``minutes`` when a plan gives them."""
    given = [step.minutes for step in method.steps]
    if minutes is not None:
        given = scaled_step_minutes(method, minutes)
    return tuple(
        Step(
            localize(step.title, lang),
            step_minutes,
            localize(step.how, lang),
            tuple(localize(question, lang) for question in step.questions),
        )
        for step, step_minutes in zip(method.steps, given, strict=True)
    )


def variant_line(method: Method, variant: Variant, lang: str) -> str:
    """One variant in its method's card: name, minutes and group size, then its summary."""
    runs = method.applied(variant)
    d, minutes = runs.duration, t("minutes", lang)
    line = (
        f"{localize(variant.name, lang)} · {d.min}–{d.max} {minutes} ({d.default} {minutes}) · "
        f"{group_size_text(runs.group_size, lang)}"
    )
    if variant.summary is not None:
        line += f": {localize(variant.summary, lang)}"
    return line


def card_blocks(
    method: Method,
    lang: str,
    level: int = 2,
    names: Mapping[str, str] | None = None,
    minutes: int | None = None,
) -> list[Block]:
    """The whole card: summary, facts, invitation, steps with questions, source.

    ``names`` gives related methods by name (see :meth:`Library.names`); an id
    without a name is shown as the id. ``minutes`` fits the steps to a plan's item.
    """

    def text(value: MethodText | None) -> str:
        return localize(value, lang)

    blocks: list[Block] = [Heading(level, method.name_in(lang))]
    if method.summary:
        blocks.append(Text(text(method.summary)))
    blocks.append(facts(method, lang))
    if method.invitation:
        blocks.append(Text(text(method.invitation), label=t("invitation", lang), style="strong"))
    if method.steps:
        blocks.append(Heading(level + 1, t("steps", lang)))
        blocks.append(Steps(fitted_steps(method, lang, minutes), t("minutes", lang)))
    for field in ("roles", "materials", "tips"):
        values = [text(value) for value in getattr(method, field)]
        if values:
            blocks += [Heading(level + 1, t(field, lang)), Bullets(tuple(values))]
    if method.variants:
        lines = tuple(variant_line(method, variant, lang) for variant in method.variants)
        blocks += [Heading(level + 1, t("variants", lang)), Bullets(lines)]
    source = text(method.source.text) + (f" <{method.source.url}>" if method.source.url else "")
    blocks.append(Text(source, label=t("source", lang), style="em"))
    if method.source.adapted:
        blocks.append(Text(text(method.source.adapted), label=t("adapted", lang), style="em"))
    if method.related:
        names = names or {}
        related = " · ".join(names.get(rid, rid) for rid in method.related)  # names hold commas
        blocks.append(Text(related, label=t("related", lang), style="em"))
    return blocks


def method_card(
    method: Method,
    lang: str,
    heading: str = "##",
    names: Mapping[str, str] | None = None,
    minutes: int | None = None,
) -> str:
    """The card as Markdown, its name under a ``heading`` of that many ``#``."""
    from facilkit.export.markdown import render_blocks

    return render_blocks(card_blocks(method, lang, len(heading), names, minutes))
