"""A method card as Markdown: what a key person needs at hand in the meeting."""

from __future__ import annotations

from collections.abc import Mapping

from facilkit.export import escape
from facilkit.i18n import t
from facilkit.library.model import GroupSize, Method, Text, localize


def group_size_text(size: GroupSize, lang: str) -> str:
    if size.max is None:
        return f"{size.min} {t('or_more', lang)}"
    return f"{size.min}–{size.max} {t('persons', lang)}"


def facts_line(method: Method, lang: str) -> str:
    """Duration, group size and process in one line."""
    d = method.duration
    return " · ".join(
        (
            f"**{t('duration', lang)}:** {d.min}–{d.max} {t('minutes', lang)} "
            f"({d.default} {t('minutes', lang)})",
            f"**{t('group_size', lang)}:** {group_size_text(method.group_size, lang)}",
            f"**{t('process', lang)}:** {t('process.' + method.process, lang)}",
        )
    )


def method_card(
    method: Method, lang: str, heading: str = "##", names: Mapping[str, str] | None = None
) -> str:
    """The whole card: summary, facts, invitation, steps with questions, source.

    ``names`` gives related methods by name (see :meth:`Library.names`); an id
    without a name is shown as the id.
    """
    sub = heading + "#"

    def text(value: Text) -> str:
        return escape.paragraph(localize(value, lang))

    parts = [f"{heading} {escape.inline(method.name_in(lang))}", "", text(method.summary), ""]
    parts += [facts_line(method, lang), ""]
    if method.invitation:
        parts += [f"**{t('invitation', lang)}:** {text(method.invitation)}", ""]
    if method.steps:
        parts += [f"{sub} {t('steps', lang)}", ""]
        for number, step in enumerate(method.steps, 1):
            minutes = f" ({step.minutes} {t('minutes', lang)})" if step.minutes else ""
            parts.append(f"{number}. **{escape.inline(localize(step.title, lang))}**{minutes}")
            if step.how:
                parts.append("   " + text(step.how).replace("\n", "\n   "))
            for question in step.questions:
                parts.append(f"   - *{escape.inline(localize(question, lang))}*")
        parts.append("")
    for field in ("roles", "materials", "tips"):
        values = getattr(method, field)
        if values:
            parts += [f"{sub} {t(field, lang)}", ""]
            parts += [f"- {escape.inline(localize(value, lang))}" for value in values]
            parts.append("")
    source = escape.inline(method.source.text)
    if method.source.url:
        source += f" <{method.source.url}>"
    parts.append(f"*{t('source', lang)}:* {source}")
    if method.source.adapted:
        parts += ["", f"*{t('adapted', lang)}:* {text(method.source.adapted)}"]
    if method.related:
        names = names or {}
        related = (escape.inline(names.get(rid, rid)) for rid in method.related)
        parts += ["", f"*{t('related', lang)}:* " + " · ".join(related)]  # names hold commas
    return "\n".join(parts).strip() + "\n"
