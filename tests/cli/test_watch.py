"""`marsad watch` end to end: a real local news site, the real client, pipeline and store.

The site (tests/ingest/feed_site.py) serves RSS and Atom feeds and article pages written
for these tests, each stating one event. The main test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, store_url  # tests/store, put on the path by conftest.py
from cli_helpers import pending
from click.testing import CliRunner, Result
from feed_site import (
    ATOM_TYPE,
    CLASH,
    PROTEST,
    RSS_TYPE,
    SHELLING,
    STRIKE,
    ZIYARAH,
    Report,
    Site,
    atom,
    rss,
    serve,
)

from marsad.cli.main import cli
from marsad.store import Store

needs_events = pending("geo", "time", "events")


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def _watch(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["watch", *args, "--db", db, "--once", "--delay", "0", "--retries", "0"])


def _events_by_url(db: str) -> dict[str, set[tuple[str, str]]]:
    """Return {article URL: {(sub-event type, governorate)}} of the stored events."""
    found: dict[str, set[tuple[str, str]]] = {}
    with Store(db) as store:
        for stored in store.find_events():
            found.setdefault(stored.url, set()).add((stored.event.sub_event_type, stored.event.location.admin1))
    return found


def _has_its_event(events: dict[str, set[tuple[str, str]]], site: Site, report: Report) -> bool:
    return (report.sub_event_type, report.admin1) in events.get(site.url(report.path), set())


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path)


@needs_events
def test_watch_stores_new_entries_once_and_polls_with_conditional_get(site: Site, db: str) -> None:
    rss_url, atom_url = site.url("/rss.xml"), site.url("/atom.xml")
    site.publish("/rss.xml", rss([STRIKE, CLASH]), RSS_TYPE)
    site.publish("/atom.xml", atom([PROTEST], base=site.base), ATOM_TYPE)
    site.pages(STRIKE, CLASH, PROTEST)

    first = _watch(db, rss_url, atom_url)
    assert first.exit_code == 0, first.output
    assert "round 1 at" in first.stdout and "2 feeds, 3 new entries" in first.stdout, first.stdout
    assert "stored 3," in first.stdout and "0 errors" in first.stdout and first.stderr == ""
    with Store(db) as store:
        total, articles = store.articles(limit=None)
        assert total == 3
        by_url = {a.url: a for a in articles}
        assert by_url[site.url(STRIKE.path)].title == STRIKE.title
        assert str(by_url[site.url(STRIKE.path)].published) == "2024-03-06"
        assert {a.source for a in articles} == {"127.0.0.1"} and {a.language for a in articles} == {"ar"}
        answer = site.routes["/rss.xml"][0]
        assert store.feed_state(rss_url) == (answer.etag, answer.last_modified)
    events = _events_by_url(db)
    assert all(_has_its_event(events, site, r) for r in (STRIKE, CLASH, PROTEST)), events

    second = _watch(db, rss_url, atom_url)  # nothing changed: two 304s, nothing fetched, nothing stored
    assert second.exit_code == 0, second.output
    assert site.seen("/rss.xml")[-1].headers["if-none-match"] == '"/rss.xml-v1"'
    assert site.seen("/atom.xml")[-1].headers["if-none-match"] == '"/atom.xml-v1"'
    assert "2 feeds (2 not modified), 0 new entries" in second.stdout and "stored 0," in second.stdout
    assert all(len(site.seen(r.path)) == 1 for r in (STRIKE, CLASH, PROTEST))

    site.publish("/rss.xml", rss([SHELLING, STRIKE, CLASH]), RSS_TYPE, version=2)  # a new entry on top
    site.pages(SHELLING)
    third = _watch(db, rss_url, atom_url)
    assert "(1 not modified), 1 new entry;" in third.stdout and "stored 1," in third.stdout, third.stdout
    fourth = _watch(db, rss_url, atom_url)
    assert "stored 0," in fourth.stdout and len(site.seen(SHELLING.path)) == 1
    assert len(site.seen(STRIKE.path)) == 1  # already stored: never fetched again
    assert _has_its_event(_events_by_url(db), site, SHELLING)
    with Store(db) as store:
        assert store.count_articles() == 4
        runs = store.runs()
        assert [r.status for r in runs] == ["finished"] * 4
        assert [r.counts["stored"] for r in reversed(runs)] == [3, 0, 1, 0]
        assert runs[0].inputs == [rss_url, atom_url]


@needs_events
def test_failing_feeds_are_named_and_the_good_feed_is_still_ingested(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "watch.sqlite")
    good = site.url("/rss.xml")
    site.publish("/rss.xml", rss([STRIKE]), RSS_TYPE)
    site.pages(STRIKE)
    assert _watch(db, good).exit_code == 0
    with Store(db) as store:
        (before,) = store.articles(limit=None)[1]
        kept = store.output(before.sha256)

    site.route("/slow.xml", rss([CLASH]), RSS_TYPE, sleep=3.0)
    site.route("/page.xml", "<!doctype html><html><body><h1>الصفحة الرئيسية</h1></body></html>")
    site.route("/image.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30, "image/png")
    site.route("/broken.xml", "internal error", "text/plain", status=500)
    site.publish("/rss.xml", rss([ZIYARAH, STRIKE]), RSS_TYPE, version=2)  # ZIYARAH's page is not there: 404
    bad = {site.url("/slow.xml"): "timed out after 0.5 s",
           site.url("/page.xml"): "not an RSS or Atom feed (an HTML page)",
           site.url("/image.xml"): "binary", site.url("/broken.xml"): "HTTP 500 Internal Server Error"}
    result = _watch(db, *bad, good, "--timeout", "0.5")

    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("marsad: error: ")]
    assert len(errors) == 4, result.stderr
    for url, reason in bad.items():
        assert any(line.startswith(f"marsad: error: {url}: ") and reason in line for line in errors), (url, errors)
    warning = (f"marsad: warning: {good}: entry {site.url(ZIYARAH.path)}: page failed (HTTP 404 Not Found); "
               f"stored the feed's summary instead")
    assert warning in result.stderr.splitlines(), result.stderr
    assert "5 feeds (4 failed), 1 new entry;" in result.stdout and "stored 1," in result.stdout, result.stdout
    assert "4 errors" in result.stdout

    with Store(db) as store:
        assert store.count_articles() == 2
        assert store.output(before.sha256) == kept  # what was stored before is untouched
        (fallback,) = [a for a in store.articles(limit=None)[1] if a.url == site.url(ZIYARAH.path)]
        assert store.article(fallback.sha256).text == ZIYARAH.summary
        run = store.runs()[0]
        journalled = store.run_items(run.pk, status="error")
        assert sorted(source for source, _, _ in journalled) == sorted(bad)
        (stored,) = store.run_items(run.pk, status="stored")  # the journal says where its text came from
        assert stored[0].startswith(f"{good}: the feed's summary of entry {site.url(ZIYARAH.path)} (page failed "
                                    f"(HTTP 404 Not Found))")
        for url in bad:
            assert store.feed_state(url) == (None, None)
    assert _has_its_event(_events_by_url(db), site, ZIYARAH)


def test_watch_loops_until_ctrl_c_and_prints_a_summary(site: Site, tmp_path: Path) -> None:
    site.publish("/rss.xml", rss([PROTEST]), RSS_TYPE)
    site.pages(PROTEST)
    db = tmp_path / "loop.sqlite"
    command = [sys.executable, "-m", "marsad.cli.main", "watch", site.url("/rss.xml"), "--db", str(db),
               "--interval", "1", "--delay", "0"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "CI": "true"})
    try:
        deadline = time.monotonic() + 120
        while len(site.seen("/rss.xml")) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert len(site.seen("/rss.xml")) >= 3, "the watch did not poll three times"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "round 1 at" in out and "1 new entry" in out and "round 2 at" in out and "(1 not modified)" in out, out
    assert re.search(r"marsad: watch stopped after \d rounds: stored 1 new article with \d+ events?, "
                     r"skipped 0 duplicates, 0 errors", out), out
    assert "Traceback" not in err and "Aborted" not in err
    assert site.seen("/rss.xml")[1].headers["if-none-match"] == '"/rss.xml-v1"'
    with Store(db) as store:
        assert store.count_articles() == 1


def test_feeds_file_and_the_store_from_the_environment(site: Site, tmp_path: Path, fake_extract,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site.publish("/rss.xml", rss([STRIKE]), RSS_TYPE)
    site.publish("/atom.xml", atom([PROTEST], base=site.base), ATOM_TYPE)
    site.pages(STRIKE, PROTEST)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# two outlets\n{site.url('/rss.xml')}\n{site.url('/atom.xml')} 900\n", encoding="utf-8")
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.sqlite"))
    result = CliRunner().invoke(cli, ["watch", "--feeds-file", str(feeds), "--once", "--delay", "0",
                                      "--source", "شبكة محلية"])
    assert result.exit_code == 0, result.output
    assert "2 feeds, 2 new entries" in result.stdout and "stored 2," in result.stdout
    with Store(tmp_path / "env.sqlite") as store:
        assert {a.source for a in store.articles(limit=None)[1]} == {"شبكة محلية"}
    assert len(fake_extract.calls) == 2


def test_usage_errors_and_exit_code_when_no_feed_answers(site: Site, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "s.sqlite")
    nothing = runner.invoke(cli, ["watch", "--db", db, "--once"])
    assert nothing.exit_code == 2 and "give at least one FEED_URL" in nothing.output
    ftp = runner.invoke(cli, ["watch", "ftp://example.org/feed", "--db", db, "--once"])
    assert ftp.exit_code == 2 and "not an http(s) URL" in ftp.output
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/rss.xml every-hour\n", encoding="utf-8")
    bad_file = runner.invoke(cli, ["watch", "--feeds-file", str(feeds), "--db", db, "--once"])
    assert bad_file.exit_code == 2 and f"{feeds}:1:" in bad_file.output and "interval" in bad_file.output
    site.route("/broken.xml", "internal error", "text/plain", status=500)
    failed = _watch(db, site.url("/broken.xml"))
    assert failed.exit_code == 1 and f"marsad: error: {site.url('/broken.xml')}: HTTP 500" in failed.stderr
