"""Read RSS and Atom feeds: new entries in, `ArticleRecord`s (or `InputError`s) out.

    >>> with PoliteClient() as client:
    ...     poll = FeedPoll("https://example.org/rss.xml", client, etag=etag, is_stored=store.has_url)
    ...     for item in poll.records():    # ArticleRecord for each new entry, InputError for each failure
    ...         ...
    ...     poll.validators(), poll.summary()   # what to remember for the next poll

One poll is a conditional GET of the feed (If-None-Match / If-Modified-Since from the
validators of the previous answer; 304 means nothing new), feedparser's reading of it
(RSS 0.9x/1.0/2.0, Atom), and for each entry whose URL is not stored yet a GET of its
page, reduced to the article by the HTML reader (trafilatura, `_html.html_record`). When
the page fails (HTTP error, timeout, no article on it) the entry's own text in the feed
(its content, else its summary) is used instead and the reason is reported; only when
the feed has no text for it either is the entry an error.

Title and publication date come from the feed (the page's when the feed has none); the
source is the feed's host unless a name is given. Records keep other languages, marked
(`keep_foreign`), as `marsad ingest` does, so the same ingest path stores them.

A feed that cannot be read (timeout, HTTP error, not a feed at all) is one `InputError`
naming the feed; a failing entry is one naming the feed and the entry. Nothing raises.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .._exceptions import InputError
from ..annotations import ArticleRecord
from ._checks import SNIFF_BYTES, decode_utf8, sniff_binary
from ._html import html_record
from ._http import Fetched, FetchError, PoliteClient
from ._records import record_from_meta

# What a poll came to.
PENDING, NOT_MODIFIED, READ, FAILED = "pending", "not modified", "read", "failed"
# Block elements whose end is a line break when a feed's HTML is made plain text.
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


@dataclass(frozen=True)
class FeedSpec:
    """A feed to poll, with its own poll interval in seconds (None: the watcher's)."""

    url: str
    interval: float | None = None


def check_feed_url(url: str) -> str | None:
    """Return why `url` cannot be a feed's address, or None when it can (http or https, with a host)."""
    try:
        parts = urlsplit(url)
    except ValueError as err:  # e.g. an unclosed [IPv6] host
        return f"not a valid URL ({err})"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "not an http(s) URL"
    return None


def read_feed_list(path: str | Path) -> list[FeedSpec]:
    """Return the feeds a file lists: one URL a line, optionally followed by its poll interval in seconds.

    Blank lines and lines starting with # are skipped; raises InputError naming the line.
    """
    path = Path(path)
    try:
        text = decode_utf8(path.read_bytes(), str(path))
    except OSError as err:
        raise InputError(str(path), err.strerror or str(err)) from None
    feeds = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if len(fields) > 2:
            raise InputError(str(path), "expected a feed URL and at most an interval in seconds", lineno)
        bad = check_feed_url(fields[0])
        if bad:
            raise InputError(str(path), f"{fields[0]!r} is {bad}", lineno)
        interval = None
        if len(fields) == 2:
            try:
                interval = float(fields[1])
            except ValueError:
                interval = -1.0
            if not interval > 0:
                raise InputError(str(path), f"poll interval {fields[1]!r} is not a positive number of seconds", lineno)
        feeds.append(FeedSpec(fields[0], interval))
    return feeds


class FeedSchedule:
    """When each feed is next due: its interval after its last poll, or later if the server asked."""

    def __init__(self, feeds: Sequence[FeedSpec], interval: float, clock: Callable[[], float] = time.monotonic):
        self.feeds = list(dict.fromkeys(feeds))
        self.interval = interval
        self.clock = clock
        self._next = {feed.url: 0.0 for feed in self.feeds}

    def due(self) -> list[FeedSpec]:
        """Return the feeds whose poll is due now, in the order given."""
        now = self.clock()
        return [feed for feed in self.feeds if self._next[feed.url] <= now]

    def polled(self, feed: FeedSpec, started: float, retry_after: float | None = None) -> None:
        """Book a feed's next poll: its interval after `started`, or after the server's Retry-After."""
        wait = feed.interval or self.interval
        self._next[feed.url] = max(started + wait, self.clock() + (retry_after or 0.0))

    def wait(self) -> float:
        """Return the seconds until the next feed is due (0 when one is due now)."""
        return max(0.0, min(self._next.values()) - self.clock())


def entry_id(key: str) -> str:
    """Return the id of a feed entry's article: the first 16 hex of the SHA-256 of its URL (or guid)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def feed_source(url: str) -> str:
    """Return the source name of a feed's articles when none is given: the feed's host, without www."""
    try:
        host = urlsplit(url).hostname or url
    except ValueError:
        host = url
    return host.removeprefix("www.")


def entry_published(entry: Any) -> dt.date | None:
    """Return the day an entry was published (else updated), as the feed writes it (its own time zone)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            day = _date_of(str(raw).strip())
            if day is not None:
                return day
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)  # feedparser's reading, in UTC
        if parsed:
            return dt.date(*parsed[:3])
    return None


