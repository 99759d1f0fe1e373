"""Run-mode benchmarks (ARCHITECTURE.md, speed budgets): a clock tick and a key press with 50 items.

Budgets: one clock tick (state machine, projection, redraw of what changed)
at most 5 ms of CPU; a key press to a new frame at most 50 ms. Both are measured
at 80×24 and at 160×48, where the view shows more (the agenda in the side column). Each facilkit
figure is printed beside R, a minimal Textual app that updates one Static per
tick and per key, measured in the same process and interleaved with facilkit's
rounds, so the ratio cancels the machine's drift. Asserts nothing.
Run: python bench/bench_run.py
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from facilkit.plans.model import AgendaItem, Plan, Rotation
from facilkit.plans.storage import save_plan
from facilkit.run.clock import FakeClock, today_at
from facilkit.run.items import contract_of, run_items
from facilkit.run.machine import Run, new_run
from facilkit.run.projection import project
from facilkit.tui.compat import watch_frames

ITEMS = 50
ROUNDS = 7
SIZES = ((80, 24), (160, 48))
"""The facilitator's view at its smallest, and grown (wider side column, the agenda in it)."""
TICKS = 40
FRAME_WAIT = 1.0
"""Seconds a tick may take to reach the screen before it counts as drawing nothing."""
KEYS = ("plus", "minus", "n", "p", "space", "space")


def big_plan() -> Plan:
    """50 items: methods, free items, breaks, a pinned lunch and a rotation; a tight frame."""
    methods = ["check-in", "ugu", "structured-dialogue", "reflecting-team", "check-out"]
    agenda = []
    for index in range(ITEMS):
        if index == 20:
            agenda.append(AgendaItem(title="Lunch", kind="lunch", minutes=30, at="12:30"))
        elif index == 30:
            agenda.append(
                AgendaItem(
                    method="station-rotation",
                    rotation=Rotation(groups=4, stations=4, round_minutes=10, move_minutes=2),
                )
            )
        elif index % 7 == 6:
            agenda.append(AgendaItem(title="Break", kind="break", minutes=10))
        else:
            agenda.append(AgendaItem(method=methods[index % len(methods)], minutes=15))
    return Plan(
        facilkit_plan=1, title="Fifty items", start="07:00", end="20:00", language="en",
        desired_outcomes=["A"], agenda=agenda,
    )  # fmt: skip


def core_tick_ms(plan: Plan, library: Any) -> tuple[float, float, float]:
    """CPU per tick of the pure core: on time, and 150 minutes over (cuts are suggested)."""
    clock = FakeClock(today_at(7 * 60, time.time()))
    run = Run(new_run(run_items(plan, library), contract_of(plan), clock.now()))
    run.start(clock.now())
    figures = []
    for overrun, cached in ((0.0, True), (150 * 60.0, True), (0.0, False)):
        clock.advance(overrun)
        started = time.process_time()
        for _ in range(1000):
            clock.advance(0.5)
            run.tick(clock.now())
            if not cached:
                run.advice_cache = None
            project(run, clock.now())
        figures.append((time.process_time() - started) / 1000 * 1000)
    assert project(run, clock.now()).suggestions, "the overrun case should suggest cuts"
    return figures[0], figures[1], figures[2]


class Minimal(App[None]):
    """R: one Static, updated by a tick and by a key."""

    BINDINGS = [Binding("plus", "bump", "Bump")]

    def compose(self) -> ComposeResult:
        yield Static("00:00", id="r")

    def tick(self, value: int) -> None:
        self.query_one("#r", Static).update(f"{value // 60:02d}:{value % 60:02d}")

    def action_bump(self) -> None:
        self.tick(int(time.time()))


