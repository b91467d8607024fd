"""Where an event is placed: a PlaceMention turned into an ACLED location."""

from __future__ import annotations

import unicodedata

from ..annotations import PlaceMention
from ..schema import Location
from ..text.normalize import fold, strip_article
from ..text.translit import romanize


def location_key(p: PlaceMention) -> tuple:
    """Return a key under which two mentions count as the same place (ACLED: one event per place)."""
    if p.entry is not None and p.relation is None:
        return ("entry", p.entry.within or p.entry.key)  # a known neighbourhood is its town's
    if is_neighbourhood(p):
        return ("entry", p.area.key)  # coded at its city, like the city's own events
    area = p.area.key if p.area is not None else (p.entry.key if p.entry is not None else None)
    if p.entry is None:
        return ("name", strip_article(fold(p.text.replace(" ", ""))), area)
    return ("area", area, p.relation)


def ascii_name(name: str | None) -> str | None:
    """Return a GeoNames name the way ACLED writes it, without diacritics ("Ḩamāh" -> "Hamah")."""
    if not name:
        return name
    name = name.replace("‘", "'").replace("’", "'").replace("ʿ", "'").replace("ʾ", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


_URBAN_NOUNS = {"حي", "احياء", "حيي", "شارع", "ساحه", "دوار", "سوق", "حاجز"}  # coded at their town


def is_neighbourhood(p: PlaceMention) -> bool:
    """True for a named part of a resolved city ("حي نزال وسط مدينة الفلوجة")."""
    return (p.entry is None and p.area is not None and p.area.level == "populated"
            and fold(p.trigger_word or "") in _URBAN_NOUNS)


def location_of(p: PlaceMention) -> Location:
    """Return the event location for a place mention, with ACLED's geo_precision.

    A neighbourhood is coded at its city (ACLED: precision 1, the neighbourhood kept in
    `text`); a village the gazetteer lacks keeps its own name at its area's point.
    """
    loc = p.located
    assert loc is not None
    if is_neighbourhood(p):
        return Location(name_ar=loc.name_ar, name_en=ascii_name(loc.name_en), text=p.text, geonames_id=loc.geonames_id,
                        lat=loc.lat, lon=loc.lon, country=loc.country, admin1=loc.admin1, admin2=loc.admin2,
                        admin3=loc.admin3,
                        geo_precision=1, relation=f"neighbourhood of {loc.name_en}")
    named_here = p.entry is not None and p.relation is None
    precision = p.geo_precision
    if loc.level in ("country",) and not named_here:
        precision = 3
    elif loc.level == "admin1" and p.relation is None and named_here:
        precision = 3
    if p.entry is None:  # a place no gazetteer holds: its own name, romanised, at its area's point
        name_en = romanize(p.name or p.text)
    else:  # the place itself, or the place a relative phrase ("ريف حماة الشمالي") is located at
        name_en = ascii_name(loc.name_en)
    return Location(
        name_ar=(loc.name_ar if named_here else p.text),
        name_en=name_en,
        text=p.text,
        geonames_id=loc.geonames_id if p.entry is not None else None,
        lat=loc.lat, lon=loc.lon, country=loc.country, admin1=loc.admin1, admin2=loc.admin2, admin3=loc.admin3,
        geo_precision=precision, relation=p.relation)
