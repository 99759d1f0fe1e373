"""``facilkit plan ...``: list, create, check and export plans from the command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from facilkit.cli_methods import library_for
from facilkit.errors import FacilkitError, UsageError, storage_error
from facilkit.i18n import t
from facilkit.paths import PLAN_SUFFIX, Locations
from facilkit.plans.checks import check_plan
from facilkit.plans.model import Plan
from facilkit.plans.storage import (
    list_plans,
    load_plan,
    new_plan_path,
    plan_from_template,
    resolve_plan,
    save_plan,
    slugify,
)
from facilkit.plans.template_list import template_rows
from facilkit.safe_text import clean_line
from facilkit.walk import scan_folder


def cmd_plan_list(args: argparse.Namespace) -> int:
    locations = Locations.from_env()
    if args.trash:
        return _list_trash(locations, args.lang)
    for skipped in scan_folder(locations.plans, (PLAN_SUFFIX,)).skipped:
        print(skipped.text(args.lang), file=sys.stderr)
    plans = list_plans(locations)
    if not plans:
        print(t("cli.no_plans", args.lang), file=sys.stderr)
    for plan in plans:
        name, title = clean_line(plan.path.stem), clean_line(plan.title)
        print(f"{name:<32} {clean_line(plan.date):<10}  {title}")
    return 0


def _list_trash(locations: Locations, lang: str) -> int:
    from facilkit.plans.trash import trashed

    plans = trashed(locations)
    if not plans:
        print(t("cli.trash_empty", lang), file=sys.stderr)
    for plan in plans:
        name, title = clean_line(plan.path.stem), clean_line(plan.title)
        print(f"{name:<32} {plan.deleted_at:%Y-%m-%d %H:%M}  {title}")
    return 0


def cmd_plan_restore(args: argparse.Namespace) -> int:
    """Bring a plan back from the trash (under a new name if its old one is taken)."""
    from facilkit.plans.trash import find_trashed, restore

    locations = Locations.from_env()
    print(restore(find_trashed(args.name, locations), locations))
    return 0


def cmd_plan_new(args: argparse.Namespace) -> int:
    locations = Locations.from_env()
    plan = plan_from_template(args.template, args.title, args.lang)  # written in --lang
    path = new_plan_path(args.title, locations)
    try:
        save_plan(plan, path)
    except FacilkitError:
        with contextlib.suppress(OSError):
            path.unlink()  # give back the name reserved for the plan
        raise
    print(path)
    return 0


def _load(args: argparse.Namespace) -> tuple[Path, Plan]:
    path = resolve_plan(args.plan, Locations.from_env())
    return path, load_plan(path)


def cmd_plan_check(args: argparse.Namespace) -> int:
    path, plan = _load(args)
    findings = check_plan(plan, library_for(args), args.lang)
    lang = args.lang
    for finding in findings:
        words = {
            "path": path,
            "severity": t(f"severity.{finding.severity}", lang),
            "message": finding.message(lang),
        }
        if finding.item is None:
            print(t("cli.finding", lang, **words))
        else:
            print(t("cli.finding_item", lang, number=finding.item + 1, **words))
    errors = sum(1 for f in findings if f.severity == "error")
    summary = [t("cli.findings", lang, count=len(findings)), t("cli.errors", lang, count=errors)]
    print(", ".join(summary), file=sys.stderr)
    return 1 if errors else 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    """Export a plan in the format the extension or ``--format`` names."""
    from facilkit.export.formats import (
        REPORT_FORMATS,
        TEXT_FORMATS,
        default_name,
        format_for,
        render_with_notices,
        write_export,
    )

    output: Path | None = args.output
    to_stdout = output is not None and str(output) == "-"
    fmt = args.format or (format_for(output) if output is not None and not to_stdout else None)
    if fmt is None and output is not None and not to_stdout:
        raise UsageError.words("cli.unknown_format", name=output.name)
    fmt = fmt or "md"
    if to_stdout and fmt not in TEXT_FORMATS:
        raise UsageError.words("cli.not_text", format=fmt)
    if args.template is not None and fmt != "docx":
        raise UsageError.words("cli.template_is_for_word")
    if getattr(args, "report", False) and fmt not in REPORT_FORMATS:
        raise UsageError.words("cli.report_is_for_markdown")
    _, plan = _load(args)
    lang = args.lang if args.lang_given else plan.language
    try:
        rendered = render_with_notices(
            fmt, plan, library_for(args), lang, args.audience, args.template
        )
        for notice in rendered.notices:  # the export is still written: say it, don't fail
            print(notice.text(args.lang), file=sys.stderr)
        data = rendered.data
        if getattr(args, "report", False):
            from facilkit.cli_run import report_text

            data += ("\n" + report_text(args.plan, None, lang)).encode("utf-8")
        if to_stdout or (output is None and fmt == "invitation"):
            sys.stdout.write(data.decode("utf-8"))
            return 0
        if output is None:
            output = Locations.from_env().documents / default_name(
                slugify(plan.title), fmt, args.audience, lang
            )
            output.parent.mkdir(parents=True, exist_ok=True)
        write_export(output, data)
    except OSError as error:
        raise storage_error(error, output) from None
    print(output)
    return 0


def cmd_plan_templates(args: argparse.Namespace) -> int:
    """The shipped templates with their name, minutes and language (in ``--lang``)."""
    rows = template_rows(args.lang)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(row["id"]) for row in rows), default=0)
    for row in rows:
        span = f"{row['start']}–{row['end']}" if row["end"] else row["start"]
        print(f"{row['id']:<{width}}  {row['minutes']:>4} min  {span:<11}  {row['name']}")
    return 0
