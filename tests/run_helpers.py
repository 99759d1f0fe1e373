"""Small plans and runs for the run-mode tests, with a clock that moves only when told, and
the real program in a pseudo-terminal (``Terminal``) for the tests that need two processes."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import threading
import time

from facilkit.run.items import Contract, RunItem
from facilkit.run.machine import Run, new_run

T0 = 1_764_000_000.0
"""A fixed moment to start from (no test reads the real clock)."""
MIN = 60.0
"""Seconds in a minute: clocks count seconds, plans count minutes."""


def items(*minutes: int, pinned: dict[int, int] | None = None) -> list[RunItem]:
    """Items of the given minutes; ``pinned`` maps an index to minutes after the start."""
    pinned = pinned or {}
    return [
        RunItem(title=f"Item {i + 1}", minutes=m, pinned=pinned.get(i), min_minutes=max(m // 2, 1))
        for i, m in enumerate(minutes)
    ]


def make_run(*minutes: int, end: int | None = None, auto: bool = False, **kw: object) -> Run:
    contract = Contract(
        title="Test meeting",
        language="en",
        intention="Learn together",
        desired_outcomes=["One new idea each", "A date for the next meeting"],
        rules=["Practice, not cases"],
        end=end,
    )
    pinned = kw.get("pinned")
    return Run(new_run(items(*minutes, pinned=pinned), contract, T0, auto=auto))  # type: ignore[arg-type]


DEADLINE_SECONDS = 60.0
_CONTROL = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Terminal:
    """A program in a pseudo-terminal; everything it writes is kept, to be searched."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        import fcntl  # POSIX only: imported here so that Windows can still import T0 and make_run
        import termios

        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.master = master
        self.output = bytearray()
        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "facilkit", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.output.extend(chunk)

    def text_since(self, mark: int) -> str:
        with self.lock:
            raw = bytes(self.output[mark:])
        return _CONTROL.sub(b"", raw).decode("utf-8", "replace")

    def mark(self) -> int:
        with self.lock:
            return len(self.output)

    def wait_for(self, words: str, since: int = 0) -> None:
        end = time.monotonic() + DEADLINE_SECONDS
        while words not in self.text_since(since):
            if self.process.poll() is not None:
                raise AssertionError(f"the program ended before showing {words!r}")
            if time.monotonic() > end:
                tail = self.text_since(since)[-400:]
                raise AssertionError(f"timed out waiting for {words!r}; last output: {tail!r}")
            time.sleep(0.05)

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)
