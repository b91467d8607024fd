"""Imported gazetteers: GeoNames dumps, OCHA CODs, OpenSyria; the index; merging; downloads."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from marsad.geo.conflate import merge
from marsad.geo.gazetteer import MemoryGazetteer, build, reset_gazetteer
from marsad.geo.imports import (
    GazetteerImportError,
    read_alternate_names,
    read_geonames,
    read_ocha,
    read_opensyria,
    sniff_format,
)
from marsad.geo.index import ImportIndex
from marsad.pipeline import build_pipeline

FIXTURE = Path(__file__).parent / "data" / "geonames"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "datasets"
OCHA = SHARED / "syria_ocha_cod_ab"
OPENSYRIA = SHARED / "opensyria_geography"
needs_shared = pytest.mark.skipif(not OCHA.exists() or not OPENSYRIA.exists(), reason="../shared/datasets absent")


def _fixture_records():
    return list(read_geonames(FIXTURE / "SY.txt", read_alternate_names(FIXTURE / "alternatenames" / "SY.txt")))


# -- readers ----------------------------------------------------------------------------

def test_geonames_reader_takes_arabic_names_from_alternate_names():
    recs = {r.geonames_id: r for r in _fixture_records()}
    assert recs[99000001].ar_names == ["أرزة"] and recs[99000001].level == "populated"
    assert recs[99000001].admin1_code == "SY.10" and recs[99000001].admin2_code == "SY.10.170016"
    assert "شرعايا القديمة" not in recs[99000004].ar_names  # a historic name is left out
    assert recs[99000008].level == "feature" and recs[99000008].feature_code == "MT"
    assert 99000010 not in recs  # a wadi (WAD) is not among the features worth keeping


def test_geonames_reader_reads_zip_archives(tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "about this file\n")
        zf.write(FIXTURE / "SY.txt", "SY.txt")
    assert len(list(read_geonames(archive))) == len(list(read_geonames(FIXTURE / "SY.txt")))
    assert sniff_format(archive) == "geonames"


@pytest.mark.parametrize("content, reason", [
    ("1\tonly\tthree columns\n", "columns"),
    ("x" + "\tx" * 18 + "\n", "geonameid"),
    ("1\tA\tA\t\t95.0\t36.0\tP\tPPL" + "\t" * 11 + "\n", "out of range"),
])
def test_geonames_reader_names_file_line_and_reason(tmp_path, content, reason):
    bad = tmp_path / "SY.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerImportError, match=reason) as err:
        list(read_geonames(bad))
    assert f"{bad}:1" in str(err.value)


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(GazetteerImportError, match="binary"):
        list(read_geonames(binary))
    latin = tmp_path / "y.txt"
    latin.write_bytes("1\tHam\xe1h".encode("latin-1"))
    with pytest.raises(GazetteerImportError, match="not UTF-8"):
        list(read_geonames(latin))


def test_ocha_table_without_pcodes_is_refused(tmp_path):
    table = tmp_path / "places.csv"
    table.write_text("name,lat,lon\nX,35,36\n", encoding="utf-8")
    with pytest.raises(GazetteerImportError, match="no adm<N>_pcode column"):
        list(read_ocha(table))


@needs_shared
def test_ocha_sub_districts_move_to_their_seat_points():
    recs = [r for r in read_ocha(OCHA) if r.level == "admin3"]
    assert len(recs) == 272
    seats = [r for r in recs if r.seat_point]
    assert len(seats) >= 200  # admincapitals gives most seats a town point
    assert all(r.ar_names and r.pcode and r.pcode.startswith("SY") for r in recs)


@needs_shared
def test_opensyria_reader_keeps_aliases_and_ids():
    recs = list(read_opensyria(OPENSYRIA))
    levels = {r.level for r in recs}
    assert levels == {"admin1", "admin2", "admin3"}
    assert sum(1 for r in recs if r.level == "admin3") == 272
    assert sum(1 for r in recs if r.pcode) >= 340 and sum(1 for r in recs if len(r.ar_names) > 1) > 100


# -- the index ------------------------------------------------------------------------------

def test_index_replaces_a_source_and_survives_a_failed_import(tmp_path):
    index = ImportIndex(tmp_path / "g.sqlite")
    n = index.replace_source("geonames:SY", "geonames", [], _fixture_records())
    assert n == index.replace_source("geonames:SY", "geonames", [], _fixture_records())  # replaced, not doubled
    assert len(list(index.records())) == n
    before, fingerprint = (tmp_path / "g.sqlite").read_bytes(), index.fingerprint()

    def broken():
        yield from _fixture_records()[:3]
        raise GazetteerImportError("SY.txt:4: a damaged row")

    with pytest.raises(GazetteerImportError):
        index.replace_source("geonames:SY", "geonames", [], broken())
    assert (tmp_path / "g.sqlite").read_bytes() == before and index.fingerprint() == fingerprint
    assert not list(tmp_path.glob("*.tmp"))
    assert {r.geonames_id for r in index.search("ارزه")} == {99000001}  # folded-key lookup
    assert index.remove_source("geonames:SY") and list(index.records()) == []


# -- merging and resolving ------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled() -> MemoryGazetteer:
    from marsad.geo.gazetteer import load_or_build

    return load_or_build()


def _copy(gaz: MemoryGazetteer) -> MemoryGazetteer:
    import pickle

    return pickle.loads(pickle.dumps(gaz))


def test_known_geonames_id_is_enriched_not_duplicated(bundled):
    gaz = _copy(bundled)
    stats = merge(gaz, _fixture_records())
    assert stats["enriched"] == 1 and stats["added"] == 9
    hama = [e for e in gaz.lookup("حماه") if e.level == "populated"]
    assert [e.key for e in hama] == ["gn:170017"]
    arzeh = gaz.get("gn:99000001")
    assert arzeh.admin1 == "Hama" and arzeh.admin2 is not None and arzeh.name_ar == "أرزة"
    assert {e.key for e in gaz.lookup("كفر نبودة")} == {e.key for e in gaz.lookup("كفرنبودة")} == {"gn:99000007"}


@pytest.fixture
def imported_pipeline(tmp_path, monkeypatch):
    """A places pipeline whose gazetteer includes the GeoNames-format fixture."""
    index = ImportIndex(tmp_path / "imported.sqlite")
    index.replace_source("geonames:SY", "geonames", [], _fixture_records())
    monkeypatch.setenv("MARSAD_GAZETTEER", str(index.path))
    reset_gazetteer()
    yield build_pipeline(["marsad_sentences", "marsad_places"])
    reset_gazetteer()


def test_villages_resolve_to_points_once_a_dump_holds_them(imported_pipeline):
    text = ("أعلنت الفصائل السيطرة على قرى أرزة والشيحة وتل الشيحة وشرعايا وكفر ألطون في ريف حماة الشمالي، "
            "وقصفت الطائرات جبل زين العابدين.")
    doc = imported_pipeline(text)
    got = {m.text: m for m in doc._.places}
    for name in ("أرزة", "الشيحة", "تل الشيحة", "شرعايا", "كفر ألطون"):
        m = got[name]
        assert m.entry is not None and m.entry.key.startswith("gn:990") and m.geo_precision == 1, name
        assert m.located.admin1 == "Hama" and 35.0 < m.located.lat < 35.5, name
    assert got["الشيحة"].entry.key == "gn:99000002"  # not the Aleppo namesake
    assert got["جبل زين العابدين"].entry.feature_code == "MT"


def test_a_feature_needs_its_place_noun(imported_pipeline):
    doc = imported_pipeline("وصل وفد إلى حماة، وقال أحد أعضائه إن زين العابدين سيحضر الاجتماع.")
    assert all(m.entry is None or m.entry.level != "feature" for m in doc._.places)


def test_bundled_default_places_the_villages_at_their_governorate():
    reset_gazetteer()
    nlp = build_pipeline(["marsad_sentences", "marsad_places"])
    doc = nlp("أعلنت الفصائل السيطرة على قرى أرزة وشرعايا في ريف حماة الشمالي.")
    got = {m.text: m for m in doc._.places}
    for name in ("أرزة", "شرعايا"):
        assert got[name].entry is None and got[name].located.admin1 == "Hama" and got[name].geo_precision == 2


@needs_shared
def test_ocha_and_opensyria_merge_into_one_record_per_place(tmp_path):
    index = ImportIndex(tmp_path / "g.sqlite")
    index.replace_source("ocha", "ocha", [], read_ocha(OCHA))
    index.replace_source("opensyria", "opensyria", [], read_opensyria(OPENSYRIA))
    gaz = build(index.path)
    pcodes = {e.pcode for e in gaz.entries.values() if e.pcode}
    assert len({p for p in pcodes if len(p) == 8}) >= 265  # nearly every sub-district has its seat town
    assert all(len([e for e in gaz.entries.values() if e.pcode == p]) == 1 for p in pcodes)  # never twice
    for unit in ("SY05", "SY0501"):  # Hama governorate and district gain their P-codes
        assert unit in pcodes
    arima = [e for e in gaz.lookup("عريمة") if e.level == "populated"]
    assert len(arima) == 1 and arima[0].admin1 == "Aleppo" and arima[0].feature_code == "PPLA3"
    quarter = [e for e in gaz.lookup("أسد الدين") if e.feature_code == "PPLX"]
    assert quarter and quarter[0].admin1 == "Damascus" and quarter[0].name_en.startswith("Damascus - ")


# -- downloads ------------------------------------------------------------------------------

class _Site:
    """A local stand-in for download.geonames.org and HDX: real HTTP, counted requests."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits.append(self.path)
                body = site.files.get(self.path.split("?")[0])
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def _zip(member: str, path: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.write(path, member)
    return buf.getvalue()


@pytest.fixture
def site(tmp_path, monkeypatch):
    ocha_csv = ("adm3_name,adm3_name1,adm3_pcode,adm2_pcode,adm1_pcode,center_lat,center_lon\n"
                "Tall Test,تل التجربة,SY059901,SY0599,SY05,35.30,36.60\n").encode()
    files = {"/SY.zip": _zip("SY.txt", FIXTURE / "SY.txt"),
             "/alternatenames/SY.zip": _zip("SY.txt", FIXTURE / "alternatenames" / "SY.txt"),
             "/ocha/syr_admin3.csv": ocha_csv}
    s = _Site(files)
    s.files["/api/3/action/package_show"] = json.dumps({"result": {"resources": [
        {"format": "CSV", "url": f"{s.url}/ocha/syr_admin3.csv"},
        {"format": "SHP", "url": f"{s.url}/ocha/syr_admin.zip"}]}}).encode()
    monkeypatch.setenv("MARSAD_GEONAMES_URL", s.url)
    monkeypatch.setenv("MARSAD_HDX_URL", s.url)
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    yield s
    s.close()


def test_install_downloads_caches_and_imports(site, tmp_path):
    from marsad.geo.download import install

    index = ImportIndex(tmp_path / "g.sqlite")
    report = install("sy", index)
    assert report.errors == [] and report.imported["geonames:SY"] == 10 and report.imported["ocha:SY"] == 1
    assert "/api/3/action/package_show?id=cod-ab-syr" in site.hits and "/ocha/syr_admin.zip" not in site.hits  # CSV only
    cached = tmp_path / "cache" / "downloads" / "geonames" / "SY.zip"
    assert cached.with_name("SY.zip.sha256").read_text().strip() == index.sources()[0]["files"][0]["sha256"]
    hits = len(site.hits)
    install("SY", index)
    assert [h for h in site.hits[hits:] if not h.startswith("/api/")] == []  # checked copies are reused
    cached.write_bytes(b"tampered")
    install("SY", index, sources=("geonames",))
    assert "/SY.zip" in site.hits[hits:]  # a copy that no longer matches its checksum is fetched again


def test_install_reports_each_failing_source_and_keeps_the_rest(site, tmp_path):
    from marsad.geo.download import DownloadError, fetch, install

    del site.files["/api/3/action/package_show"]
    index = ImportIndex(tmp_path / "g.sqlite")
    report = install("SY", index)
    assert "geonames:SY" in report.imported and len(report.errors) == 1 and "HTTP 404" in report.errors[0]
    import httpx

    with httpx.Client() as client, pytest.raises(DownloadError, match="does not match the pinned"):
        fetch(f"{site.url}/SY.zip", tmp_path / "x.zip", client, sha256="0" * 64, refresh=True)
    assert not (tmp_path / "x.zip").exists()


def test_cli_import_info_search_and_geocode(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from marsad.cli.main import cli

    monkeypatch.setenv("MARSAD_GAZETTEER", str(tmp_path / "g.sqlite"))
    runner = CliRunner()
    res = runner.invoke(cli, ["gazetteer", "import", str(FIXTURE / "SY.txt"),
                              str(FIXTURE / "alternatenames" / "SY.txt")])
    assert res.exit_code == 0, res.output
    assert "10 places imported" in res.output and "added 9" in res.output
    res = runner.invoke(cli, ["gazetteer", "info", "--json"])
    info = json.loads(res.output)
    assert info["sources"][0]["label"] == "geonames:SY" and info["origins"]["geonames"] == 9
    res = runner.invoke(cli, ["gazetteer", "search", "شرعايا"])
    assert res.exit_code == 0 and "gn:99000004" in res.output
    reset_gazetteer()
    res = runner.invoke(cli, ["geocode", "--json", "سيطرت الفصائل على قرية شرعايا في ريف حماة الشمالي"])
    rows = [json.loads(line) for line in res.output.splitlines()]
    village = next(r for r in rows if r["text"] == "شرعايا")
    assert village["key"] == "gn:99000004" and village["admin1"] == "Hama" and village["geo_precision"] == 1
    bad = tmp_path / "broken.csv"
    bad.write_text("name\nx\n", encoding="utf-8")
    res = runner.invoke(cli, ["gazetteer", "import", str(bad)])
    assert res.exit_code != 0 and str(bad) in res.output and "no adm<N>_pcode column" in res.output
    reset_gazetteer()


SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed"


@pytest.mark.skipif(not SEED.is_dir(), reason="needs ../shared/corpus/seed")
@pytest.mark.parametrize("with_dump", [True, False])
def test_seed_villages_with_and_without_a_village_gazetteer(with_dump, tmp_path, monkeypatch):
    """Issue 5's acceptance: the seed's five villages are points in Hama once a dump holds
    them; with the bundled gazetteer alone each is still an event at Hama, precision 2."""
    from marsad.ingest import read_path
    from marsad.pipeline import default_pipeline, extract

    index = ImportIndex(tmp_path / "imported.sqlite")
    if with_dump:
        index.replace_source("geonames:SY", "geonames", [], _fixture_records())
    monkeypatch.setenv("MARSAD_GAZETTEER", str(index.path))
    reset_gazetteer()
    try:
        record = next(r for r in read_path(next(SEED.glob("000_*.txt"))) if not isinstance(r, Exception))
        out = extract(record, build_pipeline())
    finally:
        reset_gazetteer()
        default_pipeline.cache_clear()
    villages = {"أرزة", "الشيحة", "تل الشيحة", "شرعايا", "كفر ألطون"}
    found = {e.location.text: e.location for e in out.events if e.location.text in villages}
    assert set(found) == villages
    for loc in found.values():
        assert loc.admin1 == "Hama"
        if with_dump:
            assert loc.geo_precision == 1 and 35.0 < loc.lat < 35.5 and loc.geonames_id is not None
        else:
            assert loc.geo_precision == 2 and loc.geonames_id is None and loc.name_en  # romanised


@needs_shared
def test_a_sub_district_seat_carries_its_admin3_into_events_and_acled_rows(tmp_path, monkeypatch):
    import datetime as dt

    from marsad.annotations import ArticleRecord
    from marsad.pipeline import extract

    index = ImportIndex(tmp_path / "g.sqlite")
    index.replace_source("ocha", "ocha", [], read_ocha(OCHA))
    monkeypatch.setenv("MARSAD_GAZETTEER", str(index.path))
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    reset_gazetteer()
    try:
        text = "قصفت الطائرات الحربية أمس بلدة عريمة بريف حلب الشرقي، ما أدى إلى مقتل مدنيين."
        out = extract(ArticleRecord(id="t", text=text, published=dt.date(2024, 3, 2)), build_pipeline())
    finally:
        reset_gazetteer()
    loc = next(e.location for e in out.events if e.location.text == "عريمة")
    assert loc.admin3 == "A'rima" and loc.admin1 == "Aleppo" and loc.geo_precision == 1
