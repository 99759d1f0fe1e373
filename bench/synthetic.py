"""Generate realistic synthetic method libraries for benchmarks (about 3 KB a file)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

WORDS = (
    "læring kollega samtale borger job refleksion dialog gruppe møde proces spørgsmål erfaring "
    "sparring plan mål handling perspektiv ressource team workshop feedback tillid nysgerrighed"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def method_text(index: int, rng: random.Random) -> str:
    """One method file in the documented format, valid as written."""
    mid = f"synthetic-{index:05d}"
    steps = []
    for step in range(4):
        questions = "\n".join(
            f"      - da: {_sentence(rng, 7)}\n        en: {_sentence(rng, 7)}" for _ in range(2)
        )
        steps.append(
            f"  - title: {{da: Trin {step + 1}, en: Step {step + 1}}}\n"
            f"    minutes: 5\n"
            f"    how:\n      da: {_sentence(rng, 18)}\n      en: {_sentence(rng, 18)}\n"
            f"    questions:\n{questions}"
        )
    return (
        f"id: {mid}\n"
        f"name: {{da: Metode {index} {rng.choice(WORDS)}, en: Method {index} {rng.choice(WORDS)}}}\n"
        f"summary:\n  da: {_sentence(rng, 25)}\n  en: {_sentence(rng, 25)}\n"
        f"category: {rng.choice(['dialogue', 'reflection', 'sparring', 'planning'])}\n"
        f"process: {rng.choice(['open', 'close', 'both', 'none'])}\n"
        f"duration: {{min: 10, default: {rng.randrange(15, 40)}, max: 60}}\n"
        f"group_size: {{min: 2, max: {rng.randrange(4, 30)}}}\n"
        f"invitation:\n  da: {_sentence(rng, 10)}\n  en: {_sentence(rng, 10)}\n"
        "steps:\n" + "\n".join(steps) + "\n"
        "roles:\n  - {da: facilitator, en: facilitator}\n"
        "materials:\n  - {da: flipover, en: flip-chart}\n"
        f"tips:\n  - da: {_sentence(rng, 12)}\n    en: {_sentence(rng, 12)}\n"
        "source: {text: Synthetic benchmark method}\n"
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
        "related: []\n"
    )


def generate(folder: Path, count: int, seed: int = 1) -> Path:
    """Write ``count`` methods; their mtime is set an hour back, like a library in use."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    past = time.time() - 3600
    for index in range(count):
        path = folder / f"synthetic-{index:05d}.yaml"
        path.write_text(method_text(index, rng), encoding="utf-8")
        os.utime(path, (past, past))
    return folder