async def measure(
    app: App[None],
    tick: Any,
    keys: tuple[str, ...],
    size: tuple[int, int],
    screen_type: type | None = None,
) -> tuple[float, float, float]:
    """Medians: CPU per tick (until its frame is drawn), wall time from key to frame, and
    CPU per key (wall time suffers most when other programs share the cores)."""
    frames: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        while screen_type is not None and not isinstance(app.screen, screen_type):
            await pilot.pause()
        await pilot.pause()
        drawn = asyncio.Event()

        def seen(_screen: object) -> None:
            frames.append(time.perf_counter())
            drawn.set()

        watch_frames(app, seen)
        ticks = []
        for value in range(TICKS):
            # Wait for the tick's own frame, not with pilot.pause(): Pilot's pause sends a
            # callback through every widget on the screen and waits for each, which costs
            # more CPU the more widgets a screen has and is not part of the app's tick.
            drawn.clear()
            started = time.process_time()
            tick(value)
            with contextlib.suppress(TimeoutError):  # else the tick changed nothing on screen
                await asyncio.wait_for(drawn.wait(), FRAME_WAIT)
            ticks.append((time.process_time() - started) * 1000)
        latencies, key_cpu = [], []
        for key in keys:
            frames.clear()
            started_wall, started_cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()
            key_cpu.append((time.process_time() - started_cpu) * 1000)
            latencies.append((max(frames, default=started_wall) - started_wall) * 1000)
    return statistics.median(ticks), statistics.median(latencies), statistics.median(key_cpu)


async def rounds(plan_path: Path, home: Path) -> None:
    from facilkit.plans.storage import load_plan
    from facilkit.tui.screens.run import RunScreen
    from facilkit.tui.screens.run_start import RunOptions
    from tests.tui_helpers import make_app

    names = [f"{kind} {w}x{h}" for w, h in SIZES for kind in ("tick", "key", "key CPU")]
    ratios: dict[str, list[float]] = {name: [] for name in names}
    raw: dict[str, list[float]] = {name: [] for name in names}
    raw.update({f"R {name}": [] for name in names})
    for _ in range(ROUNDS):
        for size in SIZES:  # R and facilkit alternate, at each size, in every round
            minimal = Minimal()
            r_tick, r_key, r_key_cpu = await measure(
                minimal, minimal.tick, ("plus",) * len(KEYS), size
            )
            app = make_app(home)  # each round a new run of the plan: the last one ended
            clock = FakeClock(today_at(7 * 60, time.time()))
            app.run_request = (
                load_plan(plan_path),
                plan_path,
                RunOptions(clock=clock, tick_seconds=0),
            )

            def tick(_: int, app: Any = app, clock: FakeClock = clock) -> None:
                screen = app.screen
                if isinstance(screen, RunScreen):
                    clock.advance(1)
                    screen.tick()

            tick_ms, key_ms, key_cpu_ms = await measure(app, tick, KEYS, size, RunScreen)
            for old in (home / "plans").glob("*.runs/*.json"):
                old.unlink()
            label = f"{size[0]}x{size[1]}"
            for kind, ours, theirs in (
                ("tick", tick_ms, r_tick),
                ("key", key_ms, r_key),
                ("key CPU", key_cpu_ms, r_key_cpu),
            ):
                name = f"{kind} {label}"
                raw[name].append(ours)
                raw[f"R {name}"].append(theirs)
                ratios[name].append(ours / theirs if theirs else float("nan"))
    for name in names:
        budget = 5.0 if name.startswith("tick") else 50.0
        values, r_values = raw[name], raw[f"R {name}"]
        spread = f"{min(ratios[name]):.2f}-{max(ratios[name]):.2f}"
        print(
            f"TUI {name:<16} median {statistics.median(values):6.2f} ms "
            f"(range {min(values):.2f}-{max(values):.2f}; budget {budget:g} ms)   "
            f"R {statistics.median(r_values):6.2f} ms   "
            f"ratio {statistics.median(ratios[name]):.2f} x R (range {spread})"
        )


def main() -> None:
    from facilkit.library.loader import Folder, load_library
    from facilkit.paths import builtin_methods_dir

    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    plan = big_plan()
    on_time, over, uncached = core_tick_ms(plan, library)
    print(
        f"core tick + projection, {ITEMS} items, CPU: {on_time:.3f} ms on time; "
        f"{over:.3f} ms 150 min over; {uncached:.3f} ms when the cuts are recomputed"
    )
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        path = home / "plans" / "fifty.yaml"
        save_plan(plan, path)
        asyncio.run(rounds(path, home))


if __name__ == "__main__":
    main()
