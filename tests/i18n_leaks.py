"""Finding words of another language on a screen or in a command's output (issue 10).

A *foreign phrase* for a language is a piece of another catalogue's text (cut at
placeholders and at ``; : ( ) · |``) that this language's catalogue never says:
"Add to agenda" is foreign to Danish, "Tilføj" to English; "Rotation" or "PDF",
which both say, is not. Short pieces (fewer than five letters), texts that are the
same in both catalogues and pieces the language's own method content or
templates use (ids, "Facilitator" inside a Swedish card) are left out, so what
remains can only come from the wrong catalogue or from a word written in code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from facilkit.i18n import Entry, catalogue, ui_languages

MIN_LETTERS = 5
"""Pieces shorter than this ("Back", "min", "OK") are too often shared to tell anything."""

_CUTS = re.compile(r"\{[^}]*\}|[;:()·|\n\"“”«»]")


def texts(entry: Entry) -> list[str]:
    """The texts of a catalogue value (both plural forms)."""
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def pieces(text: str) -> Iterable[str]:
    """A catalogue text cut at placeholders and strong punctuation, trimmed."""
    for part in _CUTS.split(text):
        part = part.strip(" ,.!?–—-'/+*")
        if sum(ch.isalpha() for ch in part) >= MIN_LETTERS:
            yield part


def _own_words(lang: str, allowed: Iterable[str]) -> str:
    """Everything ``lang`` may show: its catalogue and the allowed texts, as one folded text."""
    own = [text for entry in catalogue(lang).values() for text in texts(entry)]
    return " \n ".join([*own, *allowed]).casefold()


@functools.cache
def foreign_phrases(lang: str, allowed: tuple[str, ...] = ()) -> dict[str, str]:
    """Phrases of other catalogues ``lang`` never says, each with the ``lang:key`` it is from."""
    own = _own_words(lang, allowed)
    found: dict[str, str] = {}
    for other in ui_languages():
        if other == lang:
            continue
        mine = catalogue(lang)
        for key, entry in catalogue(other).items():
            if key in mine and texts(mine[key]) == texts(entry):
                continue  # the same text in both: shared, not foreign
            for text in texts(entry):
                for piece in pieces(text):
                    if piece.casefold() not in own:
                        found.setdefault(piece, f"{other}:{key}")
    return found


@functools.cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


ENGLISH_ONLY = frozenset(
    [
        "the",
        "is",
        "are",
        "was",
        "were",
        "of",
        "and",
        "with",
        "not",
        "use",
        "your",
        "this",
        "that",
        "which",
        "cannot",
        "must",
        "should",
        "does",
        "from",
        "there",
        "been",
        "has",
    ]
)
"""English words no Danish, Norwegian or Swedish text uses: English written in code, not in
a catalogue, shows itself by these."""


def leaks(shown: str, lang: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Foreign phrases in ``shown`` (screen or output text), as ``'phrase' (lang:key)``;
    outside English also English words the catalogues do not have (``'… the …' (English)``)."""
    phrases = foreign_phrases(lang, allowed)
    flat = " ".join(_PATH.sub(" ", shown).split())
    hits = {match.group(1) for match in _pattern(tuple(phrases)).finditer(flat)}
    found = [f"{hit!r} ({phrases[hit]})" for hit in hits]
    if lang != "en":
        found += _english_words(flat, lang, allowed)
    return sorted(set(found))


def _english_words(flat: str, lang: str, allowed: tuple[str, ...]) -> list[str]:
    """English function words with their neighbours, unless this language's own words or the
    user's content say them (a source's English title in a Danish method card)."""
    own = _word_text(lang, allowed)
    words = _WORD.findall(flat)
    found = []
    for index, word in enumerate(words):
        if word.casefold() not in ENGLISH_ONLY:
            continue
        near = " ".join(words[max(index - 1, 0) : index + 2])
        if f" {near.casefold()} " not in own:
            found.append(f"{near!r} (English)")
    return found


_PATH = re.compile(r"\S*/\S*")
"""A path: the user's file and folder names (``plans/``), not words the program says."""
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _word_text(lang: str, allowed: tuple[str, ...]) -> str:
    """The words ``lang`` and ``allowed`` say, punctuation left out, one text per line."""
    own = _own_words(lang, allowed).split(" \n ")
    return "\n".join(" " + " ".join(_WORD.findall(text)) + " " for text in own)


def _strings(data: object, lang: str) -> Iterable[str]:
    """Every text in loaded method or template data, a language mapping said in ``lang``."""
    from facilkit.library.model import LANGUAGES, localize

    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        if data and set(data) <= set(LANGUAGES):
            yield localize(data, lang)
            return
        for key, value in data.items():
            yield str(key)
            yield from _strings(value, lang)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, lang)


@functools.cache
def content_texts(lang: str) -> tuple[str, ...]:
    """The built-in methods' and the templates' texts in ``lang``, ids and names included:
    content the user may see, not words of the program's own."""
    import msgspec

    from facilkit import yamlio
    from facilkit.library.loader import Folder, load_library
    from facilkit.paths import builtin_methods_dir, plan_files_in, plan_templates_dir

    found: list[str] = []
    for entry in load_library([Folder(builtin_methods_dir(), "builtin")]):
        found += _strings(msgspec.to_builtins(entry.method), lang)
    for path in plan_files_in(plan_templates_dir()):
        found.append(path.stem.replace("-", " "))  # a template's id, as help lists it
        text = yamlio.decode(yamlio.read_file(path), str(path))
        found += _strings(yamlio.load_text(text, str(path)).data, lang)
    return tuple(found)
