"""An invitation text for an e-mail, in the plan's language: the participants' handout as text."""

from __future__ import annotations

from pathlib import Path

from facilkit.export import text
from facilkit.export.build import build
from facilkit.export.document import Audience, Heading
from facilkit.i18n import t
from facilkit.library.loader import Library
from facilkit.plans.model import Plan


def invitation(plan: Plan, library: Library, lang: str) -> str:
    """'You are invited to ...', then when, where, why and the programme."""
    document = build(plan, library, lang, "participants")
    lead = t("export.invite_lead", lang, title=text.clean(document.title))
    body = [
        block for block in document.blocks if not (isinstance(block, Heading) and block.level == 1)
    ]
    return lead + "\n\n" + text.render_blocks(body)


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> bytes:
    """The invitation's bytes, for :func:`facilkit.export.formats.render`."""
    return invitation(plan, library, lang).encode("utf-8")
