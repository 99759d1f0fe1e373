"""TUI benchmarks (ARCHITECTURE.md, speed budgets), each figure printed beside R from the same run.

R is a minimal Textual app (one Static): process start to first frame. Every
milestone is the moment its frame is handed to the terminal (see tui_probe.py),
the same way for R and for facilkit. R and facilkit runs alternate, and each
facilkit run is divided by the R run just before it: this machine's speed
drifts by a third within a minute, and a ratio of neighbours cancels that.
The median of those ratios is the figure; the range shows the spread.
Asserts nothing.
Run: python bench/bench_tui.py [--pty]   (BENCH_RUNS=N for fewer runs; --pty: on a real
pseudo-terminal of 80x24 instead of headless)
     python bench/bench_tui.py --pty --against CHECKOUT   (the start-up figures only, this
tree against another checkout with its own .venv, R/old/new interleaved: does a change help?
     Then cursor move to new card at 10,000 methods, old/new interleaved, as main-thread CPU too)
"""

from __future__ import annotations

import asyncio
import fcntl
import gc
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_library import typing_filter_times
from bench.synthetic import generate
from facilkit.library.loader import Folder, load_library
from facilkit.library.search import SearchIndex

PROBE = Path(__file__).with_name("tui_probe.py")
CURSOR_PROBE = Path(__file__).with_name("tui_cursor.py")
RUNS = int(os.environ.get("BENCH_RUNS", "11"))


def probe(
    args: list[str], home: Path, on_pty: bool = False, tree: Path | None = None
) -> dict[str, float]:
    """One fresh process; headless, or on a real 80x24 pseudo-terminal that is read as it is drawn.

    ``tree``: another checkout: this probe, run by that checkout's ``.venv`` (so its
    facilkit), and both trees are timed by the same probe.
    """
    env = {**os.environ, "FACILKIT_HOME": str(home)}
    # A user's `pip install` compiles the package to bytecode; a machine that sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile facilkit from source on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if tree is None:
        command = [sys.executable, str(PROBE), *args]
    else:
        command = [str(tree / ".venv" / "bin" / "python"), str(PROBE), *args]
    if not on_pty:
        env["BENCH_T0"] = repr(time.time())
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    else:
        out = _on_pty(command, env)
    return {k: float(v) for k, v in (line.split() for line in out.split("\n") if line.strip())}


