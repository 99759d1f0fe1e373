"""A commented starting file for a new method, valid as it stands."""

from __future__ import annotations

from pathlib import Path

from facilkit.library.validate import ID_PATTERN

TEMPLATE = """\
# A facilkit method. Every field is explained in docs/methods.md.
# Text can be one language, or a mapping of language codes (da, en, nb, nn, sv).
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


class ScaffoldError(Exception):
    """The new file cannot be written; the message says why."""


def new_method_file(method_id: str, folder: Path) -> Path:
    """Write ``<folder>/<id>.yaml``; never overwrite an existing file."""
    if not ID_PATTERN.match(method_id):
        raise ScaffoldError(
            f"'{method_id}' is not a valid id: use lowercase letters, digits and hyphens"
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{method_id}.yaml"
    title = method_id.replace("-", " ").capitalize()
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(TEMPLATE.format(id=method_id, title=title))
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; choose another id or edit that file") from None
    return path
