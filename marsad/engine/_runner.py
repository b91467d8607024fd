"""One ingest run: read inputs, skip what is stored, process the rest on an engine, write batches.

    >>> with Store("news.sqlite") as store:
    ...     summary = ingest(store, ["reports/"], make_engine("local"))

Every input ends up in the run journal (stored, duplicate, foreign, error), and each
batch is written in one transaction with its journal rows, so a run killed at any
point leaves whole batches behind, and the same command started again finishes the
work: articles already stored are recognised by their text's SHA-256 before any
extraction and counted as duplicates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .._exceptions import InputError
from ..annotations import ArticleRecord
from ..ingest import READERS, read_path
from ..pipeline import sha256_text
from ..store import ERROR, Outcome, RunSummary, Store
from ._batch import source_of
from ._engines import Engine

Progress = Callable[[list[Outcome]], None]


def count_inputs(paths: Sequence[str]) -> int | None:
    """Return about how many records `paths` hold (a line per .jsonl line, one per other file), for ETAs.

    Cheap: file sizes and newline counts only, nothing decoded. None when unknowable (stdin).
    """
    total = 0
    for raw in paths:
        path = Path(raw)
        files = [p for p in path.rglob("*") if p.suffix.lower() in READERS and not p.name.endswith(
            (".meta.json", ".gold.json")) and not p.name.startswith(".")] if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".jsonl" and file.is_file():
                with file.open("rb") as handle:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            else:
                total += 1
    return total


def read_records(paths: Sequence[str], published: dt.date | None = None,
                 source: str | None = None) -> Iterator[ArticleRecord | InputError]:
    """Yield the records of `paths` (other languages kept, marked), with overrides applied."""
    for path in paths:
        for item in read_path(path, keep_foreign=True):
            if isinstance(item, ArticleRecord) and (published is not None or source is not None):
                item = dataclasses.replace(item, published=published or item.published, source=source or item.source)
            yield item


def ingest(store: Store, paths: Sequence[str], engine: Engine, *, items: Iterable[ArticleRecord | InputError] | None = None,
           progress: Progress | None = None, on_error: Callable[[Outcome], None] | None = None) -> RunSummary:
    """Ingest `paths` (or the given `items`) into `store` on `engine`; return the journalled run.

    `progress` is called with each written batch's outcomes; `on_error` with each error outcome.
    """
    run_pk = store.start_run(engine.name, list(paths))
    pending: list[ArticleRecord] = []
    decided: list[Outcome] = []
    queued: set[str] = set()

    def write(outcomes: list[Outcome]) -> None:
        done = store.write_batch(run_pk, outcomes)
        for item in done:
            if item.status == ERROR and on_error is not None:
                on_error(item)
        if progress is not None:
            progress(done)

    def flush() -> None:
        nonlocal decided
        for outcomes in engine.process(pending):
            write(decided + outcomes)
            decided = []
        pending.clear()
        queued.clear()

    status = "failed"
    try:
        for item in items if items is not None else read_records(paths):
            if isinstance(item, InputError):
                decided.append(Outcome(source=item.path if item.record is None else f"{item.path}:{item.record}",
                                       error=item.reason))
            else:
                sha = sha256_text(item.text)
                if sha in queued or store.has(sha):
                    # a duplicate: journalled, never extracted again
                    decided.append(Outcome(source=source_of(item), article_id=item.id, sha256=sha))
                else:
                    queued.add(sha)
                    pending.append(item)
            if len(pending) >= engine.window:
                flush()
            elif len(decided) >= engine.window:
                write(decided)
                decided = []
        flush()
        if decided:
            write(decided)
        status = "finished"
    except KeyboardInterrupt:
        status = "stopped"
        raise
    finally:
        summary = store.finish_run(run_pk, status)
        engine.close()
    return summary
