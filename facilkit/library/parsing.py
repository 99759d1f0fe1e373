"""Parse method files into what the library keeps: the encoded method and its problems.

Runs in the loader's thread and, for a large cold library, in a helper process
beside it (this interpreter again, running :func:`serve`, driven by :class:`Helper`):
YAML parsing holds the GIL, so a second core needs a second process. What
crosses between them is bytes and problems, cheap to send; the encoded method
is what a cache entry holds anyway. The helper is a plain subprocess talking
msgpack frames over its stdin and stdout, not ``multiprocessing``: that one
re-imports the main module in the child and hands it the parent's stderr,
which Textual has replaced while the app runs.

A helper can cost speed, never the load: a frame longer than ``MAX_FRAME`` or
cut short counts as a failure, and a chunk not answered within
``HELPER_DEADLINE`` seconds ends that helper (the loader parses the chunk).
The helper's module path comes as its first frame, not on its command line
(Windows allows 32,767 characters there; a virtual environment with editable
installs can have more).
"""

from __future__ import annotations

import contextlib
import queue
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO, Any, Literal

import msgspec

from facilkit.i18n import Words
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
MAX_FRAME = 256 * 1024 * 1024
"""Longest frame read: a chunk's reply is at most a few MiB (method files are capped at
1 MiB); a longer length is a broken stream, never a reason to allocate gigabytes."""
HELPER_DEADLINE = 20.0
"""Seconds a helper may take over one chunk (about 40 ms of work on a quiet machine)
before it is stopped and the loader parses that chunk itself."""


class WireProblem(msgspec.Struct, array_like=True, frozen=True):
    """A problem as it crosses the pipe: every field typed, checked on arrival."""

    path: str
    line: int
    column: int
    message: str
    severity: Literal["error", "warning", "notice"]
    words: dict[str, Any] | None = None
    """``Words.data()``: the catalogue key and its parameters, so it is said in any language."""

    @classmethod
    def of(cls, problem: Problem) -> WireProblem:
        words = None if problem.words is None else problem.words.data()
        return cls(
            problem.path, problem.line, problem.column, problem.message, problem.severity, words
        )

    def problem(self) -> Problem:
        said = None if self.words is None else Words.from_data(self.words)
        return Problem(
            path=self.path,
            line=self.line,
            column=self.column,
            message=self.message,
            severity=self.severity,
            words=said,
        )


_WireResult = list[tuple[bytes | None, list[WireProblem]]]
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
    """One frame, or None at the end of the stream, a frame cut short or one too long."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    if length > MAX_FRAME:
        return None
    data = stream.read(length)
    return data if len(data) == length else None


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The helper process: parse each chunk of jobs it is sent until its input ends."""
    job_decoder = msgspec.msgpack.Decoder(list[tuple[str, tuple[str, ...]]])
    while (request := _read_frame(requests)) is not None:
        results = [
            (encoded, [WireProblem.of(problem) for problem in problems])
            for encoded, problems in parse_files(job_decoder.decode(request))
        ]
        _write_frame(replies, _encoder.encode(results))


class Helper(threading.Thread):
    """Feeds a helper process chunks from the back of the shared work, one at a time.

    Every chunk it takes comes back on ``results``: parsed, or with None when
    the helper failed (the loader then parses it itself), so nothing is lost
    and the loader never waits for a chunk that will not come. A helper stuck on
    a chunk is stopped by the loader after ``HELPER_DEADLINE``
    (:meth:`stop_if_overdue`); a stopped helper takes no further chunk.
    """

    def __init__(
        self,
        work: deque[Chunk],
        results: queue.Queue[tuple[int, list[Parsed] | None]],
        cancelled: threading.Event,
    ) -> None:
        super().__init__(name="facilkit-parse-helper", daemon=True)
        self.work, self.results, self.cancelled = work, results, cancelled
        self.process: subprocess.Popen[bytes] | None = None
        self.asked: tuple[int, float] | None = None
        """The chunk being parsed and when it was sent (``time.monotonic``); None between chunks."""
        self.stopped = False
        self._lock = threading.Lock()
        """Held while the loader decides to stop the helper, and while this thread sends a
        chunk or takes its answer: a kill can only ever hit the chunk that was overdue."""

    def stop_if_overdue(self, now: float) -> bool:
        """End the helper process if one chunk took longer than ``HELPER_DEADLINE``.

        Its read then ends and the chunk comes back failed (the loader parses
        it). Decided and done under the lock: if the answer arrived meanwhile it
        is kept, and the helper is not sent another chunk to fail.
        """
        with self._lock:
            asked = self.asked
            if asked is None or now - asked[1] <= HELPER_DEADLINE:
                return False
            self.stopped = True
            if self.process is not None:
                with contextlib.suppress(OSError):
                    self.process.kill()
            return True

    def run(self) -> None:
        if getattr(sys, "frozen", False):
            return  # a frozen program's interpreter is the app itself: no helper to start
        try:
            self.process = process = self._start()
        except OSError:
            return  # no helper: the loader parses everything itself
        assert process.stdin is not None and process.stdout is not None
        taken: int | None = None  # a chunk taken and not yet answered for
        try:
            while not self.cancelled.is_set():
                with self._lock:
                    if self.stopped:
                        break
                    try:
                        taken, jobs = self.work.pop()  # the back end; the loader takes the front
                    except IndexError:
                        break
                    self.asked = (taken, time.monotonic())
                parsed = self._ask(process.stdin, process.stdout, jobs)
                with self._lock:
                    self.asked = None
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
                (encoded, [problem.problem() for problem in problems])
                for encoded, problems in _result_decoder.decode(reply)
            ]
        except (OSError, ValueError, msgspec.DecodeError, msgspec.ValidationError):
            return None

    @staticmethod
    def _start() -> subprocess.Popen[bytes]:
        """The same interpreter, isolated (``-I``), finding modules exactly as this process does.

        Its ``sys.path`` is this process's own, in the same order (the standard
        library where it is here), so a source checkout, a virtual environment
        and an installed package all import the same facilkit, and nothing in
        the environment (``PYTHONPATH``, the current folder) puts anything first.
        The path is its first frame on stdin, whatever its length.
        """
        process = subprocess.Popen(
            [sys.executable, "-I", "-c", HELPER_MAIN],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # pythonw: no console
        )
        assert process.stdin is not None
        try:
            _write_frame(process.stdin, module_path_frame(sys.path))
        except OSError:  # it ended at once: no helper
            process.kill()
            process.wait()
            raise
        return process


def module_path_frame(path: list[str]) -> bytes:
    """``sys.path`` as the helper reads it: each entry ended by NUL, which no path holds
    (surrogatepass: any str, even an undecodable file name, comes back as it was)."""
    return "".join(entry + "\0" for entry in path).encode("utf-8", "surrogatepass")


READ_MODULE_PATH = (
    "import sys; read = sys.stdin.buffer.read; "
    "path = read(int.from_bytes(read(4), 'little')).decode('utf-8', 'surrogatepass'); "
    "sys.path[:] = path.split('\\0')[:-1]; "
)
"""The helper's first statements: its ``sys.path`` from the first frame (:func:`module_path_frame`)."""
HELPER_MAIN = (
    READ_MODULE_PATH
    + "from facilkit.library.parsing import serve; serve(sys.stdin.buffer, sys.stdout.buffer)"
)
"""The helper process's program: this process's module path, then :func:`serve`."""
