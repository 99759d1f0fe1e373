"""``facilkit run PLAN`` (run mode in the TUI) and ``facilkit plan report PLAN``."""

from __future__ import annotations

import argparse
import os
import sys

from facilkit.errors import PlanError, UsageError
from facilkit.i18n import t
from facilkit.paths import Locations
from facilkit.plans.clock import ClockError, parse_clock
from facilkit.plans.storage import load_plan, resolve_plan


def cmd_run(args: argparse.Namespace) -> int:
    """Open run mode on a plan; a run left unfinished is offered for resuming."""
    start = None
    if args.start is not None:
        try:
            start = parse_clock(args.start)
        except ClockError as error:
            raise UsageError.words("cli.bad_start", error=error) from None
    if not args.speed > 0:
        raise UsageError.words("cli.speed_above_zero")
    locations = Locations.from_env()
    path = resolve_plan(args.plan, locations)
    plan = load_plan(path)
    from facilkit.tui.app import create_app
    from facilkit.tui.screens.run_start import RunOptions

    reduced = args.reduced_motion or os.environ.get("FACILKIT_REDUCED_MOTION", "") not in ("", "0")
    options = RunOptions(
        start=start, speed=args.speed, auto=args.auto, reduced_motion=reduced, room=args.room
    )
    app = create_app(locations, args.library, args.lang)
    app.run_request = (plan, path, options)
    app.run()
    if app.crashed is not None:
        from facilkit.crash import report_crash

        line = report_crash(app.crashed, locations.crash_logs, args.lang)
        print(f"facilkit: {line}", file=sys.stderr)
        return 1
    return app.return_code or 0


def report_text(plan_arg: str, run: int | None, lang: str) -> str:
    """The report of a plan's run (the last one unless ``run`` names another)."""
    from facilkit.run.log import load_run, run_number, run_paths
    from facilkit.run.report import report_markdown

    path = resolve_plan(plan_arg, Locations.from_env())
    paths = run_paths(path)
    if not paths:
        raise PlanError(t("run.no_runs", lang, plan=path.stem))
    chosen = paths[-1]
    if run is not None:
        by_number = {run_number(p): p for p in paths}
        if run not in by_number:
            known = ", ".join(str(n) for n in by_number)
            raise PlanError(t("run.no_such_run", lang, plan=path.stem, n=run, known=known))
        chosen = by_number[run]
    return report_markdown(load_run(chosen), run_number(chosen))


def cmd_plan_report(args: argparse.Namespace) -> int:
    """Print planned against actual as Markdown, in the plan's language."""
    sys.stdout.write(report_text(args.plan, args.run, args.lang))
    return 0
