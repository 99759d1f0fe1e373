"""Export benchmark (issue 11; ARCHITECTURE.md's speed budgets): PDF and Word export as whole processes.

Budget: ``facilkit plan export`` to PDF, and to Word, each at most 2 x the
Markdown export of the same plan, start-up included (that is what a user
waits for). The three commands run in turn, round after round, so each ratio
is taken pair by pair and cancels the machine's drift; the median ratio and
its spread are printed. Asserts nothing.
Run: python bench/bench_export.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "learning-group-meeting.yaml"
FORMATS = ("md", "pdf", "docx")


def one(fmt: str, out: Path, env: dict[str, str]) -> float:
    """Seconds from process start to exit for one export."""
    command = [
        sys.executable,
        "-m",
        "facilkit",
        "plan",
        "export",
        str(PLAN),
        "-o",
        str(out / f"p.{fmt}"),
    ]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main(rounds: int = 15) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        env = {**os.environ, "FACILKIT_HOME": str(out / "home")}
        for fmt in FORMATS:  # warm the method cache and the file system
            one(fmt, out, env)
        times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
        for _ in range(rounds):
            for fmt in FORMATS:
                times[fmt].append(one(fmt, out, env))
    print(f"export of {PLAN.name}, whole process, {rounds} interleaved rounds (median [min-max])")
    for fmt in FORMATS:
        values = times[fmt]
        print(
            f"  {fmt:5} {statistics.median(values) * 1000:7.0f} ms  [{min(values) * 1000:.0f}-{max(values) * 1000:.0f}]"
        )
    for fmt in ("pdf", "docx"):
        ratios = [a / b for a, b in zip(times[fmt], times["md"], strict=True)]
        print(
            f"  {fmt} / md  {statistics.median(ratios):.2f} x  [{min(ratios):.2f}-{max(ratios):.2f}]"
            "  (budget: at most 2 x)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
