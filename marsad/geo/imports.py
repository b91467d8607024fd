"""Readers for the gazetteers a user imports: GeoNames dumps, OCHA COD tables, OpenSyria.

Each reader turns one published format into `ImportedPlace` records and nothing else;
what a record means for marsad's gazetteer (a new village, or more names for a town it
already knows) is decided in conflate.py. Formats:

* **GeoNames** country or ``allCountries`` dumps (``SY.zip``/``SY.txt``: 19 tab-separated
  columns, https://download.geonames.org/export/dump/readme.txt) and the matching
  ``alternateNamesV2`` file (``alternatenames/SY.zip``), whose ``ar`` rows give the
  Arabic names.
* **OCHA common operational datasets** as CSV: the COD-AB admin tables
  (``adm{N}_name`` English, ``adm{N}_name1`` Arabic, ``adm{N}_pcode``, centre points),
  the ``admincapitals`` table (the point of each unit's seat town), neighbourhoods,
  and populated-places tables with P-codes and coordinates.
* **OpenSyria** geography JSON (governorates, districts, sub-districts, localities) with
  Arabic aliases and GeoNames/OCHA ids.

Every error names the file and, where there is one, the line.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .._exceptions import GazetteerError
from .variants import has_arabic, is_arabic_name

GEONAMES_COLUMNS = 19
ALTERNATE_COLUMNS = (8, 10)  # alternateNames (old) and alternateNamesV2
# GeoNames feature codes outside class P worth a conflict coder's while; the rest
# (wells, farms, wadis, hotels...) are mostly noise that collides with village names.
FEATURE_CODES = frozenset({
    "AIRP", "AIRB", "AIRF", "AIRH", "DAM", "PRN", "MILB", "INSM", "CMP", "CMPRF", "BDG", "BDGQ",
    "PSTB", "BCHS", "MT", "MTS", "HLL", "HLLS", "PK", "MSQE", "CH", "HSP", "UNIV", "STDM",
    "PO", "PRT", "OILF", "GASF", "OILR", "PS", "RSTN", "CSTL", "RUIN", "ANS", "ISL", "PLN",
    "PASS", "RDJCT", "CRRL", "BSTN",
})
ADMIN_LEVELS = {"PCLI": "country", "ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}


class GazetteerImportError(GazetteerError):
    """An import file that cannot be read, with the file (and line) named."""


@dataclass
class ImportedPlace:
    """One record of an imported gazetteer, in marsad's terms but not yet merged."""

    source: str  # "geonames", "ocha", "opensyria"
    source_id: str  # geonameid, P-code, or the dataset's own id
    level: str  # country, admin1, admin2, admin3, populated, neighbourhood, feature
    name_en: str
    country_code: str
    ar_names: list[str] = field(default_factory=list)
    en_names: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    population: int = 0
    geonames_id: int | None = None
    pcode: str | None = None
    admin1_code: str | None = None  # GeoNames "SY.12" or OCHA "SY05"
    admin2_code: str | None = None
    admin3_code: str | None = None
    town_ar: str | None = None  # a neighbourhood's town, by Arabic name
    seat_point: bool = False  # lat/lon is the seat town's point, not an area's centre

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ImportedPlace:
        return cls(**json.loads(text))


# -- opening files --------------------------------------------------------------------

def _open_text(path: Path, member_hint: str | None = None) -> io.TextIOBase:
    """Open a .txt/.csv/.json, or the data member of a .zip, as UTF-8 text."""
    if not path.exists():
        raise GazetteerImportError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if not n.endswith("/") and "readme" not in n.lower()]
        if member_hint:
            names = [n for n in names if Path(n).name.lower() == member_hint.lower()] or names
        if not names:
            raise GazetteerImportError(f"{path}: the zip archive holds no data file")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8", errors="strict", newline="")
    with path.open("rb") as fh:
        head = fh.read(4096)
    if b"\x00" in head:
        raise GazetteerImportError(f"{path}: a binary file, not a gazetteer table")
    return path.open(encoding="utf-8", errors="strict", newline="")


def _lines(path: Path, member_hint: str | None = None) -> Iterator[tuple[int, str]]:
    try:
        with _open_text(path, member_hint) as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\r\n")
                if line and not line.startswith("#"):
                    yield n, line
    except UnicodeDecodeError as exc:
        raise GazetteerImportError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except zipfile.BadZipFile as exc:
        raise GazetteerImportError(f"{path}: a damaged zip archive ({exc})") from exc


