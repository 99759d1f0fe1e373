"""Starting a run: resume a run left by a crash or a quit, or start a new one at the right time.

Used by ``facilkit run PLAN`` and by ``r`` on the home screen and in an open plan.
From an open plan the run uses the plan as the editor holds it, saved or not:
the key person runs what is on the screen. Its log goes beside the plan's file
(a plan never saved gets ``<plans folder>/<title>.runs/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilkit.i18n import t
from facilkit.plans.model import Plan
from facilkit.plans.storage import slugify
from facilkit.run.clock import Clock, RunClock, clock_of, today_at
from facilkit.run.items import contract_of, plan_start_minute, run_items
from facilkit.run.log import new_run_path, unfinished_run
from facilkit.run.machine import Run, RunState, new_run

if TYPE_CHECKING:
    from facilkit.tui.app import FacilkitApp

ASK_WHEN_APART_SECONDS = 5 * 60
"""Ask "now or at the plan's time?" when the two are further apart than this."""


@dataclass
class RunOptions:
    """How to run: from the command line, or the defaults for ``r`` in the TUI."""

    start: int | None = None
    """``--start HH:MM`` as minutes after midnight."""
    speed: float = 1.0
    auto: bool = False
    reduced_motion: bool = False
    clock: Clock | None = None
    """A clock to use instead of the real one (tests)."""
    tick_seconds: float | None = None
    """How often the view ticks; None picks from the speed (tests with a fake clock pass 0)."""
    room: bool = False
    """``--room``: only follow the plan's run from this terminal (a projector's view)."""


def _tick_seconds(options: RunOptions) -> float | None:
    if options.tick_seconds is not None:
        return options.tick_seconds or None
    return 0.5 if options.speed <= 2 else 0.1


def log_base(app: FacilkitApp, plan: Plan, plan_path: Path | None) -> Path:
    """The plan file the run log goes beside."""
    return (
        plan_path if plan_path is not None else app.locations.plans / f"{slugify(plan.title)}.yaml"
    )


def launch_run(app: FacilkitApp, plan: Plan, plan_path: Path | None, options: RunOptions) -> None:
    """Offer to resume an unfinished run, else ask when to start (if it matters), then run."""
    base = log_base(app, plan, plan_path)
    if options.room:
        from facilkit.tui.screens.run_follow import FollowRoomScreen

        app.push_screen(FollowRoomScreen(base, app.lang))
        return
    left = unfinished_run(base)
    if left is None:
        _start_new(app, plan, base, options)
        return
    path, state = left
    from facilkit.tui.dialogs.basic import Choose

    lang = state.contract.language or app.lang
    item = state.items[state.current].title if 0 <= state.current < len(state.items) else ""
    question = t(
        "run.resume_question",
        lang,
        title=state.contract.title,
        when=clock_of(state.last),
        item=item,
    )
    answers = [("resume", t("run.resume", lang)), ("fresh", t("run.fresh", lang))]

    def answered(answer: str | None) -> None:
        if answer == "resume":
            _open(app, state, path, base, options, resumed=True)
        elif answer == "fresh":
            _start_new(app, plan, base, options)

    app.push_screen(Choose(question, answers), answered)


def _start_new(app: FacilkitApp, plan: Plan, base: Path, options: RunOptions) -> None:
    clock: Clock = options.clock or RunClock()
    now = clock.now()
    if options.start is not None:
        _begin(app, plan, base, options, today_at(options.start, now))
        return
    planned = today_at(plan_start_minute(plan), now)
    if options.speed != 1 or abs(planned - now) <= ASK_WHEN_APART_SECONDS:
        _begin(app, plan, base, options, planned)
        return
    from facilkit.tui.dialogs.basic import Choose

    lang = plan.language or app.lang
    words = {"plan_start": clock_of(planned), "now": clock_of(now)}
    answers = [
        ("now", t("run.start_now", lang, **words)),
        ("plan", t("run.start_planned", lang, **words)),
    ]

    def answered(answer: str | None) -> None:
        if answer == "now":
            _begin(app, plan, base, options, clock.now())
        elif answer == "plan":
            _begin(app, plan, base, options, planned)

    app.push_screen(Choose(t("run.start_question", lang, **words), answers), answered)


def _begin(app: FacilkitApp, plan: Plan, base: Path, options: RunOptions, planned: float) -> None:
    clock: Clock = options.clock or (
        RunClock.rehearsal(options.speed, planned) if options.speed != 1 else RunClock()
    )
    state = new_run(
        run_items(plan, app.library),
        contract_of(plan),
        planned,
        plan_name=base.name,
        auto=options.auto,
        speed=options.speed,
        created=clock.now(),
    )
    options.clock = clock
    _open(app, state, new_run_path(base), base, options, resumed=False)


def _open(
    app: FacilkitApp,
    state: RunState,
    path: Path,
    base: Path,
    options: RunOptions,
    *,
    resumed: bool,
) -> None:
    from facilkit.tui.screens.run import RunScreen

    if options.clock is not None:
        clock: Clock = options.clock
    elif state.anchor is not None and state.speed != 1:
        clock = RunClock(state.speed, state.anchor)
    else:
        clock = RunClock()
    if options.auto:
        state.auto = True
    screen = RunScreen(
        Run(state),
        path,
        clock,
        plan_label=base.stem,
        tick_seconds=_tick_seconds(
            RunOptions(
                speed=state.speed if resumed else options.speed, tick_seconds=options.tick_seconds
            )
        ),
        reduced_motion=options.reduced_motion or app.animation_level == "none",
    )
    app.push_screen(screen)
    if not resumed:
        screen.call_after_refresh(screen.save)  # the log exists from the first moment
