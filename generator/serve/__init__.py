"""``explainer serve``: build, serve from memory on 127.0.0.1, and on every saved change rebuild
only what it affects and reload the browser (livereload's server, protocol and client)."""

from __future__ import annotations

import errno
import gc
import logging
import multiprocessing
import multiprocessing.pool
import os
import re
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from generator.analysis.discrepancies import DISCREPANCIES
from generator.build import prepare
from generator.errors import ContentError, Problem, ServeError, UsageError
from generator.facts import EXTRACTED_CATEGORIES, load_facts_files, sources_digest
from generator.incremental import SiteState, rebuild, update
from generator.output import update_site, write_site
from generator.project import Project
from generator.render.site import RenderStopped
from generator.serve.app import LiveSite, Showing
from generator.serve.errorpage import error_page, error_text
from generator.serve.watch import ProjectWatcher
from generator.sources import Source, load_sources
from generator.textfile import ParsedFiles

# After browsers were told to reload, the stages' render waits this long, so that it does not
# hold the interpreter lock while the server answers their requests for the new page.
RELOAD_GRACE_SECONDS = 0.5
_DIGEST_LINE = re.compile(r"^# sources sha256:[0-9a-f]{64}$", re.MULTILINE)
_STAGES_PARSED = ParsedFiles()  # the stage worker's, kept between runs


