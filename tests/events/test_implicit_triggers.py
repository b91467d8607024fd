"""Events told without their usual trigger word, each on a sentence we wrote, with a near miss."""

from __future__ import annotations

import datetime as dt

from marsad.annotations import ArticleRecord
from marsad.pipeline import default_pipeline, run

PUBLISHED = dt.date(2024, 3, 7)  # a Thursday


def events(text: str):
    return run(default_pipeline(), ArticleRecord(id="r", text=text, published=PUBLISHED))._.events


def subtypes(text: str) -> list[str]:
    return [e.sub_event_type for e in events(text)]


def test_a_crowd_gathering_to_demand_something_is_a_protest():
    evs = events("وتجمع عشرات من ذوي المفقودين أمس الأربعاء أمام مبنى المحافظة في مدينة حمص مطالبين بكشف مصيرهم.")
    assert [(e.sub_event_type, e.location.name_en, e.event_date) for e in evs] == [
        ("Peaceful protest", "Homs", dt.date(2024, 3, 6))]
    assert subtypes("وتجمع الوزراء أمس في مدينة حمص لبحث خطة الموازنة.") == []


def test_a_protest_followed_by_its_demand_is_still_a_protest():
    evs = events("وخرج العشرات أمس في مدينة جاسم في احتجاجات غاضبة طالبت بمحاسبة المسؤولين.")
    assert [e.sub_event_type for e in evs] == ["Peaceful protest"]
    # an expected event is none yet
    assert subtypes("وتحدثت المصادر عن الهجوم المرتقب على مدينة جاسم.") == []


def test_a_gathering_of_an_armed_group_is_no_protest():
    assert "Peaceful protest" not in subtypes("وأعلن تجمع «جيش الفتح» أمس في مدينة إدلب رفضه للمبادرة مطالبين بالانسحاب.")


def test_a_truce_the_parties_announce_is_an_agreement():
    evs = events("وعاد الهدوء إلى مدينة منبج بعد إعلان الطرفين وقف إطلاق النار مساء أمس.")
    assert [(e.sub_event_type, e.event_date) for e in evs] == [("Agreement", dt.date(2024, 3, 6))]
    # a broken truce is no agreement
    assert "Agreement" not in subtypes("وأعلنت الفصائل أمس خرق وقف إطلاق النار في مدينة منبج.")


def test_a_seized_arms_cache_is_disrupted_weapons_use_not_shelling():
    evs = events("وصادرت قوات الأمن أمس مستودعا للأسلحة في مدينة الصنمين يحتوي على ذخائر وقذائف هاون.")
    assert [e.sub_event_type for e in evs] == ["Disrupted weapons use"]
    assert subtypes("وضبطت الشرطة أمس كميات من المخدرات في مدينة الصنمين.") == []


def test_an_arrest_with_the_day_between_verb_and_object():
    evs = events("وألقت الشرطة أمس القبض في مدينة حمص على شاب متهم بالسرقة.")
    assert [(e.sub_event_type, e.location.name_en) for e in evs] == [("Arrests", "Homs")]
    assert subtypes("وأصدرت المحكمة أمس مذكرة القبض على شاب في مدينة حمص.") == []


def test_detentions_told_in_the_present_after_qabla_an():
    evs = events("وطوقت القوات قرية كفرنبل يوم الثلاثاء قبل أن يعتقل عشرات من سكانها.")
    assert "Arrests" in [e.sub_event_type for e in evs]


def test_a_habit_stated_right_after_the_verb_is_no_event():
    assert subtypes("ويقصف النظام بانتظام مدينة دوما بالبراميل المتفجرة.") == []


def test_a_clause_joined_to_a_pluperfect_goes_on_telling_the_past():
    assert subtypes("وكانت القيادة رفضت تشكيل المجلس، وخرج مدنيون في مدينة دوما يطالبون بتشكيله.") == []
    assert subtypes("ورفضت القيادة تشكيل المجلس، وخرج مدنيون في مدينة دوما يطالبون بتشكيله.") == [
        "Peaceful protest"]


def test_a_sentence_without_a_named_place_shares_the_village_named_before():
    text = ("وطوقت قوات الأمن بلدة كفرنبل يوم الثلاثاء. "
            "وقتل مدنيان برصاص مسلحين دخلوا البلدة مع القوات، فيما اعتقل عشرات من سكانها.")
    arrests = [e for e in events(text) if e.sub_event_type == "Arrests"]
    assert [e.location.admin1 for e in arrests] == ["Idlib"]


def test_a_charge_does_not_reach_into_a_relative_clause_with_its_own_verb():
    evs = events("وخطف التنظيم عشرات المدنيين بتهمة التخابر خلال مداهمة لمدينة القريتين التي استولى عليها الثلاثاء.")
    assert {e.sub_event_type for e in evs} == {"Abduction/forced disappearance", "Non-state actor overtakes territory"}
    # the charge itself stays no event
    assert subtypes("واعتقلت الشرطة أمس شابا بتهمة التخطيط لتفجير في مدينة حمص.") == ["Arrests"]