def _date_of(raw: str) -> dt.date | None:
    try:  # RSS: RFC 822 ("Wed, 06 Mar 2024 09:30:00 +0300")
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:  # Atom: RFC 3339 ("2024-03-06T09:30:00+03:00")
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def html_to_text(value: str) -> str:
    """Return the plain text of a feed's HTML fragment (scripts dropped, a line per block)."""
    if "<" not in value:
        return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def entry_text(entry: Any) -> tuple[str, str]:
    """Return an entry's own text in the feed and where it was found ("content" or "summary"), or ("", "")."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    for kind, values in (("content", contents), ("summary", [entry.get("summary") or ""])):
        text = max((html_to_text(v) for v in values), key=len, default="")
        if text.strip():
            return text, kind
    return "", ""


def _entry_link(entry: Any, base: str) -> str | None:
    for candidate in (entry.get("link"), entry.get("id")):
        if candidate:
            try:
                url = urljoin(base, str(candidate).strip())
            except ValueError:
                continue
            if check_feed_url(url) is None:
                return url
    return None


class FeedPoll:
    """One poll of one feed: `records()` yields its new entries; then `validators()` and `summary()`."""

    def __init__(self, url: str, client: PoliteClient, *, etag: str | None = None, last_modified: str | None = None,
                 source: str | None = None, is_stored: Callable[[str], bool] = lambda url: False,
                 seen: set[str] | None = None, warn: Callable[[str], None] | None = None):
        self.url = url
        self.client = client
        self.etag, self.last_modified = etag, last_modified
        self.source = source or feed_source(url)
        self.is_stored = is_stored
        self.seen = seen if seen is not None else set()
        self.warn = warn
        self.status = PENDING
        self.reason: str | None = None        # why the feed failed
        self.retry_after: float | None = None  # what the server asked, when it did
        self.entries = self.known = self.new = 0
        self.fallbacks: list[tuple[str, str]] = []  # (entry, why its page was not used)
        self.errors: list[str] = []                 # entries that could not be read at all
        self._answer: Fetched | None = None

    def records(self) -> Iterator[ArticleRecord | InputError]:
        """Yield an ArticleRecord for each entry not stored yet, an InputError for each failure."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        try:
            answer = self.client.get(self.url, headers)
        except FetchError as err:
            self.retry_after = err.retry_after
            yield self._failed(err.reason)
            return
        if answer.status == 304:
            self.status = NOT_MODIFIED
            return
        if answer.status != 200:
            yield self._failed(f"HTTP {answer.status} {answer.reason_phrase}".rstrip())
            return
        try:
            parsed = parse_feed(answer)
        except InputError as err:
            yield self._failed(err.reason)
            return
        except Exception as err:  # noqa: BLE001 - whatever the answer holds, the other feeds go on
            yield self._failed(f"feedparser failed: {type(err).__name__}: {err}")
            return
        self._answer = answer
        self.status = READ
        self.entries = len(parsed.entries)
        if parsed.bozo and self.warn is not None:
            self.warn(f"{self.url}: malformed feed ({_problem(parsed)}), read its {_entries(self.entries)} anyway")
        for entry in parsed.entries:
            yield from self._entry(entry, answer.url)

    def validators(self) -> tuple[str | None, str | None]:
        """Return the (ETag, Last-Modified) to send next time; (None, None) keeps the previous ones.

        After a poll with a failed entry the previous validators are kept, so the next poll
        reads the feed again and retries that entry (the stored ones are skipped by URL).
        """
        if self._answer is None or self.errors:
            return None, None
        return self._answer.headers.get("etag"), self._answer.headers.get("last-modified")

    def summary(self) -> str:
        """Return how the poll went, in one line (kept in the store's feeds table)."""
        if self.status == FAILED:
            return f"error: {self.reason}"
        if self.status != READ:
            return self.status
        line = f"read: {self.entries} entries, {self.new} new"
        if self.fallbacks:
            line += f", {len(self.fallbacks)} from the feed's own text (" + "; ".join(
                f"{entry}: {why}" for entry, why in self.fallbacks) + ")"
        if self.errors:
            line += f", {len(self.errors)} failed"
        return line

    def _failed(self, reason: str) -> InputError:
        self.status, self.reason = FAILED, reason
        return InputError(self.url, reason)

    def _entry(self, entry: Any, base: str) -> Iterator[ArticleRecord | InputError]:
        link = _entry_link(entry, base)
        if link is not None and (link in self.seen or self.is_stored(link)):
            self.known += 1
            return
        self.new += 1
        where = link or repr(entry.get("title") or "untitled")
        published = entry_published(entry)
        key = link or entry.get("id") or entry.get("title")
        meta = {"id": entry_id(str(key)) if key else None, "url": link,
                "source": self.source, "title": entry.get("title"),
                "published": published.isoformat() if published else None}
        if link is None:
            why = "the entry has no link"
        else:
            try:
                record = self._page_record(link, meta)
            except (FetchError, InputError) as err:
                why = f"page failed ({err.reason})"
            except Exception as err:  # noqa: BLE001 - a page that trips the HTML reader must not stop the feed
                why = f"page failed ({type(err).__name__}: {err})"
            else:
                self.seen.add(link)
                yield record
                return
        text, kind = entry_text(entry)
        # The record's path says where its text came from, so the run journal keeps the reason too.
        path = f"{self.url}: the feed's {kind} of entry {where} ({why})"
        try:
            if not text:
                raise InputError(self.url, "the feed gives no text for it either")
            record = record_from_meta(meta, text, path=path, keep_foreign=True)
        except InputError as err:
            self.errors.append(where)
            yield InputError(self.url, f"entry {where}: {why}; {err.reason}")
            return
        self.fallbacks.append((where, why))
        if link is not None:
            self.seen.add(link)
        if self.warn is not None:
            self.warn(f"{self.url}: entry {where}: {why}; stored the feed's {kind} instead")
        yield record

    def _page_record(self, link: str, meta: dict[str, Any]) -> ArticleRecord:
        answer = self.client.get(link)
        if answer.status != 200:
            raise FetchError(link, f"HTTP {answer.status} {answer.reason_phrase}".rstrip())
        kind = answer.content_type
        if kind and "html" not in kind and not kind.startswith("text/"):
            raise FetchError(link, f"{kind}, not a web page")
        binary = sniff_binary(answer.content[:SNIFF_BYTES])
        if binary:
            raise FetchError(link, binary)
        return html_record(answer.content, link, meta, keep_foreign=True)


