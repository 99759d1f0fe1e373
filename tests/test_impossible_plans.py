"""Plans no meeting can follow are errors that name the item; exports keep their tables square."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilkit.export.formats import render
from facilkit.library.loader import Library
from facilkit.plans.storage import load_plan
from tests.test_cli_methods import run

PLAN = """\
facilkit_plan: 1
title: Impossible
start: '{start}'
end: '{end}'
{extra}agenda:
  - title: Welcome
    minutes: {minutes}
  - title: Pinned
    minutes: 10
    at: '{at}'
  - title: Stations
    rotation:
      groups: {groups}
      stations: {stations}
      round_minutes: 10
      move_minutes: 2
      breaks:
        - {{after_round: 1, minutes: 5}}
      finale_minutes: 5
"""


def write(tmp_path: Path, **fields: object) -> Path:
    values = {
        "start": "09:00",
        "end": "12:00",
        "minutes": 10,
        "at": "10:00",
        "groups": 3,
        "stations": 3,
        "extra": "",
    }
    values.update(fields)
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(**values), encoding="utf-8")
    return path


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code, out, err = run(capsys, "plan", "check", str(path))
    return code, out + err


def test_a_sound_plan_has_no_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, text = check(capsys, write(tmp_path))
    assert code == 0 and " error" not in text.replace(" 0 errors", "")


@pytest.mark.parametrize(
    ("fields", "item", "words"),
    [
        ({"minutes": -5}, 1, "minutes is -5; minutes cannot be negative"),
        ({"end": "08:00"}, None, "end time 08:00 is before the start 09:00"),
        ({"at": "08:30"}, 2, "pinned to 08:30, before the start 09:00"),
        ({"groups": 0}, 3, "at least 1 group and 1 station (it has 0 groups"),
        ({"stations": 0}, 3, "and 0 stations"),
    ],
)
def test_impossible_plans_are_errors_naming_the_item(
    fields: dict[str, object],
    item: int | None,
    words: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    code, text = check(capsys, write(tmp_path, **fields))
    assert code == 1, text
    line = next(line for line in text.splitlines() if words in line)
    assert ": error" in line
    if item is not None:
        assert f"(item {item})" in line and f"Item {item} (" in line
    if "end" in fields:
        assert "unplanned" not in text  # an end before the start is not 'minutes of slack'


def test_a_meeting_past_midnight_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, start="20:00", end="02:00", at="00:30", extra="past_midnight: true\n")
    code, text = check(capsys, path)
    assert code == 0, text
    assert load_plan(path).past_midnight is True


def table_rows(fmt: str, data: bytes) -> list[list[int]]:
    """Cells per row of each table in a Markdown or HTML export."""
    text = data.decode("utf-8")
    tables: list[list[int]] = []
    if fmt == "md":
        current: list[int] = []
        for line in [*text.splitlines(), ""]:
            if line.startswith("|"):
                cells = re.sub(r"\\\|", "", line).count("|") - 1
                current.append(cells)
            elif current:
                tables.append(current)
                current = []
        return tables
    for table in re.findall(r"<table.*?</table>", text, re.S):
        rows = re.findall(r"<tr.*?</tr>", table, re.S)
        tables.append([len(re.findall(r"<t[hd][ >]", row)) for row in rows])
    return tables


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    "fields",
    [{}, {"groups": 0}, {"stations": 0}, {"groups": -2, "stations": -1}, {"minutes": -5}],
)
def test_every_export_table_is_square_whatever_the_plan_holds(
    fmt: str, fields: dict[str, object], tmp_path: Path
) -> None:
    plan = load_plan(write(tmp_path, **fields))
    tables = table_rows(fmt, render(fmt, plan, Library(), "en"))  # type: ignore[arg-type]
    assert tables, "the run plan has tables"
    for rows in tables:
        assert len(set(rows)) == 1, rows


def test_docx_tables_are_square_with_an_empty_rotation(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    plan = load_plan(write(tmp_path, groups=0, stations=0))
    out = tmp_path / "plan.docx"
    out.write_bytes(render("docx", plan, Library(), "en"))
    for table in docx.Document(str(out)).tables:
        assert len({len(row.cells) for row in table.rows}) == 1
