"""Areas of places the gazetteer lacks, and facility names; sentences written for these tests."""

from __future__ import annotations

import pytest


def named(mentions, text: str):
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0]


@pytest.fixture(autouse=True)
def _unknown_names(gazetteer):
    for name in ("المقبلة", "الزعرورة", "الفوعة", "كفريا", "العيشية"):
        assert not gazetteer.lookup(name), name


def test_an_explicit_container_beats_a_nearer_town(places):
    text = "قصفت المدفعية بلدتي المقبلة والزعرورة ومدينة بصرى الشام بريف درعا الشرقي."
    _, ms = places(text)
    for name in ("المقبلة", "الزعرورة"):
        m = named(ms, name)
        assert m.entry is None and m.geo_precision == 2
        assert m.area.level == "admin1" and m.area.admin1 == "Daraa", m.area
    assert named(ms, "بصرى الشام").entry.admin1 == "Daraa"


def test_a_town_joined_by_and_is_a_sibling_not_a_container(places):
    # no governorate anywhere: the towns of the sentence all lie in Daraa, so Daraa
    # governorate (not Busra's point) is the villages' area
    text = "سيطرت الفصائل على قرية المقبلة وبلدة بصرى الشام ومدينة درعا."
    _, ms = places(text)
    area = named(ms, "المقبلة").area
    assert area is not None and area.level == "admin1" and area.admin1 == "Daraa"


def test_a_neighbourhood_in_a_town(places):
    _, ms = places("قتل مدنيان في حي الزعرورة في مدينة حمص، بحسب ناشطين في ريف إدلب.")
    area = named(ms, "الزعرورة").area
    assert area.level == "populated" and area.admin1 == "Homs"


def test_a_neighbourhood_amid_a_town(places):
    _, ms = places("انفجرت سيارة مفخخة في حي الزعرورة وسط الفلوجة.")
    area = named(ms, "الزعرورة").area
    assert area.level == "populated" and area.name_en == "Al Fallūjah"


def test_near_a_town_is_a_container(places):
    _, ms = places("سيطرت القوات على قرية المقبلة القريبة من مدينة جسر الشغور، وقصفت ريف حلب.")
    area = named(ms, "المقبلة").area
    assert area.admin1 == "Idlib"


def test_the_governorate_of_the_previous_sentence(places):
    text = ("قصفت الطائرات الحربية ريف إدلب الجنوبي صباح اليوم.\n"
            "وقال ناشطون إن الغارات أصابت قرية المقبلة وأوقعت جرحى.")
    _, ms = places(text)
    m = named(ms, "المقبلة")
    assert m.area is not None and m.area.level == "admin1" and m.area.admin1 == "Idlib"
    assert m.geo_precision == 2


def test_two_governorates_in_context_give_no_area(places):
    text = ("قصفت الطائرات ريف إدلب الجنوبي وريف حماة الشمالي صباح اليوم.\n"
            "وقال ناشطون إن الغارات أصابت قرية المقبلة.")
    _, ms = places(text)
    assert named(ms, "المقبلة").area is None


def test_a_foreign_city_is_no_area_for_a_village_of_the_report(places):
    text = ("قالت وزارة الدفاع السورية إن وحداتها في ريف حلب وريف الرقة صدت الهجوم.\n"
            "وصرح مسؤول في أنقرة بأن المدفعية قصفت محيط جسر الزعرورة.")
    _, ms = places(text)
    m = next(m for m in ms if "الزعرورة" in m.text)
    assert m.located is None or m.located.country_code == "SY"


def test_one_name_one_area_within_a_report(places):
    text = ("وسقطت قذائف على قرية المقبلة ليلا.\n"
            "وكانت الاشتباكات قد اندلعت في ريف حلب وريف إدلب خلال الأسبوع.\n"
            "واستعادت القوات أمس قرية المقبلة في ريف حماة الشمالي.")
    _, ms = places(text)
    villages = [m for m in ms if m.text == "المقبلة"]
    assert len(villages) == 2 and all(m.area is not None and m.area.admin1 == "Hama" for m in villages)


def test_a_list_after_areas_in(places):
    _, ms = places("استأنفت الفصائل استهداف مناطق في الفوعة وكفريا بالقذائف.")
    assert {"الفوعة", "كفريا"} <= {m.text for m in ms}


def test_a_dam_keeps_its_noun_and_its_area(places):
    text = "سيطرت القوات على سد تشرين في ريف حلب الشرقي بعد معارك عنيفة."
    _, ms = places(text)
    dam = named(ms, "سد تشرين")
    assert dam.entry.key == "facility:tishrin-dam" and dam.located.admin1 == "Aleppo"
    assert text[dam.start:dam.end] == "سد تشرين"


def test_an_unknown_dam_keeps_its_noun_and_takes_its_area(places):
    text = "سيطرت القوات على سد الرصيف في ريف حلب الشرقي بعد معارك عنيفة."
    _, ms = places(text)
    dam = named(ms, "سد الرصيف")
    assert dam.entry is None and dam.area.admin1 == "Aleppo"


def test_an_airport_named_after_a_city_is_located_there(places):
    _, ms = places("هبطت الطائرة في مطار حمص مساء أمس.")
    airport = named(ms, "مطار حمص")
    assert airport.entry.admin1 == "Homs" and airport.geo_precision == 2


def test_a_listed_airport_is_its_own_point(places):
    _, ms = places("هبطت الطائرة في مطار حلب الدولي مساء أمس.")
    airport = named(ms, "مطار حلب الدولي")
    assert airport.entry.key == "facility:aleppo-airport" and airport.geo_precision == 1


def test_a_plain_named_after_a_district(places):
    _, ms = places("تقدمت القوات في سهل الغاب بعد قصف عنيف.")
    assert named(ms, "سهل الغاب").located.admin1 == "Hama"


def test_a_town_whose_name_opens_with_a_place_noun_is_one_mention(places):
    _, ms = places("قصفت الطائرات مدينة جسر الشغور ومدينة حمص.")
    assert [m.text for m in ms] == ["جسر الشغور", "حمص"]
    assert ms[0].entry.admin1 == "Idlib" and ms[1].trigger_word == "مدينة"


def test_east_of_a_town_and_a_direction_in_a_village_name(places):
    _, ms = places("قصف الجيش بلدة الغارية الغربية الواقعة إلى الشرق من درعا.")
    village = named(ms, "الغارية الغربية")
    assert village.entry is None and village.relation is None
    assert village.area.admin1 == "Daraa"
    east = named(ms, "إلى الشرق من درعا")
    assert east.relation == "east of" and east.entry.admin1 == "Daraa"


def test_quoted_names_may_hold_function_words(places):
    _, ms = places('حاولت القوات التقدم نحو قرى "بيت فارس"، و"بين حلبية" في ريف اللاذقية.')
    assert {"بيت فارس", "بين حلبية"} <= {m.text for m in ms}
    assert named(ms, "بين حلبية").area.admin1 == "Latakia"
