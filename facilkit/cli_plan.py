"""``facilkit plan ...`` and ``facilkit open``: plans from the command line, and the TUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilkit.export.plan import export_markdown
from facilkit.paths import Locations
from facilkit.plans.checks import check_plan
from facilkit.plans.model import Plan, new_plan
from facilkit.plans.storage import (
    PlanError,
    list_plans,
    load_plan,
    new_plan_path,
    plan_from_template,
    resolve_plan,
    save_plan,
    templates,
)


def add_plan_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Register ``facilkit plan ...`` and ``facilkit open``."""
    plan = commands.add_parser("plan", help="plans: list, new, check, export", parents=[common])
    actions = plan.add_subparsers(dest="action", required=True, parser_class=type(plan))

    listing = actions.add_parser("list", help="list saved plans", parents=[common])
    listing.set_defaults(handler=cmd_plan_list)

    new = actions.add_parser("new", help="create a plan", parents=[common])
    new.add_argument("title")
    new.add_argument(
        "--template",
        default="blank",
        metavar="NAME",
        help=f"start from a template: {', '.join(templates())} (default: blank)",
    )
    new.set_defaults(handler=cmd_plan_new)

    check = actions.add_parser("check", help="check a plan; exit 1 on errors", parents=[common])
    check.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")
    check.set_defaults(handler=cmd_plan_check)

    export = actions.add_parser("export", help="export a plan as Markdown", parents=[common])
    export.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout"
    )
    export.set_defaults(handler=cmd_plan_export)

    open_ = commands.add_parser("open", help="open a plan in the TUI", parents=[common])
    open_.add_argument("plan", metavar="PLAN", help="a path, or the name of a saved plan")


def _fail(message: str) -> int:
    print(f"facilkit: {message}", file=sys.stderr)
    return 1


def cmd_plan_list(args: argparse.Namespace) -> int:
    plans = list_plans(Locations.from_env())
    if not plans:
        print("no plans yet; create one with: facilkit plan new TITLE", file=sys.stderr)
    for plan in plans:
        print(f"{plan.path.stem:<32} {plan.date:<10}  {plan.title}")
    return 0


def cmd_plan_new(args: argparse.Namespace) -> int:
    locations = Locations.from_env()
    try:
        if args.template == "blank" and "blank" not in templates():
            plan = new_plan(args.title, args.lang)
        else:
            plan = plan_from_template(args.template, args.title)
        path = new_plan_path(args.title, locations)
        save_plan(plan, path)
    except PlanError as error:
        return _fail(str(error))
    print(path)
    return 0


def _load(args: argparse.Namespace) -> tuple[Path, Plan] | None:
    try:
        path = resolve_plan(args.plan, Locations.from_env())
        return path, load_plan(path)
    except PlanError as error:
        _fail(str(error))
        return None


def cmd_plan_check(args: argparse.Namespace) -> int:
    from facilkit.cli import library_for

    loaded = _load(args)
    if loaded is None:
        return 1
    path, plan = loaded
    findings = check_plan(plan, library_for(args), args.lang)
    for finding in findings:
        where = f" (item {finding.item + 1})" if finding.item is not None else ""
        print(f"{path}: {finding.severity}{where}: {finding.message(args.lang)}")
    errors = sum(1 for f in findings if f.severity == "error")
    print(f"{len(findings)} findings, {errors} errors", file=sys.stderr)
    return 1 if errors else 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    from facilkit.cli import library_for

    loaded = _load(args)
    if loaded is None:
        return 1
    _, plan = loaded
    lang = args.lang if args.lang_given else plan.language
    text = export_markdown(plan, library_for(args), lang)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {args.output}: {error.strerror}")
    print(args.output)
    return 0


def run_tui(args: argparse.Namespace) -> int:
    """Open the terminal UI (on a plan, for ``facilkit open PLAN``)."""
    locations = Locations.from_env()
    open_path = None
    if getattr(args, "plan", None):
        try:
            open_path = resolve_plan(args.plan, locations)
        except PlanError as error:
            return _fail(str(error))
    from facilkit.tui.app import create_app

    app = create_app(locations, args.library, args.lang, open_path)
    app.run()
    return 0
