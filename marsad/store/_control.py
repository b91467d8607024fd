"""Territorial control over time, from the events that change who holds a place.

ACLED codes a change of hands as one of three sub-event types, always with the actor
that takes the place as actor 1: "Government regains territory", "Non-state actor
overtakes territory" and "Non-violent transfer of territory". Replaying them in date
order gives, for each place, who holds it from which day: the holder on a day is the
actor 1 of the latest change on or before that day. Places no event ever changed are
unknown, not "held by nobody", so they are simply absent.

A place is its GeoNames id when the event was geocoded to one, else its English (or
Arabic) name within its governorate, so two events at "Al Atarib" meet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ..schema import Event
from ..text.normalize import fold

TERRITORY_SUB_EVENTS = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
)


@dataclass(frozen=True)
class ControlChange:
    """One change of hands: on `date`, `holder` took `place` (from `previous` when known)."""

    place: str
    name_en: str | None
    name_ar: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int
    date: dt.date
    event_date: dt.date
    holder_en: str | None
    holder_ar: str | None
    side: str | None
    previous_en: str | None
    previous_side: str | None
    sub_event_type: str
    event_id: str
    article: str

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["event_date"] = self.event_date.isoformat()
        return data


def place_key(event: Event) -> str | None:
    """Return the key that identifies the event's place across events, or None when it has no name."""
    loc = event.location
    if loc.geonames_id is not None:
        return f"geonames:{loc.geonames_id}"
    name = loc.name_en or loc.name_ar or loc.text
    if not name:
        return None
    return f"name:{fold(name).lower().strip()}|{(loc.admin1 or '').lower()}"


def change_of(event: Event, article_sha256: str) -> ControlChange | None:
    """Return the change of hands an event records, or None when it records none."""
    if event.sub_event_type not in TERRITORY_SUB_EVENTS or event.status == "denied":
        return None
    key = place_key(event)
    if key is None:
        return None
    loc, taker, loser = event.location, event.actor1, event.actor2
    return ControlChange(
        place=key, name_en=loc.name_en, name_ar=loc.name_ar or loc.text, admin1=loc.admin1, lat=loc.lat,
        lon=loc.lon, geo_precision=loc.geo_precision, date=event.date_end or event.event_date,
        event_date=event.event_date,
        holder_en=taker.name_en if taker else None, holder_ar=taker.name_ar if taker else None,
        side=taker.side if taker else None, previous_en=loser.name_en if loser else None,
        previous_side=loser.side if loser else None, sub_event_type=event.sub_event_type, event_id=event.id,
        article=article_sha256)


def timeline(changes: Iterable[ControlChange]) -> list[ControlChange]:
    """Return the changes in the order they happened.

    A change is known from `date` (the last day of its event); between two changes known
    the same day, the one whose event started later is taken to have come later, since a
    report of a range ("between Tuesday and Thursday") is vaguer than one of a day.
    """
    return sorted(changes, key=lambda c: (c.date, c.event_date, c.place, c.event_id))


def control_at(changes: Iterable[ControlChange], day: dt.date | None = None) -> list[ControlChange]:
    """Return, for each place, the latest change on or before `day` (all changes when None).

    Ties are broken as in `timeline`, then by event id, so the answer does not depend on
    the order the events were stored in.
    """
    holders: dict[str, ControlChange] = {}
    for change in timeline(changes):
        if day is not None and change.date > day:
            break
        holders[change.place] = change
    return sorted(holders.values(), key=lambda c: (c.admin1 or "", c.name_en or c.name_ar or ""))
