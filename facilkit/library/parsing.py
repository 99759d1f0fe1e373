"""Parse method files into what the library keeps: the encoded method and its problems.

Runs in the loader's thread and, for a large cold library, in a helper
process beside it (see ``loader.LibraryLoad``); what crosses between them is
bytes and problems, cheap to send, and the encoded method is what a cache
entry holds anyway.
"""

from __future__ import annotations

from pathlib import Path

from facilkit.library import validate
from facilkit.library.cache import encode_method
from facilkit.problems import Problem

Job = tuple[str, tuple[str, ...]]
"""A file to parse and the languages its texts must carry."""
Parsed = tuple[bytes | None, list[Problem]]
"""The encoded method (None when the file has errors) and every problem found."""


def parse_files(jobs: list[Job]) -> list[Parsed]:
    """Read and validate each file in turn; one broken file never stops the others."""
    parsed: list[Parsed] = []
    for path, required in jobs:
        method, problems = validate.load_method(Path(path), required)
        parsed.append((None if method is None else encode_method(method), problems))
    return parsed
