"""Parse method files into what the library keeps: the encoded method and its problems.

Runs in the loader's thread and, for a large cold library, in a helper process
beside it (``python -m facilkit.library.parsing``, driven by :class:`Helper`):
YAML parsing holds the GIL, so a second core needs a second process. What
crosses between them is bytes and problems, cheap to send; the encoded method
is what a cache entry holds anyway. The helper is a plain subprocess talking
msgpack frames over its stdin and stdout, not ``multiprocessing``: that one
re-imports the main module in the child and hands it the parent's stderr,
which Textual has replaced while the app runs.
"""

from __future__ import annotations

import contextlib
import os
import queue
import struct
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import IO, Any

import msgspec

import facilkit
from facilkit.library import validate
from facilkit.library.cache import encode_method
from facilkit.problems import Problem

Job = tuple[str, tuple[str, ...]]
"""A file to parse and the languages its texts must carry."""
Parsed = tuple[bytes | None, list[Problem]]
"""The encoded method (None when the file has errors) and every problem found."""
Chunk = tuple[int, list[Job]]
"""Files parsed together, numbered so their results find their place."""

_LENGTH = struct.Struct("<I")
_WireProblem = tuple[str, int, int, str, str, dict[str, Any] | None]
_WireResult = list[tuple[bytes | None, list[_WireProblem]]]
_result_decoder = msgspec.msgpack.Decoder(_WireResult)
_encoder = msgspec.msgpack.Encoder()


def parse_files(jobs: list[Job]) -> list[Parsed]:
    """Read and validate each file in turn; one broken file never stops the others."""
    parsed: list[Parsed] = []
    for path, required in jobs:
        method, problems = validate.load_method(Path(path), required)
        parsed.append((None if method is None else encode_method(method), problems))
    return parsed


def _write_frame(stream: IO[bytes], data: bytes) -> None:
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> bytes | None:
    """One frame, or None at the end of the stream (or a frame cut short)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    return data if len(data) == length else None


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The helper process: parse each chunk of jobs it is sent until its input ends."""
    job_decoder = msgspec.msgpack.Decoder(list[tuple[str, tuple[str, ...]]])
    while (request := _read_frame(requests)) is not None:
        results = [
            (encoded, [problem.wire() for problem in problems])
            for encoded, problems in parse_files(job_decoder.decode(request))
        ]
        _write_frame(replies, _encoder.encode(results))


class Helper(threading.Thread):
    """Feeds a helper process chunks from the back of the shared work, one at a time.

    Every chunk it takes comes back on ``results``: parsed, or with None when
    the helper failed (the loader then parses it itself), so nothing is lost
    and the loader never waits for a chunk that will not come.
    """

    def __init__(
        self,
        work: deque[Chunk],
        results: queue.Queue[tuple[int, list[Parsed] | None]],
        cancelled: threading.Event,
    ) -> None:
        super().__init__(name="facilkit-parse-helper", daemon=True)
        self.work, self.results, self.cancelled = work, results, cancelled

    def run(self) -> None:
        if getattr(sys, "frozen", False):
            return  # a frozen program's interpreter is the app itself: no helper to start
        try:
            process = self._start()
        except OSError:
            return  # no helper: the loader parses everything itself
        assert process.stdin is not None and process.stdout is not None
        taken: int | None = None  # a chunk taken and not yet answered for
        try:
            while not self.cancelled.is_set():
                try:
                    taken, jobs = self.work.pop()  # the back end; the loader takes the front
                except IndexError:
                    break
                parsed = self._ask(process.stdin, process.stdout, jobs)
                self.results.put((taken, parsed))
                taken = None
                if parsed is None:
                    break  # a helper that failed once is not asked again
        finally:
            if taken is not None:  # never leave the loader waiting for a chunk
                self.results.put((taken, None))
            with contextlib.suppress(OSError):
                process.stdin.close()
            if self.cancelled.is_set():
                process.kill()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:  # a stuck helper is not left behind
                process.kill()
                process.wait()

    def _ask(self, requests: IO[bytes], replies: IO[bytes], jobs: list[Job]) -> list[Parsed] | None:
        """The helper's results for one chunk, or None if it failed."""
        try:
            _write_frame(requests, _encoder.encode(jobs))
            reply = _read_frame(replies)
            if reply is None:
                return None
            return [
                (encoded, [Problem.from_wire(problem) for problem in problems])
                for encoded, problems in _result_decoder.decode(reply)
            ]
        except (OSError, ValueError, msgspec.DecodeError):
            return None

    @staticmethod
    def _start() -> subprocess.Popen[bytes]:
        package_root = str(Path(facilkit.__file__).resolve().parent.parent)
        paths = [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        return subprocess.Popen(
            [sys.executable, "-m", "facilkit.library.parsing"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
