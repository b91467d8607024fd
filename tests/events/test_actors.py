"""Tests of the actor catalogue (marsad/data/actors.yaml) and the marsad_actors component."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from marsad.annotations import ArticleRecord
from marsad.events.actors import CATALOGUE_PATH, actor_country, actor_for_side, load_catalogue, lookup_actor
from marsad.pipeline import build_pipeline, make_doc
from marsad.text.normalize import fold

BEFORE = dt.date(2016, 3, 10)  # the regime's war
AFTER = dt.date(2025, 3, 10)  # the transitional government
ARABIC = re.compile(r"[\u0621-\u064a]")


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(["marsad_actors"])


def actors(nlp, text: str, published: dt.date | None = BEFORE):
    doc = make_doc(nlp, ArticleRecord(id="t", text=text, published=published))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.actors


def ids(mentions) -> list[str]:
    return [m.actor.id for m in mentions]


# ---------------------------------------------------------------- the catalogue as data

@pytest.fixture(scope="module")
def raw():
    with open(CATALOGUE_PATH, encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_every_entry_is_complete(raw):
    seen = set()
    for spec in raw["actors"]:
        assert spec["id"] not in seen, spec["id"]
        seen.add(spec["id"])
        assert spec["name_en"].strip(), spec["id"]
        assert 0 <= spec["inter"] <= 8, spec["id"]
        # inter 0 is only for entries that are not conflict parties
        if spec["inter"] == 0:
            assert spec["kind"] in {"media", "organisation", "party", "state-body", "person"}, spec["id"]
        assert spec["kind"] in {"armed", "state-body", "media", "organisation", "party", "person",
                                "civilians", "protesters"}, spec["id"]
        aliases = [a["ar"] if isinstance(a, dict) else a for a in spec["aliases"]]
        assert aliases and all(ARABIC.search(a) for a in aliases), spec["id"]
        if "member_of" in spec:
            assert spec["member_of"] in {s["id"] for s in raw["actors"]}, spec["id"]
    assert len(seen) >= 100


def test_inter_codes_follow_acled_for_key_actors():
    cat = load_catalogue()
    assert cat.entries["sy-regime-forces"].actor.inter == 1
    assert cat.entries["sy-hts"].actor.inter == 2
    assert cat.entries["ru-forces"].actor.inter == 8
    assert cat.entries["sy-civilians"].actor.inter == 7
    assert cat.entries["sy-protesters"].actor.inter == 6
    assert cat.entries["sy-sohr"].actor.kind == "media"


def test_no_alias_names_two_actors_of_one_country_at_once():
    # Shared aliases are deliberate only across countries ("الجيش", "المدنيين") or
    # periods ("قوات النظام" before and after 8 December 2024).
    assert load_catalogue().conflicts() == []


def test_known_words_are_stems_not_clitic_forms():
    words = load_catalogue().known_words()
    assert {fold(w) for w in ("قوات", "فصائل", "النظام", "داعش", "قسد")} <= words
    assert "للنظام" not in words  # ل + النظام, split as the tokenizer splits text


# ---------------------------------------------------------------- the component

def test_clitic_forms_are_found(nlp):
    text = "وقصفت وقوات النظام مواقع لفصائل المعارضة، ثم أغار عليها بالطيران الروسي."
    found = actors(nlp, text)
    assert [(m.text, m.actor.id) for m in found] == [
        ("قوات النظام", "sy-regime-forces"),
        ("فصائل المعارضة", "sy-opposition"),
        ("الطيران الروسي", "ru-forces"),
    ]


def test_offsets_are_slices_of_the_original_text(nlp):
    text = "اشتبكت قوّات النظـام مع «جيش الإسلام» وعناصر تنظيم داعش قرب لواء الفرسان الأحرار."
    found = actors(nlp, text)
    assert found, "expected mentions"
    for m in found:
        assert text[m.start:m.end] == m.text
    assert found[0].text == "قوّات النظـام"
    assert "جيش الإسلام" in [m.text for m in found]


def test_longest_alias_wins(nlp):
    found = actors(nlp, "شن الطيران الحربي الروسي غارات، بينما ألقى الطيران الحربي براميل على البلدة.")
    assert ids(found)[:2] == ["ru-forces", "sy-regime-forces"]
    assert found[0].text == "الطيران الحربي الروسي"
    found = actors(nlp, "وتوغل جيش الاحتلال الإسرائيلي في القرية، ثم انسحب الجيش السوري الحر منها.")
    assert ids(found) == ["il-forces", "sy-fsa"]


def test_nationality_adjective_and_owner_forms(nlp):
    found = actors(nlp, "قالت وزارة الدفاع التركية إن طائرات روسية ومدفعية النظام قصفت مواقع.")
    assert ids(found) == ["tr-forces", "ru-forces", "sy-regime-forces"]


def test_same_alias_before_and_after_december_2024(nlp):
    text = "هاجمت قوات النظام حاجزاً للجيش السوري."
    before, after = actors(nlp, text, BEFORE), actors(nlp, text, AFTER)
    assert ids(before) == ["sy-regime-forces", "sy-regime-forces"]
    assert ids(after) == ["sy-regime-remnants", "sy-gov-forces-2024"]
    assert after[1].actor.side == "government" and after[0].actor.side != "government"


def test_renamed_group_follows_the_publication_date():
    assert lookup_actor("جبهة النصرة", dt.date(2015, 6, 1)).id == "sy-nusra"
    assert lookup_actor("جبهة النصرة", dt.date(2016, 10, 1)).id == "sy-jfs"
    assert lookup_actor("جبهة النصرة", dt.date(2019, 6, 1)).id == "sy-hts"
    assert lookup_actor("هيئة تحرير الشام", dt.date(2015, 6, 1)).id == "sy-hts"  # only entry: nearest


def test_titles_name_a_person_only_in_office():
    assert lookup_actor("الرئيس السوري", dt.date(2015, 6, 1)).id == "p-bashar-assad"
    assert lookup_actor("الرئيس السوري", dt.date(2024, 12, 20)) is None
    assert lookup_actor("الرئيس السوري", AFTER).id == "p-ahmed-sharaa-president"
    assert lookup_actor("الرئيس الأمريكي", dt.date(2015, 6, 1)).id == "p-obama"


def test_no_date_prefers_the_most_recent(nlp):
    assert ids(actors(nlp, "تقدمت قوات النظام نحو التلال.", None)) == ["sy-regime-remnants"]
    assert lookup_actor("جبهة النصرة").id == "sy-hts"


def test_unknown_faction_is_kept_as_text(nlp):
    text = "أعلن لواء المعتصم بالله وكتائب «أبو حمزة الشامي» السيطرة على التلة."
    found = actors(nlp, text)
    assert [m.text for m in found] == ["لواء المعتصم", "كتائب «أبو حمزة الشامي»"]
    for m in found:
        assert m.actor.id.startswith("text:") and m.actor.side == "unknown" and m.actor.kind == "armed"
        assert m.actor.name_ar == m.text
    assert found[0].actor.id == "text:لواء المعتصم"


def test_descriptions_and_people_are_not_group_names(nlp):
    found = actors(nlp, "انسحبت القوات المتقدمة وقال اللواء سمير إن الحركة الاحتجاجية توسعت.")
    assert found == []


def test_foreign_army_is_not_the_articles_army(nlp):
    found = actors(nlp, "قال الجيش الليبي إن الجيش سيرد.")
    assert [(m.text, m.actor.id) for m in found] == [("الجيش الليبي", "text:الجيش الليبي"),
                                                   ("الجيش", "sy-regime-forces")]
    assert found[0].actor.inter == 1


def test_shared_alias_follows_the_articles_country(nlp):
    text = "انتشر الجيش اللبناني في البلدة بعد أن قتل مدنيين، ودعم الجيش الأهالي."
    found = actors(nlp, text, AFTER)
    assert ids(found) == ["lb-forces", "lb-civilians", "lb-forces", "lb-civilians"]
    yemen = actors(nlp, "أعلن الحوثيون أن طيران التحالف قصف صنعاء.", dt.date(2015, 9, 1))
    assert ids(yemen) == ["ye-houthis", "ye-arab-coalition"]
    syria = actors(nlp, "قصف طيران التحالف مواقع داعش في الرقة.", dt.date(2015, 9, 1))
    assert ids(syria) == ["int-coalition", "sy-is"]


def test_anaphor_takes_the_last_named_group(nlp):
    found = actors(nlp, "هاجم تنظيم داعش القرية، وقال التنظيم إنه سيطر عليها.")
    assert ids(found) == ["sy-is", "sy-is"]
    assert found[1].text == "التنظيم"
    assert actors(nlp, "وقال التنظيم إنه سيطر على القرية.") == []


def test_not_actor_phrases_block_a_shorter_alias(nlp):
    assert ids(actors(nlp, "اجتمع مجلس الأمن القومي التركي أمس.")) == []
    assert ids(actors(nlp, "اجتمع مجلس الأمن الدولي أمس.")) == ["int-unsc"]


def test_lookup_actor_reads_clitics_and_variants():
    assert lookup_actor("للنظام السوري", BEFORE) is None  # not an alias by itself
    assert lookup_actor("قوات سوريا الديمقراطية").id == "sy-sdf"
    assert lookup_actor("قوات سورية الديموقراطية").id == "sy-sdf"  # spelling variants
    assert lookup_actor("مليشيات حزب الله").id == "lb-hezbollah"
    assert lookup_actor("القوات الموالية للنظام", BEFORE).id == "sy-regime-forces"
    assert lookup_actor("لا أحد") is None


def test_actor_for_side_gives_the_generic_actor_of_the_date():
    assert actor_for_side("government", on=BEFORE).name_en == "Military Forces of Syria (2000-2024)"
    assert actor_for_side("government", on=AFTER).name_en == "Military Forces of Syria (2024-)"
    assert actor_for_side("government").name_en == "Military Forces of Syria (2024-)"
    assert actor_for_side("opposition", on=BEFORE).id == "sy-opposition"
    assert actor_for_side("us", on=dt.date(2018, 5, 1)).name_en == "Military Forces of the United States (2017-2021)"
    assert actor_for_side("civilians", "Lebanon").name_en == "Civilians (Lebanon)"
    assert actor_for_side("government", "Iraq").id == "iq-forces"
    assert actor_for_side("government", "Lebanon").name_en == "Lebanese Armed Forces"
    assert actor_for_side("no-such-side").id == "sy-unidentified"


def test_actor_country_is_the_home_country():
    assert actor_country(lookup_actor("الجيش التركي")) == "Turkey"
    assert actor_country(lookup_actor("الأمم المتحدة")) is None


def test_means_that_imply_the_regime_stop_with_it(nlp):
    text = "قصف الطيران الحربي مواقع قرب البلدة."
    assert ids(actors(nlp, text, BEFORE)) == ["sy-regime-forces"]
    assert actors(nlp, text, AFTER) == []  # no air force is implied after the regime fell
    iraq = actors(nlp, "قال الجيش العراقي إن الطيران الحربي دمر أهدافا.", BEFORE)
    assert ids(iraq) == ["iq-forces", "iq-forces"]


def test_a_party_is_not_the_army_its_name_looks_like(nlp):
    found = actors(nlp, "قال رئيس حزب القوات اللبنانية إن الجيش يحمي الحدود.")
    assert ids(found) == ["lb-lebanese-forces", "lb-forces"]


def test_the_built_catalogue_is_cached_and_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    from marsad.events import actor_catalogue as ac

    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    ac.load_catalogue.cache_clear()
    try:
        built = ac.load_catalogue()
        cached_files = list(tmp_path.glob("actors-*.pickle"))
        assert len(cached_files) == 1
        ac.load_catalogue.cache_clear()
        loaded = ac.load_catalogue()
        assert loaded is not built and set(loaded.entries) == set(built.entries)
        assert loaded.key("هيئة تحرير الشام") == built.key("هيئة تحرير الشام")
        cached_files[0].write_bytes(b"not a pickle")
        ac.load_catalogue.cache_clear()
        assert set(ac.load_catalogue().entries) == set(built.entries)  # rebuilt, and written again
        assert cached_files[0].read_bytes() != b"not a pickle"
    finally:
        ac.load_catalogue.cache_clear()
