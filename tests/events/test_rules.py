"""ACLED coding rules the events stage applies, each on a sentence we wrote."""

from __future__ import annotations

import datetime as dt

from marsad.annotations import ArticleRecord
from marsad.pipeline import default_pipeline, run

PUBLISHED = dt.date(2024, 3, 7)  # a Thursday


def events(text: str):
    return run(default_pipeline(), ArticleRecord(id="r", text=text, published=PUBLISHED))._.events


def test_a_failed_attempt_to_storm_a_town_is_a_clash_not_a_takeover():
    evs = events("وحاولت قوات النظام أمس اقتحام بلدة مورك في ريف حماة الشمالي، لكن الفصائل صدت الهجوم.")
    subs = {e.sub_event_type for e in evs}
    assert "Armed clash" in subs
    assert not subs & {"Government regains territory", "Non-state actor overtakes territory"}


def test_an_accusation_is_not_a_report_of_fact():
    assert events("واتهمت الحكومة فصيلا مسلحا في ريف إدلب بتنفيذ تفجير في مدينة سراقب.") == []


def test_fire_amid_a_battle_folds_into_the_battle():
    evs = events("وتتواصل الاشتباكات العنيفة في محيط مدينة منبج، وسط قصف متبادل بالمدفعية.")
    assert {e.sub_event_type for e in evs} == {"Armed clash"}


def test_a_suicide_car_bomb_is_one_suicide_bombing():
    evs = events("وقتل خمسة أشخاص أمس في هجوم انتحاري بسيارة مفخخة استهدف حاجزا في مدينة الباب.")
    assert [e.sub_event_type for e in evs] == ["Suicide bomb"]
    assert evs[0].fatalities == 5


def test_a_neighbourhood_is_coded_at_its_city_and_keeps_its_name():
    evs = events("وسقطت قذائف هاون اليوم على حي المشارقة في مدينة حلب.")
    assert len(evs) == 1
    loc = evs[0].location
    assert loc.name_en == "Aleppo" and loc.geo_precision == 1 and loc.text == "المشارقة"


def test_the_capital_points_back_to_the_capital_named_before():
    evs = events("وفي دمشق تتصاعد المطالب. وتجمع المئات الجمعة في ساحة وسط العاصمة رافعين لافتات.")
    assert [(e.sub_event_type, e.location.name_en) for e in evs] == [("Peaceful protest", "Damascus")]
    assert evs[0].event_date == dt.date(2024, 3, 1)


def test_an_event_mentioned_in_passing_joins_the_event_told_in_full():
    text = ("سيطرت فصائل المعارضة يوم الثلاثاء على مدينة سراقب. "
            "وبعد السيطرة على مدينة سراقب، تقدمت الفصائل نحو الطريق الدولي.")
    takeovers = [e for e in events(text) if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(takeovers) == 1 and takeovers[0].event_date == dt.date(2024, 3, 5)
    assert len(takeovers[0].evidence) == 2


def test_people_from_a_place_and_a_dateline_are_not_event_places():
    evs = events("حلب: قصفت طائرات حربية أمس بلدة الأتارب، ما أدى إلى مقتل ثلاثة من أبناء مدينة إدلب.")
    assert [e.location.name_en for e in evs] == ["Al Atarib"]


def test_a_quoted_we_acts_for_the_speakers_side():
    text = 'وقال المتحدث باسم فصائل المعارضة: "دمرنا دبابتين لقوات النظام قرب بلدة مورك".'
    evs = events(text)
    assert evs and evs[0].actor1 is not None and evs[0].actor1.side == "opposition"


def test_events_carry_their_plover_type_and_mode():
    evs = events("استهدفت طائرة مسيرة أمس سيارة على أطراف مدينة سراقب.")
    assert [(e.sub_event_type, e.plover.type, e.plover.mode) for e in evs] == [("Air/drone strike", "FIGHT", "drone")]
    evs = events("واختطف مسلحون مجهولون اليوم ناشطا في مدينة الباب.")
    assert evs and evs[0].plover.type == "ASSAULT" and evs[0].plover.mode == "abduct"
