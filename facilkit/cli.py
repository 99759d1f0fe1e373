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
from pathlib import Path
from typing import NoReturn, TextIO

from facilkit import __version__
from facilkit.errors import FacilkitError, UsageError, storage_error
from facilkit.i18n import detect_language, plan_languages
from facilkit.paths import Locations, plan_files_in, plan_templates_dir
from facilkit.safe_text import clean


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line with a hint."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _language(value: str) -> str:
    """A language code for ``--lang``; ``no`` is ambiguous, so it gets a hint."""
    code = value.strip().lower()
    if code == "no":
        raise argparse.ArgumentTypeError(
            "'no' is not a language code here; use nb (bokmål) or nn (nynorsk)"
        )
    if code not in plan_languages():
        raise argparse.ArgumentTypeError(
            f"unknown language '{value}'; use one of {', '.join(plan_languages())}"
        )
    return code


def _common() -> _Parser:
    """Options every command takes; SUPPRESS lets them stand before or after it."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--library",
        action="append",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="also load methods from DIR (repeatable; later folders win)",
    )
    common.add_argument(
        "--lang",
        type=_language,
        metavar="LANG",
        default=argparse.SUPPRESS,
        help="language of the interface and of method text (default: from the locale)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="facilkit",
        description="Plan learning meetings with I DO ART. Without a command, opens the TUI.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"facilkit {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    methods = commands.add_parser("methods", help="the method library", parents=[common])
    method_commands = methods.add_subparsers(dest="action", required=True, parser_class=_Parser)

    listing = method_commands.add_parser("list", help="list methods", parents=[common])
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument(
        "--search", default="", metavar="TEXT", help="words in name, summary or tags"
    )
    listing.add_argument("--category", metavar="C")
    listing.add_argument("--process", choices=("open", "close", "both", "none"))
    listing.set_defaults(handler="cli_methods:cmd_methods_list")

    show = method_commands.add_parser(
        "show", help="print a method card as Markdown", parents=[common]
    )
    show.add_argument("id")
    show.add_argument("--variant", metavar="ID", help="the card of one of the method's variants")
    show.add_argument(
        "--json", action="store_true", help="print the method, with its variants, as JSON"
    )
    show.set_defaults(handler="cli_methods:cmd_methods_show")

    validate = method_commands.add_parser(
        "validate", help="check method files (default: the whole search path)", parents=[common]
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.set_defaults(handler="cli_methods:cmd_methods_validate")

    new = method_commands.add_parser(
        "new", help="write a starting file for a method", parents=[common]
    )
    new.add_argument("id")
    new.add_argument("--dir", type=Path, help="folder to write to (default: your methods folder)")
    new.set_defaults(handler="cli_methods:cmd_methods_new")

    _add_plan_commands(commands, common)
    return parser


def _add_plan_commands(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """Register ``facilkit plan ...`` and ``facilkit open``."""
    plan = commands.add_parser("plan", help="plans: list, new, check, export", parents=[common])
    actions = plan.add_subparsers(dest="action", required=True, parser_class=type(plan))

    listing = actions.add_parser("list", help="list saved plans", parents=[common])
    listing.add_argument("--trash", action="store_true", help="list the deleted plans instead")
    listing.set_defaults(handler="cli_plan:cmd_plan_list")

    restore = actions.add_parser(
        "restore", help="bring a deleted plan back from the trash", parents=[common]
    )
    restore.add_argument(
        "name", metavar="NAME", help="its name or title, as plan list --trash shows"
    )
    restore.set_defaults(handler="cli_plan:cmd_plan_restore")

    new = actions.add_parser("new", help="create a plan", parents=[common])
    new.add_argument("title")
    names = ", ".join(path.stem for path in plan_files_in(plan_templates_dir()))
    new.add_argument(
        "--template",
        default="blank",
        metavar="NAME",
        help=f"start from a template: {names} (default: blank)",
    )
    new.set_defaults(handler="cli_plan:cmd_plan_new")

    templates = actions.add_parser(
        "templates", help="list the plan templates (name, minutes, language)", parents=[common]
    )
    templates.add_argument("--json", action="store_true", help="print a JSON array")
    templates.set_defaults(handler="cli_plan:cmd_plan_templates")

    check = actions.add_parser("check", help="check a plan; exit 1 on errors", parents=[common])
    check.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")
    check.set_defaults(handler="cli_plan:cmd_plan_check")

    export = actions.add_parser(
        "export",
        help="export a plan: Markdown, HTML, PDF, Word, cards, calendar or invitation",
        parents=[common],
    )
    export.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write here, overwriting it; the extension picks the format "
        "(.md .html .pdf .docx .ics .txt); '-' writes text formats to standard output "
        "(default: your documents folder, named after the plan)",
    )
    export.add_argument(
        "--format",
        choices=("md", "html", "pdf", "docx", "ics", "cards", "invitation"),
        help="the format, whatever the extension (cards: A6 cards to print, as PDF; "
        "invitation: a text for an e-mail)",
    )
    export.add_argument(
        "--for",
        dest="audience",
        choices=("facilitator", "participants"),
        default="facilitator",
        help="facilitator: the run plan (default); participants: the one-page handout",
    )
    export.add_argument(
        "--template",
        type=Path,
        metavar="FILE.docx",
        help="a Word document whose letterhead and styles the Word export uses",
    )
    export.set_defaults(handler="cli_plan:cmd_plan_export")

    export.add_argument(
        "--report",
        action="store_true",
        help="add the report of the plan's last run (planned against actual)",
    )

    report = actions.add_parser(
        "report", help="planned against actual for a run, as Markdown", parents=[common]
    )
    report.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")
    report.add_argument("--run", type=int, metavar="N", help="an earlier run (default: the last)")
    report.set_defaults(handler="cli_run:cmd_plan_report")

    run = commands.add_parser(
        "run", help="run a meeting: the clock, now and next", parents=[common]
    )
    run.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")
    run.add_argument("--start", metavar="HH:MM", help="the meeting's start (default: the plan's)")
    run.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="N",
        help="run the clock N times faster (rehearse)",
    )
    run.add_argument("--auto", action="store_true", help="move to the next item when time is up")
    run.add_argument(
        "--reduced-motion", action="store_true", help="never blink (also FACILKIT_REDUCED_MOTION=1)"
    )
    run.add_argument(
        "--room",
        action="store_true",
        help="only show the room's view of the plan's run, following it from another terminal",
    )
    run.set_defaults(handler="cli_run:cmd_run")

    open_ = commands.add_parser("open", help="open a plan in the TUI", parents=[common])
    open_.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code.

    Everything printed passes through :func:`facilkit.safe_text.clean`, so no text
    from a file or argv can reach the terminal as a control sequence. Every
    error the program raises is turned into one line and an exit code here, in
    :func:`report`, and nowhere else.
    """
    lang = detect_language()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _CleanWriter(stdout), _CleanWriter(stderr)
    try:
        code = _run(argv)
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
            raise UsageError(
                f"the {name} '{shown}' is not valid UTF-8 text; "
                "set your terminal to UTF-8 (for example LANG=da_DK.UTF-8) and type it again"
            ) from None


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.library = getattr(args, "library", [])
    args.lang_given = getattr(args, "lang", None) is not None
    args.lang = getattr(args, "lang", None) or detect_language()
    _refuse_undecodable(args)
    for folder in args.library:
        if not folder.is_dir():
            parser.error(f"--library {folder}: no such folder")
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
