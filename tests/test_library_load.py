"""A library loading in steps (issue 15): snapshots, a helper process, the cache in pieces."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

import msgspec
import pytest

import facilkit.library.cache as cache_module
import facilkit.library.loader as loader_module
import facilkit.library.parsing as parsing_module
from facilkit.library.cache import MethodCache, cache_file_for, read_pieces
from facilkit.library.collection import Library
from facilkit.library.loader import Folder, LibraryLoad, load_library
from tests.conftest import METHOD_YAML, write_method


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot after every file, so a handful of files shows every step."""
    monkeypatch.setattr(loader_module, "CHUNK", 1)
    monkeypatch.setattr(loader_module, "SNAPSHOT_SECONDS", 0.0)
    monkeypatch.setattr(loader_module, "SNAPSHOT_SPACING", 0)  # not the machine's speed
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def aged(path: Path) -> Path:
    past = time.time() - 10
    os.utime(path, (past, past))
    return path


def two_folders(tmp_path: Path) -> list[Folder]:
    """A shared folder and a user's own that overrides one of its methods and breaks one file."""
    shared, own = tmp_path / "shared", tmp_path / "own"
    for name in ("a", "b", "c", "d"):
        aged(write_method(shared, name))
    mine = METHOD_YAML.format(id="b").replace("Method b", "My b")
    aged(write_method(own, "b", mine))
    aged(write_method(own, "e"))
    aged(write_method(own, "f", "id: f\nname: [broken\n"))
    return [Folder(shared, "user"), Folder(own, "user")]


def summary(library: Library) -> list[tuple[str, str, str | None]]:
    return [(entry.id, entry.path, entry.overrides) for entry in library]


def test_a_cold_load_hands_on_the_library_as_it_grows(tmp_path: Path, small_steps: None) -> None:
    folders = two_folders(tmp_path)
    load = LibraryLoad(folders, tmp_path / "cache", helpers=0)
    assert (load.total, load.done) == (7, 0)
    sizes = []
    for snapshot in load.snapshots():
        sizes.append(len(snapshot))
        if len(sizes) == 2:  # a (shared) and b (shared) so far: nothing of the user's yet
            assert snapshot.get("b").name_in("en") == "Method b"  # type: ignore[union-attr]
    assert sizes[0] == 1 and sizes == sorted(sizes) and len(sizes) > 3
    assert load.done == load.total
    complete = load_library(folders)
    assert summary(snapshot) == summary(complete)
    assert snapshot.problems == complete.problems
    assert snapshot.get("b").name_in("en") == "My b"  # type: ignore[union-attr]
    assert any("overrides" in problem.message for problem in snapshot.problems)
    assert len(snapshot.errors) == 1 and snapshot.errors[0].path.endswith("f.yaml")


def test_a_warm_load_is_one_snapshot(tmp_path: Path) -> None:
    folders = two_folders(tmp_path)
    load_library(folders, tmp_path / "cache")
    load = LibraryLoad(folders, tmp_path / "cache", helpers=0)
    assert load.done == load.total - 1  # only the broken file is not cached
    snapshots = list(load.snapshots())
    assert len(snapshots) == 1, "one file to parse again: no partial library first"
    assert summary(snapshots[-1]) == summary(load_library(folders))


def test_a_helper_process_parses_the_same_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cores: the helper's share comes back with its problems, in search-path order."""
    monkeypatch.setattr(loader_module, "CHUNK", 2)
    monkeypatch.setattr(loader_module, "HELPER_MIN_FILES", 2)
    folders = two_folders(tmp_path)
    for number in range(20):
        aged(write_method(tmp_path / "own", f"more-{number:02d}"))
    # a module on PYTHONPATH named like ours must not be what the helper runs
    decoy = tmp_path / "decoy" / "facilkit"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("raise SystemExit('the wrong facilkit')\n")
    monkeypatch.setenv("PYTHONPATH", str(decoy.parent))
    alone = load_library(folders)
    # after its first chunk this thread waits for the helper's first answer, so the
    # helper has a share however slowly it starts on a busy machine
    answered = threading.Event()
    real_ask, real_parse = parsing_module.Helper._ask, parsing_module.parse_files

    def ask(helper: parsing_module.Helper, *args: Any) -> Any:
        parsed = real_ask(helper, *args)
        if parsed is not None:
            answered.set()
        return parsed

    chunks_here: list[int] = []

    def parse_here(jobs: list[parsing_module.Job]) -> list[parsing_module.Parsed]:
        chunks_here.append(len(jobs))
        if len(chunks_here) > 1:
            answered.wait(timeout=120)  # a bound for a helper that never answers
        return real_parse(jobs)

    monkeypatch.setattr(parsing_module.Helper, "_ask", ask)
    monkeypatch.setattr(parsing_module, "parse_files", parse_here)
    load = LibraryLoad(folders, tmp_path / "cache", helpers=1)
    *_, helped = load.snapshots()
    assert summary(helped) == summary(alone)
    assert helped.problems == alone.problems
    assert load.helped > 0, "the helper parsed nothing: it could not start or import"
    cached = load_library(folders, tmp_path / "cache")
    assert summary(cached) == summary(alone)


