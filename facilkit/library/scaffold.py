"""A commented starting file for a new method, valid as it stands, in the trainer's language.

The file is for a trainer to edit by hand, so its comments and example texts come
from the catalogues (``scaffold.*``) in the language facilkit speaks to them: a
Danish trainer gets Danish comments and Danish texts under ``da:``.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from facilkit.atomic import check_writable_folder
from facilkit.errors import StorageError, UsageError, storage_error
from facilkit.i18n import DEFAULT_LANGUAGE, t, ui_language
from facilkit.library.model import LANGUAGES
from facilkit.library.validate import ID_PATTERN

TEMPLATE = """\
# {intro}
# {languages}
id: {id}  # {id_comment}
name:
  {lang}: {title}
summary:
  {lang}: {summary}
category: dialogue             # {category}
process: open                  # {process}
duration: {{min: 10, default: 15, max: 30}}   # {duration}
group_size: {{min: 2, max: 12}}               # {group_size}
invitation:
  {lang}: {invitation}
# {steps}
steps:
  - title:
      {lang}: {step_intro}
    minutes: 2
    how:
      {lang}: {step_intro_how}
  - title:
      {lang}: {step_talk}
    minutes: 10
    questions:
      - {lang}: {question}
roles:
  - {lang}: {role}
materials:
  - {lang}: {material}
tips: []
source:
  text: {source}
tags: []
related: []                    # {related}
"""

_COMMENTS: tuple[str, ...] = ("intro", "languages", "category", "process", "duration")
_COMMENTS += ("group_size", "steps", "related")
_TEXTS: tuple[str, ...] = ("summary", "invitation", "step_intro", "step_intro_how", "step_talk")
_TEXTS += ("question", "material", "source")


def method_text(method_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The new file's text: comments and example texts in ``lang`` (nn gets nb's words)."""
    words = ui_language(lang)
    code = lang if lang in LANGUAGES else words
    codes = ", ".join(LANGUAGES)
    said = {"lang": code, "codes": codes}
    comments = {name: _comment(t(f"scaffold.{name}", words, **said)) for name in _COMMENTS}
    texts = {name: _quoted(t(f"scaffold.{name}", words)) for name in _TEXTS}
    return TEMPLATE.format(
        id=method_id,
        lang=code,
        id_comment=_comment(t("scaffold.id", words)),
        title=_quoted(method_id.replace("-", " ").capitalize()),
        role=_quoted(t("role.facilitator", words)),
        **comments,
        **texts,
    )


def _comment(text: str) -> str:
    """A catalogue text as one comment line (a translator's line break cannot end it)."""
    return " ".join(text.split())


def _quoted(text: str) -> str:
    """Any text as a YAML value that reads back as itself (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def new_method_file(method_id: str, folder: Path, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Write ``<folder>/<id>.yaml`` in ``lang``; never overwrite an existing file."""
    if not ID_PATTERN.match(method_id):
        raise UsageError.words("cli.bad_method_id", id=method_id)
    check_writable_folder(folder)
    path = folder / f"{method_id}.yaml"
    try:
        out = path.open("x", encoding="utf-8")
    except FileExistsError:
        raise StorageError.words("cli.method_file_exists", path) from None
    except OSError as error:
        raise storage_error(error, path) from None
    try:
        with out:
            out.write(method_text(method_id, lang))
    except OSError as error:  # a full disk: leave no half-written method behind
        with contextlib.suppress(OSError):
            path.unlink()
        raise storage_error(error, path) from None
    return path
