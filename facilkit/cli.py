"""The command line. Bare ``facilkit`` opens the TUI; subcommands script the rest.

Exit codes: 0 fine, 1 problems found, 2 wrong usage (with a one-line hint).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import msgspec

from facilkit import __version__
from facilkit.export.card import method_card
from facilkit.i18n import UI_LANGUAGES, detect_language
from facilkit.library.loader import Folder, Library, load_library, missing_related, search_path
from facilkit.library.model import BUILTIN_LANGUAGES, Entry
from facilkit.library.scaffold import ScaffoldError, new_method_file
from facilkit.library.search import Filters, SearchIndex
from facilkit.library.validate import load_method
from facilkit.paths import Locations, builtin_methods_dir


class UsageError(Exception):
    """Wrong use of the command line: exit 2 with a hint."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line with a hint."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _common() -> argparse.ArgumentParser:
    """Options every command takes; SUPPRESS lets them stand before or after it."""
    common = argparse.ArgumentParser(add_help=False)
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
        choices=UI_LANGUAGES,
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
    listing.set_defaults(handler=cmd_methods_list)

    show = method_commands.add_parser(
        "show", help="print a method card as Markdown", parents=[common]
    )
    show.add_argument("id")
    show.set_defaults(handler=cmd_methods_show)

    validate = method_commands.add_parser(
        "validate", help="check method files (default: the whole search path)", parents=[common]
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.set_defaults(handler=cmd_methods_validate)

    new = method_commands.add_parser(
        "new", help="write a starting file for a method", parents=[common]
    )
    new.add_argument("id")
    new.add_argument("--dir", type=Path, help="folder to write to (default: your methods folder)")
    new.set_defaults(handler=cmd_methods_new)

    from facilkit.cli_plan import add_plan_commands

    add_plan_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.library = getattr(args, "library", [])
    args.lang_given = getattr(args, "lang", None) is not None
    args.lang = getattr(args, "lang", None) or detect_language()
    for folder in args.library:
        if not folder.is_dir():
            parser.error(f"--library {folder}: no such folder")
    try:
        if args.command is None or args.command == "open":
            from facilkit.cli_plan import run_tui

            return run_tui(args)
        return int(args.handler(args))
    except UsageError as error:
        print(f"facilkit: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def locations() -> Locations:
    return Locations.from_env()


def library_for(args: argparse.Namespace, use_cache: bool = True) -> Library:
    """The library on the search path, with ``--library`` folders last."""
    where = locations()
    cache_dir = where.method_cache if use_cache else None
    return load_library(search_path(where, args.library), cache_dir)


def print_problems(library: Library, notices: bool = True) -> None:
    for problem in library.problems:
        if notices or problem.severity == "error":
            print(problem, file=sys.stderr)


def cmd_methods_list(args: argparse.Namespace) -> int:
    library = library_for(args)
    print_problems(library, notices=False)
    filters = Filters(query=args.search, category=args.category, process=args.process)
    entries = SearchIndex(library).filter(filters)
    if args.json:
        rows = [
            {
                "id": entry.id,
                "name": entry.head.name_in(args.lang),
                "summary": entry.head.summary_in(args.lang),
                "category": entry.head.category,
                "process": entry.head.process,
                "duration": msgspec.to_builtins(entry.head.duration),
                "group_size": msgspec.to_builtins(entry.head.group_size),
                "origin": entry.origin,
                "overrides": entry.overrides,
                "path": entry.path,
            }
            for entry in entries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(entry.id) for entry in entries), default=0)
    for entry in entries:
        method = entry.head
        mark = "*" if entry.origin == "user" else " "
        minutes = f"{method.duration.default:>3} min"
        name = method.name_in(args.lang)
        print(f"{mark} {entry.id:<{width}}  {minutes}  {method.category:<13} {name}")
    if not entries:
        print("no methods match", file=sys.stderr)
    return 0


def cmd_methods_show(args: argparse.Namespace) -> int:
    library = library_for(args)
    method = library.get(args.id)
    if method is None:
        close = [e.id for e in library if args.id in e.id or e.id in args.id][:5]
        hint = f"; did you mean {', '.join(close)}?" if close else "; see 'facilkit methods list'"
        raise UsageError(f"no method '{args.id}'{hint}")
    sys.stdout.write(method_card(method, args.lang, heading="#"))
    return 0


def cmd_methods_validate(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    library = _validate_paths(args.paths) if args.paths else library_for(args, use_cache=False)
    print_problems(library)
    errors = len(library.errors)
    summary = f"{len(library)} methods checked, {errors} problem{'s' if errors != 1 else ''}"
    print(summary, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def _validate_paths(paths: list[Path]) -> Library:
    """Check named files and folders; ``related`` may point into the built-in library."""
    builtin = Folder(builtin_methods_dir(), "builtin")
    base = load_library([builtin])
    checked = Library()
    for path in paths:
        if path.is_file():
            required = BUILTIN_LANGUAGES if path.resolve().parent == builtin.path.resolve() else ()
            method, problems = load_method(path, required)
            checked.problems += problems
            if method is not None:
                entry = Entry(method, str(path), "user")
                checked.entries[method.id] = entry
                context = Library(entries={**base.entries, method.id: entry})
                checked.problems += [p for p in missing_related(context) if p.path == str(path)]
            continue
        if path.resolve() == builtin.path.resolve():
            loaded = base
        else:
            loaded = load_library([builtin, Folder(path, "user")])
        prefix = str(path).rstrip("/") + "/"
        checked.entries.update({e.id: e for e in loaded if e.path.startswith(prefix)})
        checked.problems += [
            p for p in loaded.problems if p.severity == "error" and p.path.startswith(prefix)
        ]
    return checked


def cmd_methods_new(args: argparse.Namespace) -> int:
    folder = args.dir or locations().user_methods
    try:
        path = new_method_file(args.id, folder)
    except ScaffoldError as error:
        print(f"facilkit: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0
