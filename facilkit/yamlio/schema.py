"""The YAML 1.2 core schema: what an unquoted word means, and the tags our reader marks.

PyYAML's own resolver reads YAML 1.1, where ``no`` is ``False`` and ``14:15``
is ``855``. Here a plain scalar is null, a bool, an int or a float only in the
spellings YAML 1.2's core schema lists; everything else is text.
"""

from __future__ import annotations

import math
import re
from typing import Any

PLAIN = "facilkit:plain"
QUOTED = "facilkit:quoted"
SEQ = "facilkit:seq"
MAP = "facilkit:map"
OUR_TAGS = frozenset({PLAIN, QUOTED, SEQ, MAP})
"""The tags the strict resolver gives every implicit node; any other tag was written in the file."""

NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT10 = re.compile(r"^[-+]?[0-9]+\Z")
INT8 = re.compile(r"^0o[0-7]+\Z")
INT16 = re.compile(r"^0x[0-9a-fA-F]+\Z")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)\Z")
NAN = re.compile(r"^\.(?:nan|NaN|NAN)\Z")

NOT_TEXT_STARTS = frozenset("~nNtTfF0123456789+-.")
"""The first characters of every null, bool and number the core schema knows."""


class PlainFloat(float):
    """A float that remembers how it was written, so ``14.10`` can mean 14:10."""

    text: str

    def __new__(cls, text: str) -> PlainFloat:
        value = super().__new__(cls, text.replace("+", "", 1) if text.startswith("+") else text)
        value.text = text
        return value


def plain_scalar(text: str) -> Any:
    """The value of an unquoted scalar in the YAML 1.2 core schema."""
    if text and text[0] not in NOT_TEXT_STARTS:
        return text  # most scalars are words: no pattern below could match
    if NULL.match(text):
        return None
    if text in BOOL:
        return BOOL[text]
    if INT10.match(text):
        return int(text)
    if INT8.match(text):
        return int(text[2:], 8)
    if INT16.match(text):
        return int(text[2:], 16)
    if FLOAT.match(text):
        return PlainFloat(text)
    if INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if NAN.match(text):
        return math.nan
    return text
