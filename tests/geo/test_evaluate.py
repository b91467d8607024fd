"""The toponym evaluation set (eval/toponyms/mentions.tsv) and its scorer (marsad.geo.evaluate)."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from marsad.annotations import GazetteerEntry, PlaceMention
from marsad.geo.evaluate import (
    COLUMNS,
    DEFAULT_CORPUS,
    DEFAULT_MENTIONS,
    KINDS,
    ArticleTexts,
    GoldMention,
    best_match,
    evaluate,
    read_mentions,
    score_mention,
    unlisted_outcome,
)

# What the rows may hold: the 14 governorates as the gazetteer writes them, a box around
# Syria and its neighbours (Tehran and Ankara included), OCHA P-codes of admin0..admin3.
SYRIAN_ADMIN1 = {"Aleppo", "Al-Hasakeh", "Ar-Raqqa", "As-Sweida", "Damascus", "Daraa", "Deir ez-Zor", "Hama",
                 "Homs", "Idlib", "Latakia", "Quneitra", "Rural Damascus", "Tartus"}
LAT_BOX, LON_BOX = (12.0, 45.0), (25.0, 63.0)
PCODE = re.compile(r"^SY(\d\d){0,3}$")
PROCLITICS = set("وبلفك")


@pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason="needs ../shared/corpus beside the repository")
def test_mentions_tsv_is_well_formed():
    header = DEFAULT_MENTIONS.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert tuple(header) == COLUMNS
    rows = read_mentions(DEFAULT_MENTIONS)  # raises on a bad kind, column count or number
    assert len(rows) >= 300
    assert len({(r.doc, r.start, r.end) for r in rows}) == len(rows), "duplicate rows"
    texts = ArticleTexts(DEFAULT_CORPUS)
    by_doc: dict[str, list[GoldMention]] = {}
    for r in rows:
        where = f"{r.doc} {r.start}-{r.end}"
        text = texts(r.doc)
        assert 0 <= r.start < r.end <= len(text), where
        span = text[r.start:r.end]
        assert span.strip() == span and span, f"{where}: span {span!r} is empty or padded"
        # a whole word, or a word after its proclitics (و ب ل ف ك): "لدمشق", "وبحماة"
        ws = r.start
        while ws > 0 and re.match(r"\w", text[ws - 1]):
            ws -= 1
        assert set(text[ws:r.start]) <= PROCLITICS, f"{where}: span starts inside a word"
        assert r.end == len(text) or not re.match(r"\w", text[r.end]), f"{where}: span ends inside a word"
        assert r.kind in KINDS and r.note.strip(), where
        assert (r.lat is None) == (r.lon is None), f"{where}: half a point"
        if r.lat is not None:
            on_map = LAT_BOX[0] <= r.lat <= LAT_BOX[1] and LON_BOX[0] <= r.lon <= LON_BOX[1]
            assert on_map, f"{where}: point off the map"
        if r.pcode:
            assert PCODE.match(r.pcode), f"{where}: P-code {r.pcode}"
        if r.kind in ("admin1", "admin2", "admin3") and r.country == "Syria":
            assert r.pcode and len(r.pcode) == {"admin1": 4, "admin2": 6, "admin3": 8}[r.kind], where
        if r.country == "Syria" and r.admin1:
            assert r.admin1 in SYRIAN_ADMIN1, f"{where}: admin1 {r.admin1!r}"
        by_doc.setdefault(r.doc, []).append(r)
    for doc, doc_rows in by_doc.items():
        doc_rows.sort(key=lambda r: r.start)
        for a, b in itertools.pairwise(doc_rows):
            assert b.start >= a.end, f"{doc}: rows {a.start}-{a.end} and {b.start}-{b.end} overlap"
    kinds = {r.kind for r in rows}
    assert {"country", "admin1", "town", "neighbourhood", "feature", "relative", "unlisted"} <= kinds


# -- the scorer on mentions built by hand ------------------------------------------------

def _entry(key, level, admin1, lat, lon, gid=None, country="Syria") -> GazetteerEntry:
    return GazetteerEntry(key=key, name_ar=None, name_en=key, lat=lat, lon=lon, country=country,
                          country_code="SY", level=level, admin1=admin1, geonames_id=gid)


HAMA_CITY = _entry("gn:170017", "populated", "Hama", 35.13179, 36.75783, 170017)
HAMA_GOV = _entry("adm1:SY-HM", "admin1", "Hama", 35.13179, 36.75783, 170015)
RAWDA_TARTUS = _entry("gn:171501", "populated", "Tartus", 35.07204, 35.91375, 171501)
LATAKIA_GOV = _entry("adm1:SY-LA", "admin1", "Latakia", 35.53125, 35.79088, 173578)


def _gold(kind, gid=None, pcode=None, point=None, admin1=None, country="Syria", start=0, end=4) -> GoldMention:
    lat, lon = point or (None, None)
    return GoldMention(doc="t", start=start, end=end, kind=kind, geonames_id=gid, pcode=pcode, lat=lat, lon=lon,
                       admin1=admin1, country=country, note="test")


def _found(entry=None, area=None, relation=None, precision=1, start=0, end=4) -> PlaceMention:
    return PlaceMention(start=start, end=end, start_token=0, end_token=1, text="x" * (end - start), entry=entry,
                        area=area, relation=relation, geo_precision=precision)


def test_right_place_passes_every_check():
    g = _gold("town", gid=170017, point=(35.1318, 36.7578), admin1="Hama")
    res = score_mention(g, _found(HAMA_CITY), present=True)
    assert (res.exact, res.within_10km, res.admin1_ok, res.error) == (True, True, True, None)
    assert res.distance_km < 0.1


def test_city_for_governorate_is_wrong_level_but_right_admin1():
    res = score_mention(_gold("admin1", gid=170015, pcode="SY05", admin1="Hama"), _found(HAMA_CITY), present=True)
    assert res.exact is False and res.admin1_ok is True
    assert res.error == "wrong level"


def test_ocha_keys_match_by_whole_pcode():
    entry = _entry("ocha:SY070400", "admin3", "Idlib", 35.81, 36.31)
    assert score_mention(_gold("admin3", pcode="SY070400", admin1="Idlib"), _found(entry), True).exact is True
    district = _entry("ocha:SY0704", "admin2", "Idlib", 35.81, 36.31)
    # "SY0704" ends with "04" but is not the governorate SY04 (Homs)
    assert score_mention(_gold("admin1", pcode="SY04", admin1="Homs"), _found(district), True).exact is False


def test_namesake_in_another_governorate_is_a_confident_wrong_point():
    g = _gold("unlisted", admin1="Latakia")
    res = score_mention(g, _found(RAWDA_TARTUS, precision=1), present=False)
    assert res.admin1_ok is False and res.error == "wrong namesake"
    assert unlisted_outcome(res) == "confident wrong point"


def test_unlisted_village_at_its_governorate_is_the_right_area():
    g = _gold("unlisted", admin1="Latakia")
    res = score_mention(g, _found(area=LATAKIA_GOV, precision=2), present=False)
    assert res.ok and unlisted_outcome(res) == "right area"
    far = _gold("unlisted", admin1="Latakia", point=(35.786, 36.037))  # Rabia: 36 km from Latakia city
    res = score_mention(far, _found(area=LATAKIA_GOV, precision=2), present=False)
    assert res.within_10km is False and res.error == "not in gazetteer"


def test_relative_phrase_counts_its_area_and_country_rows_their_country():
    g = _gold("relative", gid=170015, pcode="SY05", admin1="Hama", end=16)
    m = _found(HAMA_CITY, area=HAMA_GOV, relation="northern countryside of", precision=2, end=16)
    assert score_mention(g, m, present=True).exact is True
    syria = _entry("country:SY", "country", None, 33.51, 36.29)
    assert score_mention(_gold("country", gid=163843), _found(syria), present=True).exact is True


def test_missed_and_best_overlap():
    assert score_mention(_gold("town", gid=1), None, present=True).error == "missed mention"
    short, long_ = _found(HAMA_CITY, start=10, end=14), _found(HAMA_GOV, start=5, end=14)
    g = _gold("relative", start=5, end=14)
    assert best_match(g, [short, long_]) is long_
    assert best_match(_gold("town", start=20, end=25), [short, long_]) is None


# -- the whole scorer on a text written for this test -----------------------------------

TEXT = ("قصفت قوات النظام مدينة حماة وقرية أرزة في ريف حماة الشمالي، "
        "وسقطت قذائف على حي الكلاسة في مدينة حلب، فيما دارت اشتباكات في الغوطة الشرقية.")


def _span(text: str, name: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(name, start + 1)
    return start, start + len(name)


def test_evaluate_reads_txt_and_jsonl_articles(tmp_path, nlp):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a1.txt").write_text(TEXT, encoding="utf-8")
    record = json.dumps({"id": "r7", "text": TEXT}, ensure_ascii=False)
    (tmp_path / "news" / "more.jsonl").write_text(record + "\n", encoding="utf-8")
    lines = ["\t".join(COLUMNS)]
    for doc in ("news/a1", "news/more.jsonl#r7"):
        rows = [("حماة", 1, "town", "170017", "", "35.13179", "36.75783", "Hama", "Hama city"),
                ("أرزة", 1, "unlisted", "", "", "", "", "Hama", "Arzeh, Hama"),
                ("ريف حماة الشمالي", 1, "relative", "170015", "SY05", "", "", "Hama", "northern Hama countryside"),
                ("الكلاسة", 1, "neighbourhood", "", "", "36.20124", "37.16117", "Aleppo", "al-Kallaseh, Aleppo"),
                ("حلب", 1, "town", "170063", "", "36.20124", "37.16117", "Aleppo", "Aleppo city")]
        for name, nth, kind, gid, pcode, lat, lon, admin1, note in rows:
            s, e = _span(TEXT, name, nth)
            lines.append("\t".join([doc, str(s), str(e), kind, gid, pcode, lat, lon, admin1, "Syria", note]))
    tsv = tmp_path / "mentions.tsv"
    tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = evaluate(tsv, tmp_path, nlp=nlp)
    summary = report.summary()
    assert summary["mentions"] == 10 and summary["articles"] == 2
    by_note = {}
    for r in report.results:
        by_note.setdefault(r.gold.note, []).append(r)
    for note in ("Hama city", "Aleppo city"):
        assert all(r.exact and r.within_10km and r.admin1_ok for r in by_note[note]), note
    assert all(r.exact for r in by_note["northern Hama countryside"])
    assert all(r.found is not None and r.admin1_ok for r in by_note["Arzeh, Hama"])
    # the same text twice: the same outcome for both copies
    assert [r.ok for r in report.results[:5]] == [r.ok for r in report.results[5:]]
    assert len(report.error_list()) == sum(not r.ok for r in report.results)
    assert summary["timing"]["system_mentions"] >= 10


def test_read_mentions_rejects_an_unknown_kind(tmp_path):
    tsv = tmp_path / "bad.tsv"
    row = ["d", "0", "3", "village", "", "", "", "", "", "", "x"]
    tsv.write_text("\t".join(COLUMNS) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        read_mentions(tsv)
