"""A plan as a Markdown run plan (kjøreplan) or participants' handout."""

from __future__ import annotations

from pathlib import Path

from facilkit.export import markdown
from facilkit.export.build import build
from facilkit.export.document import Audience
from facilkit.library.loader import Library
from facilkit.plans.model import Plan


def export_markdown(
    plan: Plan,
    library: Library,
    lang: str,
    audience: Audience = "facilitator",
    glue: bool = True,
) -> str:
    """The whole handout as Markdown text (``glue``: clock ranges never wrap, for print)."""
    return markdown.render(build(plan, library, lang, audience), glue)


def render_file(
    plan: Plan, library: Library, lang: str, audience: Audience, template: Path | None
) -> bytes:
    """The Markdown export's bytes, for :func:`facilkit.export.formats.render`."""
    return export_markdown(plan, library, lang, audience).encode("utf-8")
