"""A real ``explainer serve`` in a subprocess on a free port, stopped when the test ends."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.tools import free_port


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class RunningServer:
    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.url = f"http://127.0.0.1:{port}/"
        self.port = port

    def get(self, path: str = "") -> tuple[int, str]:
        return fetch(self.url + path.lstrip("/"))


@contextmanager
def running_server(root: Path, *extra: str) -> Iterator[RunningServer]:
    """Start the server and wait until it answers; kill it afterwards whatever happened."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(root), "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server = RunningServer(process, port)

    def answering() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"serve exited {process.returncode}: {process.communicate()}")
        try:
            return server.get()[0] in (200, 500)
        except OSError:
            return False

    try:
        assert wait_for(answering, 60), "serve did not answer"
        yield server
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def edit(path: Path, old: str, new: str) -> None:
    """Save a changed file the way editors do: write a temporary file, then rename it over."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    temporary.replace(path)
