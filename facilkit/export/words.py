"""The words the exports add, in every language facilkit speaks.

Kept beside the export until the language catalogues take them over; ``word``
falls back to English for a language without its own text.
"""

from __future__ import annotations

from facilkit.i18n import register

_WORDS: dict[str, dict[str, str]] = {
    "page_of": {
        "da": "Side {page} af {pages}",
        "en": "Page {page} of {pages}",
        "nb": "Side {page} av {pages}",
        "sv": "Sida {page} av {pages}",
    },
    "program": {"da": "Program", "en": "Programme", "nb": "Program", "sv": "Program"},
    "stations": {"da": "Stationer", "en": "Stations", "nb": "Stasjoner", "sv": "Stationer"},
    "theme": {"da": "Tema", "en": "Theme", "nb": "Tema", "sv": "Tema"},
    "question": {"da": "Spørgsmål", "en": "Question", "nb": "Spørsmål", "sv": "Fråga"},
    "walk_round": {
        "da": "Rundgang ved flipoverne",
        "en": "Walk round the flip-charts",
        "nb": "Runde ved flippoverne",
        "sv": "Rundvandring vid blädderblocken",
    },
    "planned": {"da": "I planen", "en": "In the plan", "nb": "I planen", "sv": "I planen"},
    "card.method": {"da": "Metode", "en": "Method", "nb": "Metode", "sv": "Metod"},
    "card.questions": {
        "da": "Spørgsmål",
        "en": "Questions",
        "nb": "Spørsmål",
        "sv": "Frågor",
    },
    "card.station": {"da": "Station", "en": "Station", "nb": "Stasjon", "sv": "Station"},
    "invite.lead": {
        "da": "Du er inviteret til {title}.",
        "en": "You are invited to {title}.",
        "nb": "Du er invitert til {title}.",
        "sv": "Du är inbjuden till {title}.",
    },
    "file.participants": {
        "da": "deltagere",
        "en": "participants",
        "nb": "deltakere",
        "sv": "deltagare",
    },
    "file.cards": {"da": "kort", "en": "cards", "nb": "kort", "sv": "kort"},
    "file.invitation": {
        "da": "invitation",
        "en": "invitation",
        "nb": "invitasjon",
        "sv": "inbjudan",
    },
    "audience.facilitator": {
        "da": "Facilitator: køreplanen",
        "en": "Facilitator: the run plan",
        "nb": "Tilrettelegger: kjøreplanen",
        "sv": "Facilitator: körschemat",
    },
    "audience.participants": {
        "da": "Deltagere: programmet",
        "en": "Participants: the handout",
        "nb": "Deltakere: programmet",
        "sv": "Deltagare: programmet",
    },
    "format.md": {"da": "Markdown", "en": "Markdown", "nb": "Markdown", "sv": "Markdown"},
    "format.html": {
        "da": "HTML til print",
        "en": "HTML for print",
        "nb": "HTML for utskrift",
        "sv": "HTML för utskrift",
    },
    "format.pdf": {"da": "PDF", "en": "PDF", "nb": "PDF", "sv": "PDF"},
    "format.docx": {"da": "Word", "en": "Word", "nb": "Word", "sv": "Word"},
    "format.ics": {
        "da": "Kalenderinvitation",
        "en": "Calendar invitation",
        "nb": "Kalenderinvitasjon",
        "sv": "Kalenderinbjudan",
    },
    "format.cards": {
        "da": "Kort til print (A6)",
        "en": "Cards to print (A6)",
        "nb": "Kort til utskrift (A6)",
        "sv": "Kort för utskrift (A6)",
    },
    "format.invitation": {
        "da": "Invitationstekst til e-mail",
        "en": "Invitation text for e-mail",
        "nb": "Invitasjonstekst til e-post",
        "sv": "Inbjudningstext för e-post",
    },
    "export.title": {
        "da": "Eksportér planen",
        "en": "Export the plan",
        "nb": "Eksporter planen",
        "sv": "Exportera planen",
    },
    "export.format": {"da": "Format", "en": "Format", "nb": "Format", "sv": "Format"},
    "export.audience": {"da": "Til", "en": "For", "nb": "Til", "sv": "Till"},
    "export.folder": {"da": "Mappe", "en": "Folder", "nb": "Mappe", "sv": "Mapp"},
    "export.file": {"da": "Filnavn", "en": "File name", "nb": "Filnavn", "sv": "Filnamn"},
    "export.go": {"da": "Eksportér", "en": "Export", "nb": "Eksporter", "sv": "Exportera"},
    "export.cancel": {"da": "Annullér", "en": "Cancel", "nb": "Avbryt", "sv": "Avbryt"},
    "export.overwrite": {
        "da": "{path} findes allerede. Vil du overskrive den?",
        "en": "{path} already exists. Overwrite it?",
        "nb": "{path} finnes allerede. Vil du overskrive den?",
        "sv": "{path} finns redan. Vill du skriva över den?",
    },
    "export.yes_overwrite": {
        "da": "Overskriv",
        "en": "Overwrite",
        "nb": "Overskriv",
        "sv": "Skriv över",
    },
    "export.done": {
        "da": "Eksporteret: {path}",
        "en": "Exported: {path}",
        "nb": "Eksportert: {path}",
        "sv": "Exporterat: {path}",
    },
}

WORD_KEYS = tuple(_WORDS)

register(
    {  # error messages: FacilkitError.text(lang) reads them through t()
        "error.export.template": (
            "ikke et Word-dokument (.docx), som kan bruges som skabelon; vælg en anden fil",
            "not a Word document (.docx) that can serve as a template; choose another file",
        ),
        "error.export.date": (
            "en kalenderinvitation kræver mødets dato som ÅÅÅÅ-MM-DD (planen har '{date}')",
            "a calendar invitation needs the meeting's date as YYYY-MM-DD (the plan has '{date}')",
        ),
        "error.export.timezone": (
            "'{zone}' er ikke en tidszone; skriv fx Europe/Copenhagen, Europe/Oslo eller Europe/Stockholm",
            "'{zone}' is not a time zone; write it like Europe/Copenhagen, Europe/Oslo or Europe/Stockholm",
        ),
    }
)


def word(key: str, lang: str) -> str:
    """The export's word for ``key`` in ``lang`` (English when the language has none)."""
    texts = _WORDS[key]
    return texts.get(lang) or texts["en"]