def test_a_helper_stuck_on_a_chunk_is_stopped_and_its_chunk_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper that never answers costs the deadline, never the load."""

    def stuck_start() -> subprocess.Popen[bytes]:
        # asked, it never answers; never asked (its input closed), it ends at once
        stuck = "import sys, time\nif sys.stdin.buffer.read(4):\n    time.sleep(600)\n"
        command = [sys.executable, "-c", stuck]
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    monkeypatch.setattr(parsing_module.Helper, "_start", staticmethod(stuck_start))
    monkeypatch.setattr(parsing_module, "HELPER_DEADLINE", 0.0)
    monkeypatch.setattr(loader_module, "HELPER_MIN_FILES", 2)
    monkeypatch.setattr(loader_module, "CHUNK", 1)
    monkeypatch.setattr(loader_module, "SNAPSHOT_SECONDS", 0.01)
    folders = two_folders(tmp_path)
    load = LibraryLoad(folders, None, helpers=1)
    finished: list[Library] = []
    loading = threading.Thread(target=lambda: finished.extend(load.snapshots()), daemon=True)
    loading.start()
    loading.join(timeout=120)  # a bound for a broken deadline, not a measurement
    assert finished, "the load still waits for the stuck helper"
    assert summary(finished[-1]) == summary(load_library(folders))
    assert load.helped == 0


def test_a_frame_longer_than_the_cap_is_a_broken_stream() -> None:
    """The length is never trusted to allocate: too long reads as the end of the stream."""
    import io
    import struct

    too_long = struct.pack("<I", parsing_module.MAX_FRAME + 1) + b"x" * 16
    assert parsing_module._read_frame(io.BytesIO(too_long)) is None
    whole = struct.pack("<I", 3) + b"abc"
    assert parsing_module._read_frame(io.BytesIO(whole)) == b"abc"
    assert parsing_module._read_frame(io.BytesIO(whole[:5])) is None


def test_a_problem_crosses_the_pipe_typed_and_still_translatable() -> None:
    from facilkit.i18n import Words
    from facilkit.problems import Problem

    inner = Words("problem.expected", want=Words("type.int"), got=Words("type.str"))
    sent = Problem.said("m.yaml", 3, 7, Words("problem.at", where="duration", message=inner))
    wire = parsing_module._encoder.encode([(None, [parsing_module.WireProblem.of(sent)])])
    [(encoded, [came])] = parsing_module._result_decoder.decode(wire)
    assert encoded is None and came.problem() == sent
    assert came.problem().text("sv") == sent.text("sv")
    broken = parsing_module._encoder.encode([(None, [["m.yaml", "three", 7, "x", "error"]])])
    with pytest.raises(msgspec.ValidationError):
        parsing_module._result_decoder.decode(broken)


@pytest.mark.parametrize("failure", ["cannot start", "exits at once"])
def test_a_failing_helper_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    """A helper that cannot start (or dies) leaves its chunks to the loading thread."""

    def broken_start() -> subprocess.Popen[bytes]:
        if failure == "cannot start":
            raise OSError("no helper")
        command = [sys.executable, "-c", "pass"]
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    monkeypatch.setattr(parsing_module.Helper, "_start", staticmethod(broken_start))
    monkeypatch.setattr(loader_module, "HELPER_MIN_FILES", 2)
    monkeypatch.setattr(loader_module, "CHUNK", 1)
    folders = two_folders(tmp_path)
    *_, library = LibraryLoad(folders, None, helpers=1).snapshots()
    assert summary(library) == summary(load_library(folders))


def test_the_cache_is_written_in_pieces_and_a_torn_piece_loses_only_itself(
    tmp_path: Path, small_steps: None
) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    for number in range(6):
        aged(write_method(folder, f"m{number}"))
    load = LibraryLoad([Folder(folder, "user")], cache_dir, helpers=0)
    cache_file = cache_file_for(cache_dir, folder)
    written = []
    for _ in load.snapshots():
        written.append(cache_file.stat().st_size if cache_file.exists() else 0)
    assert written[0] > 0, "the first piece is on disk with the first snapshot"
    assert written == sorted(written) and len(set(written)) == 6, "one piece per snapshot"
    pieces, whole = read_pieces(cache_file.read_bytes())
    assert whole and [len(piece) for piece in pieces] == [1] * 6
    # a crash in the middle of writing the last piece
    cache_file.write_bytes(cache_file.read_bytes()[: written[-1] - 10])
    cache = MethodCache(cache_file)
    assert len(cache.items) == 5 and not cache.whole
    again = LibraryLoad([Folder(folder, "user")], cache_dir, helpers=0)
    assert again.done == 5, "every whole piece is served"
    *_, library = again.snapshots()
    assert sorted(library.entries) == [f"m{n}" for n in range(6)]
    pieces, whole = read_pieces(cache_file.read_bytes())
    assert whole and [len(piece) for piece in pieces] == [6], "a torn file is written again"


def test_a_large_step_is_written_as_several_small_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A piece is built in memory before it is written: a step of many methods is cut into
    pieces of at most PIECE_ITEMS, so the write never holds the whole step at once."""
    monkeypatch.setattr(loader_module, "SNAPSHOT_SECONDS", 3600.0)  # one step at the end
    monkeypatch.setattr(cache_module, "PIECE_ITEMS", 2)
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    for number in range(5):
        aged(write_method(folder, f"m{number}"))
    load_library([Folder(folder, "user")], cache_dir)
    cache_file = cache_file_for(cache_dir, folder)
    pieces, whole = read_pieces(cache_file.read_bytes())
    assert whole and [len(piece) for piece in pieces] == [2, 2, 1]
    assert LibraryLoad([Folder(folder, "user")], cache_dir, helpers=0).done == 5
    cache = MethodCache(cache_file)
    cache.compact()  # a file written again whole is in pieces too
    pieces, whole = read_pieces(cache_file.read_bytes())
    assert whole and [len(piece) for piece in pieces] == [2, 2, 1]
    assert MethodCache(cache_file).items.keys() == cache.items.keys()


