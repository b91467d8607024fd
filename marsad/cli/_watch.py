"""`marsad watch`: poll RSS/Atom feeds and ingest their new entries, round after round.

A round polls every feed that is due (`FeedSchedule`), reads its new entries
(`marsad.ingest.FeedPoll`) and hands them to the same ingest path as `marsad ingest`
(`marsad.engine.ingest`: one journalled run per round, a transaction per batch, articles
already stored skipped by hash, other languages stored and marked). A feed's validators
(ETag, Last-Modified) are saved only after its round is written, so a watch killed
mid-round reads those feeds in full again and loses no entry.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Callable
from itertools import chain
from pathlib import Path

import click

from .._exceptions import InputError, MarsadError
from ..engine import ingest as run_ingest
from ..engine import make_engine
from ..ingest import (
    FeedPoll,
    FeedSchedule,
    FeedSpec,
    PoliteClient,
    Politeness,
    check_feed_url,
    read_feed_list,
)
from ..ingest._feeds import FAILED, NOT_MODIFIED
from ..store import FOREIGN, STORED, Outcome, RunSummary, Store
from ._ingest import _plural, _report_error, summary_line
from ._options import _db_option, open_store


class Tally:
    """What the rounds of one watch have done so far, counted as each batch is written."""

    def __init__(self) -> None:
        self.rounds = 0
        self.counts: Counter[str] = Counter()

    def add(self, outcomes: list[Outcome]) -> None:
        for item in outcomes:
            self.counts[item.status] += 1
            if item.output_json is not None and item.status in (STORED, FOREIGN):
                self.counts["events"] += len(json.loads(item.output_json).get("events") or [])

    def line(self) -> str:
        c = self.counts
        return (f"marsad: watch stopped after {_plural(self.rounds, 'round')}: stored {c['stored'] + c['foreign']} "
                f"new {'article' if c['stored'] + c['foreign'] == 1 else 'articles'} with "
                f"{_plural(c['events'], 'event')}, skipped {_plural(c['duplicate'], 'duplicate')}, "
                f"{_plural(c['error'], 'error')}")


def _warn(message: str) -> None:
    click.echo(f"marsad: warning: {message}", err=True)


def watch_round(store: Store, client: PoliteClient, feeds: list[FeedSpec], *, source: str | None = None,
                seen: set[str] | None = None, batch_size: int = 16, debug: bool = False,
                progress: Callable[[list[Outcome]], None] | None = None) -> tuple[RunSummary, list[FeedPoll]]:
    """Poll `feeds` once and ingest their new entries as one journalled run; return it and the polls.

    `seen` holds the entry URLs already read by earlier rounds of this process, so an entry
    whose text turned out to be a duplicate (stored under another URL) is not fetched again.
    """
    seen = set() if seen is None else seen
    polls = []
    for feed in feeds:
        etag, last_modified = store.feed_state(feed.url)
        polls.append(FeedPoll(feed.url, client, etag=etag, last_modified=last_modified, source=source,
                              is_stored=store.has_url, seen=seen, warn=_warn))
    items = chain.from_iterable(poll.records() for poll in polls)
    engine = make_engine("local", batch_size=batch_size, debug=debug)
    run = run_ingest(store, [feed.url for feed in feeds], engine, items=items, progress=progress,
                     on_error=_report_error)
    for poll in polls:
        store.save_feed_state(poll.url, *poll.validators(), poll.summary())
    return run, polls


def round_line(number: int, run: RunSummary, polls: list[FeedPoll], location: str) -> str:
    """Return the one-line result of a round: what the feeds answered, then what was stored."""
    unchanged = sum(p.status == NOT_MODIFIED for p in polls)
    failed = sum(p.status == FAILED for p in polls)
    new = sum(p.new for p in polls)
    states = [f"{unchanged} not modified"] * bool(unchanged) + [f"{failed} failed"] * bool(failed)
    feeds = _plural(len(polls), "feed") + (f" ({', '.join(states)})" if states else "")
    at = dt.datetime.now().strftime("%H:%M:%S")
    return (f"marsad: round {number} at {at}: {feeds}, {new} new {'entry' if new == 1 else 'entries'}; "
            + summary_line(run, location).removeprefix("marsad: "))


def _feed_list(urls: tuple[str, ...], feeds_file: Path | None) -> list[FeedSpec]:
    feeds = []
    for url in urls:
        bad = check_feed_url(url)
        if bad:
            raise click.BadParameter(f"{url!r} is {bad}", param_hint="FEED_URL")
        feeds.append(FeedSpec(url))
    if feeds_file is not None:
        try:
            feeds += read_feed_list(feeds_file)
        except InputError as err:
            raise click.BadParameter(str(err), param_hint="--feeds-file") from None
    if not feeds:
        raise click.UsageError("give at least one FEED_URL, or --feeds-file")
    by_url: dict[str, FeedSpec] = {}
    for feed in feeds:  # a feed named twice is polled once, at the first interval given
        by_url.setdefault(feed.url, feed)
    return list(by_url.values())


@click.command(short_help="Poll RSS/Atom feeds and store their new articles.")
@click.argument("urls", nargs=-1, metavar="FEED_URL...")
@click.option("--feeds-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of feeds: one URL a line, optionally followed by that feed's poll interval in "
                   "seconds; blank lines and lines starting with # are skipped.")
@_db_option
@click.option("--interval", type=click.FloatRange(min=1), default=300, show_default=True, metavar="SECONDS",
              help="Poll each feed at most once every this many seconds.")
@click.option("--once", is_flag=True, help="Poll every feed once, store what is new and exit (for cron and tests).")
@click.option("--source", metavar="NAME", help="Name of the outlet the entries come from; default: the feed's host.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="Wait at least this long between two requests to the same host.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=20.0, show_default=True, metavar="SECONDS",
              help="Give up on a request that connects or answers slower than this.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Further tries after a timeout, a dropped connection or HTTP 429/5xx (with backoff; "
                   "Retry-After is honoured).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per batch; each batch is stored in one transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No line per round: only errors, warnings and the final summary.")
@click.pass_context
def watch(ctx: click.Context, urls: tuple[str, ...], feeds_file: Path | None, db: str | None, interval: float,
          once: bool, source: str | None, delay: float, timeout: float, retries: int, batch_size: int,
          quiet: bool) -> None:
    """Poll RSS and Atom feeds, and store their new articles with their events, until Ctrl-C.

    Each feed is fetched with a conditional GET (ETag / Last-Modified of its previous
    answer, so an unchanged feed costs one 304); each entry not stored yet has its page
    fetched and reduced to the article (the feed's own summary when the page fails),
    and the articles go through the same path as `marsad ingest`: journalled runs,
    idempotent, other languages stored and marked. Requests to one host are spaced by
    --delay; 429/5xx answers and timeouts are retried with backoff.

    A feed that fails (timeout, HTTP error, not a feed) is one error line naming it; the
    other feeds go on. With --once the exit code is 1 when no feed could be read.

    \b
    Example:
      marsad watch https://example.org/rss.xml --db news.sqlite --interval 600
      marsad watch --feeds-file feeds.txt --once      # from cron
    """
    feeds = _feed_list(urls, feeds_file)
    debug = bool((ctx.obj or {}).get("debug"))
    schedule = FeedSchedule(feeds, interval)
    politeness = Politeness(delay=delay, timeout=timeout, retries=retries)
    tally = Tally()
    seen: set[str] = set()
    store = open_store(db, create=True)
    with store, PoliteClient(politeness) as client:
        try:
            while True:
                due = schedule.due()
                if due:
                    tally.rounds += 1
                    started = time.monotonic()
                    try:
                        run, polls = watch_round(store, client, due, source=source, seen=seen,
                                                 batch_size=batch_size, debug=debug, progress=tally.add)
                    except MarsadError as err:
                        raise click.ClickException(str(err)) from None
                    for feed, poll in zip(due, polls):
                        schedule.polled(feed, started, poll.retry_after)
                    if once or not quiet:
                        click.echo(round_line(tally.rounds, run, polls, store.location))
                    if once:
                        if all(poll.status == FAILED for poll in polls):
                            ctx.exit(1)
                        return
                time.sleep(max(schedule.wait(), 0.01))
        except KeyboardInterrupt:
            # Ctrl-C: the batches written so far are whole (one transaction each); say what they hold.
            click.echo(tally.line())
