"""Validation per method (budget 30 us), in a process that holds 10,000 methods. Asserts nothing.

The same figure as bench_tui's validation line, alone, so it takes a minute: each
worker process loads a library of 10,000 synthetic methods (holding them, as the
app does), parses 1,000 of the files once, then times ``check_method`` on them a
round at a time. With ``--against DIR`` (another checkout, e.g. ``git worktree
add /tmp/old main``) a second worker runs that tree's validation, and the rounds
alternate: each round of this tree is divided by the other's round just before
it, so the machine's drift cancels. The median ratio is the figure; the range
shows the spread.

Run: python bench/bench_validation.py [--against DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("BENCH_TREE", str(HERE)))  # a worker imports its own tree

LIBRARY_SIZE = 10_000
CHECKED = 1_000


def worker(folder: Path) -> None:
    """Hold the library, then answer each line on stdin with one round's us per method:
    ``go`` times check_method on 1,000 parsed files, ``library`` the checks across the
    complete library (duplicate ids, overrides, related ids naming no method)."""
    import facilkit
    from facilkit.library.loader import Folder, LibraryLoad
    from facilkit.library.validate import check_method
    from facilkit.paths import builtin_methods_dir
    from facilkit.yamlio import load_file

    load = LibraryLoad([Folder(builtin_methods_dir(), "builtin"), Folder(folder, "user")])
    held = list(load.snapshots())[-1]
    assert Path(facilkit.__file__).is_relative_to(os.environ.get("BENCH_TREE", HERE))
    documents = [load_file(path) for path in sorted(folder.glob("*.yaml"))[:CHECKED]]
    print(f"ready {len(held)}", flush=True)
    for line in sys.stdin:
        started = time.perf_counter()
        if line.strip() == "library":
            load.library(complete=True)
            count = len(held)
        else:
            for document in documents:
                check_method(document, None)
            count = len(documents)
        print((time.perf_counter() - started) / count * 1e6, flush=True)


def start_worker(tree: Path, folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "BENCH_TREE": str(tree)}
    process = subprocess.Popen(
        [sys.executable, __file__, "--worker", str(folder)],
        cwd=tree,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    if not ready.startswith("ready"):
        raise SystemExit(f"the worker in {tree} did not start")
    return process


def one_round(process: subprocess.Popen[str], what: str = "go") -> float:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{what}\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def spread(values: list[float], unit: str = "") -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):.2f}{unit} (runs {ordered[0]:.2f}-{ordered[-1]:.2f}{unit})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    from bench.synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "lib", LIBRARY_SIZE, seed=2)
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        ours = start_worker(HERE, folder)
        theirs = None if args.against is None else start_worker(args.against.resolve(), folder)
        mine, other, ratios, library = [], [], [], []
        for _ in range(args.rounds):
            if theirs is not None:
                other.append(one_round(theirs))
            mine.append(one_round(ours))
            if theirs is not None:
                ratios.append(mine[-1] / other[-1])
            library.append(one_round(ours, "library"))
        for process in (ours, theirs):
            if process is not None:
                assert process.stdin is not None
                process.stdin.close()
                process.wait()
        print(
            f"validation per method, holding {LIBRARY_SIZE:,} methods: "
            f"{spread(mine, ' us')} (budget 30)"
        )
        print(
            f"  the checks across the complete library (duplicates, overrides, related), "
            f"per method: {spread(library, ' us')}"
        )
        totals = [a + b for a, b in zip(mine, library, strict=True)]
        print(f"  validation and those checks, per method: {spread(totals, ' us')} (budget 30)")
        if theirs is not None:
            print(f"  {args.against}: {spread(other, ' us')}")
            print(f"  this tree / that tree, round by round: {spread(ratios, ' x')}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
