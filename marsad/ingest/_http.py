"""A polite HTTP client for feeds and article pages: one host at a time, bounded, retried.

    >>> with PoliteClient(Politeness(delay=1.0, timeout=20.0, retries=2)) as client:
    ...     response = client.get("https://example.org/rss.xml", {"If-None-Match": etag})

Politeness is what keeps a news site answering a monitor that polls it all day:

- at least `delay` seconds between two requests to the same host (`HostThrottle`);
- bounded retries of what may pass (timeouts, dropped connections, HTTP 429/500/502/503/504),
  waiting `backoff` seconds and doubling each time;
- a Retry-After header on 429/503 is honoured: the whole host waits that long (not just
  the one URL), and a wait longer than `max_retry_after` is not slept through but reported
  (`FetchError.retry_after`), for this and every later request to that host until it is
  over, so the caller polls those feeds later and other hosts are not kept waiting;
- bodies are read up to `max_bytes` and cut there, so a stray video or dump never
  fills memory.

Every request names marsad in its User-Agent.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib.metadata
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx

if TYPE_CHECKING:
    from typing_extensions import Self


def _version() -> str:
    try:
        return importlib.metadata.version("marsad")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "dev"


USER_AGENT = f"marsad/{_version()} (Arabic conflict-news monitor; RSS/Atom reader)"
# Statuses that say "not now" rather than "never": worth another try.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Politeness:
    """How hard marsad may knock: per-host delay, timeout, retries, backoff, size limit."""

    delay: float = 1.0            # seconds between two requests to one host
    timeout: float = 20.0         # seconds to connect, and between two reads of the answer
    retries: int = 2              # further tries after a timeout, a dropped connection or a 429/5xx
    backoff: float = 1.0          # seconds before the first retry, doubled for each next one
    max_retry_after: float = 60.0  # a longer Retry-After is reported, not slept through
    max_bytes: int = 10 * 1024 * 1024


class FetchError(Exception):
    """A URL that gave no usable answer; `reason` says why, `retry_after` when the server asked to wait."""

    def __init__(self, url: str, reason: str, retry_after: float | None = None):
        self.url = url
        self.reason = reason
        self.retry_after = retry_after
        super().__init__(f"{url}: {reason}")


@dataclass
class Fetched:
    """An HTTP answer read to its end (or to the size limit)."""

    url: str
    status: int
    reason_phrase: str
    headers: httpx.Headers
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class HostThrottle:
    """Spaces requests to each host by `delay` seconds; a host can also be held (Retry-After)."""

    delay: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: dict[str, float] = field(default_factory=dict)

    def pause(self, host: str) -> float:
        """Return the seconds before `host` may be asked again."""
        return max(0.0, self._next.get(host, 0.0) - self.clock())

    def wait(self, host: str) -> None:
        """Sleep until `host` may be asked again, then book the next slot."""
        pause = self.pause(host)
        if pause > 0:
            self.sleep(pause)
        self._next[host] = self.clock() + self.delay

    def hold(self, host: str, seconds: float) -> None:
        """Ask nothing of `host` for `seconds` from now."""
        self._next[host] = max(self._next.get(host, 0.0), self.clock() + seconds)


def host_of(url: str) -> str:
    """Return the host (with port) a URL is asked of, lower case."""
    return urlsplit(url).netloc.lower()


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Return the seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


class PoliteClient:
    """GETs URLs with a per-host delay, bounded retries, Retry-After and a size limit."""

    def __init__(self, politeness: Politeness | None = None, *, transport: httpx.BaseTransport | None = None):
        self.politeness = politeness or Politeness()
        self.throttle = HostThrottle(self.politeness.delay)
        self._client = httpx.Client(timeout=httpx.Timeout(self.politeness.timeout), follow_redirects=True,
                                    headers={"User-Agent": USER_AGENT}, transport=transport)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """Return the answer to a GET of `url` (any final status but a retried one); raise FetchError.

        A 429/5xx is retried and, when the tries run out, raised; any other status
        (200, 304, 404...) is returned for the caller to judge.
        """
        p = self.politeness
        try:
            host = host_of(url)
        except ValueError as err:
            raise FetchError(url, f"not a valid URL ({err})") from None
        reason, retry_after = "", None
        for attempt in range(p.retries + 1):
            held = self.throttle.pause(host)
            if held > p.max_retry_after:  # a Retry-After of this host's: fail now, do not stall other hosts
                raise FetchError(url, f"{host} asked to wait (Retry-After) for another {held:.0f} s", held)
            self.throttle.wait(host)
            wait = p.backoff * 2 ** attempt
            try:
                answer = self._read(url, headers)
            except httpx.TimeoutException:
                reason = f"timed out after {p.timeout:g} s"
            except httpx.TransportError as err:
                reason = f"connection failed: {str(err) or type(err).__name__}"
            except (httpx.HTTPError, httpx.InvalidURL) as err:  # e.g. a redirect loop, a malformed URL
                raise FetchError(url, f"{type(err).__name__}: {err}") from None
            else:
                if answer.status not in RETRY_STATUSES:
                    return answer
                reason = f"HTTP {answer.status} {answer.reason_phrase}".rstrip()
                retry_after = retry_after_seconds(answer.headers.get("retry-after"))
                if retry_after is not None:
                    self.throttle.hold(host, retry_after)
                    if retry_after > p.max_retry_after:
                        raise FetchError(url, f"{reason}; the server asks to retry after {retry_after:.0f} s",
                                         retry_after)
                    wait = retry_after
            if attempt < p.retries:
                self.throttle.hold(host, wait)
        tries = p.retries + 1
        raise FetchError(url, reason + (f" ({tries} tries)" if tries > 1 else ""), retry_after)

    def _read(self, url: str, headers: Mapping[str, str] | None) -> Fetched:
        limit = self.politeness.max_bytes
        with self._client.stream("GET", url, headers=dict(headers or {})) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"answer larger than {limit // 2**20} MiB, not read")
            return Fetched(url=str(response.url), status=response.status_code, reason_phrase=response.reason_phrase,
                           headers=response.headers, content=b"".join(chunks))
