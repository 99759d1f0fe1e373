"""The command line's parser, speaking the user's language.

Every help text comes from the catalogues (``cli.help.*``), and so do argparse's
own words ("usage:", "options", "invalid choice", ...): argparse asks gettext
for them through its module function ``_``, which :func:`argparse_words`
points at the catalogues while a parser is built and used. The language is
the one ``--lang`` names on the command line, else the one the environment
gives (:func:`command_line_language`).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from facilkit import __version__
from facilkit.export import document, formats
from facilkit.i18n import detect_language, plan_languages, t
from facilkit.paths import plan_files_in, plan_templates_dir

ARGPARSE_WORDS: dict[str, tuple[str, dict[str, str]]] = {
    "usage: ": ("cli.argparse.usage", {}),
    "positional arguments": ("cli.argparse.positionals", {}),
    "options": ("cli.argparse.options", {}),
    "show this help message and exit": ("cli.help.help", {}),
    "argument %(argument_name)s: %(message)s": (
        "cli.argparse.argument",
        {"argument": "%(argument_name)s", "message": "%(message)s"},
    ),
    "unrecognized arguments: %s": ("cli.argparse.unrecognized", {"arguments": "%s"}),
    "ambiguous option: %(option)s could match %(matches)s": (
        "cli.argparse.ambiguous",
        {"option": "%(option)s", "matches": "%(matches)s"},
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "cli.argparse.invalid_choice",
        {"value": "%(value)r", "choices": "%(choices)s"},
    ),
    "expected one argument": ("cli.argparse.expected_one", {}),
    "expected at most one argument": ("cli.argparse.expected_at_most_one", {}),
    "expected at least one argument": ("cli.argparse.expected_at_least_one", {}),
    "the following arguments are required: %s": ("cli.argparse.required", {"arguments": "%s"}),
    "one of the arguments %s is required": ("cli.argparse.one_required", {"arguments": "%s"}),
    "not allowed with argument %s": ("cli.argparse.not_allowed_with", {"argument": "%s"}),
    "ignored explicit argument %r": ("cli.argparse.ignored_value", {"value": "%r"}),
    "invalid %(type)s value: %(value)r": (
        "cli.argparse.invalid_value",
        {"type": "%(type)s", "value": "%(value)r"},
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "cli.argparse.unknown_command",
        {"name": "%(parser_name)r", "choices": "%(choices)s"},
    ),
    "unexpected option string: %s": ("cli.argparse.unexpected_option", {"option": "%s"}),
}
"""argparse's words a user can meet, by argparse's own English text (its gettext id):
the catalogue key, and the argparse placeholder each of the key's placeholders stands for."""

ARGPARSE_PROGRAMMER_ERRORS = {
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    'argument "-" with mode %r',
    "can't open '%(filename)s': %(error)s",
    "expected %s argument",
    "expected %s arguments",
    "%(prog)s: error: %(message)s\n",
}
"""argparse's texts no user meets: mistakes in a parser's definition, parts facilkit does not
use (``FileType``, ``nargs=N``) and the error line :class:`Parser` words itself. Left English."""


def argparse_text(message: str, lang: str) -> str:
    """argparse's ``message`` in ``lang``, its %-placeholders kept for argparse to fill."""
    found = ARGPARSE_WORDS.get(message)
    if found is None:
        return message
    key, placeholders = found
    return t(key, lang, **placeholders) if placeholders else t(key, lang)


@contextlib.contextmanager
def argparse_words(lang: str) -> Iterator[None]:
    """Let argparse say its own words in ``lang`` while a parser is built and used."""
    names = ("_", "ngettext")
    saved = {name: getattr(argparse, name) for name in names}
    plural: Callable[[str, str, int], str] = lambda one, other, n: argparse_text(  # noqa: E731
        one if n == 1 else other, lang
    )
    setattr(argparse, "_", lambda message: argparse_text(message, lang))  # noqa: B010
    setattr(argparse, "ngettext", plural)  # noqa: B010
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(argparse, name, value)


