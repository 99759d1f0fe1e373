"""Which widget edits which plan field, and how its text becomes the field's value and back.

The plan screen sends every widget change to the editor through :func:`value_of`
and redraws a widget from the plan through :func:`text_of` after an undo; a
widget whose text already means the plan's value is left alone, so the cursor
of the field being typed in never jumps.
"""

from __future__ import annotations

from textual.message import Message

from facilkit.i18n import long_date
from facilkit.plans.clock import ClockError, parse_clock
from facilkit.plans.dates import DateError, iso_date, parse_date
from facilkit.plans.model import KNOWN_ROLES, Plan
from facilkit.tui.widgets.text_entry import Input

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
    "title": "intention",  # the first step: asked when the plan is made, changed there
    "materials": "agenda",  # the check list beside the agenda; m edits the plan's own
    **dict.fromkeys(("date", "start", "end", "location", "participants", "language"), "time"),
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
    if field == "date":  # stored as ISO when it can be read, otherwise kept as typed
        return iso_date(text) or text.strip()
    if field == "language":
        return text
    return text.strip()


def text_of(widget_id: str, plan: Plan) -> str:
    """The text a widget shows for the plan's current value."""
    field = FIELD_OF_WIDGET[widget_id]
    if widget_id in ROLE_WIDGETS:
        return plan.roles.get(widget_id.removeprefix("f-role-"), "")
    if widget_id == OTHER_ROLES:  # a role with no name yet shows as it was typed
        return "\n".join(
            f"{role}: {name}" if name else role
            for role, name in plan.roles.items()
            if role not in KNOWN_ROLES
        )
    value = getattr(plan, field)
    if field in LIST_FIELDS:
        return "\n".join(value)
    return "" if value is None else str(value)


NOTED_FIELDS = ("f-date", "f-start", "f-end", "f-participants")
"""Fields with a note beside them (``<id>-note``) that reads what was typed at once."""


def note_of(widget_id: str, text: str, lang: str) -> tuple[str, bool]:
    """The note beside a field for ``text`` and whether it is a problem.

    A date shows its weekday (so 3/12 can be checked at a glance); a date or
    clock time that cannot be read says why, and the text stays as typed.
    """
    if not text.strip():
        return "", False
    try:
        if widget_id == "f-date":
            return long_date(parse_date(text).isoformat(), lang), False
        if widget_id in ("f-start", "f-end"):
            parse_clock(text)
    except (DateError, ClockError) as error:
        return error.text(lang), True
    return "", False


class CountInput(Input):
    """A number of people: digits only, and a refused key says why it did not appear."""

    class Refused(Message):
        """A key or a paste was not let in (not a digit, or too long)."""

        def __init__(self, widget_id: str) -> None:
            super().__init__()
            self.widget_id = widget_id

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, restrict=r"\d*", max_length=4)

    def restricted(self) -> None:
        self.post_message(self.Refused(self.id or ""))
