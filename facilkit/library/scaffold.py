"""A commented starting file for a new method, valid as it stands."""

from __future__ import annotations

import contextlib
from pathlib import Path

from facilkit.atomic import check_writable_folder
from facilkit.errors import StorageError, UsageError, storage_error
from facilkit.library.model import LANGUAGES
from facilkit.library.validate import ID_PATTERN

TEMPLATE = """\
# A facilkit method. Every field is explained in docs/methods.md.
# Text can be one language, or a mapping of language codes ({codes}).
id: {id}                      # must equal the file name
name:
  da: {title}
  en: {title}
summary:
  da: Skriv en eller to sætninger om, hvad metoden gør godt for.
  en: Write one or two sentences on what the method is good for.
category: dialogue             # planning, facilitation, dialogue, questions, sparring, ...
process: open                  # open, close, both or none
duration: {{min: 10, default: 15, max: 30}}   # minutes
group_size: {{min: 2, max: 12}}
invitation:
  da: Hvilket spørgsmål eller hvilken opgave stiller I gruppen?
  en: What question or task do you put to the group?
steps:
  - title: {{da: Introduktion, en: Introduction}}
    minutes: 2
    how:
      da: Facilitatoren forklarer formål og tid.
      en: The facilitator explains the purpose and the time.
  - title: {{da: Samtale, en: Conversation}}
    minutes: 10
    questions:
      - {{da: "Hvad har du allerede prøvet?", en: "What have you tried already?"}}
roles:
  - {{da: facilitator, en: facilitator}}
materials:
  - {{da: flipover, en: flip-chart}}
tips: []
source:
  text: Write who made the method and where you found it.
tags: [example]
related: []
"""


def new_method_file(method_id: str, folder: Path) -> Path:
    """Write ``<folder>/<id>.yaml``; never overwrite an existing file."""
    if not ID_PATTERN.match(method_id):
        raise UsageError.words("cli.bad_method_id", id=method_id)
    check_writable_folder(folder)
    path = folder / f"{method_id}.yaml"
    title = method_id.replace("-", " ").capitalize()
    try:
        out = path.open("x", encoding="utf-8")
    except FileExistsError:
        raise StorageError.words("cli.method_file_exists", path) from None
    except OSError as error:
        raise storage_error(error, path) from None
    try:
        with out:
            out.write(TEMPLATE.format(id=method_id, title=title, codes=", ".join(LANGUAGES)))
    except OSError as error:  # a full disk: leave no half-written method behind
        with contextlib.suppress(OSError):
            path.unlink()
        raise storage_error(error, path) from None
    return path
