"""Every word facilkit itself says, read from one catalogue file per language.

The catalogues are ``facilkit/locale/<code>.yaml`` (da, en, nb, sv, ...): the
set of interface languages is the set of files, so a translator adds a
language by adding a file (see ``docs/translating.md``). A catalogue maps a
key to a text with named placeholders (``{minutes}``), or to its plural forms
(``one`` and ``other``). Only the catalogues in use are read, and a compiled
copy is kept in the cache folder, so a start does not pay for the YAML reader.

Use :func:`t` everywhere: ``t("wiz.saved", lang, path=path)``, and for a count
``t("cli.methods_checked", lang, count=n)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import locale
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import msgspec

from facilkit import __version__
from facilkit.catalogue_form import PLURAL_FORMS as PLURAL_FORMS
from facilkit.catalogue_form import Entry as Entry
from facilkit.catalogue_form import read_plain_catalogue as read_plain_catalogue

CATALOGUE_DIR = Path(__file__).resolve().parent / "locale"
"""The shipped catalogues; a test may point this elsewhere."""

DEFAULT_LANGUAGE = "en"

FALLBACKS: dict[str, tuple[str, ...]] = {
    "da": ("nb", "en"),
    "nb": ("da", "en"),
    "nn": ("nb", "da", "en"),
    "sv": ("da", "en"),
    "en": (),
}
"""Where text in a language is missing, the next languages to try (then English)."""

LOCALE_ALIASES = {"no": "nb", "nb": "nb", "nn": "nn"}
"""``no_NO`` is Norwegian without saying which written form: bokmål is the common one."""


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names file, line and column."""


def fallback_chain(lang: str) -> tuple[str, ...]:
    """``lang`` and the languages to try after it, ending in English."""
    chain = (lang, *FALLBACKS.get(lang, ()), DEFAULT_LANGUAGE)
    return tuple(dict.fromkeys(chain))


def ui_languages() -> tuple[str, ...]:
    """Interface languages: one per catalogue file present (nothing is read)."""
    return tuple(sorted(path.stem for path in CATALOGUE_DIR.glob("*.yaml")))


def plan_languages() -> tuple[str, ...]:
    """Languages a plan and its exports can be in: every catalogue, and nn (through nb)."""
    return tuple(sorted({*ui_languages(), *FALLBACKS}))


def language_name(code: str, lang: str) -> str:
    """``nb`` as a reader of ``lang`` calls it ("norsk (bokmål)"); the code if unnamed."""
    try:
        return t(f"lang.{code}", lang)
    except KeyError:
        return code


def category_name(category: str, lang: str) -> str:
    """A method category in ``lang`` ("dialogue" is "dialog"); a trainer's own as written."""
    try:
        return t(f"category.{category}", lang)
    except KeyError:
        return category


MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july")
MONTHS += ("august", "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def long_date(text: str, lang: str) -> str:
    """``2026-12-03`` written out: "torsdag 3. december 2026", "Thursday 3 December 2026".

    Anything that is not an ISO date is returned as the user wrote it.
    """
    from datetime import date

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return text
    return t(
        "date.long",
        lang,
        weekday=t(f"weekday.{WEEKDAYS[day.weekday()]}", lang),
        day=day.day,
        month=t(f"month.{MONTHS[day.month - 1]}", lang),
        year=day.year,
    )


def ui_language(lang: str) -> str:
    """The first language in ``lang``'s fallback chain that has a catalogue (nn gives nb)."""
    available = ui_languages()
    return next((code for code in fallback_chain(lang) if code in available), DEFAULT_LANGUAGE)


# --- reading catalogues -----------------------------------------------------

_catalogues: dict[str, dict[str, Entry]] = {}
_problems: list[str] = []


class _Compiled(msgspec.Struct):
    """The cached form of one catalogue: valid while the source bytes hash the same."""

    format: str
    digest: str
    entries: dict[str, str | dict[str, str]]


def catalogue_problems() -> list[str]:
    """Catalogues that could not be read so far (their text falls back to another language)."""
    return list(_problems)


def catalogue(lang: str) -> dict[str, Entry]:
    """The entries of one catalogue, read on first use; empty if there is no such file."""
    found = _catalogues.get(lang)
    if found is None:
        path = CATALOGUE_DIR / f"{lang}.yaml"
        found = _catalogues[lang] = {}  # while it loads: its own YAML problem cannot recurse
        if path.is_file():
            try:
                found = _load(path)
            except CatalogueError as error:
                _problems.append(str(error))
                print(f"facilkit: {error}", file=sys.stderr)
        _catalogues[lang] = found
    return found


def _cache_file(path: Path) -> Path:
    from facilkit.paths import Locations

    folder = hashlib.sha1(str(path.parent).encode("utf-8")).hexdigest()[:12]
    return Locations.from_env().cache / "locale" / folder / f"{path.stem}.json"


def _load(path: Path) -> dict[str, Entry]:
    """A catalogue from the cache when its source is unchanged, else parsed and cached."""
    raw = path.read_bytes()
    digest = hashlib.sha1(raw).hexdigest()
    cached = _cache_file(path)
    with contextlib.suppress(OSError, msgspec.DecodeError):
        compiled = msgspec.json.decode(cached.read_bytes(), type=_Compiled)
        if compiled.format == __version__ and compiled.digest == digest:
            return compiled.entries
    entries = parse_catalogue(raw, str(path))
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        data = msgspec.json.encode(_Compiled(__version__, digest, entries))
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as temp:
            temp.write(data)
        os.replace(temp.name, cached)
    return entries


def parse_catalogue(raw: bytes, path: str) -> dict[str, Entry]:
    """Check a catalogue's shape: every value a text or plural forms ``one`` and ``other``."""
    try:
        plain = read_plain_catalogue(raw.decode("utf-8"))
    except UnicodeDecodeError:
        plain = None  # the YAML reader says where
    if plain is not None:
        return plain
    from facilkit import yamlio

    try:
        document = yamlio.load_text(yamlio.decode(raw, path), path)
    except yamlio.YamlError as error:
        raise CatalogueError(str(error)) from None
    data = document.data
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}:1:1: a catalogue is a list of 'key: text' lines")
    entries: dict[str, Entry] = {}
    for key, value in data.items():
        line, column = document.position([key])
        where = f"{path}:{line}:{column}"
        if isinstance(value, str):
            entries[str(key)] = value
        elif isinstance(value, dict) and set(value) == set(PLURAL_FORMS):
            if not all(isinstance(form, str) for form in value.values()):
                raise CatalogueError(f"{where}: '{key}': the plural forms must be texts")
            entries[str(key)] = {str(k): str(v) for k, v in value.items()}
        else:
            raise CatalogueError(
                f"{where}: '{key}' must be a text in quotes, or the plural forms "
                f"'one' and 'other' (see docs/translating.md)"
            )
    return entries


