"""Two real programs: the facilitator's ``facilkit run`` and ``facilkit run --room`` in a
second pseudo-terminal. Keys go to the first; the second's screen output is read (with
the terminal's control sequences taken out) until it shows what the first did."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from facilkit.plans.storage import plan_from_template, save_plan
from facilkit.run.log import load_run, run_paths

DEADLINE_SECONDS = 60.0
_CONTROL = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Terminal:
    """A program in a pseudo-terminal; everything it writes is kept, to be searched."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
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


def _until(condition: object, what: str) -> None:
    end = time.monotonic() + DEADLINE_SECONDS
    while not condition():  # type: ignore[operator]
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _current(path: Path) -> int:
    paths = run_paths(path)
    try:
        return load_run(paths[-1]).current if paths else -2
    except Exception:  # between two writes (rare: the writer is atomic)
        return -2


@pytest.mark.skipif(sys.platform == "win32", reason="needs pseudo-terminals")
def test_the_room_view_in_a_second_terminal_follows_the_facilitator(tmp_path: Path) -> None:
    home = tmp_path / "home"
    plan = plan_from_template("learning-group", "Two screens")
    plan.language = "en"
    path = home / "plans" / "two-screens.yaml"
    save_plan(plan, path)
    env = {**os.environ, "FACILKIT_HOME": str(home), "TERM": "xterm-256color"}
    room = Terminal(["run", str(path), "--room"], env, (100, 30))
    facilitator: Terminal | None = None
    try:
        room.wait_for("No run of two-screens is going")
        start = datetime.now().strftime("%H:%M")
        facilitator = Terminal(["run", str(path), "--start", start], env, (80, 24))
        room.wait_for("Velkommen, formål")  # the template's own title (made in Danish)
        mark = room.mark()
        facilitator.press(b"n")
        _until(lambda: _current(path) == 1, "the facilitator's move")
        room.wait_for("Check-in", mark)
        mark = room.mark()
        facilitator.press(b"t")
        room.wait_for("TIMEOUT", mark)
        mark = room.mark()
        facilitator.process.send_signal(signal.SIGKILL)  # the facilitator's program dies
        facilitator.process.wait()  # (a shell reaps it; until then it is a zombie that exists)
        room.wait_for("the run is stopped", mark)
        assert room.process.poll() is None  # the room view lives on, and wrote nothing
        assert len(run_paths(path)) == 1
    finally:
        if facilitator is not None:
            facilitator.close()
        room.close()