def _on_pty(command: list[str], env: dict[str, str]) -> str:
    """Run on a pseudo-terminal of 80x24, draining what it draws as a terminal would."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**env, "TERM": "xterm-256color", "BENCH_OUT": out.name}
        env["BENCH_T0"] = repr(time.time())
        process = subprocess.Popen(
            command,
            env=env,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            start_new_session=True,
        )
        os.close(follower)
        while True:  # the terminal's side: read everything the app draws
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # the app has gone and closed its side
                break
        os.close(leader)
        if process.wait() != 0:
            raise RuntimeError(f"probe failed: {command}")
        return out.read()


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


def ratio_to_r(runs: list[dict[str, float]], r_runs: list[dict[str, float]], key: str) -> float:
    """The median of each run divided by its neighbouring R run."""
    return statistics.median(f[key] / rr["first_frame"] for f, rr in zip(runs, r_runs, strict=True))


def ratios_to_r(runs: list[dict[str, float]], r_runs: list[dict[str, float]], key: str) -> str:
    """The median of each run divided by its neighbouring R run, with the range of runs."""
    ratios = sorted(f[key] / rr["first_frame"] for f, rr in zip(runs, r_runs, strict=True))
    return f"{statistics.median(ratios):.2f} x R (runs {ratios[0]:.2f}-{ratios[-1]:.2f})"


def verdict(value: float, budget: float) -> str:
    """✓ when the figure keeps its budget, ✗ when it does not."""
    return "✓" if value <= budget else "✗"


def spread(runs: list[dict[str, float]], key: str, unit: str = "MiB") -> str:
    values = sorted(run[key] for run in runs)
    return f"{statistics.median(values):.0f} {unit} (runs {values[0]:.0f}-{values[-1]:.0f})"


def cold_load_on_cores(folder: Path, root: Path, rounds: int = 5) -> str:
    """In-process cold loads of ``folder``, one core against two (a helper process), interleaved."""
    from facilkit.library.loader import LibraryLoad

    def load(helpers: int, run: int) -> tuple[float, float]:
        started = time.perf_counter()
        first = None
        cache = root / f"cores-{helpers}-{run}"
        for _ in LibraryLoad([Folder(folder, "user")], cache, helpers=helpers).snapshots():
            first = first or time.perf_counter() - started
        return first or 0.0, time.perf_counter() - started

    one, two = [], []
    for run in range(rounds):
        one.append(load(0, run))
        two.append(load(1, run))
    ratios = sorted(b[1] / a[1] for a, b in zip(one, two, strict=True))
    return (
        f"{statistics.median(a[1] for a in one) * 1e3:.0f} ms on one core, "
        f"{statistics.median(b[1] for b in two) * 1e3:.0f} ms on two = "
        f"{statistics.median(ratios):.2f} x (runs {ratios[0]:.2f}-{ratios[-1]:.2f}); first part "
        f"shown after {statistics.median(b[0] for b in two) * 1e3:.0f} ms"
    )


def validation_per_method(folder: Path, rounds: int = 7) -> tuple[float, str]:
    """check_method on 1,000 parsed documents, in this process, which holds 10,000 methods."""
    from facilkit.library.validate import check_method
    from facilkit.yamlio import load_file

    documents = [load_file(path) for path in sorted(folder.glob("*.yaml"))[:1000]]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for document in documents:
            check_method(document, None)
        times.append((time.perf_counter() - started) / len(documents) * 1e6)
    times.sort()
    median = statistics.median(times)
    return median, f"{median:.1f} us (runs {times[0]:.1f}-{times[-1]:.1f})"


def against(other: Path, on_pty: bool) -> None:
    """Start-up of this tree against ``other``, R/old/new interleaved (warm and cold, 1,000)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lib1k = generate(root / "lib1k", 1_000)
        homes = {"old": root / "home-old", "new": root / "home-new"}
        trees: dict[str, Path | None] = {"old": other, "new": None}
        for name, tree in trees.items():  # warm each tree's own cache
            probe(["facilkit", str(lib1k)], homes[name], tree=tree)
        r_runs: list[dict[str, float]] = []
        runs: dict[tuple[str, str], list[dict[str, float]]] = {}
        load_before = os.getloadavg()[0]
        for run in range(RUNS):
            r_runs.append(probe(["minimal"], homes["new"], on_pty))
            order = ("old", "new") if run % 2 == 0 else ("new", "old")
            for name in order:
                for start in ("warm", "cold"):
                    home = homes[name] if start == "warm" else root / f"cold-{name}-{run}"
                    runs.setdefault((name, start), []).append(
                        probe(["facilkit", str(lib1k)], home, on_pty, trees[name])
                    )
        print(
            f"{RUNS} interleaved runs against {other}; load average {load_before:.1f} -> "
            f"{os.getloadavg()[0]:.1f}"
        )
        for start in ("warm", "cold"):
            for key in ("first_frame", "usable"):
                old, new = runs[("old", start)], runs[("new", start)]
                pairs = sorted(n[key] / o[key] for o, n in zip(old, new, strict=True))
                cpu = sorted(
                    n[f"cpu_{key}"] / o[f"cpu_{key}"] for o, n in zip(old, new, strict=True)
                )
                print(
                    f"{start} {key:12} old {ratios_to_r(old, r_runs, key)}   new "
                    f"{ratios_to_r(new, r_runs, key)}   new/old {statistics.median(pairs):.3f} "
                    f"(runs {pairs[0]:.2f}-{pairs[-1]:.2f}); process CPU "
                    f"{median_of(old, f'cpu_{key}') * 1e3:.0f} -> {median_of(new, f'cpu_{key}') * 1e3:.0f} ms"
                    f" = {statistics.median(cpu):.3f} (runs {cpu[0]:.2f}-{cpu[-1]:.2f})"
                )
        cursor_against(other, root)


def cursor_against(other: Path, root: Path, rounds: int = 3) -> None:
    """Cursor move to new card at 10,000 methods, old and new checkout interleaved."""
    lib10k = generate(root / "lib10k", 10_000, seed=2)
    trees = {"old": other, "new": Path(__file__).resolve().parent.parent}
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for run in range(rounds + 1):  # the first round fills each checkout's cache
        for name, tree in trees.items():
            command = [str(tree / ".venv" / "bin" / "python"), str(CURSOR_PROBE), str(tree)]
            command += [str(root / f"cursor-home-{name}"), str(lib10k)]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            if run:
                runs[name].append(json.loads(out.splitlines()[-1]))
    for key in ("cpu", "cpu_p90", "wall", "wall_p90"):
        pairs = sorted(n[key] / o[key] for o, n in zip(runs["old"], runs["new"], strict=True))
        print(
            f"cursor move to new card, 10,000 methods, {key:8} old {median_of(runs['old'], key):5.1f}"
            f" ms, new {median_of(runs['new'], key):5.1f} ms: new/old {statistics.median(pairs):.3f}"
            f" (runs {pairs[0]:.2f}-{pairs[-1]:.2f})"
        )