def test_a_damaged_piece_is_never_served(tmp_path: Path, small_steps: None) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    for number in range(3):
        aged(write_method(folder, f"m{number}"))
    load_library([Folder(folder, "user")], cache_dir)
    cache_file = cache_file_for(cache_dir, folder)
    raw = cache_file.read_bytes()
    cache_file.write_bytes(raw.replace(b"Method m2", b"Method X"))  # in the last piece
    assert MethodCache(cache_file).items.keys() == {
        str(folder / "m0.yaml"),
        str(folder / "m1.yaml"),
    }
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m2").name_in("en") == "Method m2"  # type: ignore[union-attr]


def test_superseded_entries_are_dropped_when_they_fill_half_the_file(
    tmp_path: Path, small_steps: None
) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    path = aged(write_method(folder, "m"))
    cache_file = cache_file_for(cache_dir, folder)
    load_library([Folder(folder, "user")], cache_dir)
    path.write_text(METHOD_YAML.format(id="m").replace("Method m", "Other m"), encoding="utf-8")
    aged(path)
    load_library([Folder(folder, "user")], cache_dir)
    pieces, _ = read_pieces(cache_file.read_bytes())
    assert [len(piece) for piece in pieces] == [1, 1], "an edit appends a piece"
    path.write_text(METHOD_YAML.format(id="m").replace("Method m", "Third m"), encoding="utf-8")
    aged(path)
    library = load_library([Folder(folder, "user")], cache_dir)
    pieces, _ = read_pieces(cache_file.read_bytes())
    assert [len(piece) for piece in pieces] == [1], "two of three entries superseded: rewritten"
    assert library.get("m").name_in("en") == "Third m"  # type: ignore[union-attr]


def test_a_cancelled_load_keeps_what_it_parsed(tmp_path: Path, small_steps: None) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    for number in range(6):
        aged(write_method(folder, f"m{number}"))
    load = LibraryLoad([Folder(folder, "user")], cache_dir, helpers=0)
    snapshots = load.snapshots()
    next(snapshots)
    next(snapshots)
    load.cancel()
    assert [len(snapshot) for snapshot in snapshots] == []
    assert len(MethodCache(cache_file_for(cache_dir, folder)).items) == 2