def command_line_language(argv: Sequence[str] | None = None) -> str:
    """The language for the parser and for errors: a valid ``--lang`` in argv, else the
    environment's. Read before parsing, so that the parser itself can speak it."""
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--":
            break
        value = None
        if word == "--lang" and index + 1 < len(words):
            value = words[index + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        if value is not None and value.strip().lower() in plan_languages():
            return value.strip().lower()
    return detect_language()


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line with a hint, in the parser's language."""

    def __init__(self, *args: object, lang: str = "en", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lang = lang

    def error(self, message: str) -> NoReturn:
        self.exit(2, t("cli.argparse.error", self.lang, prog=self.prog, message=message) + "\n")


def _language_type(lang: str) -> Callable[[str], str]:
    """The type of ``--lang``: a code facilkit knows; ``no`` is ambiguous, so it gets a hint."""

    def language(value: str) -> str:
        code = value.strip().lower()
        if code == "no":
            raise argparse.ArgumentTypeError(t("cli.lang_no", lang))
        if code not in plan_languages():
            codes = ", ".join(plan_languages())
            raise argparse.ArgumentTypeError(t("cli.lang_unknown", lang, value=value, codes=codes))
        return code

    return language


def _number_type(lang: str, whole: bool) -> Callable[[str], float]:
    """A number (``--speed 60``, ``--run 2``), refused in the user's language."""

    def number(value: str) -> float:
        try:
            return int(value) if whole else float(value)
        except ValueError:
            key = "cli.not_a_whole_number" if whole else "cli.not_a_number"
            raise argparse.ArgumentTypeError(t(key, lang, value=value)) from None

    return number


class _Words:
    """Help texts and metavariables for one language (``%`` doubled: argparse formats help)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def help(self, name: str, **params: object) -> str:
        return t(f"cli.help.{name}", self.lang, **params).replace("%", "%%")

    def meta(self, name: str) -> str:
        return t(f"cli.meta.{name}", self.lang)


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The whole command line; build and use it inside :func:`argparse_words` for ``lang``."""
    words = _Words(lang)

    def parser(**kwargs: object) -> Parser:
        return Parser(lang=lang, **kwargs)

    common = parser(add_help=False)
    common.add_argument(
        "--library",
        action="append",
        type=Path,
        metavar=words.meta("dir"),
        default=argparse.SUPPRESS,
        help=words.help("library"),
    )
    common.add_argument(
        "--lang",
        type=_language_type(lang),
        metavar=words.meta("lang"),
        default=argparse.SUPPRESS,
        help=words.help("lang"),
    )
    top = parser(prog="facilkit", description=words.help("description"), parents=[common])
    top.add_argument(
        "--version",
        action="version",
        version=f"facilkit {__version__}",
        help=words.help("version"),
    )
    commands = top.add_subparsers(
        dest="command", title=t("cli.argparse.commands", lang), parser_class=Parser
    )

    def command(group: argparse._SubParsersAction[Parser], name: str, help_name: str) -> Parser:
        text = words.help(help_name)
        return group.add_parser(name, help=text, description=text, parents=[common], lang=lang)

    methods = command(commands, "methods", "methods")
    method_commands = methods.add_subparsers(
        dest="action", required=True, title=t("cli.argparse.commands", lang), parser_class=Parser
    )
    _add_method_commands(method_commands, command, words)
    plan = command(commands, "plan", "plan")
    actions = plan.add_subparsers(
        dest="action", required=True, title=t("cli.argparse.commands", lang), parser_class=Parser
    )
    _add_plan_commands(actions, command, words)
    _add_run_and_open(commands, command, words)
    return top


_Command = Callable[["argparse._SubParsersAction[Parser]", str, str], Parser]


def _add_method_commands(
    group: argparse._SubParsersAction[Parser], command: _Command, words: _Words
) -> None:
    """``facilkit methods list|show|validate|new``."""
    listing = command(group, "list", "methods_list")
    listing.add_argument("--json", action="store_true", help=words.help("json"))
    listing.add_argument(
        "--search", default="", metavar=words.meta("text"), help=words.help("search")
    )
    listing.add_argument("--category", metavar=words.meta("category"), help=words.help("category"))
    listing.add_argument(
        "--process", choices=("open", "close", "both", "none"), help=words.help("process")
    )
    listing.set_defaults(handler="cli_methods:cmd_methods_list")

    show = command(group, "show", "methods_show")
    show.add_argument("id", metavar="ID", help=words.help("method_id"))
    show.add_argument("--variant", metavar="ID", help=words.help("variant"))
    show.add_argument("--json", action="store_true", help=words.help("show_json"))
    show.set_defaults(handler="cli_methods:cmd_methods_show")

    validate = command(group, "validate", "methods_validate")
    validate.add_argument(
        "paths", nargs="*", type=Path, metavar=words.meta("path"), help=words.help("paths")
    )
    validate.set_defaults(handler="cli_methods:cmd_methods_validate")

    new = command(group, "new", "methods_new")
    new.add_argument("id", metavar="ID", help=words.help("new_id"))
    new.add_argument("--dir", type=Path, metavar=words.meta("dir"), help=words.help("dir"))
    new.set_defaults(handler="cli_methods:cmd_methods_new")


def _add_plan_commands(
    group: argparse._SubParsersAction[Parser], command: _Command, words: _Words
) -> None:
    """``facilkit plan list|restore|new|templates|check|export|report``."""
    listing = command(group, "list", "plan_list")
    listing.add_argument("--trash", action="store_true", help=words.help("trash"))
    listing.set_defaults(handler="cli_plan:cmd_plan_list")

    restore = command(group, "restore", "plan_restore")
    restore.add_argument("name", metavar=words.meta("name"), help=words.help("restore_name"))
    restore.set_defaults(handler="cli_plan:cmd_plan_restore")

    new = command(group, "new", "plan_new")
    new.add_argument("title", metavar=words.meta("title"), help=words.help("title"))
    names = ", ".join(path.stem for path in plan_files_in(plan_templates_dir()))
    new.add_argument(
        "--template",
        default="blank",
        metavar=words.meta("name"),
        help=words.help("template", names=names),
    )
    new.set_defaults(handler="cli_plan:cmd_plan_new")

    templates = command(group, "templates", "plan_templates")
    templates.add_argument("--json", action="store_true", help=words.help("json"))
    templates.set_defaults(handler="cli_plan:cmd_plan_templates")

    check = command(group, "check", "plan_check")
    check.add_argument("plan", metavar="PLAN", help=words.help("plan_argument"))
    check.set_defaults(handler="cli_plan:cmd_plan_check")

    export = command(group, "export", "plan_export")
    export.add_argument("plan", metavar="PLAN", help=words.help("plan_argument"))
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=words.meta("file"),
        help=words.help("output", suffixes=" ".join(dict.fromkeys(formats.SUFFIXES.values()))),
    )
    export.add_argument(
        "--format",
        choices=formats.FORMATS,  # the one list: a format added there is a choice here
        help=words.help("format"),
    )
    export.add_argument(
        "--for",
        dest="audience",
        choices=document.AUDIENCES,
        default="facilitator",
        help=words.help("audience"),
    )
    export.add_argument(
        "--template",
        type=Path,
        metavar=words.meta("file") + ".docx",
        help=words.help("word_template"),
    )
    export.add_argument("--report", action="store_true", help=words.help("report"))
    export.set_defaults(handler="cli_plan:cmd_plan_export")

    report = command(group, "report", "plan_report")
    report.add_argument("plan", metavar="PLAN", help=words.help("plan_argument"))
    report.add_argument(
        "--run", type=_number_type(words.lang, whole=True), metavar="N", help=words.help("run_n")
    )
    report.set_defaults(handler="cli_run:cmd_plan_report")


def _add_run_and_open(
    group: argparse._SubParsersAction[Parser], command: _Command, words: _Words
) -> None:
    """``facilkit run PLAN`` and ``facilkit open PLAN``."""
    run = command(group, "run", "run")
    run.add_argument("plan", metavar="PLAN", help=words.help("plan_argument"))
    run.add_argument("--start", metavar="HH:MM", help=words.help("start"))
    run.add_argument(
        "--speed",
        type=_number_type(words.lang, whole=False),
        default=1.0,
        metavar="N",
        help=words.help("speed"),
    )
    run.add_argument("--auto", action="store_true", help=words.help("auto"))
    run.add_argument("--reduced-motion", action="store_true", help=words.help("reduced_motion"))
    run.add_argument("--room", action="store_true", help=words.help("room"))
    run.set_defaults(handler="cli_run:cmd_run")

    open_ = command(group, "open", "open")
    open_.add_argument("plan", metavar="PLAN", help=words.help("plan_argument"))


def parse_arguments(argv: Sequence[str] | None, lang: str) -> argparse.Namespace:
    """The parsed command line; ``--help`` and usage errors exit (SystemExit) in ``lang``."""
    with argparse_words(lang):
        return build_parser(lang).parse_args(argv)
