"""Library benchmarks (ARCHITECTURE.md, speed budgets). Prints figures; asserts nothing.

Run: python bench/bench_library.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import generate
from facilkit.library.loader import Folder, load_library
from facilkit.library.search import Filters, SearchIndex
from facilkit.library.validate import check_method
from facilkit.yamlio import HAVE_LIBYAML, load_file


def best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def typing_filter_times(index: SearchIndex, query: str, rounds: int = 10) -> list[float]:
    """Seconds per keystroke while typing ``query`` from an empty field, ``rounds`` times.

    The first keystroke scans every method; later ones narrow the last result.
    """
    times = []
    for _ in range(rounds):
        index.filter(Filters())
        for length in range(1, len(query) + 1):
            started = time.perf_counter()
            index.filter(Filters(query=query[:length]))
            times.append(time.perf_counter() - started)
    return sorted(times)


def cli_cold(folder: Path, home: Path) -> float:
    """Whole `facilkit methods list` process, no cache (a fresh FACILKIT_HOME each run)."""
    times = []
    for run in range(5):
        env = {**os.environ, "FACILKIT_HOME": str(home / f"cold-{run}")}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "facilkit", "methods", "list", "--library", str(folder)],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    print(f"libyaml C parser: {HAVE_LIBYAML}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for count in (1_000, 10_000):
            folder = generate(root / f"lib{count}", count)
            files = sorted(folder.glob("*.yaml"))
            size = sum(p.stat().st_size for p in files) / len(files)
            folders = [Folder(folder, "user")]
            cold = best_of(3, lambda folders=folders: load_library(folders))
            cache_path = root / f"cache{count}"
            load_library(folders, cache_path)
            warm = best_of(5, lambda folders=folders, c=cache_path: load_library(folders, c))
            documents = [load_file(p) for p in files[:1000]]
            validate_us = (
                best_of(3, lambda docs=documents: [check_method(d, None) for d in docs])
                / len(documents)
                * 1e6
            )
            parse = (
                best_of(1, lambda files=files: [load_file(p) for p in files[:1000]]) / 1000 * 1e3
            )
            index = SearchIndex(load_library(folders, cache_path))
            typing = typing_filter_times(index, "sparring team")
            print(f"\n{count} methods, {size / 1024:.1f} KB a file")
            print(f"  in-process cold load      {cold * 1e3:8.1f} ms")
            print(
                f"  warm load through cache   {warm * 1e3:8.1f} ms   (budget {30 if count == 1000 else 300} ms)"
            )
            print(f"  YAML parse per file       {parse:8.2f} ms")
            print(f"  validation per method     {validate_us:8.1f} us   (budget 30 us)")
            print(
                f"  filter per keystroke      {statistics.median(typing) * 1e3:8.2f} ms   "
                f"(budget 5 ms at 10,000; slowest, a full scan: {typing[-1] * 1e3:.2f} ms)"
            )
            if count == 1_000:
                print(
                    f"  `methods list` cold (CLI) {cli_cold(folder, root) * 1e3:8.1f} ms   (budget 1000 ms)"
                )


def export_figure() -> None:
    """Markdown export of a 50-item plan with the built-in library."""
    from facilkit.export.plan import export_markdown
    from facilkit.paths import builtin_methods_dir
    from facilkit.plans.model import AgendaItem, new_plan

    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    ids = list(library.entries)
    plan = new_plan("Bench")
    plan.agenda = [AgendaItem(method=ids[i % len(ids)], minutes=10) for i in range(50)]
    seconds = best_of(20, lambda: export_markdown(plan, library, "da"))
    print(f"\nplan export, 50 items        {seconds * 1e3:8.2f} ms   (budget 50 ms)")


if __name__ == "__main__":
    export_figure()
    main()
