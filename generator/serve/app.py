"""The served site: the last good build, held in memory and swapped in one step, so a browser
never sees half a rebuild; while the content is broken, the error page for every address."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass(frozen=True)
class Showing:
    """One consistent view of the site."""

    files: dict[str, bytes] = field(default_factory=dict)
    error: bytes | None = None
    moved: dict[str, str] = field(default_factory=dict)  # superseded asset name → current name


def content_type(path: str) -> str:
    if path.endswith(".html"):
        return "text/html; charset=utf-8"
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") or "xml" in guessed else "")


class LiveSite:
    """A WSGI application serving ``showing``; assigning a new ``Showing`` swaps the site."""

    def __init__(self) -> None:
        self.showing = Showing()

    def respond(self, url_path: str) -> tuple[str, list[tuple[str, str]], bytes]:
        showing = self.showing  # one read: the whole response comes from one build
        headers = [("Cache-Control", "no-store")]
        if showing.error is not None:
            return "500 Internal Server Error", [*headers, ("Content-Type", content_type(".html"))], \
                showing.error
        rel = url_path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if rel in showing.files:
            if rel.startswith("static/"):  # content-hashed names: a reload need not ask again
                headers = [("Cache-Control", "max-age=31536000, immutable")]
            return "200 OK", [*headers, ("Content-Type", content_type(rel))], showing.files[rel]
        if f"{rel}/index.html" in showing.files:
            return "301 Moved Permanently", [*headers, ("Location", f"/{rel}/")], b""
        if rel in showing.moved:  # a stylesheet reloaded in place by its old hashed name
            return "302 Found", [*headers, ("Location", "/" + showing.moved[rel])], b""
        return "404 Not Found", [*headers, ("Content-Type", content_type(".html"))], \
            showing.files.get("404.html", b"<!doctype html><title>Not found</title>")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        raw = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        status, headers, body = self.respond(raw)
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]
