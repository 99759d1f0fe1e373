"""TUI benchmarks (ARCHITECTURE.md, speed budgets), each figure printed beside R from the same run.

R is a minimal Textual app (one Static): process start to first frame. Every
milestone is the moment its frame is handed to the terminal (see tui_probe.py),
the same way for R and for facilkit. R and facilkit runs alternate, and each
facilkit run is divided by the R run just before it: this machine's speed
drifts by a third within a minute, and a ratio of neighbours cancels that.
The median of those ratios is the figure; the range shows the spread.
Asserts nothing.
Run: python bench/bench_tui.py
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_library import typing_filter_times
from bench.synthetic import generate
from facilkit.library.loader import Folder, load_library
from facilkit.library.search import SearchIndex

PROBE = Path(__file__).with_name("tui_probe.py")
RUNS = 11


def probe(args: list[str], home: Path) -> dict[str, float]:
    env = {**os.environ, "FACILKIT_HOME": str(home)}
    # A user's `pip install` compiles the package to bytecode; a machine that sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile facilkit from source on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["BENCH_T0"] = repr(time.time())
    out = subprocess.run(
        [sys.executable, str(PROBE), *args], env=env, capture_output=True, text=True, check=True
    )
    return {
        k: float(v) for k, v in (line.split() for line in out.stdout.split("\n") if line.strip())
    }


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


async def interaction(folder: Path, home: Path) -> dict[str, float]:
    """Keystroke-to-frame and cursor-to-card inside a running app (10,000 methods).

    Latency is from just before the key is sent to the last frame rendered for
    it (the compositor's update handed to the display), so Pilot's own waiting
    after the frame is not counted.
    """
    from facilkit.paths import Locations
    from facilkit.tui.app import create_app
    from facilkit.tui.app_loading import GC_PAUSE_SECONDS
    from facilkit.tui.compat import watch_frames
    from facilkit.tui.widgets.method_list import MethodList

    app = create_app(Locations(home=home, cache=home / "cache"), extra_folders=[folder], lang="en")
    figures: dict[str, list[float]] = {"key": [], "cursor": [], "floor": []}
    frames: list[float] = []

    async def latency(pilot, key: str) -> float:  # type: ignore[no-untyped-def]
        frames.clear()
        started = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        return max(frames, default=started) - started

    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        while not gc.isenabled():  # measure in the steady state: start-up pause over
            await pilot.pause(GC_PAUSE_SECONDS / 4)
        # the frame is rendered by now
        watch_frames(app, lambda screen: frames.append(time.perf_counter()))
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        await pilot.press("slash")
        for char in "sparring team":
            figures["key"].append(await latency(pilot, "space" if char == " " else char))
        await pilot.press("ctrl+r")
        screen.query_one(MethodList).focus()
        await pilot.pause()
        for _ in range(15):
            figures["cursor"].append(await latency(pilot, "down"))
        await pilot.press("home")
        await pilot.pause()
        for _ in range(15):  # the floor: a key that repaints the list but changes no card
            figures["floor"].append(await latency(pilot, "up"))
    result = {name: statistics.median(values) for name, values in figures.items()}
    result["key_p90"] = statistics.quantiles(figures["key"], n=10)[-1]
    result["cursor_p90"] = statistics.quantiles(figures["cursor"], n=10)[-1]
    return result


def ratios_to_r(runs: list[dict[str, float]], r_runs: list[dict[str, float]], key: str) -> str:
    """The median of each run divided by its neighbouring R run, with the range of runs."""
    ratios = sorted(f[key] / rr["first_frame"] for f, rr in zip(runs, r_runs, strict=True))
    return f"{statistics.median(ratios):.2f} x R (runs {ratios[0]:.2f}-{ratios[-1]:.2f})"


def spread(runs: list[dict[str, float]], key: str, unit: str = "MiB") -> str:
    values = sorted(run[key] for run in runs)
    return f"{statistics.median(values):.0f} {unit} (runs {values[0]:.0f}-{values[-1]:.0f})"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lib1k = generate(root / "lib1k", 1_000)
        lib10k = generate(root / "lib10k", 10_000, seed=2)
        home = root / "home"
        for folder in (lib1k, lib10k):  # warm the cache, as on a user's second start
            probe(["facilkit", str(folder)], home)
        r_runs, f_runs, cold_runs = [], [], []
        for run in range(RUNS):  # interleaved, so all three see the same machine load
            r_runs.append(probe(["minimal"], home))
            f_runs.append(probe(["facilkit", str(lib1k)], home))
            # cold: a home with no cache at all, as on a first start or after an upgrade
            cold_runs.append(probe(["facilkit", str(lib1k)], root / f"cold-{run}"))
        big = [probe(["facilkit", str(lib10k)], home) for _ in range(3)]
        big_cold = [probe(["facilkit", str(lib10k)], root / f"cold-big-{run}") for run in range(3)]
        r = median_of(r_runs, "first_frame")
        print(f"R (minimal Textual app, start to first frame)   {r * 1e3:7.0f} ms (median)")
        for runs, start in ((f_runs, "warm"), (cold_runs, "cold")):
            for key, label, budget in (
                ("first_frame", "first frame          ", "1.3"),
                ("usable", "list and card usable ", "1.7" if start == "warm" else "2.0"),
                ("settled", "  ... layout settled ", "-"),
            ):
                print(
                    f"facilkit, 1,000 methods, {start}: {label} {median_of(runs, key) * 1e3:7.0f} ms = "
                    f"{ratios_to_r(runs, r_runs, key)} (budget {budget})"
                )
        for runs, start in ((big, "warm"), (big_cold, "cold")):
            print(
                f"facilkit, 10,000 methods, {start}: list and card usable "
                f"{median_of(runs, 'usable') * 1e3:7.0f} ms"
            )
        warm_1k, cold_1k = median_of(f_runs, "rss_mib"), median_of(cold_runs, "rss_mib")
        warm_10k, cold_10k = median_of(big, "rss_mib"), median_of(big_cold, "rss_mib")
        print(
            f"peak memory, 1,000 methods: warm {spread(f_runs, 'rss_mib')}, cold "
            f"{spread(cold_runs, 'rss_mib')} = {cold_1k / warm_1k:.2f} x warm (budget 1.1; 60 MiB)"
        )
        print(
            f"peak memory, 10,000 methods: warm {spread(big, 'rss_mib')}, cold "
            f"{spread(big_cold, 'rss_mib')} = {cold_10k / warm_10k:.2f} x warm (budget 1.1; 160 MiB)"
        )
        index = SearchIndex(load_library([Folder(lib10k, "user")]), sort_lang="en")
        typing = typing_filter_times(index, "sparring team")
        print(
            f"filter per keystroke at 10,000 methods        {statistics.median(typing) * 1e3:7.2f} ms (budget 5; "
            f"slowest, a full scan: {typing[-1] * 1e3:.2f} ms)"
        )
        figures = asyncio.run(interaction(lib10k, home))
        print(
            f"keystroke to new frame, 10,000 methods         {figures['key'] * 1e3:7.1f} ms, "
            f"p90 {figures['key_p90'] * 1e3:.1f} ms (budget: p90 33)"
        )
        print(
            f"cursor move to new card, 10,000 methods        {figures['cursor'] * 1e3:7.1f} ms, "
            f"p90 {figures['cursor_p90'] * 1e3:.1f} ms (budget 33)"
        )
        print(
            f"  floor, a key that repaints but shows no new card {figures['floor'] * 1e3:5.1f} ms"
        )


if __name__ == "__main__":
    main()
