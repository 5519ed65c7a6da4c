"""netlify.toml: Netlify can build and publish the site from the repository alone."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


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
