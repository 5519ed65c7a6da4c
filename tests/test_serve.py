"""``explainer serve`` over HTTP (no browser): rebuild on save, error page and recovery, raw
articles ingested on arrival, clean stop, port in use."""

from __future__ import annotations

import shutil
import signal
import socket
from pathlib import Path

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
        assert source.stem in server.get("sources/")[1]


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
