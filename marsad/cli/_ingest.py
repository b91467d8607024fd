"""`marsad ingest` (local or Ray engine, journalled, resumable) and `marsad watch` (feeds).

Both write through `marsad.engine.ingest`: batches in one transaction each, every input
journalled, articles already stored skipped by hash. Progress (articles/s, ETA) is a rich
bar on stderr when stderr is a terminal; --quiet, a pipe or CI=true silence it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)

from .._exceptions import MarsadError
from ..engine import ENGINES, count_inputs, ingest as run_ingest, make_engine, read_records
from ..store import Outcome, RunSummary
from ._options import DATE, _db_option, open_store


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def show_progress(quiet: bool) -> bool:
    """Return True when a progress bar helps: not --quiet, stderr a terminal, not in CI."""
    return not quiet and sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


@contextmanager
def progress_bar(enabled: bool, total: int | None) -> Iterator[callable]:
    """Yield a callback taking each written batch's outcomes; draws articles/s and ETA when enabled."""
    if not enabled:
        yield lambda outcomes: None
        return
    columns = (SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn())
    started = time.monotonic()
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0)

        def advance(outcomes: list[Outcome]) -> None:
            done = bar.tasks[0].completed + len(outcomes)
            bar.update(task, completed=done, rate=done / max(time.monotonic() - started, 1e-6))

        yield advance


def _report_error(item: Outcome) -> None:
    click.echo(f"marsad: error: {item.source}: {item.error}", err=True)


def summary_line(run: RunSummary, location: str) -> str:
    """Return the one-line result of an ingest run."""
    c = run.counts
    read = c["stored"] + c["duplicates"] + c["foreign"]
    foreign = f", {c['foreign']} in other languages (stored, not extracted)" if c["foreign"] else ""
    resumed = f" (resumed run {run.resumes})" if run.resumes else ""
    return (f"marsad: read {_plural(read, 'article')}, stored {c['stored'] + c['foreign']}, "
            f"skipped {_plural(c['duplicates'], 'duplicate')}, {_plural(c['errors'], 'error')}, "
            f"{_plural(c['events'], 'event')} stored in {location}{foreign}{resumed}")


_engine_options = [
    click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                 help="local: this process. ray: Ray Data workers (RAY_ADDRESS for a cluster; "
                      "pip install 'marsad[ray]')."),
    click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
                 help="Ray workers (one CPU each); ignored by the local engine."),
    click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
                 help="Articles per batch; each batch is stored in one transaction."),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar (also off when stderr is no terminal, or CI=true)."),
]


def _with(options: list) -> callable:
    def apply(func: callable) -> callable:
        for option in reversed(options):
            func = option(func)
        return func
    return apply


@click.command(short_help="Extract reports and store them in the database.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_option
@click.option("--published", type=DATE, help="Publication date of the reports (overrides their metadata).")
@click.option("--source", metavar="NAME", help="Name of the outlet the reports come from; overrides their metadata.")
@_with(_engine_options)
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str | None, published: dt.date | None,
           source: str | None, engine: str, workers: int, batch_size: int, quiet: bool) -> None:
    """Extract reports (.txt, .json, .jsonl, .html, folders of them) and store them with their events.

    Idempotent and resumable: an article whose text is stored is skipped, not extracted
    again, so a run that was killed is finished by running it again, and a growing folder
    can be ingested as often as it grows. Each batch is stored in one transaction and
    journalled (runs, run_items). Articles not in Arabic are stored, marked with their
    language, and not extracted.

    \b
    Example:
      marsad ingest reports/ news.jsonl --db news.sqlite
      marsad ingest archive/ --engine ray --workers 8 --db postgresql+psycopg://marsad@db/marsad
    """
    debug = bool((ctx.obj or {}).get("debug"))
    store = open_store(db, create=True)
    with store:
        try:
            runner = make_engine(engine, batch_size=batch_size, workers=workers, debug=debug)
        except RuntimeError as err:
            raise click.ClickException(str(err)) from None
        enabled = show_progress(quiet)
        total = count_inputs(paths) if enabled else None
        try:
            with progress_bar(enabled, total) as advance:
                run = run_ingest(store, list(paths), runner, items=read_records(paths, published, source),
                                 progress=advance, on_error=_report_error)
        except MarsadError as err:
            raise click.ClickException(str(err)) from None
        click.echo(summary_line(run, store.location))
    c = run.counts
    if c["stored"] + c["duplicates"] + c["foreign"] == 0:
        ctx.exit(1)
