"""The output schema `marsad.article/1`, defined once.

Everything marsad writes about an article — on stdout, in the store, through later
APIs — is an `ArticleOutput`. The JSON Schema in `schema/marsad.article-1.schema.json`
is generated from these models (`marsad schema`), and a test keeps the two in step.

Field names follow ACLED (event_type, sub_event_type, geo_precision, time_precision,
inter codes) and GeoNames (geonames_id, feature_code, admin1, admin2).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "marsad.article/1"

EntityLabel = Literal["PER", "ORG", "LOC", "FAC"]
EventStatus = Literal["reported", "claimed", "denied"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleMeta(_Model):
    """Where the report came from."""

    id: str
    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    language: str = "ar"
    sha256: str = Field(description="SHA-256 of the article text, hex")


class Entity(_Model):
    """A named entity; start/end are character offsets into the original text."""

    text: str
    label: EntityLabel
    start: int
    end: int


class Place(_Model):
    """A place mention and, when resolved, its gazetteer record."""

    text: str
    start: int
    end: int
    name_ar: str | None = None
    name_en: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None


class Actor(_Model):
    """An ACLED actor: names and inter code (1 state forces ... 8 external/other forces)."""

    name_ar: str | None = None
    name_en: str | None = None
    inter: int | None = Field(default=None, ge=0, le=8)
    side: str | None = Field(default=None, description="government, opposition, islamic-state, kurdish, ...")


class Location(_Model):
    """Where an event happened, with ACLED's geo_precision (1 town, 2 part of region, 3 region)."""

    name_ar: str | None = None
    name_en: str | None = None
    text: str | None = Field(default=None, description="the place as the text names it")
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = Field(default=None, description="sub-district (OCHA admin3), when an imported gazetteer gives it")
    geo_precision: int = Field(ge=1, le=3)
    relation: str | None = Field(default=None, description="relative phrase, e.g. 'northern countryside of'")


class Evidence(_Model):
    """A span of the original text that supports an event."""

    start: int
    end: int
    text: str
    article: str | None = Field(default=None, description="the article's id, when evidence from several is merged")


class Plover(_Model):
    """The event in PLOVER terms (POLECAT), for users of that ontology."""

    type: str = Field(description="PLOVER event type: FIGHT, ASSAULT, PROTEST, SEIZE, AGREE, COERCE, ...")
    mode: str | None = Field(default=None, description="PLOVER mode where the text shows it: aerial, artillery, ...")


class Event(_Model):
    """One event as ACLED counts them: one place, one day (or a stated range), one sub-event type."""

    id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date
    date_end: dt.date | None = None
    time_precision: int = Field(ge=1, le=3, description="1 day, 2 week/range, 3 month")
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location
    fatalities: int | None = None
    reported_by: list[str] = Field(default_factory=list)
    claimed_by: list[str] = Field(default_factory=list)
    status: EventStatus = "reported"
    evidence: list[Evidence]
    notes: str
    confidence: float = Field(ge=0, le=1)
    plover: Plover | None = None


class Speaker(_Model):
    """Who is quoted, as the text names them."""

    text: str
    name_ar: str | None = None
    name_en: str | None = None
    role: str | None = None


class Quote(_Model):
    """Direct or reported speech with its speaker, cue verb and channel."""

    speaker: Speaker
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    channel: str | None = None


class ArticleOutput(_Model):
    """Everything marsad extracts from one article."""

    schema_: Literal["marsad.article/1"] = Field(default=SCHEMA_ID, alias="schema")
    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        """Return the JSON-ready dict, with `schema` as the first key."""
        return self.model_dump(mode="json", by_alias=True)


def json_schema() -> dict:
    """Return the published JSON Schema of marsad.article/1."""
    schema = ArticleOutput.model_json_schema(by_alias=True)
    schema["$id"] = "https://marsad.example/schema/marsad.article-1.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
