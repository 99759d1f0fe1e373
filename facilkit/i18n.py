"""Words facilkit itself says, in Danish and English.

Method and plan text comes from the files; these are the labels around it,
shared by the export and the TUI so both speak the same language.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

UI_LANGUAGES = ("da", "en")

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (da, en)
    "duration": ("Varighed", "Duration"),
    "group_size": ("Gruppestørrelse", "Group size"),
    "process": ("Proces", "Process"),
    "process.open": ("åbneproces", "opening process"),
    "process.close": ("lukkeproces", "closing process"),
    "process.both": ("åbne- og lukkeproces", "opening and closing"),
    "process.none": ("hverken åbne eller lukke", "neither"),
    "category": ("Kategori", "Category"),
    "invitation": ("Invitation", "Invitation"),
    "steps": ("Trin", "Steps"),
    "questions": ("Spørgsmål", "Questions"),
    "roles": ("Roller", "Roles"),
    "materials": ("Materialer", "Materials"),
    "tips": ("Gode råd", "Tips"),
    "source": ("Kilde", "Source"),
    "adapted": ("Tilpasning", "Adaptation"),
    "related": ("Se også", "See also"),
    "minutes": ("min", "min"),
    "persons": ("personer", "people"),
    "or_more": ("eller flere", "or more"),
    "tags": ("Nøgleord", "Tags"),
    # plan export
    "run_plan": ("Køreplan", "Run plan"),
    "date": ("Dato", "Date"),
    "time": ("Tid", "Time"),
    "place": ("Sted", "Place"),
    "participants": ("Deltagere", "Participants"),
    "idoart": ("I DO ART", "I DO ART"),
    "intention": ("Intention", "Intention"),
    "desired_outcome": ("Ønsket resultat", "Desired outcome"),
    "agenda": ("Dagsorden", "Agenda"),
    "rules_roles": ("Regler og roller", "Rules and roles"),
    "time_frame": ("Tidsramme", "Time frame"),
    "item": ("Punkt", "Item"),
    "how": ("Hvordan", "How"),
    "responsible": ("Ansvarlig", "Responsible"),
    "total": ("I alt", "Total"),
    "slack": ("Luft", "Slack"),
    "overrun": ("Overskridelse", "Overrun"),
    "rotation": ("Rotation", "Rotation"),
    "round": ("Runde", "Round"),
    "station": ("Station", "Station"),
    "group": ("Gruppe", "Group"),
    "move": ("Skift", "Move"),
    "break": ("Pause", "Break"),
    "methods_used": ("Metoder", "Methods"),
    "checklist": ("Tjekliste: materialer", "Checklist: materials"),
    "rules": ("Spilleregler", "Rules"),
    "follow_up": ("Opfølgning", "Follow-up"),
    "findings": ("Tjek af planen", "Plan checks"),
    "role.facilitator": ("Facilitator", "Facilitator"),
    "role.timekeeper": ("Tidtager", "Timekeeper"),
    "role.note-taker": ("Referent", "Note-taker"),
    "unknown_method": ("ukendt metode", "unknown method"),
    "pinned": ("fast tid", "fixed time"),
}


def t(key: str, lang: str) -> str:
    """The label for ``key`` in ``lang``: Danish for da (and nb/nn, its close
    neighbours), English for everything else."""
    da, en = _STRINGS[key]
    return da if lang in ("da", "nb", "nn") else en


def register(strings: Mapping[str, tuple[str, str]]) -> None:
    """Add labels (the TUI registers its own at import)."""
    _STRINGS.update(strings)


def detect_language(env: Mapping[str, str] | None = None) -> str:
    """Danish when FACILKIT_LANG or the locale says Danish, else English."""
    env = os.environ if env is None else env
    for name in ("FACILKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return "da" if code == "da" else "en"
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return "da" if code == "da" else "en"
