"""The run journal: batches of outcomes written in one transaction, with what became of each input.

A mixin of `Store`. `write_batch` stores a batch's new articles AND the journal rows that
say so in one transaction, so after a crash (even SIGKILL) the store holds whole
batches only: every article with all its events, or none of it. A run killed mid-way is
simply started again: its stored articles are found by their text's SHA-256 and
skipped, and the new run records which unfinished run it resumes.

Feeds' conditional-GET validators (ETag, Last-Modified) live here too, so `marsad
watch` polls politely across restarts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from .._exceptions import StoreError
from ..schema import ArticleOutput
from ._models import ArticleRow, FeedRow, RunItemRow, RunRow

# Outcome statuses, as journalled.
STORED, DUPLICATE, FOREIGN, ERROR = "stored", "duplicate", "foreign", "error"
_COUNTERS = {STORED: "stored", DUPLICATE: "duplicates", FOREIGN: "foreign", ERROR: "errors"}


@dataclass
class Outcome:
    """What processing one input gave: an output to store (with its text), or an error message.

    `foreign` marks an article in another language, stored without Arabic processing.
    Plain data (strings), so it crosses process boundaries (Ray workers) as it is.
    """

    source: str
    article_id: str | None = None
    sha256: str | None = None
    text: str | None = None
    output_json: str | None = None
    error: str | None = None
    foreign: bool = False
    status: str = field(default="", compare=False)

    @property
    def output(self) -> ArticleOutput | None:
        return None if self.output_json is None else ArticleOutput.model_validate_json(self.output_json)


@dataclass(frozen=True)
class RunSummary:
    """A journalled run and its counts."""

    pk: int
    status: str
    engine: str
    inputs: list[str]
    resumes: int | None
    started_at: dt.datetime
    finished_at: dt.datetime | None
    counts: dict[str, int]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


class Journal:
    """Run journal and feed state; mixed into `Store` (which provides `engine`, `location`)."""

    def start_run(self, engine: str, inputs: Sequence[str]) -> int:
        """Open a run over `inputs`; return its id. An unfinished earlier run over the same inputs is resumed."""
        key = json.dumps(list(inputs), ensure_ascii=False)
        try:
            with Session(self.engine) as session, session.begin():
                previous = session.scalar(select(RunRow.pk).where(RunRow.inputs == key, RunRow.status == "running")
                                          .order_by(RunRow.pk.desc()).limit(1))
                if previous is not None:
                    session.execute(update(RunRow).where(RunRow.pk == previous).values(status="interrupted"))
                run = RunRow(started_at=_now(), status="running", engine=engine, inputs=key, resumes=previous,
                             read=0, stored=0, duplicates=0, foreign=0, errors=0, events=0)
                session.add(run)
                session.flush()
                return run.pk
        except SQLAlchemyError as err:
            raise StoreError(f"{self.location}: cannot start a run: {err}") from None

    def write_batch(self, run_pk: int, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Store a batch's new articles and journal every outcome, all in one transaction.

        Sets each outcome's `status` (stored, duplicate, foreign, error) and returns them.
        """
        from ._store import _article_row  # the row builder lives with the rest of `add`

        try:
            with Session(self.engine) as session, session.begin():
                counts = {name: 0 for name in _COUNTERS.values()}
                events = 0
                seen: set[str] = set()
                for item in outcomes:
                    if item.error is not None:
                        item.status = ERROR
                    elif item.output_json is None or item.sha256 in seen or session.scalar(
                            select(ArticleRow.pk).where(ArticleRow.sha256 == item.sha256)) is not None:
                        item.status = DUPLICATE
                    else:
                        output = item.output
                        session.add(_article_row(output, item.text or ""))
                        seen.add(item.sha256 or "")
                        item.status = FOREIGN if item.foreign else STORED
                        events += len(output.events)
                    counts[_COUNTERS[item.status]] += 1
                    session.add(RunItemRow(run_pk=run_pk, source=item.source[:4000], article_id=item.article_id,
                                           sha256=item.sha256, status=item.status, message=item.error, at=_now()))
                values = {name: getattr(RunRow, name) + n for name, n in counts.items()}
                session.execute(update(RunRow).where(RunRow.pk == run_pk)
                                .values(read=RunRow.read + len(outcomes), events=RunRow.events + events, **values))
        except IntegrityError:
            if len(outcomes) == 1:
                raise StoreError(f"{self.location}: cannot store {outcomes[0].source}") from None
            # Another writer stored one of these texts meanwhile: go on one by one.
            return [done for item in outcomes for done in self.write_batch(run_pk, [item])]
        except SQLAlchemyError as err:
            raise StoreError(f"{self.location}: cannot write a batch: {err}") from None
        return list(outcomes)

    def finish_run(self, run_pk: int, status: str = "finished") -> RunSummary:
        """Close a run (finished, failed, stopped) and return its summary."""
        with Session(self.engine) as session, session.begin():
            session.execute(update(RunRow).where(RunRow.pk == run_pk).values(status=status, finished_at=_now()))
        found = self.run(run_pk)
        assert found is not None
        return found

    def run(self, run_pk: int) -> RunSummary | None:
        """Return one run's summary."""
        with Session(self.engine) as session:
            row = session.get(RunRow, run_pk)
            return None if row is None else _summary(row)

    def runs(self) -> list[RunSummary]:
        """Return every run, the newest first."""
        with Session(self.engine) as session:
            return [_summary(r) for r in session.scalars(select(RunRow).order_by(RunRow.pk.desc()))]

    def run_items(self, run_pk: int, status: str | None = None) -> list[tuple[str, str, str | None]]:
        """Return (source, status, message) of a run's journalled inputs, in order."""
        query = select(RunItemRow.source, RunItemRow.status, RunItemRow.message).where(RunItemRow.run_pk == run_pk)
        if status is not None:
            query = query.where(RunItemRow.status == status)
        with Session(self.engine) as session:
            return [tuple(r) for r in session.execute(query.order_by(RunItemRow.pk))]

    def has_url(self, url: str) -> bool:
        """Return True when an article from this URL is stored (feeds skip entries they already have)."""
        with Session(self.engine) as session:
            return session.scalar(select(func.count(ArticleRow.pk)).where(ArticleRow.url == url)) > 0

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """Return the (ETag, Last-Modified) a feed last answered with, for a conditional GET."""
        with Session(self.engine) as session:
            row = session.scalar(select(FeedRow).where(FeedRow.url == url))
            return (None, None) if row is None else (row.etag, row.last_modified)

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None, status: str) -> None:
        """Remember a feed's validators and how its last poll went."""
        with Session(self.engine) as session, session.begin():
            row = session.scalar(select(FeedRow).where(FeedRow.url == url))
            if row is None:
                row = FeedRow(url=url)
                session.add(row)
            if etag is not None or last_modified is not None:
                row.etag, row.last_modified = etag, last_modified
            row.checked_at, row.last_status = _now(), status[:2000]


def _summary(row: RunRow) -> RunSummary:
    counts = {name: getattr(row, name) for name in ("read", "stored", "duplicates", "foreign", "errors", "events")}
    return RunSummary(pk=row.pk, status=row.status, engine=row.engine, inputs=json.loads(row.inputs),
                      resumes=row.resumes, started_at=row.started_at, finished_at=row.finished_at, counts=counts)
