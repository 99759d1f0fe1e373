"""Started by bench_tui.py --against: cursor move to new card at 10,000 methods, in one checkout.

Run by that checkout's own ``.venv`` with its root first on ``sys.path`` (argv: ROOT HOME
FOLDER), so the same measurement times old and new code. Prints JSON: per cursor move,
the wall time and the main thread's CPU time from the key to the last frame it caused
(CPU is what a busy machine inflates least), medians and p90s in milliseconds.
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import sys
import time
from pathlib import Path

MOVES = 40


async def cursor_moves(folder: Path, home: Path) -> dict[str, float]:
    from textual.pilot import Pilot

    from facilkit.paths import Locations
    from facilkit.tui.app import create_app
    from facilkit.tui.app_loading import GC_PAUSE_SECONDS
    from facilkit.tui.compat import watch_frames
    from facilkit.tui.widgets.method_list import MethodList

    app = create_app(Locations(home=home, cache=home / "cache"), extra_folders=[folder], lang="en")
    frames: list[tuple[float, float]] = []
    wall: list[float] = []
    cpu: list[float] = []

    async def move(pilot: Pilot[None]) -> None:
        frames.clear()
        started = (time.perf_counter(), time.thread_time())
        await pilot.press("down")
        await pilot.pause()
        ended = max(frames, default=started)
        wall.append(ended[0] - started[0])
        cpu.append(ended[1] - started[1])

    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        while not gc.isenabled():  # the steady state: start-up's pause over
            await pilot.pause(GC_PAUSE_SECONDS / 4)
        watch_frames(app, lambda screen: frames.append((time.perf_counter(), time.thread_time())))
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one(MethodList).focus()
        await pilot.pause()
        for _ in range(MOVES):
            await move(pilot)
    figures = {}
    for name, values in (("wall", wall), ("cpu", cpu)):
        figures[name] = statistics.median(values) * 1e3
        figures[f"{name}_p90"] = statistics.quantiles(values, n=10)[-1] * 1e3
    return figures


if __name__ == "__main__":
    sys.path.insert(0, sys.argv[1])
    print(json.dumps(asyncio.run(cursor_moves(Path(sys.argv[3]), Path(sys.argv[2])))))
