"""Turn one method file into a :class:`Method`, or into problems at line and column.

Type checks come from msgspec (fast, one error at a time), the language codes
among them (the model's ``LanguageCode``); the rules a type cannot express (id
matches file name, durations in order, texts not blank, a built-in's languages
complete) are checked here so every problem points at the offending node.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from facilkit.i18n import Words
from facilkit.library.model import LANGUAGES, Method, Step, Text, Variant
from facilkit.problems import Problem
from facilkit.typed import Keys, SetAside, at, convert_all, refused_key_in, replaced
from facilkit.yamlio import Document, YamlError, load_file

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_method(
    path: Path, require_languages: tuple[str, ...] = ()
) -> tuple[Method | None, list[Problem]]:
    """Read and check one method file; the method is None when it has errors."""
    method, problems = review_method(path, require_languages)
    return (None if problems else method), problems


def review_method(
    path: Path, require_languages: tuple[str, ...] = ()
) -> tuple[Method | None, list[Problem]]:
    """Every problem of one method file, and the method as far as it could be read.

    The method comes back even with problems (its broken fields left out), so
    ``validate`` can check its ``related`` ids in the same run.
    """
    try:
        document = load_file(path)
    except YamlError as error:
        return None, [Problem.from_error(error)]
    return _review(document, Path(path).stem, require_languages)


def check_method(
    document: Document, expected_id: str | None, require_languages: tuple[str, ...] = ()
) -> tuple[Method | None, list[Problem]]:
    """Validate loaded data; ``expected_id`` is the file name without ``.yaml``."""
    method, problems = _review(document, expected_id, require_languages)
    return (None if problems else method), problems


def _review(
    document: Document, expected_id: str | None, require_languages: tuple[str, ...]
) -> tuple[Method | None, list[Problem]]:
    """Type problems, then the rules on whatever the types left readable: all in one pass."""

    def problem(keys: Keys, words: Words) -> Problem:
        line, column = document.position(keys)
        return Problem.said(document.path, line, column, words)

    if not isinstance(document.data, dict):
        return None, [problem((), Words("method.error.not_a_mapping"))]
    originals: dict[Keys, dict[str, object]] = {}
    method, problems = convert_all(
        document, document.data, Method, set_aside=_set_aside_codes(originals)
    )
    if method is None:
        return None, problems

    problems += [problem(keys, message) for keys, message in _rules(method, expected_id)]
    if not originals and not require_languages and not document.blank_text:
        return method, problems  # the usual case: msgspec checked the codes; no text is blank
    for keys, message, language in _language_problems(method, require_languages, originals):
        if language is None:
            problems.append(problem(keys, message))
        else:
            line, column = document.key_position(keys, language)
            problems.append(Problem.said(document.path, line, column, message))
    return method, problems


def _rules(method: Method, expected_id: str | None) -> Iterator[tuple[Keys, Words]]:
    if not ID_PATTERN.match(method.id):
        yield ("id",), Words("method.error.bad_id")
    if expected_id is not None and method.id != expected_id:
        yield ("id",), Words("method.error.id_not_file", id=method.id, expected=expected_id)
    yield from _shape_rules(method)
    yield from _variant_rules(method)
    if isinstance(method.source.text, str) and not method.source.text.strip():
        yield ("source", "text"), Words("method.error.no_source")
    url = method.source.url
    if url is not None and not re.match(r"^https?://[^\s<>]+$", url):
        yield ("source", "url"), Words("method.error.bad_url")
    for index, related in enumerate(method.related):
        if not ID_PATTERN.match(related):
            yield ("related", index), Words("method.error.not_an_id", id=related)


def _shape_rules(method: Method) -> Iterator[tuple[Keys, Words]]:
    """Minutes and group size in order: the rules every variant follows too."""
    duration = method.duration
    if duration.min < 1:
        yield ("duration", "min"), Words("method.error.min_below_one")
    if not duration.min <= duration.default <= duration.max:
        yield (
            ("duration",),
            Words(
                "method.error.duration_order",
                min=duration.min,
                default=duration.default,
                max=duration.max,
            ),
        )
    step_minutes = sum(step.minutes or 0 for step in method.steps)
    if step_minutes > duration.max:
        words = Words("method.error.steps_too_long", minutes=step_minutes, max=duration.max)
        yield ("steps",), words
    for index, step in enumerate(method.steps):
        if step.minutes is not None and step.minutes < 0:
            yield ("steps", index, "minutes"), Words("method.error.negative_minutes")
    size = method.group_size
    if size.min < 1:
        yield ("group_size", "min"), Words("method.error.group_min")
    if size.max is not None and size.max < size.min:
        yield ("group_size",), Words("method.error.group_order", max=size.max, min=size.min)


def _variant_rules(method: Method) -> Iterator[tuple[Keys, Words]]:
    """Unique ids, and the method's rules for the minutes and group size each variant gives.

    A variant is checked as it runs (its fields over the method's), but only
    for the rules its own fields take part in: a fault in the method itself is
    reported once, at the method.
    """
    first_index: dict[str, int] = {}
    for index, variant in enumerate(method.variants):
        here: Keys = ("variants", index)
        if not ID_PATTERN.match(variant.id):
            yield (*here, "id"), Words("method.error.bad_variant_id")
        elif variant.id in first_index:
            number = first_index[variant.id] + 1
            words = Words("method.error.variant_id_taken", id=variant.id, number=number)
            yield (*here, "id"), words
        else:
            first_index[variant.id] = index
        given = {
            field
            for field in ("duration", "group_size", "steps")
            if getattr(variant, field) is not None
        }
        for keys, message in _shape_rules(method.applied(variant)):
            field = str(keys[0])
            if keys == ("steps",):  # the steps' minutes against duration.max
                if not given & {"steps", "duration"}:
                    continue
                keys = keys if "steps" in given else ("duration",)
            elif field not in given:
                continue
            yield (*here, *keys), Words("method.error.in_variant", id=variant.id, message=message)


def texts(method: Method) -> Iterator[tuple[Keys, Text]]:
    """Every translatable text in a method, with its place in the file."""
    yield ("name",), method.name
    yield ("summary",), method.summary
    if method.invitation is not None:
        yield ("invitation",), method.invitation
    for index, step in enumerate(method.steps):
        yield from _step_texts(("steps", index), step)
    for field in ("roles", "materials", "tips"):
        for index, text in enumerate(getattr(method, field)):
            yield (field, index), text
    if isinstance(method.source.text, dict):  # a plain citation is names and titles
        yield ("source", "text"), method.source.text
    if method.source.adapted is not None:
        yield ("source", "adapted"), method.source.adapted
    for index, variant in enumerate(method.variants):
        yield from _variant_texts(("variants", index), variant)


def _variant_texts(here: Keys, variant: Variant) -> Iterator[tuple[Keys, Text]]:
    yield (*here, "name"), variant.name
    for field in ("summary", "invitation", "adapted"):
        value = getattr(variant, field)
        if value is not None:
            yield (*here, field), value
    for index, step in enumerate(variant.steps or ()):
        yield from _step_texts((*here, "steps", index), step)
    for field in ("roles", "materials", "tips"):
        for index, text in enumerate(getattr(variant, field) or ()):
            yield (*here, field, index), text


def _step_texts(here: Keys, step: Step) -> Iterator[tuple[Keys, Text]]:
    yield (*here, "title"), step.title
    if step.how is not None:
        yield (*here, "how"), step.how
    for number, question in enumerate(step.questions):
        yield (*here, "questions", number), question


def _set_aside_codes(originals: dict[Keys, dict[str, object]]) -> SetAside:
    """msgspec refuses a language code the model does not list: keep the text as written
    (to be worded by :func:`_language_problems`) and go on with the code renamed."""

    def set_aside(message: str, data: object) -> object:
        keys = refused_key_in(message)
        text = None if keys is None else at(data, keys)
        if keys is None or not isinstance(text, dict):
            return None
        originals.setdefault(keys, text)
        spare = iter([code for code in LANGUAGES if code not in text])
        # A renamed code keeps its value, so msgspec still checks that it is text; with
        # every code taken already (every language and a wrong one) the wrong one is left out.
        mended: dict[str, object] = {}
        for code, value in text.items():
            name = code if code in LANGUAGES else next(spare, None)
            if name is not None:
                mended[name] = value
        return replaced(data, keys, mended)

    return set_aside


def _language_problems(
    method: Method, required: tuple[str, ...], originals: dict[Keys, dict[str, object]]
) -> Iterator[tuple[Keys, Words, str | None]]:
    """What is wrong with the texts' languages; the third item names the offending code's key.

    The codes were checked by msgspec (:data:`~facilkit.library.model.LanguageCode`); a
    text with a code it refused is worded here as it was written.
    """
    needed = ", ".join(required)
    for keys, converted in texts(method):
        text = originals.get(keys, converted)
        if isinstance(text, str):
            if not text.strip():
                yield keys, Words("method.error.text_empty"), None
            elif required:
                yield keys, Words("method.error.needs_languages", languages=needed), None
            continue
        for code, value in text.items():
            if code == "no":
                yield keys, Words("method.error.language_no"), code
            elif code not in LANGUAGES:
                codes = ", ".join(LANGUAGES)
                yield keys, Words("method.error.unknown_language", code=code, codes=codes), code
            elif not isinstance(value, str) or not value.strip():
                yield (*keys, code), Words("method.error.language_empty", code=code), None
        missing = [code for code in required if code not in text]
        if missing:
            words = Words(
                "method.error.missing_language", missing=", ".join(missing), needed=needed
            )
            yield keys, words, None
        if not text:
            yield keys, Words("method.error.no_text"), None
