"""The store's tables, as SQLAlchemy 2 typed declarative models.

Each article keeps its full `marsad.article/1` output as JSON (the source of truth),
and its events, quotes, entities and places are also spread into rows with the columns
one filters and sorts on, so queries need no JSON functions. Events come back out of
the store by parsing their stored JSON, so nothing is lost between write and read.

The layout is created and upgraded by Alembic (`marsad/store/migrations`); these models
must match the newest migration (a test compares them). `STORE_VERSION` is the layout a
migration leaves behind, also written in `marsad_meta` so that an older marsad refuses a
store a newer one has upgraded.

`events.search_text` holds the event's words folded (`marsad.text.normalize.fold`, lower
case, with clitic-free variants of Arabic words), the column that full-text search
indexes: SQLite's FTS5 table `events_fts`, PostgreSQL's GIN index on
`to_tsvector('simple', search_text)`. Both are made by the migration, not by these models.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

STORE_VERSION = 3

# Stable constraint names, so migrations can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class MetaRow(Base):
    """Key/value facts about the store file itself (store_version, created_at)."""

    __tablename__ = "marsad_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ArticleRow(Base):
    """One stored article; `sha256` of its text makes storing idempotent."""

    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(200), index=True)
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="ar")
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    output_json: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)

    events: Mapped[list[EventRow]] = relationship(back_populates="article", cascade="all, delete-orphan")
    quotes: Mapped[list[QuoteRow]] = relationship(cascade="all, delete-orphan")
    entities: Mapped[list[EntityRow]] = relationship(cascade="all, delete-orphan")
    places: Mapped[list[PlaceRow]] = relationship(cascade="all, delete-orphan")


class EventRow(Base):
    """One ACLED-shaped event; the columns are those `Store.events` filters and sorts on."""

    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    id: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(100), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(100), index=True)
    event_date: Mapped[dt.date] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[int] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(100))
    # admin1 folded (lower case, letters and digits only) so "deir ezzor" finds "Deir ez-Zor".
    admin1_key: Mapped[str | None] = mapped_column(String(100), index=True)
    admin2: Mapped[str | None] = mapped_column(String(100))
    location_name_en: Mapped[str | None] = mapped_column(String(200))
    location_name_ar: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int] = mapped_column(Integer)
    actor1: Mapped[str | None] = mapped_column(String(200))
    actor2: Mapped[str | None] = mapped_column(String(200))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    event_json: Mapped[str] = mapped_column(Text)
    # Added by migration 0002: Arabic actor names, inter codes and sides (actor lists and
    # territorial control read them), the place's GeoNames id, and the search column.
    actor1_ar: Mapped[str | None] = mapped_column(String(200))
    actor2_ar: Mapped[str | None] = mapped_column(String(200))
    inter1: Mapped[int | None] = mapped_column(Integer)
    inter2: Mapped[int | None] = mapped_column(Integer)
    side1: Mapped[str | None] = mapped_column(String(50))
    side2: Mapped[str | None] = mapped_column(String(50))
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    search_text: Mapped[str | None] = mapped_column(Text)

    article: Mapped[ArticleRow] = relationship(back_populates="events")


class QuoteRow(Base):
    """A quote and its speaker."""

    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    speaker: Mapped[str] = mapped_column(Text)
    speaker_name_en: Mapped[str | None] = mapped_column(String(200))
    speaker_role: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    direct: Mapped[bool] = mapped_column(Boolean)
    cue: Mapped[str | None] = mapped_column(String(100))
    channel: Mapped[str | None] = mapped_column(String(100))
    quote_json: Mapped[str] = mapped_column(Text)


class EntityRow(Base):
    """A named entity with its offsets into the article text."""

    __tablename__ = "entities"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(8), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class PlaceRow(Base):
    """A place mention and, when resolved, its gazetteer record."""

    __tablename__ = "places"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name_ar: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    geonames_id: Mapped[int | None] = mapped_column(Integer, index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(100))
    admin2: Mapped[str | None] = mapped_column(String(100))
    feature_code: Mapped[str | None] = mapped_column(String(10))


class ApiTokenRow(Base):
    """An API write token, kept only as a salted scrypt hash (see `marsad.store._tokens`)."""

    __tablename__ = "api_tokens"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


# -- Added by migration 0003: the run journal and the state of polled feeds. -----------------


class RunRow(Base):
    """One `marsad ingest` or `marsad watch` run: what it was asked, how far it got, its counts.

    A run killed mid-way stays "running" with no `finished_at`; the next run over the same
    inputs says it resumes it, and finishes the work (stored articles are skipped by hash).
    """

    __tablename__ = "runs"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), index=True)
    engine: Mapped[str] = mapped_column(String(16))
    inputs: Mapped[str] = mapped_column(Text)
    resumes: Mapped[int | None] = mapped_column(Integer)
    read: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    foreign: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)


class RunItemRow(Base):
    """What became of one input (a file, a line, a record, a feed entry) in a run."""

    __tablename__ = "run_items"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_pk: Mapped[int] = mapped_column(ForeignKey("runs.pk", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String(200))
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    # stored, duplicate, foreign (stored, not in Arabic), error
    status: Mapped[str] = mapped_column(String(16), index=True)
    message: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class FeedRow(Base):
    """A polled RSS/Atom feed: the validators of its last answer, for conditional GET."""

    __tablename__ = "feeds"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_status: Mapped[str | None] = mapped_column(Text)
