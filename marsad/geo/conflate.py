"""Merge imported gazetteer records into the bundled one: one record per real place.

The same town arrives from several sources — cities500, a GeoNames dump, an OCHA
sub-district named after it, OpenSyria's alias list — and must stay one entry, or
the resolver would see namesakes where there is one place. The rules, in order:

* same GeoNames id, or same OCHA P-code: the same place; its names are added and
  missing fields (P-code, sub-district, population) filled in;
* admin units: a governorate or district with the same Arabic name in the same
  parent is the same unit;
* a sub-district (OCHA admin3, a *nahiya*) is named after its seat town: it is kept
  as that town — a populated place at the seat point (OCHA's ``admincapitals``), or
  at the unit's centre when no seat point is known — unless a town of that name
  already lies within `SAME_TOWN_KM`, which then gains the P-code;
* an imported populated place with the name of a known one within `NEAR_KM` is that
  one (OCHA and GeoNames villages overlap);
* a neighbourhood is located at its town (as ACLED codes it), named "Town - Quarter";
* anything else is a new entry, keyed ``gn:<id>`` for GeoNames, ``ocha:<pcode>``
  for OCHA and OpenSyria units, ``<source>:<id>`` otherwise.

Places without any Arabic name are skipped: an Arabic reader can never match them.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from ..annotations import GazetteerEntry
from .gazetteer import MemoryGazetteer
from .imports import ImportedPlace
from .sources import km
from .variants import english_key, name_variants, strip_head
from .words import PlaceWords, place_words

SAME_TOWN_KM = 25.0  # a sub-district's centre may lie this far from its seat town
NEAR_KM = 5.0  # two sources' points for one village
DISTRICT_REACH_KM = 60.0


_EN_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|ad|az|an|adh|ath)\s+")


def _bare_en(name: str) -> str:
    """English key without the Arabic article ("Al Fiq" -> "fiq") or a generic suffix."""
    key = _EN_ARTICLE.sub("", english_key(name))
    return re.sub(r"\s+(district|subdistrict|governorate|nahiya)$", "", key)


class Conflator:
    """Add `ImportedPlace` records to a MemoryGazetteer; see the module docstring."""

    def __init__(self, gaz: MemoryGazetteer, words: PlaceWords | None = None):
        self.gaz = gaz
        self.words = words or place_words()
        self.by_gid: dict[int, str] = {}
        self.by_pcode: dict[str, str] = {}
        for e in gaz.entries.values():
            if e.geonames_id is not None:
                self.by_gid.setdefault(e.geonames_id, e.key)
            if e.pcode:
                self.by_pcode.setdefault(e.pcode, e.key)
        self.stats: Counter = Counter()
        self._districts: dict[tuple[str, str | None], list[GazetteerEntry]] | None = None  # built on first use

    # -- names ----------------------------------------------------------------------
    def _variants(self, names: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for n in names:
            bare = strip_head(n, self.words.alias_heads) or n
            out |= name_variants(bare, self.words.name_prefixes)
        return out

    def _named(self, variants: set[str], level: str, cc: str, admin1: str | None = None) -> list[GazetteerEntry]:
        found: dict[str, GazetteerEntry] = {}
        for v in variants:
            for e in self.gaz.lookup(v):
                if e.level == level and e.country_code == cc and (admin1 is None or e.admin1 == admin1):
                    found[e.key] = e
        return list(found.values())

    # -- units ----------------------------------------------------------------------
    def _unit(self, code: str | None) -> GazetteerEntry | None:
        """Return the admin entry of a GeoNames admin code ("SY.12") or an OCHA P-code ("SY05")."""
        if not code:
            return None
        key = self.gaz.admin_codes.get(code) or self.by_pcode.get(code)
        return self.gaz.get(key) if key else None

    def _parents(self, rec: ImportedPlace) -> tuple[GazetteerEntry | None, GazetteerEntry | None]:
        a1, a2 = rec.admin1_code, rec.admin2_code
        if rec.pcode and rec.pcode[:2].isalpha() and rec.pcode[2:4].isdigit():  # OCHA: SY aa bb cc
            a1 = a1 or rec.pcode[:4]
            a2 = a2 or (rec.pcode[:6] if len(rec.pcode) >= 8 else None)
        return self._unit(a1), self._unit(a2)

    def _nearest_district(self, cc: str, admin1: str | None, lat: float, lon: float) -> str | None:
        """Return the district whose seat is nearest (a Voronoi approximation of its borders)."""
        if self._districts is None:
            self._districts = {}
            for e in self.gaz.entries.values():
                if e.level == "admin2" and e.lat is not None:
                    self._districts.setdefault((e.country_code, e.admin1), []).append(e)
        best, best_km = None, DISTRICT_REACH_KM
        for e in self._districts.get((cc, admin1), ()):
            d = km(lat, lon, e.lat, e.lon)
            if d < best_km:
                best, best_km = e.admin2, d
        return best

    # -- writing --------------------------------------------------------------------
    def _enrich(self, key: str, rec: ImportedPlace, variants: set[str], move: bool = False) -> None:
        e = self.gaz.entries[key]
        changes: dict = {"pcode": e.pcode or rec.pcode,
                         "population": e.population or rec.population,
                         "geonames_id": e.geonames_id or rec.geonames_id,
                         "name_ar": e.name_ar or (rec.ar_names[0] if rec.ar_names else None)}
        if rec.level == "admin3":
            changes["admin3"] = e.admin3 or rec.name_en
        if e.level == "populated" and e.admin2 is None:
            _, parent2 = self._parents(rec)
            changes["admin2"] = parent2.admin2 if parent2 else None
        if move or e.lat is None:
            changes.update(lat=rec.lat if rec.lat is not None else e.lat, lon=rec.lon if rec.lon is not None else e.lon)
        new = dataclasses.replace(e, **changes)
        self.gaz.add(new, variants, set(rec.en_names))
        self._remember(new)
        self.stats["enriched"] += 1

    def _remember(self, e: GazetteerEntry) -> None:
        if e.geonames_id is not None:
            self.by_gid.setdefault(e.geonames_id, e.key)
        if e.pcode:
            self.by_pcode.setdefault(e.pcode, e.key)

    def _new(self, rec: ImportedPlace, variants: set[str], **fields) -> str:
        key = (f"gn:{rec.geonames_id}" if rec.source == "geonames" and rec.geonames_id
               else f"ocha:{rec.pcode}" if rec.pcode else f"{rec.source}:{rec.source_id}")
        country = self.gaz.country(rec.country_code)
        entry = GazetteerEntry(
            key=key, name_ar=rec.ar_names[0] if rec.ar_names else None, name_en=rec.name_en,
            lat=rec.lat, lon=rec.lon, country=country.name_en if country else rec.country_code,
            country_code=rec.country_code, geonames_id=rec.geonames_id, population=rec.population,
            pcode=rec.pcode, source=rec.source, **fields)
        self.gaz.add(entry, variants, set(rec.en_names))
        self._remember(entry)
        if entry.level == "admin2":
            self._districts = None
        self.stats["added"] += 1
        return key

    # -- one record -----------------------------------------------------------------
    def add(self, rec: ImportedPlace) -> None:
        variants = self._variants(rec.ar_names)
        known = self.by_gid.get(rec.geonames_id) if rec.geonames_id else None
        known = known or (self.by_pcode.get(rec.pcode) if rec.pcode else None)
        if rec.level == "country":
            known = known or (f"country:{rec.country_code}" if self.gaz.country(rec.country_code) else None)
        if rec.level in ("country", "admin1", "admin2"):
            self._unit_record(rec, variants, known)
        elif rec.level == "admin3":  # the unit's population is not its seat town's
            self._seat_record(dataclasses.replace(rec, population=0), variants, known)
        elif rec.level == "neighbourhood":
            self._quarter_record(rec, variants)
        elif not variants:
            self.stats["skipped (no Arabic name)"] += 1
        elif known:
            self._enrich(known, rec, variants)
        else:
            self._place_record(rec, variants)

    def _unit_record(self, rec: ImportedPlace, variants: set[str], known: str | None) -> None:
        parent1, _ = self._parents(rec)
        if known is None and rec.level == "admin1":
            found = self._named(variants, "admin1", rec.country_code)
            known = found[0].key if len(found) == 1 else None
        if known is None and rec.level == "admin2" and parent1 is not None:
            found = self._named(variants, "admin2", rec.country_code, parent1.admin1)
            if not found:  # Arabic spellings differ ("فيق" / "الزوية"): the English name, article aside
                wanted = {_bare_en(n) for n in rec.en_names + [rec.name_en]}
                found = [e for e in self.gaz.entries.values() if e.level == "admin2" and e.country_code ==
                         rec.country_code and e.admin1 == parent1.admin1 and _bare_en(e.name_en) in wanted]
            known = found[0].key if len({e.key for e in found}) == 1 else None
        if known is not None:
            self._enrich(known, rec, variants)
            if rec.source == "geonames" and rec.admin2_code and rec.level == "admin2":
                self.gaz.admin_codes.setdefault(rec.admin2_code, known)
            return
        if rec.level != "admin2" or parent1 is None or not variants:
            self.stats["skipped (unit without a parent)"] += 1
            return
        seats = self._named(variants, "populated", rec.country_code, parent1.admin1)
        seat = max(seats, key=lambda e: e.population, default=None)
        if seat is not None:
            rec = dataclasses.replace(rec, lat=seat.lat, lon=seat.lon)
        key = self._new(rec, variants, level="admin2", admin1=parent1.admin1, admin2=rec.name_en, feature_code="ADM2")
        if rec.source == "geonames" and rec.admin2_code:
            self.gaz.admin_codes[rec.admin2_code] = key

    def _seat_record(self, rec: ImportedPlace, variants: set[str], known: str | None) -> None:
        parent1, parent2 = self._parents(rec)
        if known is not None:
            self._enrich(known, rec, variants, move=rec.seat_point and self.gaz.entries[known].source != "geonames")
            return
        if parent1 is None or not variants:
            self.stats["skipped (unit without a parent)"] += 1
            return
        towns = self._named(variants, "populated", rec.country_code, parent1.admin1)
        if rec.lat is not None and (rec.seat_point or len(towns) > 1):
            # a seat point is the town itself; an area's centre may lie far from its seat
            # (desert sub-districts), so it only picks among namesakes
            reach = NEAR_KM * 3 if rec.seat_point else SAME_TOWN_KM
            towns = [t for t in towns if t.lat is not None and km(rec.lat, rec.lon, t.lat, t.lon) <= reach]
        if towns:
            self._enrich(max(towns, key=lambda t: t.population).key, rec, variants)
            return
        if not rec.seat_point:  # only the unit's centre is known: no town point to offer
            self.stats["skipped (sub-district without a seat point)"] += 1
            return
        self._new(rec, variants, level="populated", admin1=parent1.admin1,
                  admin2=parent2.admin2 if parent2 else None, admin3=rec.name_en, feature_code="PPLA3")

    def _place_record(self, rec: ImportedPlace, variants: set[str]) -> None:
        parent1, parent2 = self._parents(rec)
        admin1 = parent1.admin1 if parent1 else None
        if rec.source != "geonames" and rec.lat is not None:  # the same village from another source?
            near = [t for t in self._named(variants, "populated", rec.country_code, admin1)
                    if t.lat is not None and km(rec.lat, rec.lon, t.lat, t.lon) <= NEAR_KM]
            if near:
                self._enrich(near[0].key, rec, variants)
                return
        admin2 = parent2.admin2 if parent2 else None
        if admin2 is None and rec.lat is not None and rec.level == "populated":
            admin2 = self._nearest_district(rec.country_code, admin1, rec.lat, rec.lon)
        self._new(rec, variants, level=rec.level, admin1=admin1, admin2=admin2,
                  feature_code=rec.feature_code or ("PPL" if rec.level == "populated" else None))

    def _quarter_record(self, rec: ImportedPlace, variants: set[str]) -> None:
        parent1, _ = self._parents(rec)
        towns = self._named(self._variants([rec.town_ar or ""]), "populated", rec.country_code,
                            parent1.admin1 if parent1 else None)
        town = max(towns, key=lambda t: t.population, default=None)
        if town is None or not variants:
            self.stats["skipped (neighbourhood of an unknown town)"] += 1
            return
        rec = dataclasses.replace(rec, lat=town.lat, lon=town.lon, name_en=f"{town.name_en} - {rec.name_en}")
        self._new(rec, variants, level="populated", admin1=town.admin1, admin2=town.admin2, feature_code="PPLX",
                  within=town.key)


def merge(gaz: MemoryGazetteer, records: Iterable[ImportedPlace], words: PlaceWords | None = None) -> Counter:
    """Merge `records` (coarse levels first) into `gaz`; return counts of what happened."""
    c = Conflator(gaz, words)
    for rec in records:
        c.add(rec)
    return c.stats
