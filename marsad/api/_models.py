"""The API's request and response bodies (OpenAPI is generated from these).

Events, quotes and article metadata are marsad.article/1's own models; these only wrap
them with where they came from and with paging.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from ..schema import ArticleMeta, ArticleOutput, Event, Quote

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of results: `total` of them match, these are `offset` .. `offset + len(items)`."""

    total: int
    offset: int
    limit: int
    items: list[T]


class ArticleRef(BaseModel):
    """The article an event or quote was read in."""

    id: str
    sha256: str | None = None
    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


class EventOut(BaseModel):
    """A stored event with its article."""

    event: Event
    article: ArticleRef


class QuoteOut(BaseModel):
    """A quote with its article."""

    quote: Quote
    article: ArticleRef


class ArticleDetail(BaseModel):
    """An article: metadata, text (offsets of every span point into it), and everything extracted."""

    article: ArticleMeta
    text: str
    ingested_at: dt.datetime
    output: ArticleOutput


class ArticleIn(BaseModel):
    """A report to read and store. Without `id`, the first 16 hex digits of the text's SHA-256."""

    text: str = Field(min_length=1, max_length=500_000)
    id: str | None = Field(default=None, max_length=200)
    title: str | None = None
    source: str | None = Field(default=None, max_length=200)
    published: dt.date | None = Field(default=None, description="publication day; resolves 'yesterday'")
    url: str | None = None


class IngestResult(BaseModel):
    """What POST /articles did: `stored` is False when the same text was already stored."""

    stored: bool
    sha256: str
    events: int
    article: ArticleDetail


class ActorOut(BaseModel):
    """An actor of stored events and how many events name it."""

    name_en: str | None
    name_ar: str | None
    inter: int | None
    side: str | None
    events: int


class PlaceOut(BaseModel):
    """A resolved place the articles mention."""

    geonames_id: int | None
    name_en: str | None
    name_ar: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str | None
    mentions: int
    articles: int


class ControlOut(BaseModel):
    """Who holds a place since when, from the latest change of hands on or before the asked day."""

    place: str
    name_en: str | None
    name_ar: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int
    date: dt.date = Field(description="the day the change is known by (last day of its event)")
    event_date: dt.date
    holder_en: str | None
    holder_ar: str | None
    side: str | None
    previous_en: str | None
    previous_side: str | None
    sub_event_type: str
    event_id: str
    article: str


class ControlAnswer(BaseModel):
    """Control on `date` (None: as of the latest change), and every change up to then when asked."""

    date: dt.date | None
    places: list[ControlOut]
    changes: list[ControlOut] | None = None


class DeskConfig(BaseModel):
    """What the web UI needs to know before it asks anything else."""

    private: bool
    tile_url: str | None
    tile_attribution: str | None
    version: str
    first_day: dt.date | None
    last_day: dt.date | None
    events: int
    articles: int