def _stage_worker() -> None:
    """The stage worker ignores Ctrl-C (the server stops it), ends when the server is gone
    (killed, it cannot say so), and runs at a lower priority than the server, whose renders of
    the next save must not wait for the seconds of extraction."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(10)
    server = os.getppid()

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _content_stages(root: str) -> tuple[list[str], list[Problem], str | None]:
    """In the stage worker: ``prepare`` (ingest, extraction, analysis) as ``build`` runs it.
    Returns the files written (project-relative), the problems that stopped it, and the digest
    of the sources the facts files now say they were made from (None when extraction and
    analysis read different versions: a save came in between, and another run is needed)."""
    project = Project(Path(root))
    try:
        written = prepare(project, _STAGES_PARSED)
        files = load_facts_files(project)
    except ContentError as exc:
        return [], exc.problems, None
    digests = {files[name].sources_digest if name in files else None
               for name in (*EXTRACTED_CATEGORIES, DISCREPANCIES.name)}
    return [project.show(path) for path in written], [], digests.pop() if len(digests) == 1 else None


class EditingSession:
    """The server's state between saves: the last good build, and the changes not yet built
    into it (kept while the content is broken, so fixing it rebuilds everything it touched).

    A saved article is shown in two phases. First the pages are rendered from the new text and
    the facts files as they are (extraction's quotes no longer in the article left out,
    :func:`~generator.build.provisional_facts`), and browsers reload. Then, on the session's own
    thread, the content stages run as ``build`` runs them (ingest, extraction, analysis), what
    they wrote is rendered like any other change, and browsers reload again: only now is a
    quote that extraction did not write, and that is missing from its article, an error page
    (it was one from the first phase on when an editor wrote or reviewed it)."""

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
        # The sources the content stages last brought the facts up to date with (their digest),
        # raw files saved since, and the thread that runs the stages.
        self.prepared: str | None = None
        self.rendered: dict[str, tuple[int, int, int] | None] = {}  # written by the stages
        self.digested: tuple[tuple[Source, ...], str] = ((), "")
        self.deferred: set[str] = set()  # changes whose listings wait for the stages
        self.bodies: dict[str, str] = {}  # files the stages wrote, without the sources digest
        self.raw_saved = False
        self.stages_wanted = threading.Event()
        self.save_waiting = threading.Event()  # a save waits for the session: stop the stages' render
        self.reloaded_at = 0.0  # time.monotonic() of the last reload sent
        self.stopping = False
        self.stages = threading.Thread(target=self._run_stages, name="content stages", daemon=True)
        self.worker: multiprocessing.pool.Pool | None = None

    def apply(self, changed: set[str]) -> None:
        """Rebuild after ``changed`` (project-relative paths); never raises on a content error."""
        self.save_waiting.set()
        with self.lock:
            self.save_waiting.clear()
            started = time.perf_counter()
            # The watcher also reports the files the stages wrote, rendered already.
            changed = {path for path in changed
                       if self.rendered.pop(path, None) != self._signature(path)}
            if not changed and self.state is not None:
                return
            pending = self.pending | changed
            raw = self.project.show(self.project.raw) + "/"
            self.raw_saved |= any(path.startswith(raw) for path in changed)
            try:
                if self.state is None:  # the first build: every stage, then everything rendered
                    state = update(self.project, self.parsed, None, pending)
                    self.prepared = sources_digest(load_sources(self.project, self.parsed))
                else:
                    provisional = self._stages_due()
                    state = rebuild(self.project, self.parsed, self.state,
                                    pending | self.deferred, provisional)
                    # Pages listing every article wait for the stages (rendered with their
                    # output): see rebuild.
                    self.deferred = (self.deferred | pending) if provisional else set()
            except ContentError as exc:
                self.pending = pending
                self._show_problems(exc.problems)
                due = self.state is not None and (self.raw_saved or self.prepared is None)
            else:
                self.pending = set()
                self._publish(state, pending, started)
                due = self._stages_due()
        if due:
            self.stages_wanted.set()

    def _content_changed(self, written: list[str]) -> set[str]:
        """The files among ``written`` whose content changed: a facts file whose only change
        is the digest of the sources in its header (rewritten whenever an article changes)
        changes no page."""
        changed = set()
        for path in written:
            try:
                text = (self.project.root / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                changed.add(path)
                continue
            body = _DIGEST_LINE.sub("", text, count=1)
            if self.bodies.get(path) != body:
                changed.add(path)
            self.bodies[path] = body
        return changed

    def _signature(self, path: str) -> tuple[int, int, int] | None:
        try:
            stat = (self.project.root / path).stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _stages_due(self) -> bool:
        """Whether ingest, extraction or analysis have work the facts files do not show yet."""
        if self.raw_saved:
            return True
        try:
            sources = tuple(load_sources(self.project, self.parsed))
        except ContentError:
            return False  # saved broken since the render: the watcher reports it next
        if sources != self.digested[0]:  # the same parsed objects: compared by identity, fast
            self.digested = (sources, sources_digest(sources))
        return self.prepared != self.digested[1]

    def start_stages(self) -> None:
        # A process of its own, started afresh (this process has threads: never fork it).
        self.worker = multiprocessing.get_context("spawn").Pool(1, initializer=_stage_worker)
        self.stages.start()

    def stop_stages(self) -> None:
        self.stopping = True
        self.stages_wanted.set()
        if self.worker is not None:
            self.worker.terminate()

    def _run_stages(self) -> None:
        """The second phase, whenever the first finds the facts behind the sources. The stages
        run in a worker process (seconds on a large site, and they would hold the interpreter
        lock the first phase needs), while saves are shown; what they wrote is then rendered."""
        while True:
            self.stages_wanted.wait()
            self.stages_wanted.clear()
            if self.stopping:
                return
            started = time.perf_counter()
            with self.lock:
                self.raw_saved = False  # a raw file saved from now on needs another run
            try:
                written, problems, done = self._worker().apply(
                    _content_stages, (str(self.project.root),))
            except (OSError, ValueError, multiprocessing.ProcessError):
                return  # the worker was stopped: the server is stopping
            while (wait := self.reloaded_at + RELOAD_GRACE_SECONDS - time.monotonic()) > 0:
                time.sleep(wait)
            with self.lock:
                if problems:
                    self._show_problems(problems)
                    continue
                self.prepared = done
                changed = self.pending | self.deferred | self._content_changed(written)
                provisional = self._stages_due()
                try:
                    state = rebuild(self.project, self.parsed, self.state, changed, provisional,
                                    stop=self.save_waiting.is_set)
                except RenderStopped:  # a save came: it is shown first, and the stages run again
                    self.pending |= changed
                    continue
                except ContentError as exc:
                    self.pending = changed
                    self._show_problems(exc.problems)
                    continue
                self.pending = set()
                self.deferred = changed if provisional else set()
                self._publish(state, changed, started)
                self.rendered = {path: self._signature(path) for path in written}
                if self._stages_due():
                    self.stages_wanted.set()

    def _worker(self) -> multiprocessing.pool.Pool:
        if self.worker is None:
            raise ValueError("the stage worker is not running")
        return self.worker

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
        # The views, parsed files and pages kept between saves are long-lived: leave them out
        # of the collector's full passes (each took 0.1-0.3 s on a 1,000-article site, in the
        # middle of the next save's rebuild).
        gc.collect(1)
        gc.freeze()
        if was_broken:
            print("explainer: fixed; the site is back", file=sys.stderr, flush=True)
        if outputs or removed or previous is None:
            shown = ", ".join(sorted(changed)[:3]) + (" …" if len(changed) > 3 else "")
            print(f"rebuilt {len(outputs)} and removed {len(removed)} of {len(state.files.files)} "
                  f"files in {(served - started) * 1000:.0f} ms"
                  + (f" ({shown})" if shown and previous else ""), flush=True)

    def reload_browsers(self, path: str) -> None:
        """Tell every connected page to reload (a stylesheet path: only restyle the page)."""
        self.reloaded_at = time.monotonic()
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
    session.start_stages()
    print(f"serving {project.show(project.site)}/ on http://{host}:{port}/ (Ctrl-C stops)",
          flush=True)
    try:
        server.serve(port=port, host=host, debug=False, live_css=True,
                     open_url_delay=0.5 if open_browser else None)
    except OSError as exc:
        raise _bind_error(exc, port) from None
    finally:
        watcher.stop()
        session.stop_stages()
    return 0
