"""`Store`: keep extracted articles in a database and query their events.

SQLite by default (a file, `./marsad.sqlite` unless `MARSAD_DB` or `--db` says
otherwise); PostgreSQL with a `postgresql+psycopg://` URL. Storing is idempotent on the SHA-256 of the
article text, and each article is written in one transaction: all its rows or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, func, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from .._exceptions import StoreError
from ..schema import Actor, ArticleOutput, Event
from . import _migrate
from ._catalogue import Catalogue
from ._journal import Journal
from ._models import STORE_VERSION, ArticleRow, EntityRow, EventRow, MetaRow, PlaceRow, QuoteRow
from ._queries import EventFilter, count_of, event_select, sort_events
from ._search import event_columns
from ._settings import DEFAULT_DB, ENV_VAR, db_url, default_db  # noqa: F401 - re-exported

T = TypeVar("T")



def admin1_key(name: str | None) -> str | None:
    """Return a governorate name folded for matching: case and punctuation ignored."""
    if not name:
        return None
    return re.sub(r"[\W_]+", "", name.casefold()) or None


@dataclass(frozen=True)
class StoredEvent:
    """An event read back from the store, with the article it came from."""

    event: Event
    article_id: str
    source: str | None
    published: dt.date | None
    title: str | None
    url: str | None
    article_sha256: str | None = None
    ingested_at: dt.datetime | None = None


def _stored(ev: EventRow, art: ArticleRow) -> StoredEvent:
    return StoredEvent(event=Event.model_validate_json(ev.event_json), article_id=art.id, source=art.source,
                       published=art.published, title=art.title, url=art.url, article_sha256=art.sha256,
                       ingested_at=art.ingested_at)


class Store(Journal, Catalogue):
    """A marsad database: `add` article outputs, query `events`, `articles`, `quotes`, `control`...

    SQLite (a file) or PostgreSQL (`postgresql+psycopg://user@host/db`); opening a store
    brings its layout to the newest migration.

    >>> with Store("news.sqlite") as store:
    ...     store.add(output, text)              # True the first time, False after
    ...     store.events(admin1="Idlib", since=dt.date(2024, 11, 27))
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, *, create: bool = True):
        self.url = db_url(db)
        try:
            url = make_url(self.url)
        except ArgumentError as err:
            raise StoreError(f"{self.url}: not a database URL or file path ({err})") from None
        self.is_sqlite = url.get_backend_name() == "sqlite"
        database = url.database or ""
        if self.is_sqlite and database not in ("", ":memory:"):
            if not create and not Path(database).exists():
                raise StoreError(f"{database}: no such store; run `marsad ingest PATH` first, or pass --db")
            if create:
                try:
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as err:
                    raise StoreError(f"{database}: cannot create its folder: {err.strerror or err}") from None
        self.location = database if self.is_sqlite else url.render_as_string(hide_password=True)
        try:
            self.engine: Engine = create_engine(self.url, **_engine_options(url))
        except (SQLAlchemyError, ImportError) as err:
            raise StoreError(f"{self.location}: cannot open store: {err}") from None
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.dialect = self.engine.dialect.name
        self._ensure_schema()

    # -- lifecycle ---------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        """Refuse a store from a newer marsad, then run the missing migrations (Alembic `upgrade head`)."""
        try:
            with self.engine.connect() as connection:
                if inspect(connection).has_table("marsad_meta"):
                    found = connection.execute(select(MetaRow.value).where(MetaRow.key == "store_version")).scalar()
                    if found is not None and int(found) > STORE_VERSION:
                        raise StoreError(f"{self.location}: written by a newer marsad (store version {found}, "
                                         f"this one reads {STORE_VERSION}); upgrade marsad")
            _migrate.upgrade(self.engine)
            with Session(self.engine) as session, session.begin():
                row = session.get(MetaRow, "store_version")
                if row is None:
                    session.add(MetaRow(key="store_version", value=str(STORE_VERSION)))
                    session.add(MetaRow(key="created_at", value=_now().isoformat()))
                else:
                    row.value = str(STORE_VERSION)
        except SQLAlchemyError as err:
            raise StoreError(f"{self.location}: cannot open store: {_reason(err)}") from None

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def has(self, sha256: str) -> bool:
        """Return True when an article with this text hash is already stored."""
        with Session(self.engine) as session:
            return session.scalar(select(ArticleRow.pk).where(ArticleRow.sha256 == sha256)) is not None

    def add(self, output: ArticleOutput, text: str) -> bool:
        """Store one article's output and text; return False when the same text is already stored.

        All of the article's rows are written in one transaction, or none. Raises
        StoreError when `text` is not the text the output was extracted from.
        """
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if sha != output.article.sha256:
            raise StoreError(f"{output.article.id}: text does not match the output's sha256 "
                             f"({sha[:12]}... vs {output.article.sha256[:12]}...)")
        if self.has(sha):
            return False
        row = _article_row(output, text)
        try:
            with Session(self.engine) as session, session.begin():
                session.add(row)
        except IntegrityError as err:
            if self.has(sha):
                return False  # another writer stored the same text between has() and here
            raise StoreError(f"{self.location}: cannot store {output.article.id}: {_reason(err)}") from None
        except SQLAlchemyError as err:
            raise StoreError(f"{self.location}: cannot store {output.article.id}: {_reason(err)}") from None
        return True

    # -- events ------------------------------------------------------------------------

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        with Session(self.engine) as session:
            return session.scalar(select(func.count(ArticleRow.pk))) or 0

    def count_events(self, flt: EventFilter | None = None) -> int:
        """Return how many events are stored (that pass `flt`, when given)."""
        query = event_select(flt or EventFilter(), self.dialect)
        return self._read(lambda s: s.scalar(count_of(query)) or 0, "count events")

    def search_events(self, flt: EventFilter | None = None, *, sort: str | None = None, offset: int = 0,
                      limit: int | None = None) -> list[StoredEvent]:
        """Return one page of the events that pass `flt`, in `sort` order (see `sort_events`)."""
        query = sort_events(event_select(flt or EventFilter(), self.dialect), sort)
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return self._read(lambda s: [_stored(ev, art) for ev, art in s.execute(query)], "read events")

    def iter_events(self, flt: EventFilter | None = None, *, sort: str | None = None,
                    batch: int = 500) -> Iterator[StoredEvent]:
        """Yield every event that passes `flt`, reading `batch` rows at a time (for exports)."""
        query = sort_events(event_select(flt or EventFilter(), self.dialect), sort)
        try:
            with Session(self.engine) as session:
                for ev, art in session.execute(query.execution_options(yield_per=batch)):
                    yield _stored(ev, art)
        except SQLAlchemyError as err:
            raise StoreError(f"{self.location}: cannot read events: {_reason(err)}") from None

    def day_counts(self, flt: EventFilter | None = None) -> list[tuple[dt.date, int]]:
        """Return (day, number of events starting that day) for the events that pass `flt`, by day."""
        inner = event_select(flt or EventFilter(), self.dialect).subquery()
        query = select(inner.c.event_date, func.count()).group_by(inner.c.event_date).order_by(inner.c.event_date)
        return self._read(lambda s: [(day, n) for day, n in s.execute(query)], "count events by day")

    def event(self, event_id: str, article: str | None = None) -> StoredEvent | None:
        """Return the event with this id (within the article with this sha256, when given)."""
        query = event_select(EventFilter(article=article), self.dialect).where(EventRow.id == event_id)
        found = self._read(lambda s: s.execute(query.order_by(EventRow.pk).limit(1)).first(), "read an event")
        return None if found is None else _stored(*found)

    def find_events(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        """Return stored events with their articles, oldest first.

        An event is kept when its days (event_date to date_end) overlap [since, until].
        `admin1` ignores case and punctuation. `event_type` matches an ACLED event type or
        a sub-event type, `sub_event_type` only a sub-event type; both ignore case.
        """
        flt = EventFilter(since=since, until=until, admin1=admin1, event_type=event_type,
                          sub_event_type=sub_event_type)
        return self.search_events(flt, limit=limit)

    def events(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Return stored events, oldest first; the filters are those of `find_events`."""
        return [found.event for found in self.find_events(since, until, admin1, event_type, sub_event_type, limit)]

    def output(self, sha256: str) -> ArticleOutput | None:
        """Return the stored marsad.article/1 output of the article with this text hash."""
        with Session(self.engine) as session:
            stored = session.scalar(select(ArticleRow.output_json).where(ArticleRow.sha256 == sha256))
        return None if stored is None else ArticleOutput.model_validate_json(stored)

    def _read(self, run: Callable[[Session], T], what: str) -> T:
        try:
            with Session(self.engine) as session:
                return run(session)
        except SQLAlchemyError as err:
            raise StoreError(f"{self.location}: cannot {what}: {_reason(err)}") from None


def _article_row(output: ArticleOutput, text: str) -> ArticleRow:
    meta = output.article
    row = ArticleRow(id=meta.id, source=meta.source, published=meta.published, title=meta.title, url=meta.url,
                     language=meta.language, sha256=meta.sha256, text=text,
                     output_json=output.model_dump_json(by_alias=True), ingested_at=_now())
    for ev in output.events:
        loc = ev.location
        row.events.append(EventRow(
            id=ev.id, event_type=ev.event_type, sub_event_type=ev.sub_event_type, event_date=ev.event_date,
            date_end=ev.date_end, time_precision=ev.time_precision, country=loc.country, admin1=loc.admin1,
            admin1_key=admin1_key(loc.admin1), admin2=loc.admin2, location_name_en=loc.name_en,
            location_name_ar=loc.name_ar or loc.text, lat=loc.lat, lon=loc.lon, geo_precision=loc.geo_precision,
            actor1=_actor_name(ev.actor1), actor2=_actor_name(ev.actor2), fatalities=ev.fatalities,
            status=ev.status, confidence=ev.confidence, event_json=ev.model_dump_json(),
            **event_columns(ev, meta.title)))
    for q in output.quotes:
        row.quotes.append(QuoteRow(
            speaker=q.speaker.text, speaker_name_en=q.speaker.name_en, speaker_role=q.speaker.role, text=q.text,
            start=q.start, end=q.end, direct=q.direct, cue=q.cue, channel=q.channel, quote_json=q.model_dump_json()))
    for ent in output.entities:
        row.entities.append(EntityRow(text=ent.text, label=ent.label, start=ent.start, end=ent.end))
    for p in output.places:
        row.places.append(PlaceRow(
            text=p.text, start=p.start, end=p.end, name_ar=p.name_ar, name_en=p.name_en, geonames_id=p.geonames_id,
            lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1, admin2=p.admin2, feature_code=p.feature_code))
    return row


def _actor_name(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.name_en or actor.name_ar


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


def _reason(err: SQLAlchemyError) -> str:
    orig = getattr(err, "orig", None)
    return str(orig) if orig is not None else str(err).splitlines()[0]


def _engine_options(url: URL) -> dict[str, Any]:
    """Return create_engine options: a checked pool for servers, one shared connection for in-memory SQLite."""
    if url.get_backend_name() == "sqlite":
        if (url.database or "") in ("", ":memory:"):
            from sqlalchemy.pool import StaticPool
            return {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        return {"connect_args": {"check_same_thread": False}}
    return {"pool_pre_ping": True}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Enforce foreign keys (off by default in SQLite) and wait on a busy file instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
