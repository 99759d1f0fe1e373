"""The examples in the docs are real: they parse and validate."""

from __future__ import annotations

import re
from pathlib import Path

from facilkit.library.validate import check_method
from facilkit.plans.storage import parse_plan
from facilkit.yamlio import load_text

DOCS = Path(__file__).resolve().parent.parent / "docs"


def yaml_blocks(name: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", (DOCS / name).read_text(encoding="utf-8"), re.S)


def test_plan_example_parses() -> None:
    (example,) = [block for block in yaml_blocks("plans.md") if block.startswith("facilkit_plan")]
    plan, _ = parse_plan(example)
    assert plan.agenda[3].at == "12:00" and plan.agenda[4].rotation is not None


def test_method_example_validates() -> None:
    (example,) = [block for block in yaml_blocks("methods.md") if block.startswith("id: ugu")]
    method, problems = check_method(load_text(example, "example.yaml"), "ugu")
    assert problems == [] and method is not None


def test_variants_example_validates_and_the_plan_snippet_names_a_variant() -> None:
    (example,) = [b for b in yaml_blocks("methods.md") if b.startswith("id: case-sparring")]
    method, problems = check_method(load_text(example, "case-sparring.yaml"), "case-sparring")
    assert problems == [] and method is not None
    assert [variant.id for variant in method.variants] == ["in-pairs", "with-observer"]
    pairs = method.with_variant("in-pairs")
    assert pairs is not None and pairs.group_size.max is None
    (snippet,) = [b for b in yaml_blocks("methods.md") if b.startswith("agenda:")]
    plan, _ = parse_plan("facilkit_plan: 1\ntitle: t\n" + snippet)
    assert (plan.agenda[0].method, plan.agenda[0].variant) == ("case-sparring", "in-pairs")


def test_nothing_refers_to_files_outside_the_repository() -> None:
    """A clone has only the repository: the design the code needs is in ARCHITECTURE.md."""
    root = DOCS.parent
    tracked = [
        path
        for folder in ("facilkit", "tests", "bench", "docs", "examples", "methods", ".ci")
        for path in (root / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ".md", ".yaml", ".toml", ".tcss", ""}
    ]
    tracked += [root / name for name in ("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md")]
    tracked += [root / "CHANGELOG.md", root / "pyproject.toml"]
    outside = "../" + "shared"  # spelled in two parts so this file does not match itself
    found = [
        str(path.relative_to(root))
        for path in tracked
        if outside in path.read_text(encoding="utf-8", errors="replace")
        or "DESIGN" + ".md" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert found == []