# --- looking words up -------------------------------------------------------


def entry(key: str, lang: str) -> Entry:
    """The raw catalogue value for ``key``, following the fallback chain."""
    for code in fallback_chain(lang):
        found = catalogue(code).get(key)
        if found is not None:
            return found
    raise KeyError(f"no text for '{key}' in any catalogue")


class Words:
    """Words to say later, in the reader's language: ``Words("wiz.start")``.

    A parameter of :func:`t` that has a ``text(lang)`` method (Words, or a
    FacilkitError) is put in the same language as the text around it.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params

    def text(self, lang: str) -> str:
        """The words in ``lang``; the bare key if no catalogue has it (a broken catalogue)."""
        try:
            return t(self.key, lang, **self.params)
        except KeyError:
            return self.key

    def data(self) -> dict[str, object]:
        """The words as plain data, to send to another process (:meth:`from_data` reads it)."""
        params = {
            name: value.data() if isinstance(value, Words) else _plain(value)
            for name, value in self.params.items()
        }
        return {"words": self.key, "params": params}

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Words:
        params = data.get("params")
        said = {
            str(name): cls.from_data(value) if isinstance(value, dict) else value
            for name, value in (params.items() if isinstance(params, dict) else ())
        }
        return cls(str(data.get("words")), **said)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Words({self.key!r}, **{self.params!r})"


def t(key: str, lang: str, /, **params: object) -> str:
    """The text for ``key`` in ``lang`` with its ``{placeholders}`` filled in.

    A plural entry needs ``count``: ``t("home.methods_loaded", lang, count=12)``; its
    count is written with the thousands grouped as ``lang`` does ("10.025 metoder").
    Without parameters the text comes back as written, placeholders and all.
    """
    found = entry(key, lang)
    said = {name: _said(value, lang) for name, value in params.items()}
    if isinstance(found, dict):
        count = params.get("count")
        if not isinstance(count, int):
            raise TypeError(f"'{key}' has plural forms: pass count=<number>")
        found = found[plural_form(count)]
        said["count"] = grouped(count, lang)
    if not params:
        return found
    return found.format_map(said)


def _plain(value: object) -> object:
    """A parameter as data another process can read: numbers and text as they are."""
    return value if isinstance(value, (str, int, float)) else str(value)


def _said(value: object, lang: str) -> object:
    """A parameter as text in ``lang`` if it knows how to say itself (see :class:`Words`)."""
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else value


def grouped(number: int, lang: str) -> str:
    """``number`` with its thousands grouped as ``lang`` writes them: 10,025, 10.025, 10 025."""
    return f"{number:,}".replace(",", t("number.group", lang))


def plural_form(count: int) -> str:
    """The plural form for ``count`` (the rule da, en, nb and sv share)."""
    return "one" if count == 1 else "other"


# --- choosing the language --------------------------------------------------


def language_from_locale(value: str) -> str | None:
    """``nb_NO.UTF-8`` gives nb, ``no_NO`` nb, ``sv_FI`` sv, ``en_GB`` en; unknown gives None."""
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if not code or code in ("c", "posix"):
        return None
    code = LOCALE_ALIASES.get(code, code)
    if code in ui_languages() or code in FALLBACKS:
        return code
    return None


def detect_language(env: Mapping[str, str] | None = None) -> str:
    """``FACILKIT_LANG``, then the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), then English."""
    env = os.environ if env is None else env
    given = env.get("FACILKIT_LANG", "").strip()
    if given:
        found = language_from_locale(given)
        if found:
            return found
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return language_from_locale(value) or DEFAULT_LANGUAGE
    for value in env.get("LANGUAGE", "").split(":"):
        found = language_from_locale(value)
        if found:
            return found
    if env is not os.environ:
        return DEFAULT_LANGUAGE
    try:
        value = locale.getlocale()[0] or ""
    except ValueError:
        value = ""
    return language_from_locale(value) or DEFAULT_LANGUAGE