def main() -> None:
    on_pty = "--pty" in sys.argv
    if "--against" in sys.argv:
        against(Path(sys.argv[sys.argv.index("--against") + 1]).resolve(), on_pty)
        return
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lib1k = generate(root / "lib1k", 1_000)
        lib10k = generate(root / "lib10k", 10_000, seed=2)
        home = root / "home"
        for folder in (lib1k, lib10k):  # warm the cache, as on a user's second start
            probe(["facilkit", str(folder)], home)
        r_runs, f_runs, cold_runs = [], [], []
        for run in range(RUNS):  # interleaved, so all three see the same machine load
            r_runs.append(probe(["minimal"], home, on_pty))
            f_runs.append(probe(["facilkit", str(lib1k)], home, on_pty))
            # cold: a home with no cache at all, as on a first start or after an upgrade
            cold_runs.append(probe(["facilkit", str(lib1k)], root / f"cold-{run}", on_pty))
        big = [probe(["facilkit", str(lib10k)], home, on_pty) for _ in range(3)]
        big_cold = [
            probe(["facilkit", str(lib10k)], root / f"cold-big-{run}", on_pty) for run in range(3)
        ]
        r = median_of(r_runs, "first_frame")
        where = "a real 80x24 pseudo-terminal" if on_pty else "headless"
        print(f"{RUNS} interleaved runs, {where}; load average before: {load_before:.1f}")
        print(f"R (minimal Textual app, start to first frame)   {r * 1e3:7.0f} ms (median)")
        for runs, start in ((f_runs, "warm"), (cold_runs, "cold")):
            for key, label, budget in (
                ("first_frame", "first frame          ", 1.3),
                ("usable", "list and card usable ", 1.7 if start == "warm" else 2.0),
                ("loaded", "  ... all loaded     ", None),
            ):
                kept = "" if budget is None else f" (budget {budget}) "
                kept += "" if budget is None else verdict(ratio_to_r(runs, r_runs, key), budget)
                print(
                    f"facilkit, 1,000 methods, {start}: {label} {median_of(runs, key) * 1e3:7.0f} ms = "
                    f"{ratios_to_r(runs, r_runs, key)}{kept}"
                )
        for runs, start in ((big, "warm"), (big_cold, "cold")):
            print(
                f"facilkit, 10,000 methods, {start}: list and card usable "
                f"{median_of(runs, 'usable') * 1e3:7.0f} ms, all loaded "
                f"{median_of(runs, 'loaded') * 1e3:7.0f} ms"
            )
        warm_1k, cold_1k = median_of(f_runs, "rss_mib"), median_of(cold_runs, "rss_mib")
        warm_10k, cold_10k = median_of(big, "rss_mib"), median_of(big_cold, "rss_mib")
        for methods, warm, cold, warm_runs, cold_runs_of, most in (
            ("1,000", warm_1k, cold_1k, f_runs, cold_runs, 60),
            ("10,000", warm_10k, cold_10k, big, big_cold, 160),
        ):
            print(
                f"peak memory, {methods} methods: warm {spread(warm_runs, 'rss_mib')}, cold "
                f"{spread(cold_runs_of, 'rss_mib')} = {cold / warm:.2f} x warm (budget 1.1) "
                f"{verdict(cold / warm, 1.1)}; at most {most} MiB {verdict(max(warm, cold), most)}"
            )
        print(
            f"  the cold start's helper process (its own peak): 1,000 methods "
            f"{spread(cold_runs, 'helper_rss_mib')}, 10,000 {spread(big_cold, 'helper_rss_mib')}"
        )
        print(f"cold load, 1,000 methods, in process: {cold_load_on_cores(lib1k, root)}")
        index = SearchIndex(load_library([Folder(lib10k, "user")]), sort_lang="en")
        validation, validation_text = validation_per_method(lib10k)
        print(
            f"validation per method, in a process holding 10,000 methods  "
            f"{validation_text} (budget 30) {verdict(validation, 30)}"
        )
        typing = typing_filter_times(index, "sparring team")
        filtering = statistics.median(typing) * 1e3
        print(
            f"filter per keystroke at 10,000 methods        {filtering:7.2f} ms (budget 5) "
            f"{verdict(filtering, 5)} (slowest, a full scan: {typing[-1] * 1e3:.2f} ms)"
        )
        figures = asyncio.run(interaction(lib10k, home))
        print(
            f"keystroke to new frame, 10,000 methods         {figures['key'] * 1e3:7.1f} ms, "
            f"p90 {figures['key_p90'] * 1e3:.1f} ms (budget: p90 33) "
            f"{verdict(figures['key_p90'] * 1e3, 33)}"
        )
        print(
            f"cursor move to new card, 10,000 methods        {figures['cursor'] * 1e3:7.1f} ms, "
            f"p90 {figures['cursor_p90'] * 1e3:.1f} ms (budget 33) "
            f"{verdict(figures['cursor_p90'] * 1e3, 33)}"
        )
        print(
            f"  floor, a key that repaints but shows no new card {figures['floor'] * 1e3:5.1f} ms"
        )
        print(f"load average after: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
