"""Run-mode benchmarks (ARCHITECTURE.md, speed budgets): a clock tick and a key press with 50 items.

Budgets: one clock tick (state machine, projection, redraw of what changed)
at most 5 ms of CPU; a key press to a new frame at most 50 ms. Each facilkit
figure is printed beside R, a minimal Textual app that updates one Static per
tick and per key, measured in the same process and interleaved with facilkit's
rounds, so the ratio cancels the machine's drift. Asserts nothing.
Run: python bench/bench_run.py
"""

from __future__ import annotations

import asyncio
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
ROUNDS = 5
TICKS = 40
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
    app: App[None], tick: Any, keys: tuple[str, ...], screen_type: type | None = None
) -> tuple[float, float]:
    """CPU per tick (until its frame is drawn) and wall time from key to frame, medians."""
    frames: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while screen_type is not None and not isinstance(app.screen, screen_type):
            await pilot.pause()
        await pilot.pause()
        watch_frames(app, lambda screen: frames.append(time.perf_counter()))
        ticks = []
        for value in range(TICKS):
            started = time.process_time()
            tick(value)
            await pilot.pause()
            ticks.append((time.process_time() - started) * 1000)
        latencies = []
        for key in keys:
            frames.clear()
            started_wall = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            latencies.append((max(frames, default=started_wall) - started_wall) * 1000)
    return statistics.median(ticks), statistics.median(latencies)


async def rounds(plan_path: Path, home: Path) -> None:
    from facilkit.plans.storage import load_plan
    from facilkit.tui.screens.run import RunScreen
    from facilkit.tui.screens.run_start import RunOptions
    from tests.tui_helpers import make_app

    ratios: dict[str, list[float]] = {"tick": [], "key": []}
    raw: dict[str, list[float]] = {"tick": [], "key": [], "r_tick": [], "r_key": []}
    for _ in range(ROUNDS):
        minimal = Minimal()
        r_tick, r_key = await measure(minimal, minimal.tick, ("plus",) * len(KEYS))
        app = make_app(home)  # each round a new run of the plan: the last one ended
        clock = FakeClock(today_at(7 * 60, time.time()))
        app.run_request = (load_plan(plan_path), plan_path, RunOptions(clock=clock, tick_seconds=0))

        def tick(_: int, app: Any = app, clock: FakeClock = clock) -> None:
            screen = app.screen
            if isinstance(screen, RunScreen):
                clock.advance(1)
                screen.tick()

        tick_ms, key_ms = await measure(app, tick, KEYS, RunScreen)
        raw["tick"].append(tick_ms)
        raw["key"].append(key_ms)
        raw["r_tick"].append(r_tick)
        raw["r_key"].append(r_key)
        for old in (home / "plans").glob("*.runs/*.json"):
            old.unlink()
        ratios["tick"].append(tick_ms / r_tick if r_tick else float("nan"))
        ratios["key"].append(key_ms / r_key if r_key else float("nan"))
    for name, budget in (("tick", 5.0), ("key", 50.0)):
        values, r_values = raw[name], raw[f"r_{name}"]
        spread = f"{min(ratios[name]):.2f}-{max(ratios[name]):.2f}"
        print(
            f"TUI {name:<4} median {statistics.median(values):6.2f} ms (budget {budget:g} ms)   "
            f"R {statistics.median(r_values):6.2f} ms   ratio {statistics.median(ratios[name]):.2f} x R "
            f"(range {spread})"
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
