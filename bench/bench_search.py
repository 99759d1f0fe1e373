"""Library search per keystroke at 10,000 methods: the word index against the scan it replaced.

The budget (ARCHITECTURE.md) is 5 ms per keystroke, median and p90, the first
keystroke of a search included. "index" is the search as shipped (search.py with
its word index built, as the app builds it in a worker once the library has
loaded); "scan" is the search before it (bench/search_before.py: one substring
test per method and word, narrowing while the user types on), with its search
text prepared as the app prepared it.

Each round starts both from nothing remembered (a fresh index, a fresh scan),
then types every sequence below a key at a time; the two alternate keystroke by
keystroke, in alternating order, so both see the same machine load. Each round's
median for the index is divided by the scan's median of the same round; the
ratio is reported as the median of the rounds with their range. As in the app once
start-up is over, what is built is frozen out of garbage collection. Also printed:
the time to build each (search text, word index) at 1,000 and 10,000 methods,
the memory each keeps, and what a build in a worker thread (as the app runs it
after a load) does to keystrokes typed meanwhile. Asserts nothing.
Run: ``python -m bench.bench_search``.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench.search_before import ScanSearch
from bench.synthetic import generate
from facilkit.library.loader import Folder, load_library
from facilkit.library.model import Entry
from facilkit.library.search import Filters, SearchIndex

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
TYPIST_PAUSE = 0.03
"""Seconds between keys after a key's frame (a fast typist's rhythm; a build takes 0.3-1 s)."""


def typing(text: str, **facets: int) -> list[Filters]:
    """``text`` typed a key at a time into an empty search field."""
    return [Filters(query=text[:n], **facets) for n in range(1, len(text) + 1)]  # type: ignore[arg-type]


SEQUENCES: dict[str, list[Filters]] = {
    "team": typing("team"),
    "spørgsmål": typing("spørgsmål"),
    "two words": typing("sparring team"),
    "backspace": [Filters(query=q) for q in ("refleksion", "refleksio", "refleksi", "refleks")],
    "no match": typing("zqx"),
    "matches all": typing("metode"),  # every synthetic method's Danish name
    "number filter": [
        Filters(query="team", fits_minutes=2),
        Filters(query="team", fits_minutes=20),
    ],
}
"""Each started from an empty field (the list as loaded), as a user starts a new search."""


def timed(search: Callable[[Filters], list[Entry]], filters: Filters) -> float:
    started = time.perf_counter()
    search(filters)
    return time.perf_counter() - started


def spread(values: list[float], scale: float = 1e3, digits: int = 2) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return (
        f"median {statistics.median(ordered) * scale:.{digits}f}, p90 {p90 * scale:.{digits}f}, "
        f"slowest {ordered[-1] * scale:.{digits}f}"
    )


def built_index(entries: list[Entry]) -> SearchIndex:
    index = SearchIndex(entries, sort_lang="en", prepare=False)
    index.prepare()
    return index


def built_scan(entries: list[Entry]) -> ScanSearch:
    scan = ScanSearch(entries, sort_lang="en", prepare=False)
    scan.prepare()
    return scan


def build_figures(entries: list[Entry], runs: int) -> str:
    """Build time (median of ``runs``, interleaved) and memory kept, index against scan."""
    times: dict[str, list[float]] = {"index": [], "texts": [], "scan": []}
    for _ in range(runs):
        started = time.perf_counter()
        index = SearchIndex(entries, sort_lang="en", prepare=False)
        index.columns()
        middle = time.perf_counter()
        index.prepare()
        times["index"].append(time.perf_counter() - started)
        times["texts"].append(middle - started)
        started = time.perf_counter()
        built_scan(entries)
        times["scan"].append(time.perf_counter() - started)
    kept = {
        "index": memory(lambda: built_index(entries)),
        "scan": memory(lambda: built_scan(entries)),
    }
    return (
        f"  build: index {statistics.median(times['index']) * 1e3:6.1f} ms (of which texts and "
        f"facets {statistics.median(times['texts']) * 1e3:.1f} ms), scan's search text "
        f"{statistics.median(times['scan']) * 1e3:6.1f} ms (median of {runs})\n"
        f"  memory kept: index {kept['index'][0]:.1f} MiB (peak while building "
        f"{kept['index'][1]:.1f}), scan {kept['scan'][0]:.1f} MiB (peak {kept['scan'][1]:.1f})"
    )


def memory(build: Callable[[], object]) -> tuple[float, float]:
    """MiB a structure keeps once built, and the peak while building it (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    kept = build()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return current / 2**20, peak / 2**20


def keys_during_builds(entries: list[Entry], builds: int) -> str:
    """Keystrokes' searches on the main thread while a worker builds the word index.

    The app builds it in a worker thread once a load is complete; a keystroke
    typed then waits for the GIL as long as the build holds it without a break.
    Each build (a fresh index: search texts, then the word index, as the app's
    worker does) alternates with a quiet stretch as long; in both the main thread
    types "sparring team" again and again into an index still scanning, with a
    millisecond between keys. Printed: the keystrokes' search times with and
    without the build beside them, and the longest wait of a 1 ms timer (the
    longest time the build kept the main thread out).
    """
    typed = typing("sparring team")
    scanning = SearchIndex(entries, sort_lang="en", prepare=False)
    scanning.columns()  # as the app's index before its word index is in: searches scan
    times: dict[str, list[float]] = {"building": [], "quiet": []}
    late: dict[str, list[float]] = {"building": [], "quiet": []}
    for _ in range(builds):
        worker = threading.Thread(target=lambda: SearchIndex(entries, prepare=False).prepare())
        started = time.perf_counter()
        worker.start()
        while worker.is_alive():
            _type_and_wait(scanning, typed, times["building"], late["building"])
        lasted = time.perf_counter() - started
        quiet_until = time.perf_counter() + lasted
        while time.perf_counter() < quiet_until:
            _type_and_wait(scanning, typed, times["quiet"], late["quiet"])
    return (
        f"  search per key while the index builds: {spread(times['building'])} "
        f"| meanwhile quiet: {spread(times['quiet'])} ({builds} builds)\n"
        f"  a 1 ms timer on the main thread came late by: building {spread(late['building'])} "
        f"| quiet {spread(late['quiet'])}"
    )


def _type_and_wait(
    index: SearchIndex, typed: list[Filters], times: list[float], late: list[float]
) -> None:
    """One key of ``typed`` (the next, round and round), then a 1 ms pause, both timed."""
    filters = typed[len(times) % len(typed)]
    times.append(timed(index.filter, filters))
    started = time.perf_counter()
    time.sleep(0.001)
    late.append(max(0.0, time.perf_counter() - started - 0.001))


async def frames_while_building(entries: list[Entry], rounds: int) -> str:
    """Key to frame in the running app's library screen, while the app builds a word index
    (``prepare_search``, as after a load) and, alternately, with nothing building.

    Keys go to the screen's search as a user types them ("sparring team", then
    erased). Latency is from the key to the first frame drawn after it (the
    key's own: the search and the list are redrawn in it); a key counts as
    "building" when the build was still under way as that frame was drawn.
    """
    from textual import events

    from facilkit.library.collection import Library
    from facilkit.paths import Locations
    from facilkit.tui.app import create_app
    from facilkit.tui.compat import watch_frames

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        locations = Locations(home=home, cache=home / "cache")
        app = create_app(locations, folders=[], lang="en", cursor_blink=False)
        figures: dict[str, list[float]] = {"building": [], "quiet": []}
        frames: list[tuple[float, bool]] = []
        """When each frame was drawn, and whether the index being built was done by then."""
        building = SearchIndex([])
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            library = Library()
            library.entries = {entry.id: entry for entry in entries}
            index = SearchIndex(library, sort_lang="en")
            app.library_arrived(library, index)  # the whole library, as a load hands it over
            await app.workers.wait_for_complete()
            gc.collect()
            gc.freeze()
            watch_frames(app, lambda screen: frames.append((time.perf_counter(), building.indexed)))
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("slash")
            for _ in range(rounds):
                for phase in ("building", "quiet"):
                    building = SearchIndex(library, sort_lang="en", prepare=False)
                    if phase == "building":
                        app.prepare_search(building)
                    for char in "sparring team":
                        frames.clear()
                        started = time.perf_counter()
                        # as the terminal's driver posts a key: Pilot's press would wait
                        # for the process to idle, which a build does not until it is done
                        app.post_message(events.Key("space" if char == " " else char, char))
                        while not frames and time.perf_counter() - started < 1:
                            await asyncio.sleep(0.001)
                        if frames:
                            drawn, built = frames[0]
                            if phase == "quiet" or not built:
                                figures[phase].append(drawn - started)
                        await asyncio.sleep(TYPIST_PAUSE)
                    await app.workers.wait_for_complete()
                    await pilot.press(*["backspace"] * len("sparring team"))
        return (
            f"  key to frame while the index builds: {spread(figures['building'], digits=1)} "
            f"({len(figures['building'])} keys) | with nothing building: "
            f"{spread(figures['quiet'], digits=1)}"
        )


def main() -> None:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        libraries = {
            count: list(
                load_library([Folder(generate(Path(tmp) / f"lib{count}", count, seed=2), "user")])
            )
            for count in (1_000, 10_000)
        }
    # as the app runs once start-up is over (app_loading.end_gc_pause): what it built is
    # frozen out of garbage collection, so a full collection does not land in a keystroke
    gc.collect()
    gc.freeze()
    for count, entries in libraries.items():
        print(f"{count:,} methods")
        print(build_figures(entries, 5))
    entries = libraries[10_000]
    print("\nkeys typed while the word index builds in a worker, 10,000 methods (ms)")
    print(keys_during_builds(entries, max(3, ROUNDS // 3)))
    print(asyncio.run(frames_while_building(entries, max(3, ROUNDS // 3))))
    every: dict[str, dict[str, list[float]]] = {
        name: {"index": [], "scan": []} for name in SEQUENCES
    }
    per_round: dict[str, list[float]] = {"index": [], "scan": []}
    for round_number in range(ROUNDS):
        contestants: dict[str, Callable[[Filters], list[Entry]]] = {
            "index": built_index(entries).filter,
            "scan": built_scan(entries).filter,
        }
        gc.collect()
        gc.freeze()
        order = list(contestants) if round_number % 2 == 0 else list(reversed(contestants))
        this_round: dict[str, list[float]] = {"index": [], "scan": []}
        for name, sequence in SEQUENCES.items():
            for search in contestants.values():
                search(Filters())  # the list as loaded, before the first key
            for filters in sequence:
                for contestant in order:  # interleaved per keystroke
                    seconds = timed(contestants[contestant], filters)
                    every[name][contestant].append(seconds)
                    this_round[contestant].append(seconds)
        for contestant, values in this_round.items():
            per_round[contestant].append(statistics.median(values))
    print(f"\nper keystroke, 10,000 methods, {ROUNDS} rounds (ms; budget 5, median and p90)")
    for name in SEQUENCES:
        print(
            f"  {name:14s} index {spread(every[name]['index'])} | scan {spread(every[name]['scan'])}"
        )
    all_index = [s for name in SEQUENCES for s in every[name]["index"]]
    all_scan = [s for name in SEQUENCES for s in every[name]["scan"]]
    print(f"  {'every key':14s} index {spread(all_index)} | scan {spread(all_scan)}")
    firsts = [
        every[name]["index"][i]
        for name in SEQUENCES
        for i in range(0, len(every[name]["index"]), len(SEQUENCES[name]))
    ]
    print(f"  {'first keys':14s} index {spread(firsts)}")
    ratios = sorted(a / b for a, b in zip(per_round["index"], per_round["scan"], strict=True))
    print(
        f"  index / scan, per round: {statistics.median(ratios):.2f} x "
        f"(rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
    )
    print(f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f} (2 cores)")
    gc.unfreeze()


if __name__ == "__main__":
    main()
