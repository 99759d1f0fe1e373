"""The shipped plan templates as rows to choose from: name, minutes and language.

What ``facilkit plan templates`` prints. Each template is read in the
requested language, so the name and the minutes are what a new plan from it
would have.
"""

from __future__ import annotations

from typing import TypedDict

from facilkit.plans.schedule import schedule
from facilkit.plans.template import plan_from_template, read_template, templates


class TemplateRow(TypedDict):
    id: str
    name: str
    minutes: int
    start: str
    end: str
    language: str
    languages: list[str]
    """The languages the template is written in (those of its title)."""


def template_rows(lang: str) -> list[TemplateRow]:
    """One row per shipped template, by id, with its texts in ``lang``."""
    rows: list[TemplateRow] = []
    for name in sorted(templates()):
        plan = plan_from_template(name, lang=lang)
        data = read_template(name).data
        title = data.get("title") if isinstance(data, dict) else None
        rows.append(
            TemplateRow(
                id=name,
                name=plan.title,
                minutes=schedule(plan).total,
                start=plan.start,
                end=plan.end,
                language=plan.language,
                languages=sorted(title) if isinstance(title, dict) else [],
            )
        )
    return rows
