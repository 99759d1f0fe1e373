"""The command line. Bare ``facilkit`` opens the TUI; subcommands script the rest.

Exit codes: 0 fine, 1 problems found, 2 wrong usage (with a one-line hint).
Only the parser lives here: each command's module is imported when it runs, so
opening the TUI does not pay for the YAML reader, validation or export.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from facilkit.cli_parser import build_parser, command_line_language, parse_arguments
from facilkit.errors import FacilkitError, UsageError, storage_error
from facilkit.i18n import detect_language
from facilkit.paths import Locations
from facilkit.safe_text import clean

__all__ = ["build_parser", "main", "report", "run_tui"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code.

    Everything printed passes through :func:`facilkit.safe_text.clean`, so no text
    from a file or argv can reach the terminal as a control sequence. Every
    error the program raises is turned into one line and an exit code here, in
    :func:`report`, and nowhere else.
    """
    lang = command_line_language(argv)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _CleanWriter(stdout), _CleanWriter(stderr)
    try:
        code = _run(argv, lang)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _silence_stdout(stdout)
        return 1
    except SystemExit as done:  # argparse: --help, --version and usage errors
        sys.stdout.flush()
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 2
    except KeyboardInterrupt:
        return 130
    except (FacilkitError, OSError) as error:
        return report(error, lang)
    except Exception as error:  # a bug: log it, say where, keep the terminal clean
        from facilkit.crash import report_crash

        line = report_crash(error, Locations.from_env().crash_logs, lang)
        print(f"facilkit: {line}", file=sys.stderr)
        return 1
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def report(error: FacilkitError | OSError, lang: str = "en") -> int:
    """Print one line for ``error`` on stderr and return its exit code (2 for usage)."""
    if isinstance(error, OSError):
        error = storage_error(error)
    print(f"facilkit: {error.text(lang)}", file=sys.stderr)
    return error.exit_code


class _CleanWriter:
    """A text stream that shows control characters instead of obeying them.

    A stream that is gone (``facilkit ... >&-``) behaves like a closed pipe.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise BrokenPipeError(errno.EPIPE, "standard output is closed")
        self._stream.write(clean(text))
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _silence_stdout(stdout: TextIO | None) -> None:
    """After a closed pipe, point stdout at /dev/null so Python's exit flush stays quiet."""
    if stdout is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)


_TEXT_ARGUMENTS = ("title", "search", "id", "category")


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Text typed on the command line must be UTF-8, or it could not be saved and read back."""
    for name in _TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            shown = os.fsencode(value).decode("utf-8", errors="backslashreplace")
            raise UsageError.words("cli.not_utf8", value=shown) from None


def _run(argv: Sequence[str] | None, lang: str) -> int:
    args = parse_arguments(argv, lang)
    args.library = getattr(args, "library", [])
    args.lang_given = getattr(args, "lang", None) is not None
    args.lang = getattr(args, "lang", None) or detect_language()
    _refuse_undecodable(args)
    for folder in args.library:
        if not folder.is_dir():
            raise UsageError.words("cli.no_library_folder", folder=folder)
    if args.command is None or args.command == "open":
        return run_tui(args)
    module, _, function = args.handler.partition(":")
    handler = getattr(importlib.import_module(f"facilkit.{module}"), function)
    return int(handler(args))


def run_tui(args: argparse.Namespace) -> int:
    """Open the terminal UI (on a plan, for ``facilkit open PLAN``).

    A bug inside the app ends it with the draft saved, a crash log written and
    one line that says where it is (see ``FacilkitApp.crashed``).
    """
    locations = Locations.from_env()
    open_path = None
    if getattr(args, "plan", None):
        from facilkit.plans.storage import resolve_plan

        open_path = resolve_plan(args.plan, locations)
    from facilkit.tui.app import create_app

    app = create_app(locations, args.library, args.lang, open_path)
    app.run()
    if app.crashed is not None:
        from facilkit.crash import report_crash

        line = report_crash(app.crashed, locations.crash_logs, args.lang)
        print(f"facilkit: {line}", file=sys.stderr)
        return 1
    return app.return_code or 0
