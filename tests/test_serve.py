"""``explainer serve`` over HTTP (no browser): rebuild on save, error page and recovery, raw
articles ingested on arrival, clean stop, port in use."""

from __future__ import annotations

import shutil
import signal
import socket
import time
from pathlib import Path

from generator.facts import load_facts
from generator.project import Project
from generator.sources import load_sources
from tests.conftest import SEEDS, RunCli
from tests.serving import edit, free_port, running_server, wait_for


def source_page(project: Path) -> tuple[Path, str]:
    source = sorted((project / "content/sources").glob("*.md"))[0]
    return source, f"sources/{source.stem}/"


def test_save_rebuilds_and_the_site_on_disk_follows(seed_project: Path) -> None:
    with running_server(seed_project) as server:
        source, url = source_page(seed_project)
        status, page = server.get(url)
        assert status == 200 and "Aurus" in page
        assert "livereload.js" in page  # injected by serve only
        assert "livereload" not in (seed_project / "site" / url / "index.html").read_text(encoding="utf-8")
        edit(source, "title: ", "title: EDITED-1 ")
        assert wait_for(lambda: "EDITED-1" in server.get(url)[1], 5)
        assert wait_for(lambda: "EDITED-1" in (seed_project / "site" / url / "index.html")
                        .read_text(encoding="utf-8"), 5)
        assert server.get("sources/no-such-page/")[0] == 404
        assert server.get(url.rstrip("/"))[0] == 200  # redirected to the folder's page


def test_content_error_shows_error_page_and_fixing_brings_the_site_back(seed_project: Path) -> None:
    with running_server(seed_project) as server:
        source, url = source_page(seed_project)
        edit(source, "title: ", "title: [unclosed <b>")
        assert wait_for(lambda: server.get(url)[0] == 500, 5)
        status, page = server.get("")  # every address shows the problem
        assert status == 500
        shown = f"content/sources/{source.name}:4:"
        assert shown in page and "invalid YAML" in page
        assert "[unclosed &lt;b&gt;" in page and "<b>" not in page  # the offending line, escaped
        edit(source, "title: [unclosed <b>", "title: ")
        assert wait_for(lambda: server.get(url)[0] == 200, 5)
        assert server.process.poll() is None
    _, err = server.process.communicate()
    assert shown in err and "title: [unclosed <b>" in err and "Traceback" not in err


def test_a_new_raw_article_is_ingested_and_served(project: Path) -> None:
    with running_server(project) as server:
        seed = sorted(SEEDS.glob("*.txt"))[0]
        partial = project / "content/sources/raw" / seed.name
        shutil.copy(seed, partial)
        assert wait_for(lambda: len(list((project / "content/sources").glob("*.md"))) == 1, 10)
        source = next((project / "content/sources").glob("*.md"))
        assert wait_for(lambda: server.get(f"sources/{source.stem}/")[0] == 200, 5)
        # Listings of every article follow once extraction has run (see Serve in the README).
        assert wait_for(lambda: source.stem in server.get("sources/")[1], 10)


def test_interrupt_stops_cleanly(seed_project: Path) -> None:
    with running_server(seed_project) as server:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(timeout=10)
        assert server.process.returncode in (0, 130)
    _, err = server.process.communicate()
    assert "Traceback" not in err


def test_port_in_use_is_a_clear_error(seed_project: Path, run_cli: RunCli) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = run_cli("-C", seed_project, "serve", "--port", str(port))
    assert result.returncode == 1
    assert f"explainer: port {port} is in use; try --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (seed_project / "site").exists()  # nothing built for nothing


def test_listens_on_127_0_0_1_only(seed_project: Path) -> None:
    with running_server(seed_project) as server, socket.socket() as other:
        other.settimeout(2)
        # another loopback address of this machine: served only with --host 0.0.0.0
        assert other.connect_ex(("127.0.0.2", server.port)) != 0


def extracted_quote(project: Path) -> tuple[Path, str, str]:
    """A source file, a quote extraction took from it (once in the file) and its fact's id."""
    sources = {s.id: s for s in load_sources(Project(project))}
    for fact in load_facts(Project(project)):
        if fact.by_extract and not fact.reviewed and fact.category != "discrepancies":
            for quote in fact.sources:
                text = sources[quote.source].path.read_text(encoding="utf-8")
                if text.count(quote.quote) == 1 and len(quote.quote) > 40:
                    return sources[quote.source].path, quote.quote, fact.id
    raise AssertionError("no extracted quote found")


def test_an_extracted_quote_taken_out_of_its_article_never_shows_an_error(
        seed_project: Path) -> None:
    """The article's page is shown at once without the quote, and re-extraction then drops it:
    at no moment is the site an error page."""
    with running_server(seed_project) as server:
        path, quote, _ = extracted_quote(seed_project)
        url = f"sources/{path.stem}/"
        statuses: list[int] = []
        edit(path, quote, "Officials gave no further details.")

        def extracted_again() -> bool:
            statuses.append(server.get(url)[0])
            quotes = {(q.source, q.quote) for f in load_facts(Project(seed_project))
                      for q in f.sources}
            return (path.stem, quote) not in quotes

        assert wait_for(extracted_again, 30)
        time.sleep(0.5)
        statuses += [server.get(page)[0] for page in (url, "", "facts/", "sources/")]
        assert statuses and set(statuses) == {200}


def test_a_reviewed_quote_taken_out_of_its_article_is_an_error_at_once(seed_project: Path) -> None:
    with running_server(seed_project) as server:
        path, quote, fact_id = extracted_quote(seed_project)
        facts = next(p for p in (seed_project / "content/facts").glob("*.yaml")
                     if f"id: {fact_id}\n" in p.read_text(encoding="utf-8"))
        text = facts.read_text(encoding="utf-8")
        at = text.index(f"id: {fact_id}\n")
        reviewed = text[:at] + text[at:].replace("status: extracted", "status: reviewed", 1)
        edit(facts, text, reviewed)
        assert wait_for(lambda: server.get("facts/")[0] == 200, 10)
        edit(path, quote, "Officials gave no further details.")
        assert wait_for(lambda: "quote not found in source" in server.get(f"sources/{path.stem}/")[1],
                        10)
        time.sleep(3)  # extraction has run again meanwhile: a reviewed fact is kept as it is
        status, page = server.get("")
        assert status == 500 and "quote not found in source" in page and path.stem in page
