"""The method model: what one YAML method file holds, as fast typed structs.

msgspec validates a loaded mapping in microseconds and serialises the same
structs for the warm-start cache, so one definition serves both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

import msgspec

from facilkit.i18n import fallback_chain, plan_languages

LANGUAGES: tuple[str, ...] = plan_languages()
"""The language codes a text may carry: one per catalogue file present, and ``nn`` (which
falls back to ``nb``), so a translator's new ``locale/<code>.yaml`` adds its code. Listed
once, at import (no catalogue is read). ``no`` is refused: write ``nb`` or ``nn``."""

if TYPE_CHECKING:
    LanguageCode: TypeAlias = str
else:
    LanguageCode = Literal[LANGUAGES]
    """msgspec refuses any other code while it converts a method file (that costs nothing);
    the type checker sees a code as ``str``, since the codes are known only at run time."""

BUILTIN_LANGUAGES = ("da", "en", "nb", "sv")
"""Every text of a built-in method is in each of these languages (issue 10); a trainer's own
method may have fewer and falls back along :func:`facilkit.i18n.fallback_chain`."""

Text = str | dict[LanguageCode, str]
"""Plain text, or a mapping from language code to text."""

Process = Literal["open", "close", "both", "none"]
Origin = Literal["builtin", "user"]


def localize(text: Text | None, lang: str) -> str:
    """Text in ``lang``, else along its fallback chain (sv: da, en; nn: nb, da, en), else any."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for code in fallback_chain(lang):
        found = text.get(code)
        if found:
            return found
    return next(iter(text.values()), "")


class Duration(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Minutes a method needs: the least, the usual and the most."""

    min: int
    default: int
    max: int


class GroupSize(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """How many participants the method suits; ``max`` None means no upper limit."""

    min: int = 1
    max: int | None = None

    def suits(self, participants: int) -> bool:
        return participants >= self.min and (self.max is None or participants <= self.max)


class Step(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One step of a method, in order."""

    title: Text
    key: str | None = None
    """A stable name for the step; the plan wizard finds its guidance by it."""
    minutes: int | None = None
    how: Text | None = None
    questions: list[Text] = msgspec.field(default_factory=list)


class Source(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Attribution: who made the method, and how our sources adapt it.

    ``text`` is a citation: plain text when it is names and titles only (a built-in method
    too), or a language mapping when it describes, as "as taught on the key-person course"
    does (then a built-in method gives it in every interface language).
    """

    text: Text
    url: str | None = None
    adapted: Text | None = None


class Variant(
    msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True
):
    """Another form of the same method: its own fields replace the method's where given.

    The reflecting team, for example, for six colleagues or for a network
    gathering: one card, one source, two ways to run it.
    """

    id: str
    name: Text
    summary: Text | None = None
    duration: Duration | None = None
    group_size: GroupSize | None = None
    invitation: Text | None = None
    steps: list[Step] | None = None
    roles: list[Text] | None = None
    materials: list[Text] | None = None
    tips: list[Text] | None = None
    adapted: Text | None = None
    """How this form adapts the method's source; replaces ``source.adapted``."""


VARIANT_FIELDS = (
    "summary",
    "duration",
    "group_size",
    "invitation",
    "steps",
    "roles",
    "materials",
    "tips",
)
"""Fields a variant may give, each replacing the method's field of the same name."""


def joined_name(method_name: Text, variant_name: Text) -> Text:
    """``Reflecting team – network gathering`` in every language either name has."""
    if isinstance(method_name, str) and isinstance(variant_name, str):
        return f"{method_name} – {variant_name}"
    codes = [
        *(method_name if isinstance(method_name, dict) else {}),
        *(variant_name if isinstance(variant_name, dict) else {}),
    ]
    return {
        code: f"{localize(method_name, code)} – {localize(variant_name, code)}"
        for code in dict.fromkeys(codes)
    }


class MethodHead(msgspec.Struct, frozen=True):
    """The fields a list, a search and a filter need; cheap to decode from the cache."""

    id: str
    name: Text
    summary: Text
    category: str
    process: Process
    duration: Duration
    group_size: GroupSize = GroupSize()
    tags: list[str] = msgspec.field(default_factory=list)
    related: list[str] = msgspec.field(default_factory=list)

    def name_in(self, lang: str) -> str:
        return localize(self.name, lang)

    def summary_in(self, lang: str) -> str:
        return localize(self.summary, lang)


class Method(MethodHead, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One facilitation method, as a trainer writes it in ``<id>.yaml``."""

    source: Source
    invitation: Text | None = None
    steps: list[Step] = msgspec.field(default_factory=list)
    roles: list[Text] = msgspec.field(default_factory=list)
    materials: list[Text] = msgspec.field(default_factory=list)
    tips: list[Text] = msgspec.field(default_factory=list)
    variants: list[Variant] = msgspec.field(default_factory=list)

    def find_variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)

    def with_variant(self, variant_id: str) -> Method | None:
        """The method as the variant runs it, or None for an unknown variant."""
        variant = self.find_variant(variant_id)
        return None if variant is None else self.applied(variant)

    def applied(self, variant: Variant) -> Method:
        """The variant's fields over the method's.

        The result is an ordinary method (same id, joined name, no variants of
        its own), so schedules, checks and cards need no special case.
        """
        changes: dict[str, object] = {
            field: getattr(variant, field)
            for field in VARIANT_FIELDS
            if getattr(variant, field) is not None
        }
        if variant.adapted is not None:
            changes["source"] = msgspec.structs.replace(self.source, adapted=variant.adapted)
        return msgspec.structs.replace(
            self, name=joined_name(self.name, variant.name), variants=[], **changes
        )


_method_decoder = msgspec.msgpack.Decoder(Method)

OWN_MARK = "+"
"""Marks a user's own method (overriding a built-in or not) in every listing, CLI and TUI."""


class Entry:
    """A method as found on the search path: where it came from and what it overrides.

    An entry from the warm-start cache holds only the head and the encoded method;
    the full method is decoded the first time a card or a plan asks for it.
    """

    __slots__ = ("_encoded", "_method", "head", "origin", "overrides", "path")

    def __init__(
        self,
        head: MethodHead,
        path: str,
        origin: Origin,
        overrides: str | None = None,
        encoded: bytes | memoryview | None = None,
    ) -> None:
        self.head = head
        self.path = path
        self.origin = origin
        self.overrides = overrides
        self._method = head if isinstance(head, Method) else None
        self._encoded = encoded

    @property
    def id(self) -> str:
        return self.head.id

    @property
    def method(self) -> Method:
        if self._method is None:
            assert self._encoded is not None
            self._method = _method_decoder.decode(self._encoded)
        return self._method

    def with_overrides(self, overrides: str) -> Entry:
        entry = Entry(self.head, self.path, self.origin, overrides, self._encoded)
        entry._method = self._method
        return entry
