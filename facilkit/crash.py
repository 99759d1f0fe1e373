"""What happens when facilkit meets a bug: the traceback goes to a log, the user gets one line.

A traceback on the screen helps nobody who plans a meeting, and it is lost when
the terminal closes. The crash log in the user state folder keeps it for a bug
report; the line the user sees says where it is.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from pathlib import Path

from facilkit import __version__
from facilkit.atomic import write_atomic
from facilkit.errors import FacilkitError
from facilkit.i18n import t


def write_crash_log(error: BaseException, folder: Path) -> Path:
    """Write the traceback and the versions to a new file in ``folder``; returns its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    text = "".join(
        [
            f"facilkit {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
            f"argv: {sys.argv!r}\n\n",
            *traceback.format_exception(error),
        ]
    )
    write_atomic(path, text.encode("utf-8", errors="backslashreplace"))
    return path


def report_crash(error: BaseException, folder: Path, lang: str) -> str:
    """Log ``error`` and return the one line to show (it says where the log is)."""
    try:
        path = write_crash_log(error, folder)
    except (OSError, FacilkitError) as failure:
        return t("error.crash_no_log", lang, reason=failure)
    return t("error.crash", lang, path=path)
