"""Plan templates in every language: one file per template, its texts by language.

A template is a plan file whose texts may be written like a method's, as a
mapping of language code to text (``title: {da: ..., en: ..., nb: ..., sv: ...}``).
A new plan from it takes each text in the plan's language, along the method
text's fallback chain (nn: nb, da, en), and ``language:`` becomes that language.
So ``plan new --lang en --template learning-group`` gives an English plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilkit.errors import PlanError
from facilkit.i18n import fallback_chain, ui_languages
from facilkit.library.model import LANGUAGES
from facilkit.paths import plan_files_in, plan_templates_dir
from facilkit.plans.model import Plan
from facilkit.yamlio import Document, YamlError, load_file

TEMPLATE_LANGUAGES = ui_languages()
"""A shipped template has every text in each interface language (a test checks): a plan
made from it is written in the plan's language, so a new catalogue file asks for the
templates' texts in that language too."""


def templates() -> dict[str, Path]:
    """Shipped plan templates by name (nothing is read)."""
    return {path.stem: path for path in plan_files_in(plan_templates_dir())}


def is_translation(value: object) -> bool:
    """A mapping of language codes to texts: ``{da: Pause, en: Break}``."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(key in LANGUAGES and isinstance(text, str) for key, text in value.items())
    )


def in_language(value: Any, lang: str) -> Any:
    """``value`` with every translation replaced by its text in ``lang`` (or the fallback)."""
    if is_translation(value):
        return next(
            (value[code] for code in fallback_chain(lang) if value.get(code)),
            next(iter(value.values())),
        )
    if isinstance(value, dict):
        return {key: in_language(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [in_language(item, lang) for item in value]
    return value


def read_template(name: str) -> Document:
    """The template's document, texts in every language; PlanError if missing or broken."""
    available = templates()
    if name not in available:
        raise PlanError.words("plan.error.no_template", name=name, known=", ".join(available))
    try:
        return load_file(available[name])
    except YamlError as error:
        raise PlanError.like(error) from None


def template_title(name: str, lang: str) -> str:
    """The template's own title in ``lang`` ("Learning group meeting (90 min)")."""
    data = read_template(name).data
    title = in_language(data.get("title", name), lang) if isinstance(data, dict) else name
    return str(title)


def plan_from_template(name: str, title: str | None = None, lang: str = "da") -> Plan:
    """A new plan from a template, written in ``lang``; ``title`` replaces the template's."""
    from facilkit.plans.storage import plan_from_document

    document = read_template(name)
    data = in_language(document.data, lang)
    if isinstance(data, dict):
        data["language"] = lang
        if title is not None:
            data["title"] = title
    return plan_from_document(Document(document.path, data, document.root))


def blank_plan(title: str, lang: str) -> Plan:
    """A new plan from the ``blank`` template (a 90-minute frame, the usual roles)."""
    return plan_from_template("blank", title, lang)
