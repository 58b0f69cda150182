"""The app ends at once on a signal, ctrl+c or `q`, with the terminal restored.

The app runs in a real pseudo-terminal, on a base large enough that loading takes
seconds (or a seed line that keeps the mention worker busy), so that every exit here
happens while a worker thread is still at work.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent / "bad"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"


@pytest.fixture(scope="module")
def slow_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("slow")
    shutil.copytree(BAD / "seeds", folder / "seeds")
    head, statement = (BAD / "valid.yaml").read_text(encoding="utf-8").split("statements:\n")
    body = "".join(statement.replace('id: "s1"', f'id: "s{i}"') for i in range(40_000))
    path = folder / "large.yaml"
    path.write_text(head + "statements:\n" + body, encoding="utf-8")
    return path


class AppInPty:
    def __init__(self, data: Path) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = {**os.environ, "FACTBROWSER_NO_CACHE": "1", "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factbrowser", "--data", str(data), "--no-cache"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_for(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    return

    def wait_for(self, needle: bytes, seconds: float = 30) -> None:
        end = time.monotonic() + seconds
        while needle not in self.output and time.monotonic() < end:
            self.read_for(0.1)
        assert needle in self.output, self.output[-500:]

    def _wait_reading(self, timeout: float) -> int:
        """Wait for the exit while reading the terminal, as a terminal does: a pty nobody
        reads fills up and blocks the child's writes, which is not what is tested here."""
        end = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > end:
                raise subprocess.TimeoutExpired(self.process.args, timeout)
            self.read_for(0.05)
        return self.process.returncode

    def end(self, timeout: float = 20) -> tuple[int, bytes]:
        """The exit code and what was written after `mark`; kills after `timeout`."""
        try:
            code = self._wait_reading(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail("the process did not end after the UI closed")
        self.read_for(0.3)
        os.close(self.master)
        return code, self.output


@pytest.mark.parametrize(
    ("how", "expected"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130), ("ctrl+c", 130), ("ctrl+q", 0)]
)
def test_a_signal_or_ctrl_c_while_loading_restores_the_terminal_and_exits_at_once(
    slow_base: Path, how: str, expected: int
) -> None:
    app = AppInPty(slow_base)
    app.wait_for(b"Loading")
    mark = len(app.output)
    if how.startswith("ctrl+"):
        os.write(app.master, {"ctrl+c": b"\x03", "ctrl+q": b"\x11"}[how])
    else:
        app.process.send_signal(getattr(signal, how))
    code, output = app.end()
    assert code == expected, output[-300:]
    after = output[mark:]
    if how != "SIGHUP":  # after a hang-up nobody reads the terminal: only the exit code matters
        assert LEAVE_ALT_SCREEN in after and SHOW_CURSOR in after and MOUSE_OFF in after, after[-300:]
        assert b"Traceback" not in output
