"""netlify.toml: Netlify can build and publish the site from the repository alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

from tests.conftest import REPO, RunCli
from tests.tools import NODE_MODULES, free_port, require


def test_netlify_builds_with_explainer_and_publishes_site() -> None:
    config = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["publish"] == "site"
    command = config["build"]["command"]
    assert "python -m pip install" in command and "generator build" in command
    assert config["build"]["environment"]["PYTHON_VERSION"].startswith("3.11")


def test_security_headers_need_no_inline_code() -> None:
    config = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))
    everything = next(h["values"] for h in config["headers"] if h["for"] == "/*")
    csp = everything["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp  # no third-party origins
    static = next(h["values"] for h in config["headers"] if h["for"] == "/static/*")
    assert "immutable" in static["Cache-Control"]


def _netlify() -> Path:
    return require(NODE_MODULES / ".bin" / "netlify", "netlify-cli")


def _clean_checkout(tmp_path: Path) -> Path:
    """The repository's tracked files only, as Netlify's build image would clone them."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO, capture_output=True, check=True)
    root = tmp_path / "clone"
    for rel in files.stdout.decode().split("\0"):
        if rel and (REPO / rel).is_file():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, root / rel)
    return root


NETLIFY_ENV = {**os.environ, "NETLIFY_TELEMETRY_DISABLED": "1", "CI": "true"}


def test_netlify_build_offline_publishes_site(tmp_path: Path) -> None:
    netlify = _netlify()
    root = _clean_checkout(tmp_path)
    # A throwaway interpreter for the build command's `pip install .`, as Netlify's image has;
    # installing into the test run's own environment would replace the code under test.
    venv = tmp_path / "netlify-python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**NETLIFY_ENV, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    result = subprocess.run([str(netlify), "build", "--offline"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Netlify Build Complete" in result.stdout
    assert (root / "site" / "index.html").is_file() and (root / "site" / "404.html").is_file()


def test_netlify_dev_sends_headers_and_404(tmp_path: Path, seed_project: Path, run_cli: RunCli) -> None:
    netlify = _netlify()
    assert run_cli("-C", seed_project, "build").returncode == 0
    shutil.copy(REPO / "netlify.toml", seed_project / "netlify.toml")
    port = free_port()
    server = subprocess.Popen(
        [str(netlify), "dev", "--offline", "--internal-disable-edge-functions", "--dir", "site",
         "--port", str(port)],
        cwd=seed_project, env=NETLIFY_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        home = _get(f"http://127.0.0.1:{port}/", deadline=time.monotonic() + 90)
        assert home.status == 200
        csp = home.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert home.headers["X-Content-Type-Options"] == "nosniff"
        assert "max-age=" in home.headers["Strict-Transport-Security"]
        assert home.headers["Referrer-Policy"] and home.headers["Permissions-Policy"]
        missing = _get(f"http://127.0.0.1:{port}/no/such/page/", deadline=time.monotonic() + 10)
        assert missing.status == 404 and b"Page not found" in missing.body
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


class _Response:
    def __init__(self, status: int, headers: Message, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body


def _get(url: str, deadline: float) -> _Response:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return _Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return _Response(error.code, error.headers, error.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
