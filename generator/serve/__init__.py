"""``explainer serve``: build, serve from memory on 127.0.0.1, and on every saved change rebuild
only what it affects and reload the browser (livereload's server, protocol and client)."""

from __future__ import annotations

import errno
import logging
import signal
import socket
import sys
import threading
import time
from types import FrameType

from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from generator.errors import ContentError, Problem, ServeError, UsageError
from generator.incremental import SiteState, update
from generator.output import update_site, write_site
from generator.project import Project
from generator.serve.app import LiveSite, Showing
from generator.serve.errorpage import error_page, error_text
from generator.serve.watch import ProjectWatcher
from generator.textfile import ParsedFiles


class EditingSession:
    """The server's state between saves: the last good build, and the changes not yet built
    into it (kept while the content is broken, so fixing it rebuilds everything it touched)."""

    def __init__(self, project: Project, site: LiveSite) -> None:
        self.project = project
        self.site = site
        self.parsed = ParsedFiles()
        self.state: SiteState | None = None
        self.pending: set[str] = set()
        self.problems: list[Problem] | None = None
        self.asset_names: dict[str, str] = {}  # every published asset name → its theme file
        self.loop: IOLoop | None = None
        self.lock = threading.Lock()

    def apply(self, changed: set[str]) -> None:
        """Rebuild after ``changed`` (project-relative paths); never raises on a content error."""
        with self.lock:
            started = time.perf_counter()
            pending = self.pending | changed
            try:
                state = update(self.project, self.parsed, self.state, pending)
            except ContentError as exc:
                self.pending = pending
                self._show_problems(exc.problems)
                return
            self.pending = set()
            self._publish(state, pending, started)

    def _show_problems(self, problems: list[Problem]) -> None:
        if problems == self.problems:
            return
        self.problems = problems
        root = self.project.root
        previous = self.site.showing
        self.site.showing = Showing(previous.files, error_page(root, problems), previous.moved)
        print(error_text(root, problems), file=sys.stderr, flush=True)
        print("explainer: the browser shows these problems until the files are fixed",
              file=sys.stderr, flush=True)
        self.reload_browsers("*")

    def _publish(self, state: SiteState, changed: set[str], started: float) -> None:
        previous, was_broken = self.state, self.problems is not None
        self.state, self.problems = state, None
        for published, keys in state.graph.outputs.items():
            if published.startswith("static/"):
                self.asset_names[published] = next(iter(keys))
        current = {source: published for published, source in self.asset_names.items()
                   if published in state.files.files}
        moved = {old: current[source] for old, source in self.asset_names.items()
                 if source in current and current[source] != old}
        self.site.showing = Showing(state.files.files, None, moved)
        old_files = previous.files.files if previous else {}
        outputs = sorted(p for p, data in state.files.files.items() if old_files.get(p) != data)
        removed = sorted(set(old_files) - set(state.files.files))
        if was_broken or outputs or removed:
            stylesheets_only = bool(changed) and all(
                p.endswith(".css") and "/static/" in p for p in changed)
            self.reload_browsers(sorted(changed)[0] if stylesheets_only and not was_broken else "*")
        served = time.perf_counter()
        if previous is None:
            write_site(self.project.site, state.files)
        else:
            update_site(self.project.site, previous.files, state.files)
        if was_broken:
            print("explainer: fixed; the site is back", file=sys.stderr, flush=True)
        if outputs or removed or previous is None:
            shown = ", ".join(sorted(changed)[:3]) + (" …" if len(changed) > 3 else "")
            print(f"rebuilt {len(outputs)} and removed {len(removed)} of {len(state.files.files)} "
                  f"files in {(served - started) * 1000:.0f} ms"
                  + (f" ({shown})" if shown and previous else ""), flush=True)

    def reload_browsers(self, path: str) -> None:
        """Tell every connected page to reload (a stylesheet path: only restyle the page)."""
        if self.loop is not None:
            self.loop.add_callback(LiveReloadHandler.reload_waiters, path)


class SessionWatcher(ProjectWatcher):
    """The project watcher, also noting the server's event loop for browser reloads."""

    def __init__(self, session: EditingSession) -> None:
        super().__init__(session.project.root, session.apply)
        self.session = session

    def start(self, callback: object) -> bool:
        self.session.loop = IOLoop.current()
        return super().start(callback)  # type: ignore[arg-type]


def check_port(host: str, port: int) -> None:
    """Fail early, with a suggestion, when the address cannot be served."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UsageError(f"cannot serve on host '{host}': no such address") from None
    family, _, _, _, address = infos[0]
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
    except OSError as exc:
        raise _bind_error(exc, port) from None
    finally:
        probe.close()


def _bind_error(exc: OSError, port: int) -> ServeError:
    if exc.errno == errno.EADDRINUSE:
        return ServeError(f"port {port} is in use; try --port {port + 1}")
    return ServeError(f"cannot listen on port {port}: {exc.strerror}")


def _not_error_page(record: logging.LogRecord) -> bool:
    """The error page's 500 is already explained in the terminal."""
    return not (isinstance(record.args, tuple) and record.args[:1] == (500,))


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(project: Project, host: str, port: int, open_browser: bool) -> int:
    """Run until Ctrl-C; returns the exit code."""
    check_port(host, port)
    site = LiveSite()
    session = EditingSession(project, site)
    watcher = SessionWatcher(session)
    server = Server(app=site, watcher=watcher)
    for watched in (project.content, project.themes, project.config):
        server.watch(str(watched))
    access = logging.getLogger("tornado.access")
    access.setLevel(logging.WARNING)  # 404s stay visible: they are broken links
    access.addFilter(_not_error_page)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    watcher.take_baseline()
    session.apply(set())
    print(f"serving {project.show(project.site)}/ on http://{host}:{port}/ (Ctrl-C stops)",
          flush=True)
    try:
        server.serve(port=port, host=host, debug=False, live_css=True,
                     open_url_delay=0.5 if open_browser else None)
    except OSError as exc:
        raise _bind_error(exc, port) from None
    finally:
        watcher.stop()
    return 0
