"""``facilkit methods ...``: list, show, validate and scaffold methods."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import msgspec

from facilkit.errors import UsageError, ValidationError
from facilkit.export.card import method_card
from facilkit.i18n import category_name, t
from facilkit.library.loader import (
    SUFFIXES,
    Folder,
    Library,
    load_library,
    missing_related,
    search_path,
)
from facilkit.library.model import BUILTIN_LANGUAGES, OWN_MARK, Entry
from facilkit.library.scaffold import new_method_file
from facilkit.library.search import Filters, SearchIndex
from facilkit.library.validate import review_method
from facilkit.paths import Locations, builtin_methods_dir
from facilkit.problems import Problem
from facilkit.safe_text import clean_line
from facilkit.walk import scan_folder


def locations() -> Locations:
    return Locations.from_env()


def library_for(args: argparse.Namespace, use_cache: bool = True) -> Library:
    """The library on the search path, with ``--library`` folders last."""
    where = locations()
    cache_dir = where.method_cache if use_cache else None
    return load_library(search_path(where, args.library), cache_dir)


def print_problems(library: Library, lang: str, notices: bool = True) -> None:
    for problem in library.problems:
        if notices or problem.severity == "error":
            print(problem.text(lang), file=sys.stderr)


def cmd_methods_list(args: argparse.Namespace) -> int:
    library = library_for(args)
    print_problems(library, args.lang)  # the override notices too: they name both files
    filters = Filters(query=args.search, category=args.category, process=args.process)
    entries = SearchIndex(library, prepare=False).filter(filters)  # one search: a scan
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
        mark = OWN_MARK if entry.origin == "user" else " "
        minutes = f"{method.duration.default:>3} min"
        name = clean_line(method.name_in(args.lang))
        category = clean_line(category_name(method.category, args.lang))
        print(f"{mark} {entry.id:<{width}}  {minutes}  {category:<13} {name}")
    if not entries:
        print(t("cli.no_methods_match", args.lang), file=sys.stderr)
    return 0


def cmd_methods_show(args: argparse.Namespace) -> int:
    library = library_for(args)
    method = library.get(args.id)
    if method is None:
        close = [e.id for e in library if args.id in e.id or e.id in args.id][:5]
        if close:
            raise UsageError.words("cli.no_method_close", id=args.id, close=", ".join(close))
        raise UsageError.words("cli.no_method", id=args.id)
    if args.variant is not None:
        runs = method.with_variant(args.variant)
        if runs is None:
            known = ", ".join(variant.id for variant in method.variants)
            if known:
                raise UsageError.words(
                    "cli.no_such_variant", id=args.id, variant=args.variant, known=known
                )
            raise UsageError.words("cli.no_variants", id=args.id, variant=args.variant)
        method = runs
    if args.json:
        data = msgspec.to_builtins(method)
        if args.variant is not None:
            data = {"variant": args.variant, **data}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    names = library.names(method.related, args.lang)
    sys.stdout.write(method_card(method, args.lang, heading="#", names=names))
    return 0


def cmd_methods_validate(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not path.exists():
            raise UsageError.words("cli.no_such_path", path)
        if path.is_dir() and not scan_folder(path, SUFFIXES, recursive=True).files:
            raise ValidationError.words("cli.no_method_files", path)
    library = _validate_paths(args.paths) if args.paths else library_for(args, use_cache=False)
    print_problems(library, args.lang)
    errors = len(library.errors)
    checked = t("cli.methods_checked", args.lang, count=len(library))
    summary = f"{checked}, {t('cli.problems', args.lang, count=errors)}"
    print(summary, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def _validate_paths(paths: list[Path]) -> Library:
    """Check named files and folders; ``related`` may point into the built-in library.

    A path means what it means in the shell: relative to the working folder,
    ``.`` and ``..`` included (paths are compared resolved, never as typed).
    """
    builtin = Folder(builtin_methods_dir(), "builtin")
    base = load_library([builtin])
    checked = Library()
    for typed in paths:
        path = typed.resolve()
        if path.is_file():  # read as typed, so its problems name it as typed
            required = BUILTIN_LANGUAGES if path.parent == builtin.path.resolve() else ()
            _review_file(typed, base, checked, required)
            continue
        if path == builtin.path.resolve():
            loaded = base
        else:
            loaded = load_library([builtin, Folder(typed, "user")])
        inside = [entry for entry in loaded if Path(entry.path).resolve().is_relative_to(path)]
        checked.entries.update({entry.id: entry for entry in inside})
        broken: set[str] = set()
        for problem in loaded.problems:
            # skipped entries (a FIFO, a link loop) are warnings, and named here too;
            # only the parent is resolved: resolving a link loop itself would raise
            where = Path(problem.path)
            if problem.severity == "notice" or not where.parent.resolve().is_relative_to(path):
                continue
            checked.problems.append(problem)
            if problem.severity == "error":
                broken.add(problem.path)
        for broken_path in sorted(broken - {entry.path for entry in inside}):
            # a file with errors is not in the library: look at its related ids too
            checked.problems += [
                p for p in _related_problems(Path(broken_path), loaded) if p not in checked.problems
            ]
    return checked


def _review_file(path: Path, base: Library, checked: Library, required: tuple[str, ...]) -> None:
    """Every problem of one file, its ``related`` ids included, in one run."""
    method, problems = review_method(path, required)
    checked.problems += problems
    if method is None:
        return
    entry = Entry(method, str(path), "user")
    if not problems:
        checked.entries[method.id] = entry
    context = Library(entries={**base.entries, method.id: entry})
    checked.problems += [p for p in missing_related(context) if p.path == str(path)]


def _related_problems(path: Path, context: Library) -> list[Problem]:
    method, _ = review_method(path)
    if method is None:
        return []
    entry = Entry(method, str(path), "user")
    library = Library(entries={**context.entries, method.id: entry})
    return [p for p in missing_related(library) if p.path == str(path)]


def cmd_methods_new(args: argparse.Namespace) -> int:
    folder = args.dir or locations().user_methods
    print(new_method_file(args.id, folder, args.lang))
    return 0
