"""Validation per method (budget 30 us), in a process that holds 10,000 methods. Asserts nothing.

The same figure as bench_tui's validation line, alone, so it takes seconds: each
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
    """Hold the library, then answer each line on stdin with one round's us per method."""
    import facilkit
    from facilkit.library.loader import Folder, load_library
    from facilkit.library.validate import check_method
    from facilkit.yamlio import load_file

    held = load_library([Folder(folder, "user")])
    assert Path(facilkit.__file__).is_relative_to(os.environ.get("BENCH_TREE", HERE))
    documents = [load_file(path) for path in sorted(folder.glob("*.yaml"))[:CHECKED]]
    print(f"ready {len(held)}", flush=True)
    for _ in sys.stdin:
        started = time.perf_counter()
        for document in documents:
            check_method(document, None)
        print((time.perf_counter() - started) / len(documents) * 1e6, flush=True)


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


def one_round(process: subprocess.Popen[str]) -> float:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("go\n")
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
        mine, other, ratios = [], [], []
        for _ in range(args.rounds):
            if theirs is not None:
                other.append(one_round(theirs))
            mine.append(one_round(ours))
            if theirs is not None:
                ratios.append(mine[-1] / other[-1])
        for process in (ours, theirs):
            if process is not None:
                assert process.stdin is not None
                process.stdin.close()
                process.wait()
        print(
            f"validation per method, holding {LIBRARY_SIZE:,} methods: "
            f"{spread(mine, ' us')} (budget 30)"
        )
        if theirs is not None:
            print(f"  {args.against}: {spread(other, ' us')}")
            print(f"  this tree / that tree, round by round: {spread(ratios, ' x')}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
