"""Which widget edits which plan field, and how its text becomes the field's value and back.

The plan screen sends every widget change to the editor through :func:`value_of`
and redraws a widget from the plan through :func:`text_of` after an undo; a
widget whose text already means the plan's value is left alone, so the cursor
of the field being typed in never jumps.
"""

from __future__ import annotations

from facilkit.plans.model import KNOWN_ROLES, Plan

ROLE_WIDGETS = tuple(f"f-role-{role}" for role in KNOWN_ROLES)
OTHER_ROLES = "f-other-roles"

FIELD_OF_WIDGET = {
    "f-intention": "intention",
    "f-outcomes": "desired_outcomes",
    "f-follow-up": "follow_up",
    "f-rules": "rules",
    **dict.fromkeys(ROLE_WIDGETS, "roles"),
    OTHER_ROLES: "roles",
    "f-title": "title",
    "f-date": "date",
    "f-start": "start",
    "f-end": "end",
    "f-location": "location",
    "f-participants": "participants",
    "f-language": "language",
}
"""Widget id -> plan field (the roles are spread over four widgets)."""

WIDGETS_OF_FIELD: dict[str, list[str]] = {}
for _widget, _field in FIELD_OF_WIDGET.items():
    WIDGETS_OF_FIELD.setdefault(_field, []).append(_widget)

STEP_OF_FIELD = {
    "intention": "intention",
    "desired_outcomes": "desired-outcome",
    "follow_up": "desired-outcome",
    "agenda": "agenda",
    "roles": "rules-roles",
    "rules": "rules-roles",
    **dict.fromkeys(
        ("title", "date", "start", "end", "location", "participants", "language", "materials"),
        "time",
    ),
}
"""The wizard step that shows a field: undo goes there so the user sees what came back."""

LIST_FIELDS = ("desired_outcomes", "rules")


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_roles(text: str) -> dict[str, str]:
    """``role: name`` per line; a line without a colon is a role with no name yet."""
    roles = {}
    for line in lines_of(text):
        role, _, name = line.partition(":")
        roles[role.strip()] = name.strip()
    return roles


def roles_from(named: dict[str, str], other_text: str, current: dict[str, str]) -> dict[str, str]:
    """The roles from the named-role fields and the free ``role: name`` lines.

    A named role left empty stays in the plan only if it was there (the blank
    template lists the usual roles with no names), so opening a plan is no edit.
    """
    roles = {}
    for role in KNOWN_ROLES:
        name = named.get(role, "").strip()
        if name or role in current:
            roles[role] = name
    roles.update(parse_roles(other_text))
    return roles


def value_of(field: str, text: str) -> object:
    """The plan value a single-widget field's text means."""
    if field in LIST_FIELDS:
        return lines_of(text)
    if field == "participants":
        number = text.strip()
        return int(number) if number.isdigit() else None
    if field == "language":
        return text
    return text.strip()


def text_of(widget_id: str, plan: Plan) -> str:
    """The text a widget shows for the plan's current value."""
    field = FIELD_OF_WIDGET[widget_id]
    if widget_id in ROLE_WIDGETS:
        return plan.roles.get(widget_id.removeprefix("f-role-"), "")
    if widget_id == OTHER_ROLES:
        return "\n".join(
            f"{role}: {name}" for role, name in plan.roles.items() if role not in KNOWN_ROLES
        )
    value = getattr(plan, field)
    if field in LIST_FIELDS:
        return "\n".join(value)
    return "" if value is None else str(value)