def parse_feed(answer: Fetched) -> Any:
    """Return feedparser's reading of a feed's answer; raise InputError when it is no feed at all.

    feedparser forgives a lot (its `bozo` flag marks what it had to forgive), so a feed
    that is only slightly broken still gives its entries; an answer with no entries that
    is malformed, or is well-formed but neither RSS nor Atom, is no feed.
    """
    import feedparser  # imported here: only `marsad watch` needs it

    data = answer.content
    kind = answer.content_type or "no Content-Type"
    if not data.strip():
        raise InputError(answer.url, "empty answer, not a feed")
    binary = sniff_binary(data[:SNIFF_BYTES])
    if binary:
        raise InputError(answer.url, f"not an RSS or Atom feed: {binary} ({kind})")
    parsed = feedparser.parse(data, response_headers={"content-type": answer.headers.get("content-type", ""),
                                                      "content-location": answer.url})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        head = data[:512].lstrip().lower()
        page = " (an HTML page)" if b"<html" in head or b"<!doctype html" in head else ""
        why = _problem(parsed) if parsed.bozo else "no <rss>, <feed> or <rdf:RDF> element"
        raise InputError(answer.url, f"not an RSS or Atom feed{page}: {why} ({kind})")
    return parsed


def _problem(parsed: Any) -> str:
    """Return what feedparser had to forgive in a feed, in one short line."""
    problem = parsed.get("bozo_exception")
    text = " ".join(str(problem).split())[:200]
    return f"{type(problem).__name__}: {text}" if problem is not None else "malformed"


def _entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n} entries"
