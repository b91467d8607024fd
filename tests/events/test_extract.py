"""Event extraction on short reports we wrote: sub-event types, places, dates, modality."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.annotations import ArticleRecord
from marsad.pipeline import default_pipeline, run

PUBLISHED = dt.date(2024, 3, 7)  # a Thursday


def events(text: str, published: dt.date = PUBLISHED):
    doc = run(default_pipeline(), ArticleRecord(id="t", text=text, published=published, source="test-wire"))
    return doc._.events


def kinds(text: str) -> set[tuple[str, str | None]]:
    return {(e.sub_event_type, e.location.admin1) for e in events(text)}


def test_air_strike_yesterday_on_a_named_town():
    evs = events("شنت طائرات حربية أمس غارات على مدينة سراقب بريف إدلب الشرقي، ما أدى إلى مقتل أربعة مدنيين.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.sub_event_type == "Air/drone strike" and ev.event_type == "Explosions/Remote violence"
    assert ev.location.admin1 == "Idlib" and ev.location.geo_precision == 1
    assert ev.event_date == dt.date(2024, 3, 6) and ev.time_precision == 1
    assert ev.fatalities == 4
    s, e = ev.evidence[0].start, ev.evidence[0].end
    assert ev.evidence[0].text == "شنت طائرات حربية أمس غارات على مدينة سراقب بريف إدلب الشرقي، ما أدى إلى مقتل أربعة مدنيين."[s:e]
    assert ev.notes and "Saraqib" in ev.notes


def test_shelling_of_two_towns_gives_one_event_per_town():
    evs = events("وقصفت قوات النظام بالمدفعية الثقيلة اليوم بلدتي تلبيسة والرستن في ريف حمص الشمالي.")
    subs = sorted((e.sub_event_type, e.location.name_en) for e in evs)
    assert [s for s, _ in subs] == ["Shelling/artillery/missile attack"] * 2
    assert all(e.location.admin1 == "Homs" for e in evs)
    assert all(e.event_date == PUBLISHED for e in evs)


def test_takeover_by_opposition_and_regain_by_government():
    evs = events("وسيطرت فصائل المعارضة يوم الثلاثاء على مدينة خان شيخون بعد معارك عنيفة مع قوات النظام.")
    take = [e for e in evs if e.sub_event_type == "Non-state actor overtakes territory"]
    assert take and take[0].event_date == dt.date(2024, 3, 5) and take[0].location.admin1 == "Idlib"
    evs = events("واستعادت قوات النظام السيطرة على بلدة مورك في ريف حماة الشمالي أمس.")
    assert [e.sub_event_type for e in evs] == ["Government regains territory"]


def test_claimed_takeover_of_villages_missing_from_the_gazetteer_lands_at_the_area():
    evs = events("أعلنت فصائل المعارضة السيطرة على قرى زهرة الوادي وعين الخضراء في ريف حلب الغربي.")
    assert len(evs) == 2
    for ev in evs:
        assert ev.sub_event_type == "Non-state actor overtakes territory"
        assert ev.location.admin1 == "Aleppo" and ev.location.geo_precision == 2
        assert ev.status == "claimed" and ev.claimed_by


def test_clash_between_two_named_sides():
    evs = events("اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في مدينة الميادين.")
    assert [e.sub_event_type for e in evs] == ["Armed clash"]
    assert evs[0].actor1 is not None and evs[0].actor2 is not None


@pytest.mark.parametrize("text,sub", [
    ("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة دوما صباح اليوم.", "Remote explosive/landmine/IED"),
    ("فجر انتحاري حزاما ناسفا في سوق مدينة منبج أمس.", "Suicide bomb"),
    ("شنت قوات الأمن حملة اعتقالات في مدينة طفس بريف درعا اليوم.", "Arrests"),
    ("خرج المئات في مظاهرة سلمية وسط مدينة القامشلي اليوم للمطالبة بالإفراج عن المعتقلين.", "Peaceful protest"),
    ("اختطف مسلحون مجهولون طبيبا في مدينة الباب أمس.", "Abduction/forced disappearance"),
    ("اغتال مسلحون مجهولون مختار بلدة نوى أمس.", "Attack"),
])
def test_each_common_sub_event_type(text, sub):
    assert sub in {e.sub_event_type for e in events(text)}


@pytest.mark.parametrize("text", [
    "هددت قوات النظام بقصف مدينة سراقب إذا لم تنسحب الفصائل.",          # a threat
    "نفت وزارة الدفاع أن تكون طائراتها قصفت مدينة دوما.",                 # a denial
    "وتعتزم الفصائل شن هجوم على مدينة مورك الأسبوع المقبل.",              # a plan
    "وكانت قوات النظام قد سيطرت على مدينة خان شيخون عام 2019.",            # history
    "دعا الوزير إلى وقف القصف على مدينة الرستن.",                        # a call
    "لم تشهد مدينة تلبيسة أي اشتباكات منذ أسبوع.",                        # negation
    "تقع مدينة سراقب تحت سيطرة الفصائل منذ سنوات.",                       # a state, not an event
])
def test_no_event_for_threats_denials_plans_history_and_statements(text):
    assert events(text) == []


def test_one_event_per_place_and_day_across_sentences():
    text = ("قصفت طائرات حربية مدينة أريحا اليوم. وأفاد الدفاع المدني بأن الغارات على مدينة أريحا "
            "استهدفت سوقا شعبيا.")
    evs = [e for e in events(text) if e.sub_event_type == "Air/drone strike"]
    assert len(evs) == 1 and len(evs[0].evidence) == 2


def test_undated_current_event_gets_the_reporting_window():
    evs = events("وقصفت قوات النظام مدينة اللطامنة ومدينة حلفايا بقذائف الهاون.")
    assert evs and all(e.event_date == PUBLISHED - dt.timedelta(days=2) and e.date_end == PUBLISHED
                       and e.time_precision == 2 for e in evs)


@pytest.mark.parametrize("text,sub", [
    ("دخل رتل للأمن العام أمس إلى مدينة طفس من دون أي اشتباك، تنفيذاً لاتفاق مع الوجهاء.", "Non-violent transfer of territory"),
    ("وتسلمت قوات الأمن اليوم مواقع الفصيل في مدينة نوى بعد انسحاب عناصره.", "Non-violent transfer of territory"),
    ("وأقامت القوات التركية أمس نقطة عسكرية جديدة قرب مدينة سراقب.", "Headquarters or base established"),
    ("وأعلن قائد اللواء الثامن اليوم حل اللواء في مدينة بصرى الشام.", "Change to group/activity"),
    ("وهاجم حشد غاضب اليوم مقرا حزبيا في مدينة السويداء.", "Mob violence"),
    ("وسقطت قنبلة يدوية على سوق في مدينة الرستن أمس.", "Grenade"),
    ("واتهمت منظمات حقوقية قوات النظام باستخدام غاز الكلور في بلدة اللطامنة.", None),
    ("وقتل شخصان برصاص مسلحين مجهولين في مدينة دوما اليوم.", "Attack"),
    ("وأسقطت الدفاعات الجوية طائرة مسيرة قرب مدينة حلب أمس.", "Disrupted weapons use"),
    ("وتوصلت الفصائل وقوات النظام اليوم إلى اتفاق لوقف إطلاق النار في مدينة درعا.", "Agreement"),
    ("وأحرق مسلحون منازل مدنيين في بلدة صوران بريف حماة أمس.", "Looting/property destruction"),
    ("وفرقت قوات الأمن بالقوة مظاهرة في مدينة السويداء اليوم.", "Protest with intervention"),
    ("وأطلقت قوات الأمن الرصاص الحي على المتظاهرين في مدينة درعا اليوم، ما أدى إلى مقتل متظاهرين.",
     "Excessive force against protesters"),
    ("واندلعت أعمال شغب في مدينة القامشلي اليوم بعد مباراة.", "Violent demonstration"),
    ("وأصيب عشرات المدنيين بحالات اختناق إثر هجوم بغاز الكلور على بلدة كفرزيتا بريف حماة أمس.", "Chemical weapon"),
    ("ووثقت منظمة حقوقية اغتصاب امرأة على يد عناصر حاجز في مدينة دوما أمس.", "Sexual violence"),
])
def test_rarer_sub_event_types(text, sub):
    found = {e.sub_event_type for e in events(text)}
    if sub is None:
        assert found == set()  # an accusation of a chemical attack is not a report of one
    else:
        assert sub in found, found
