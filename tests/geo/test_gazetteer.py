"""The gazetteer built from installed packages, its cache and the name-level API."""

from __future__ import annotations

import time

from marsad.geo.gazetteer import MemoryGazetteer, load_or_build
from marsad.geo.resolve import resolve_name
from marsad.geo.variants import ascii_fold, is_arabic_name, name_variants, strip_head
from marsad.geo.words import place_words


def test_syrian_governorates_carry_acled_spellings(gazetteer):
    expected = {"دمشق": "Damascus", "ريف دمشق": "Rural Damascus", "السويداء": "As-Sweida",
                "دير الزور": "Deir ez-Zor", "الرقة": "Ar-Raqqa", "الحسكة": "Al-Hasakeh", "طرطوس": "Tartus"}
    for ar, en in expected.items():
        unit = gazetteer.admin1(ar, "SY")
        assert unit is not None and unit.name_en == en and unit.level == "admin1", ar
        assert unit.lat is not None  # located at its seat


def test_admin1_by_english_name_and_admin1_of(gazetteer):
    unit = gazetteer.admin1("Rural Damascus")
    assert unit.key == "adm1:SY-RD"
    town = resolve_name("جرمانا", gazetteer=gazetteer)
    assert town.admin1 == "Rural Damascus" and gazetteer.admin1_of(town).key == "adm1:SY-RD"


def test_turkish_provinces_are_ascii_folded(gazetteer):
    kilis = resolve_name("كيليس", gazetteer=gazetteer)
    assert kilis.country == "Turkey" and kilis.admin1 == "Kilis"
    urfa = resolve_name("شانلي أورفا", gazetteer=gazetteer)
    assert urfa.admin1 == "Sanliurfa"


def test_countries_sit_at_their_capital(gazetteer):
    syria = gazetteer.country("SY")
    damascus = resolve_name("دمشق", gazetteer=gazetteer)
    assert syria.name_ar == "سوريا" and (syria.lat, syria.lon) == (damascus.lat, damascus.lon)
    assert damascus.feature_code == "PPLC"


def test_resolve_name_prefers_the_city_and_follows_context(gazetteer):
    assert resolve_name("حماة", gazetteer=gazetteer).level == "populated"
    assert resolve_name("صوران", context_admin1="Aleppo", gazetteer=gazetteer).admin1 == "Aleppo"
    assert resolve_name("صوران", context_admin1="حماة", gazetteer=gazetteer).admin1 == "Hama"
    assert resolve_name("Homs", gazetteer=gazetteer).admin1 == "Homs"
    assert resolve_name("مكان لا وجود له", gazetteer=gazetteer) is None


def test_variants():
    prefixes = place_words().name_prefixes
    assert "كفرنبل" in name_variants("كفر نبل", prefixes)
    assert "تل كلخ" in name_variants("تلكلخ", prefixes)
    assert strip_head("محافظة حماة", place_words().alias_heads) == "حماة"
    assert strip_head("منطقة مركز حماة", place_words().alias_heads) == "حماة"
    assert ascii_fold("Şanlıurfa") == "Sanliurfa"
    assert is_arabic_name("إدلب") and not is_arabic_name("دهۆک") and not is_arabic_name("Idlib")


def test_cache_round_trip_is_fast(tmp_path):
    path = tmp_path / "gaz.pickle"
    built = load_or_build(path)
    assert path.exists() and isinstance(built, MemoryGazetteer)
    t0 = time.perf_counter()
    loaded = load_or_build(path)
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0
    assert loaded.entries.keys() == built.entries.keys()
    assert loaded.lookup("حلب")[0].key == built.lookup("حلب")[0].key


def test_a_corrupt_cache_is_rebuilt(tmp_path):
    path = tmp_path / "gaz.pickle"
    path.write_bytes(b"not a pickle")
    gaz = load_or_build(path)
    assert gaz.country("IQ").name_en == "Iraq"


def test_english_transliterations_meet(gazetteer):
    from marsad.geo.variants import english_skeleton

    same = [("Kafr Nabl", "Kfar Nabel"), ("Tell Abyad", "Tal Abiad"), ("Deir ez-Zor", "Dayr az Zawr"),
            ("Jisr al-Shughur", "Jisr ash Shughour"), ("Maarat al-Numan", "Ma'arrat an Nu'man"),
            ("Kafranbel", "Kfar Nabel"), ("Ras al-Ain", "Ras al Ayn")]
    for a, b in same:
        assert english_skeleton(a) == english_skeleton(b), (a, b)
    assert english_skeleton("Homs") != english_skeleton("Hama")
    assert [e.key for e in gazetteer.lookup("Kfar Nabel")] == [e.key for e in gazetteer.lookup("Kafranbel")]
    assert any(e.level == "populated" and e.admin1 == "Ar-Raqqa" for e in gazetteer.lookup("Tal Abiad"))