def test_a_short_write_of_a_piece_makes_the_end_of_the_load_write_the_file_whole(
    tmp_path: Path, small_steps: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    for number in range(4):
        aged(write_method(folder, f"m{number}"))
    real_write = os.write
    calls = []

    def half_of_the_second_piece(handle: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 2:  # the disk fills in the middle of the second piece
            return real_write(handle, data[: len(data) // 2])
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", half_of_the_second_piece)
    load_library([Folder(folder, "user")], cache_dir)
    monkeypatch.undo()
    cache_file = cache_file_for(cache_dir, folder)
    _pieces, whole = read_pieces(cache_file.read_bytes())
    assert whole, "the torn file was written again at the end of the load"
    assert len(MethodCache(cache_file).items) == 4


def test_a_cold_load_lists_its_first_methods_after_a_small_first_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first step waits for FIRST_CHUNK files, not a whole CHUNK: the list comes sooner."""
    monkeypatch.setattr(loader_module, "SNAPSHOT_SECONDS", 3600.0)  # no step by the clock
    folder = tmp_path / "lib"
    for number in range(40):
        aged(write_method(folder, f"m{number:02d}"))
    load = LibraryLoad([Folder(folder, "user")], None, helpers=0)
    sizes = [len(snapshot) for snapshot in load.snapshots()]
    assert sizes == [loader_module.FIRST_CHUNK, 40]


def test_the_helper_s_module_path_comes_as_a_frame_whatever_its_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sys.path crosses on stdin, not the command line (Windows: 32,767 characters at most;
    Linux refuses 2 MiB): a module path longer than any command line still gets a helper."""
    odd = ["", "with space", "tab\there", "undecodable-\udcff", "æøå/ö"]
    program = parsing_module.READ_MODULE_PATH + "print(ascii(sys.path))"
    frame = parsing_module.module_path_frame(odd)
    stdin = len(frame).to_bytes(4, "little") + frame
    shown = subprocess.run(
        [sys.executable, "-I", "-c", program], input=stdin, capture_output=True, check=True
    )
    assert shown.stdout.decode().strip() == ascii(odd), "every entry comes back as it was"

    monkeypatch.setattr(loader_module, "CHUNK", 2)
    monkeypatch.setattr(loader_module, "HELPER_MIN_FILES", 2)
    long_path = [
        str(tmp_path / "absent" / f"{number:06d}" / ("x" * 48)) for number in range(40_000)
    ]
    monkeypatch.setattr(sys, "path", [*sys.path, *long_path])  # after every real entry
    folders = two_folders(tmp_path)
    for number in range(20):
        aged(write_method(tmp_path / "own", f"more-{number:02d}"))
    started: list[subprocess.Popen[bytes]] = []
    real_start = parsing_module.Helper._start

    answered = threading.Event()

    def start() -> subprocess.Popen[bytes]:
        try:
            started.append(real_start())
        except OSError:
            answered.set()  # no helper: nothing to wait for
            raise
        return started[-1]

    real_ask, real_parse = parsing_module.Helper._ask, parsing_module.parse_files

    def ask(helper: parsing_module.Helper, *args: Any) -> Any:
        parsed = real_ask(helper, *args)
        answered.set()
        return parsed

    parsed_here: list[int] = []

    def parse_here(jobs: list[parsing_module.Job]) -> list[parsing_module.Parsed]:
        # after the first chunk (the helper starts after the first snapshot, so waiting
        # there waited out all 120 s), the helper's first answer first: it gets a share
        if parsed_here:
            answered.wait(timeout=120)
        parsed_here.append(len(jobs))
        return real_parse(jobs)

    monkeypatch.setattr(parsing_module.Helper, "_start", staticmethod(start))
    monkeypatch.setattr(parsing_module.Helper, "_ask", ask)
    monkeypatch.setattr(parsing_module, "parse_files", parse_here)
    load = LibraryLoad(folders, None, helpers=1)
    *_, library = load.snapshots()
    assert started and len(str(started[0].args)) < 1000, "the command line holds no path"
    assert load.helped > 0, "no helper: the module path did not reach it"
    monkeypatch.undo()
    assert summary(library) == summary(load_library(folders))


def test_a_chunk_answered_as_the_deadline_passes_is_kept_and_no_next_chunk_is_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader decides a helper is overdue just as its answer arrives: the answer is kept,
    and the kill cannot fail the next chunk, because a stopped helper takes none."""
    two_folders(tmp_path)
    jobs = [(str(path), ()) for path in sorted((tmp_path / "shared").glob("*.yaml"))]
    work: deque[parsing_module.Chunk] = deque((number, [job]) for number, job in enumerate(jobs))
    results: queue.Queue[tuple[int, list[parsing_module.Parsed] | None]] = queue.Queue()
    helper = parsing_module.Helper(work, results, threading.Event())
    real_ask = parsing_module.Helper._ask

    def ask(self: parsing_module.Helper, *args: Any) -> Any:
        parsed = real_ask(self, *args)
        # the loader's look at the clock, between the answer and its bookkeeping
        assert self.stop_if_overdue(time.monotonic() + parsing_module.HELPER_DEADLINE + 1)
        return parsed

    monkeypatch.setattr(parsing_module.Helper, "_ask", ask)
    helper.start()
    helper.join(timeout=120)  # a bound for a helper that never ends, not a measurement
    assert not helper.is_alive()
    answered = [results.get_nowait() for _ in range(results.qsize())]
    assert [(number, parsed is not None) for number, parsed in answered] == [(len(jobs) - 1, True)]
    assert len(work) == len(jobs) - 1, "the stopped helper took no further chunk"
