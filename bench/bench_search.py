"""Library search per keystroke at 10,000 methods: ranked (as shipped), unranked, and R.

The budget (ARCHITECTURE.md) is 5 ms per keystroke. R here is the minimal search
that does the job: one pass over the prepared search texts per keystroke, every
word a bare ``in``, no narrowing and no ranking. "Unranked" is the shipped search
with the ranking step left out (the hits in library order), to show what the
three-tier ranking (name, then tags, then the rest) costs on top.

The three alternate keystroke by keystroke in every round, so all see the same
machine load; each round's median is divided by R's median of the same round,
and the ratio is reported as the median of the rounds with their range.
Run: ``python -m bench.bench_search``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import generate
from facilkit.library import search
from facilkit.library.loader import Folder, load_library
from facilkit.library.model import Entry
from facilkit.library.search import Filters, SearchIndex

ROUNDS = 15
QUERIES = ("sparring team", "refleksion", "a")
"""Typed a key at a time: two words, one word, and a letter nearly every method has."""


def r_search(entries: list[Entry], haystacks: list[str]) -> Callable[[str], list[Entry]]:
    """R: the whole library scanned for every keystroke, in library order."""

    def run(query: str) -> list[Entry]:
        words = query.casefold().split()
        return [e for e, h in zip(entries, haystacks, strict=True) if all(w in h for w in words)]

    return run


def unranked(index: SearchIndex) -> Callable[[str], list[Entry]]:
    """The shipped search with the ranking step replaced by the hits as found."""

    def run(query: str) -> list[Entry]:
        shipped = search._ranked
        search._ranked = lambda matches, words: matches.hits
        try:
            return index.filter(Filters(query=query))
        finally:
            search._ranked = shipped

    return run


def timed(run: Callable[[str], list[Entry]], prefix: str) -> float:
    started = time.perf_counter()
    run(prefix)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "lib10k", 10_000, seed=2)
        library = load_library([Folder(folder, "user")])
    ranked_index = SearchIndex(library, sort_lang="en")
    plain_index = SearchIndex(library, sort_lang="en")
    contestants: dict[str, Callable[[str], list[Entry]]] = {
        "R": r_search(ranked_index.entries, ranked_index.prepare()),
        "unranked": unranked(plain_index),
        "ranked": lambda query: ranked_index.filter(Filters(query=query)),
    }
    plain_index.prepare()
    per_round: dict[str, list[float]] = {name: [] for name in contestants}
    every: dict[str, list[float]] = {name: [] for name in contestants}
    for _ in range(ROUNDS):
        times: dict[str, list[float]] = {name: [] for name in contestants}
        for query in QUERIES:
            for run in (ranked_index, plain_index):
                run.filter(Filters())  # an empty field first, as a new search starts
            for length in range(1, len(query) + 1):
                for name, contestant in contestants.items():  # interleaved per keystroke
                    times[name].append(timed(contestant, query[:length]))
        for name, values in times.items():
            per_round[name].append(statistics.median(values))
            every[name].extend(values)
    print(f"library search per keystroke, 10,000 methods, {ROUNDS} rounds of {QUERIES}")
    for name in contestants:
        values = sorted(every[name])
        p90 = values[int(len(values) * 0.9)]
        print(
            f"  {name:9s} median {statistics.median(values) * 1e3:6.2f} ms, p90 {p90 * 1e3:6.2f} ms,"
            f" slowest {values[-1] * 1e3:6.2f} ms"
        )
    for name in ("ranked", "unranked"):
        ratios = sorted(a / b for a, b in zip(per_round[name], per_round["R"], strict=True))
        print(
            f"  {name} / R: {statistics.median(ratios):.2f} x (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
        )
    ratios = sorted(a / b for a, b in zip(per_round["ranked"], per_round["unranked"], strict=True))
    print(
        f"  ranked / unranked: {statistics.median(ratios):.2f} x "
        f"(rounds {ratios[0]:.2f}-{ratios[-1]:.2f}); budget 5 ms per keystroke"
    )


if __name__ == "__main__":
    main()