def _float(value: str, path: Path, line: int, what: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        x = float(value)
    except ValueError:
        raise GazetteerImportError(f"{path}:{line}: {what} {value!r} is not a number") from None
    return x


def _check_point(lat: float | None, lon: float | None, path: Path, line: int) -> None:
    if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
        raise GazetteerImportError(f"{path}:{line}: coordinates ({lat}, {lon}) are out of range")


def _arabic(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        n = n.strip()
        if n and is_arabic_name(n) and n not in out:
            out.append(n)
    return out


# -- GeoNames ---------------------------------------------------------------------------

def read_alternate_names(path: Path, languages: frozenset[str] = frozenset({"ar"})) -> dict[int, list[str]]:
    """Return geonameid -> names in `languages` from an alternateNames(V2) file (historic names left out)."""
    out: dict[int, list[str]] = {}
    for n, line in _lines(path):
        cols = line.split("\t")
        if len(cols) not in ALTERNATE_COLUMNS:
            raise GazetteerImportError(
                f"{path}:{n}: {len(cols)} columns; an alternateNames file has 8 or 10 (is this the right file?)")
        if cols[2] not in languages or (len(cols) > 7 and cols[7] == "1"):
            continue
        if not cols[1].isdigit():
            raise GazetteerImportError(f"{path}:{n}: geonameid {cols[1]!r} is not a number")
        names = out.setdefault(int(cols[1]), [])
        if cols[4] == "1":  # the preferred name first
            names.insert(0, cols[3])
        else:
            names.append(cols[3])
    return out


def read_geonames(path: Path, alternate: dict[int, list[str]] | None = None) -> Iterator[ImportedPlace]:
    """Yield the places of a GeoNames dump (country file or allCountries, .txt or .zip).

    Populated places are kept whatever their names; admin units of levels 1-3 and the
    countries too; other features only with a code in `FEATURE_CODES` and an Arabic name
    (a nameless hill is no use to an Arabic reader).
    """
    alternate = alternate or {}
    hint = None if path.suffix.lower() != ".zip" else f"{path.stem}.txt"
    for n, line in _lines(path, hint):
        cols = line.split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            raise GazetteerImportError(
                f"{path}:{n}: {len(cols)} columns; a GeoNames dump has {GEONAMES_COLUMNS} (is this the right file?)")
        gid_s, name, ascii_name, alt, lat_s, lon_s, fclass, fcode, cc = cols[:9]
        if not gid_s.isdigit():
            raise GazetteerImportError(f"{path}:{n}: geonameid {gid_s!r} is not a number")
        gid = int(gid_s)
        lat, lon = _float(lat_s, path, n, "latitude"), _float(lon_s, path, n, "longitude")
        _check_point(lat, lon, path, n)
        if fclass == "P":
            level = "populated"
        elif fclass == "A" and fcode in ADMIN_LEVELS:
            level = ADMIN_LEVELS[fcode]
        elif fcode in FEATURE_CODES:
            level = "feature"
        else:
            continue
        ar = _arabic(alternate.get(gid, []) + [a for a in alt.split(",") if has_arabic(a)])
        if level == "feature" and not ar:
            continue
        en = [x for x in {name, ascii_name} if x]
        pop = cols[14].strip()
        a1, a2, a3 = cols[10].strip(), cols[11].strip(), cols[12].strip()
        yield ImportedPlace(
            source="geonames", source_id=gid_s, level=level, name_en=ascii_name or name, country_code=cc,
            ar_names=ar, en_names=en, lat=lat, lon=lon, feature_code=fcode or None,
            population=int(pop) if pop.isdigit() else 0, geonames_id=gid,
            admin1_code=f"{cc}.{a1}" if a1 else None,
            admin2_code=f"{cc}.{a1}.{a2}" if a1 and a2 else None,
            admin3_code=f"{cc}.{a1}.{a2}.{a3}" if a1 and a2 and a3 else None)


# -- OCHA COD tables --------------------------------------------------------------------

def _pick(row: dict[str, str], *names: str) -> str:
    for name in names:
        value = row.get(name)
        if value and value.strip() and not value.startswith("*"):
            return value.strip()
    return ""


def _ocha_level(fields: list[str]) -> int | None:
    levels = [int(m.group(1)) for f in fields if (m := re.fullmatch(r"adm(?:in)?(\d)_?pcode", f, re.IGNORECASE))]
    return max(levels) if levels else None


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    fh = _open_text(path)
    try:
        reader = csv.DictReader(fh)
        fields = [f.strip() for f in (reader.fieldnames or [])]
    except (UnicodeDecodeError, csv.Error) as exc:
        fh.close()
        raise GazetteerImportError(f"{path}: not a UTF-8 CSV table ({exc})") from exc
    if not fields:
        fh.close()
        raise GazetteerImportError(f"{path}: an empty table (no header line)")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            with fh:
                for row in reader:
                    yield reader.line_num, {k.strip(): (v or "") for k, v in row.items() if k}
        except (UnicodeDecodeError, csv.Error) as exc:
            raise GazetteerImportError(f"{path}:{reader.line_num}: unreadable CSV ({exc})") from exc
    return fields, rows()


def _ocha_table(path: Path) -> Iterator[ImportedPlace]:
    """Yield the records of one OCHA CSV table, whatever level it holds."""
    fields, rows = _csv_rows(path)
    lower = {f.lower() for f in fields}
    if "adm_p_lvl" in lower:  # admincapitals: seat points, merged into their units by read_ocha
        for n, row in rows:
            level = _pick(row, "adm_p_lvl")
            code = _pick(row, f"adm{level}_pcode") if level.isdigit() else ""
            lat, lon = _float(_pick(row, "y_coord"), path, n, "y_coord"), _float(_pick(row, "x_coord"), path, n, "x_coord")
            _check_point(lat, lon, path, n)
            if code and lat is not None and lon is not None:
                yield ImportedPlace(source="ocha", source_id=code, level="seat", name_en=_pick(row, "name"),
                                    country_code=code[:2], lat=lat, lon=lon, pcode=code, seat_point=True)
        return
    if "neighborho" in lower or "neighbourhood" in lower:
        for n, row in rows:
            code = _pick(row, "neighbor_2", "neighbourhood_pcode")
            ar = _pick(row, "neighbor_1", "neighbourhood_ar")
            town = _pick(row, "adm4_pcode")
            if not (code and ar):
                continue
            yield ImportedPlace(
                source="ocha", source_id=f"{town}-{code}", level="neighbourhood",
                name_en=_pick(row, "neighborho", "neighbourhood") or code, country_code=_pick(row, "adm0_pcode")[:2] or "SY",
                ar_names=_arabic([ar]), pcode=f"{town}-{code}", admin1_code=_pick(row, "adm1_pcode") or None,
                admin2_code=_pick(row, "adm2_pcode") or None, admin3_code=_pick(row, "adm3_pcode") or None,
                town_ar=_pick(row, "adm4_ar") or None)
        return
    level = _ocha_level(fields)
    if level is None:
        raise GazetteerImportError(f"{path}: no adm<N>_pcode column; not an OCHA COD table")
    kind = {0: "country", 1: "admin1", 2: "admin2", 3: "admin3"}.get(level, "populated")
    for n, row in rows:
        p = f"adm{level}_"
        code = _pick(row, p + "pcode", f"admin{level}Pcode")
        if not code:
            raise GazetteerImportError(f"{path}:{n}: the row has no {p}pcode")
        lat = _float(_pick(row, "center_lat", "latitude", "lat", "y_coord"), path, n, "latitude")
        lon = _float(_pick(row, "center_lon", "longitude", "lon", "long", "x_coord"), path, n, "longitude")
        _check_point(lat, lon, path, n)
        ar = _arabic([_pick(row, p + "name1", p + "ar", f"admin{level}Name_ar")]
                     + [row.get(p + k, "") for k in ("name2", "name3") if has_arabic(row.get(p + k, ""))])
        en = _pick(row, p + "name", p + "en", f"admin{level}Name_en") or code
        yield ImportedPlace(
            source="ocha", source_id=code, level=kind, name_en=en, country_code=(_pick(row, "iso2") or code[:2]).upper(),
            ar_names=ar, en_names=[x for x in {en, _pick(row, p + "ref_n")} if x], lat=lat, lon=lon, pcode=code,
            seat_point=kind == "populated",
            admin1_code=_pick(row, "adm1_pcode") or None if level > 1 else None,
            admin2_code=_pick(row, "adm2_pcode") or None if level > 2 else None,
            admin3_code=_pick(row, "adm3_pcode") or None if level > 3 else None)


OCHA_TABLES = ("admin0", "admin1", "admin2", "admin3", "admin4", "pplp", "populated", "neighborhoods",
               "neighbourhoods", "admincapitals")


def read_ocha(path: Path) -> Iterator[ImportedPlace]:
    """Yield the records of an OCHA COD CSV table, or of every known table in a folder.

    Seat points (``admincapitals``) are not records of their own: they move the unit
    they belong to from its area's centre to its seat town.
    """
    if path.is_dir() and not any(path.glob("*.csv")) and (path / "derived_csv").is_dir():
        path = path / "derived_csv"  # the layout of a COD-AB download with its tables dumped to CSV
    if path.is_dir():
        files = sorted(f for f in path.glob("*.csv") if any(t in f.stem.lower() for t in OCHA_TABLES))
        if not files:
            raise GazetteerImportError(f"{path}: no OCHA COD CSV tables (syr_admin1.csv, ...) in this folder")
    else:
        files = [path]
    seats: dict[str, ImportedPlace] = {}
    units: list[ImportedPlace] = []
    for f in files:
        for rec in _ocha_table(f):
            if rec.level == "seat":
                seats[rec.source_id] = rec
            else:
                units.append(rec)
    for rec in units:
        seat = seats.get(rec.pcode or "")
        if seat is not None:
            rec.lat, rec.lon, rec.seat_point = seat.lat, seat.lon, True
        yield rec


# -- OpenSyria ---------------------------------------------------------------------------

_OPENSYRIA_FILES = {"governorates": "admin1", "districts": "admin2", "subdistricts": "admin3",
                    "localities": "populated"}


def read_opensyria(path: Path) -> Iterator[ImportedPlace]:
    """Yield the records of OpenSyria geography JSON (one file, or the data folder)."""
    if path.is_dir():
        folder = path / "data" if (path / "data").is_dir() else path
        files = [folder / f"{stem}.json" for stem in _OPENSYRIA_FILES if (folder / f"{stem}.json").exists()]
        if not files:
            raise GazetteerImportError(f"{path}: no OpenSyria files (governorates.json, ...) in this folder")
    else:
        files = [path]
    for f in files:
        try:
            with _open_text(f) as fh:
                data = json.load(fh)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise GazetteerImportError(f"{f}: not a JSON document ({exc})") from exc
        if not isinstance(data, list):
            raise GazetteerImportError(f"{f}: expected a JSON array of places")
        level = _OPENSYRIA_FILES.get(f.stem)
        for i, rec in enumerate(data):
            if not isinstance(rec, dict) or not isinstance(rec.get("name"), dict):
                raise GazetteerImportError(f"{f}: item {i} has no name object")
            lvl = level or ("admin3" if rec.get("districtId") else "admin2" if rec.get("governorateId") else "admin1")
            ids = rec.get("externalIds") or {}
            cen = rec.get("centroid") or {}
            aliases = [a.get("value", "") for a in rec.get("aliases") or () if isinstance(a, dict)]
            ar = _arabic([rec["name"].get("ar") or ""] + [a for a in aliases if has_arabic(a)])
            en = [x for x in [rec["name"].get("en") or ""] + [a for a in aliases if a and not has_arabic(a)] if x]
            pop = (rec.get("population") or {}).get("value") if isinstance(rec.get("population"), dict) else None
            gid = str(ids.get("geonames") or "")
            lat, lon = cen.get("latitude"), cen.get("longitude")
            _check_point(lat, lon, f, i)
            yield ImportedPlace(
                source="opensyria", source_id=str(rec.get("id") or i), level=lvl,
                name_en=(rec["name"].get("en") or (en[0] if en else str(rec.get("id")))), country_code="SY",
                ar_names=ar, en_names=en, lat=lat, lon=lon, population=int(pop or 0),
                geonames_id=int(gid) if gid.isdigit() else None, pcode=ids.get("ochaPcode") or None)


FORMATS = {"geonames": read_geonames, "ocha": read_ocha, "opensyria": read_opensyria}


def sniff_format(path: Path) -> str:
    """Guess the format of an import file or folder from its name and first line."""
    name = path.name.lower()
    if path.is_dir():
        if (path / "data" / "governorates.json").exists() or (path / "governorates.json").exists():
            return "opensyria"
        if any(path.glob("*.csv")):
            return "ocha"
        if any(path.glob("derived_csv/*.csv")):
            return "ocha"
        raise GazetteerImportError(f"{path}: cannot tell the format of this folder (use --format)")
    if name.endswith(".json"):
        return "opensyria"
    if name.endswith(".csv"):
        return "ocha"
    if name.startswith("alternatenames") or "alternatenames" in str(path.parent).lower():
        return "alternatenames"
    if name.endswith((".zip", ".txt")):
        return "geonames"
    raise GazetteerImportError(f"{path}: cannot tell the format of this file (use --format)")
