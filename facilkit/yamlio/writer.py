"""The writer: YAML text that the strict reader reads back as exactly the same data.

PyYAML's SafeDumper leaves ``no``, ``14:15`` or ``1e3`` unquoted when they are
strings; other readers (and ours, for numbers) would take them for something
else. This dumper quotes whatever the core schema would not read back as text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from facilkit.yamlio.schema import PlainFloat, plain_scalar

_CLOCK_LIKE = re.compile(r"^[0-9][0-9:.]*$")
_NEEDS_QUOTES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that quotes anything our reader would not read back as the same string."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if not isinstance(plain_scalar(value), str) or _NEEDS_QUOTES.search(value):
        style = '"'
    elif _CLOCK_LIKE.match(value):
        style = "'"  # 14:15 and 9.00 look like numbers to other YAML readers
    elif "\n" in value and value == value.strip() and "\r" not in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    text = getattr(value, "text", None)
    if text is not None:
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)
    return dumper.represent_float(value)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(PlainFloat, _represent_float)


def dump(data: Any) -> str:
    """YAML text that :func:`facilkit.yamlio.load_text` reads back as exactly ``data``."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text
