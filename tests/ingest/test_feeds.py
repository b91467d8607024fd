"""Feeds over real HTTP: RSS and Atom entries become records; conditional GET, politeness, faults.

A local server (feed_site.py) serves the feeds and the article pages; the client is the
real one (httpx), the parser the real one (feedparser), the pages are reduced by the
real HTML reader (trafilatura). No extraction happens here: see tests/cli/test_watch.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_site import (
    ATOM_TYPE,
    CLASH,
    HTML_TYPE,
    PROTEST,
    RSS_TYPE,
    SHELLING,
    STRIKE,
    ZIYARAH,
    Answer,
    Site,
    atom,
    rss,
    serve,
)

from marsad import ArticleRecord, InputError
from marsad.engine import is_arabic
from marsad.ingest import (
    FeedPoll,
    FeedSchedule,
    FeedSpec,
    PoliteClient,
    Politeness,
    read_feed_list,
)
from marsad.ingest._feeds import FAILED, NOT_MODIFIED, READ, html_to_text
from marsad.ingest._http import retry_after_seconds

FAST = Politeness(delay=0, timeout=5, retries=0)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


@pytest.fixture
def client() -> Iterator[PoliteClient]:
    with PoliteClient(FAST) as opened:
        yield opened


def _poll(site: Site, client: PoliteClient, path: str, **options) -> tuple[FeedPoll, list]:
    poll = FeedPoll(site.url(path), client, **options)
    return poll, list(poll.records())


def test_rss_entries_become_records_with_the_page_text_and_the_feed_metadata(site: Site,
                                                                             client: PoliteClient) -> None:
    site.publish("/rss.xml", rss([STRIKE, CLASH]), RSS_TYPE)  # relative links, as some sites write them
    site.pages(STRIKE, CLASH)
    poll, items = _poll(site, client, "/rss.xml")
    assert all(isinstance(i, ArticleRecord) for i in items), items
    strike, clash = items
    assert strike.text.endswith(STRIKE.text) and clash.text.endswith(CLASH.text)  # after the headline
    for noise in ("الرئيسية", "إعلان", "اقرأ أيضاً", "الحقوق"):  # menu, script, related links, footer
        assert noise not in strike.text
    assert strike.url == site.url(STRIKE.path) and strike.title == STRIKE.title
    assert strike.published == dt.date(2024, 3, 6)  # the feed's own day (+03:00), not UTC's 5th
    assert strike.source == "127.0.0.1" and is_arabic(strike) and strike.id != clash.id
    assert poll.status == READ and (poll.entries, poll.new) == (2, 2) and not poll.fallbacks
    assert poll.validators() == ('"/rss.xml-v1"', site.routes["/rss.xml"][0].last_modified)
    assert "marsad/" in site.seen("/rss.xml")[0].headers["user-agent"]
    assert "marsad/" in site.seen(STRIKE.path)[0].headers["user-agent"]


def test_atom_entries_become_records(site: Site, client: PoliteClient) -> None:
    site.publish("/atom.xml", atom([PROTEST, SHELLING], base=site.base), ATOM_TYPE)
    site.pages(PROTEST, SHELLING)
    _, items = _poll(site, client, "/atom.xml", source="شبكة محلية")
    assert [i.text.endswith(r.text) for i, r in zip(items, [PROTEST, SHELLING])] == [True, True]
    assert [i.published for i in items] == [dt.date(2024, 3, 8), dt.date(2024, 3, 7)]
    assert {i.source for i in items} == {"شبكة محلية"}


def test_conditional_get_sends_the_validators_and_a_304_yields_nothing(site: Site, client: PoliteClient) -> None:
    site.publish("/rss.xml", rss([STRIKE]), RSS_TYPE)
    site.pages(STRIKE)
    first, _ = _poll(site, client, "/rss.xml")
    etag, modified = first.validators()
    poll, items = _poll(site, client, "/rss.xml", etag=etag, last_modified=modified)
    request = site.seen("/rss.xml")[-1]
    assert request.headers["if-none-match"] == etag and request.headers["if-modified-since"] == modified
    assert items == [] and poll.status == NOT_MODIFIED and poll.validators() == (None, None)
    # a server that only knows Last-Modified answers If-Modified-Since alone
    site.route("/lm.xml", rss([STRIKE]), RSS_TYPE, last_modified="Wed, 06 Mar 2024 08:00:00 GMT")
    lm_first, _ = _poll(site, client, "/lm.xml")
    lm, items = _poll(site, client, "/lm.xml", last_modified=lm_first.validators()[1])
    assert "if-none-match" not in site.seen("/lm.xml")[-1].headers and lm.status == NOT_MODIFIED


def test_stored_entries_are_skipped_without_fetching_their_page(site: Site, client: PoliteClient) -> None:
    site.publish("/rss.xml", rss([STRIKE, CLASH, STRIKE]), RSS_TYPE)
    site.pages(STRIKE, CLASH)
    poll, items = _poll(site, client, "/rss.xml", is_stored=lambda url: url.endswith(CLASH.path))
    assert len(items) == 1 and items[0].text.endswith(STRIKE.text)  # the repeated entry is read once
    assert site.seen(CLASH.path) == [] and len(site.seen(STRIKE.path)) == 1
    assert (poll.entries, poll.new, poll.known) == (3, 1, 2)


def test_failed_page_falls_back_to_the_feeds_summary_and_says_why(site: Site, client: PoliteClient) -> None:
    site.publish("/rss.xml", rss([ZIYARAH, STRIKE, CLASH]), RSS_TYPE)
    site.route(STRIKE.path, "<html><body><script>var a = 1;</script></body></html>")  # a page without article
    site.route(CLASH.path, b"%PDF-1.4 \x00\x01\x02", "application/pdf")
    warnings: list[str] = []
    poll, items = _poll(site, client, "/rss.xml", warn=warnings.append)  # ZIYARAH's page is not there: 404
    assert [i.text for i in items] == [ZIYARAH.summary, STRIKE.summary, CLASH.summary]
    assert items[0].title == ZIYARAH.title and items[0].published == dt.date(2024, 3, 9)
    assert len(warnings) == 3 and all(w.startswith(site.url("/rss.xml") + ": entry ") for w in warnings)
    assert site.url(ZIYARAH.path) in warnings[0] and "HTTP 404" in warnings[0] and "summary" in warnings[0]
    assert "no main content" in warnings[1] and "application/pdf" in warnings[2]
    assert len(poll.fallbacks) == 3 and "HTTP 404" in poll.summary()


def test_failed_page_without_text_in_the_feed_is_an_error_naming_feed_and_entry(site: Site,
                                                                                client: PoliteClient) -> None:
    feed = rss([ZIYARAH, STRIKE]).replace("<description>", "<x>").replace("</description>", "</x>")
    site.publish("/rss.xml", feed, RSS_TYPE)
    site.pages(STRIKE)
    poll, items = _poll(site, client, "/rss.xml")
    error, record = items
    assert isinstance(error, InputError) and error.path == site.url("/rss.xml")
    assert site.url(ZIYARAH.path) in error.reason and "HTTP 404" in error.reason and "no text" in error.reason
    assert record.text.endswith(STRIKE.text)
    assert poll.validators() == (None, None)  # the next poll reads the feed again and retries that entry


@pytest.mark.parametrize(("body", "content_type", "reason"), [
    ("<!doctype html><html><head><title>الرئيسية</title></head><body><p>مرحبا</p></body></html>", HTML_TYPE,
     "not an RSS or Atom feed (an HTML page)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "image/png", "binary"),
    ("this is { not xml", "text/plain", "not an RSS or Atom feed"),
    ("", RSS_TYPE, "empty answer"),
    ("<?xml version='1.0'?><rss version='2.0'><channel><title>x", RSS_TYPE, "not an RSS or Atom feed"),
])
def test_garbage_is_one_error_naming_the_feed(site: Site, client: PoliteClient, body: str | bytes,
                                              content_type: str, reason: str) -> None:
    site.route("/feed", body, content_type)
    poll, items = _poll(site, client, "/feed")
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert items[0].path == site.url("/feed") and reason in items[0].reason, items[0].reason
    assert poll.status == FAILED and poll.summary().startswith("error: ")


def test_a_truncated_feed_gives_what_it_can_and_says_it_is_malformed(site: Site, client: PoliteClient) -> None:
    site.route("/rss.xml", rss([STRIKE]).removesuffix("</channel></rss>") + "<item><title>مقطوع", RSS_TYPE)
    site.pages(STRIKE)
    warnings: list[str] = []
    _, items = _poll(site, client, "/rss.xml", warn=warnings.append)
    assert isinstance(items[0], ArticleRecord) and items[0].text.endswith(STRIKE.text)
    assert isinstance(items[1], InputError) and "entry 'untitled': the entry has no link" in items[1].reason
    assert len(warnings) == 1 and warnings[0].startswith(f"{site.url('/rss.xml')}: malformed feed (SAXParseException")
    assert "no element found" in warnings[0] and warnings[0].endswith("read its 2 entries anyway")


def test_a_well_formed_feed_without_entries_is_no_error(site: Site, client: PoliteClient) -> None:
    site.publish("/rss.xml", rss([]), RSS_TYPE)
    poll, items = _poll(site, client, "/rss.xml")
    assert items == [] and poll.status == READ


def test_http_errors_and_timeouts_are_one_error_naming_the_feed(site: Site) -> None:
    site.route("/500.xml", "oops", "text/plain", status=500)
    site.route("/410.xml", "gone", "text/plain", status=410)
    site.route("/slow.xml", rss([STRIKE]), RSS_TYPE, sleep=2.0)
    with PoliteClient(Politeness(delay=0, timeout=0.4, retries=1, backoff=0.05)) as client:
        for path, reason in [("/500.xml", "HTTP 500 Internal Server Error (2 tries)"), ("/410.xml", "HTTP 410 Gone"),
                             ("/slow.xml", "timed out after 0.4 s (2 tries)")]:
            _, items = _poll(site, client, path)
            assert [(i.path, i.reason) for i in items] == [(site.url(path), reason)]
    assert len(site.seen("/500.xml")) == 2 and len(site.seen("/410.xml")) == 1  # a 410 is not retried
    with PoliteClient(Politeness(delay=0, timeout=5, retries=0)) as client:
        refused = FeedPoll("http://127.0.0.1:9/rss.xml", client)  # the discard port: nothing listens
        assert "connection failed" in next(refused.records()).reason


def test_retries_back_off_and_then_succeed(site: Site) -> None:
    site.route("/rss.xml", "busy", "text/plain", Answer(b"busy", "text/plain", status=502),
               Answer(rss([]).encode(), RSS_TYPE), status=500)
    with PoliteClient(Politeness(delay=0, timeout=5, retries=2, backoff=0.1)) as client:
        poll, _ = _poll(site, client, "/rss.xml")
    times = [r.at for r in site.seen("/rss.xml")]
    assert poll.status == READ and len(times) == 3
    assert times[1] - times[0] >= 0.09 and times[2] - times[1] >= 0.19  # 0.1 s, then doubled


def test_retry_after_is_honoured_and_a_long_one_reported_not_slept(site: Site) -> None:
    site.route("/rss.xml", "later", "text/plain", Answer(rss([]).encode(), RSS_TYPE), status=503,
               headers={"Retry-After": "1"})
    site.route("/busy.xml", "later", "text/plain", status=429, headers={"Retry-After": "3600"})
    with PoliteClient(Politeness(delay=0, timeout=5, retries=2, backoff=0.01)) as client:
        poll, _ = _poll(site, client, "/rss.xml")
        first, second = (r.at for r in site.seen("/rss.xml"))
        assert poll.status == READ and second - first >= 0.95
        busy, items = _poll(site, client, "/busy.xml")
        assert len(site.seen("/busy.xml")) == 1 and busy.retry_after == 3600
        assert "HTTP 429" in items[0].reason and "retry after 3600 s" in items[0].reason
        # the whole host is held: its other feeds and pages fail at once, unasked, for the hour
        asked = len(site.requests)
        held, items = _poll(site, client, "/rss.xml")
        assert len(site.requests) == asked and 3590 < held.retry_after <= 3600
        assert "asked to wait (Retry-After) for another" in items[0].reason
    moment = dt.datetime(2024, 3, 6, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert retry_after_seconds("Wed, 06 Mar 2024 12:01:30 GMT", now=moment) == 90
    assert retry_after_seconds("120") == 120 and retry_after_seconds("soon") is None


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    site.publish("/rss.xml", rss([STRIKE, CLASH]), RSS_TYPE)
    site.pages(STRIKE, CLASH)
    with PoliteClient(Politeness(delay=0.4, timeout=5, retries=0)) as client:
        _poll(site, client, "/rss.xml")
    times = sorted(r.at for r in site.requests)
    assert len(times) == 3 and all(b - a >= 0.3 for a, b in itertools.pairwise(times)), times


def test_an_oversized_answer_is_not_read(site: Site) -> None:
    site.route("/huge.xml", b"<rss>" + b" " * 300_000, RSS_TYPE)
    with PoliteClient(Politeness(delay=0, timeout=5, retries=0, max_bytes=100_000)) as client:
        _, items = _poll(site, client, "/huge.xml")
    assert "larger than" in items[0].reason


def test_feed_list_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# outlets\nhttps://a.example/rss.xml\n\n  http://b.example/atom.xml 600\n", encoding="utf-8")
    assert read_feed_list(path) == [FeedSpec("https://a.example/rss.xml"), FeedSpec("http://b.example/atom.xml", 600)]
    path.write_text("https://a.example/rss.xml\nftp://b.example/feed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_feed_list(path)
    assert err.value.record == 2 and "not an http(s) URL" in err.value.reason
    path.write_text("https://a.example/rss.xml soon\n", encoding="utf-8")
    with pytest.raises(InputError, match="interval"):
        read_feed_list(path)


def test_schedule_polls_each_feed_at_its_interval() -> None:
    now = [1000.0]
    fast, slow = FeedSpec("http://a/1"), FeedSpec("http://a/2", interval=300)
    schedule = FeedSchedule([fast, slow], interval=60, clock=lambda: now[0])
    assert schedule.due() == [fast, slow]
    schedule.polled(fast, 1000)
    schedule.polled(slow, 1000)
    assert schedule.due() == [] and schedule.wait() == 60
    now[0] = 1060
    assert schedule.due() == [fast]
    schedule.polled(fast, 1060, retry_after=900)  # the server asked for a quarter of an hour
    now[0] = 1300
    assert schedule.due() == [slow] and schedule.wait() == 0


def test_html_to_text_keeps_blocks_as_lines_and_drops_scripts() -> None:
    html = "<p>السطر الأول</p><script>alert(1)</script><div>السطر   الثاني<br/>الثالث</div>"
    assert html_to_text(html) == "السطر الأول\nالسطر الثاني\nالثالث"
    assert html_to_text("نص   عادي") == "نص عادي"
