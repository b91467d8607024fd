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


# --- modality: habits, conditions, plans, running totals, attempts -----------------

def test_a_habit_stated_early_in_the_clause_is_no_event():
    assert events("ويقصف النظام بانتظام أحياء مدينة حلب الشرقية بالبراميل المتفجرة.") == []
    # near miss: the same bombardment told as yesterday's news
    assert [e.sub_event_type for e in events("وقصف النظام أمس أحياء مدينة حلب الشرقية بالبراميل المتفجرة.")] \
        == ["Air/drone strike"]


def test_a_condition_governs_its_whole_clause():
    assert events("وإذا انتزعت فصائل المعارضة المسلحة في الجنوب السيطرة على مدينة درعا فإن ذلك سيغير المعادلة.") == []
    evs = events("وانتزعت فصائل المعارضة أمس السيطرة على مدينة درعا.")
    assert [e.sub_event_type for e in evs] == ["Non-state actor overtakes territory"]


def test_a_task_an_inability_or_a_prevented_takeover_is_no_event():
    assert events("وكان اللواء مكلفا عملية استعادة السيطرة على مدينة تدمر.") == []
    assert events("وقالت المصادر إن قوات النظام عاجزة عن استعادة السيطرة على مدينة تدمر.") == []
    assert events("وقالت المصادر إن الميليشيات منعت المعارضة من السيطرة على مدينة درعا.") == []


def test_a_running_total_since_the_battle_began_is_no_event():
    assert events("ونفذت الطائرات أكثر من 600 ضربة جوية على مدينة الزبداني منذ بدء الحملة.") == []
    assert [e.sub_event_type for e in events("ونفذت الطائرات أمس عشر ضربات جوية على مدينة الزبداني.")] \
        == ["Air/drone strike"]


def test_an_arrest_attempt_with_a_possessive_is_no_arrest():
    evs = events("أطلق عناصر اللواء النار أمس على قيادي في مدينة بصرى الشام أثناء محاولتهم توقيفه.")
    subs = {e.sub_event_type for e in evs}
    assert "Arrests" not in subs and subs
    assert "Arrests" in {e.sub_event_type for e in events("أوقف عناصر اللواء أمس قياديا في مدينة بصرى الشام.")}


def test_assault_forces_are_no_assault():
    assert events("وقال القيادي إن قوات الاقتحام في مدينة الزبداني تابعة لحزب الله.") == []


# --- dates: the day a source reported is not the day of the event -------------------

def test_the_day_of_the_citation_is_not_the_day_of_the_event():
    evs = events("وخطف التنظيم عشرات المدنيين في مدينة القريتين، وفق ما أعلن المرصد يوم الجمعة.")
    assert len(evs) == 1 and evs[0].event_date == PUBLISHED - dt.timedelta(days=2)
    assert evs[0].date_end == PUBLISHED
    # near miss: the day written in the event's own words governs it
    evs = events("وخطف التنظيم يوم الجمعة عشرات المدنيين في مدينة القريتين، وفق ما أعلن المرصد.")
    assert evs[0].event_date == dt.date(2024, 3, 1) and evs[0].date_end is None


# --- sub-event type: state forces and their allied militia --------------------------

def test_a_takeover_by_state_forces_with_an_allied_militia_is_the_states():
    evs = events("وأفاد المرصد أمس بسيطرة قوات حزب الله والنظام على سهل الزبداني.")
    assert [e.sub_event_type for e in evs] == ["Government regains territory"]
    evs = events("وسيطرت ميليشيا حزب الله أمس على تلة قرب بلدة مضايا.")
    assert [e.sub_event_type for e in evs] == ["Non-state actor overtakes territory"]


# --- places: qualifiers, "between", clauses ------------------------------------------

def test_an_area_or_direction_that_qualifies_a_named_place_is_no_second_event():
    assert len(events("وخطفت جبهة النصرة أمس ثمانية عناصر قرب مدينة اعزاز في ريف حلب الشمالي.")) == 1
    evs = events("وفي الزبداني شمال غرب دمشق، استمرت الاشتباكات أمس بين قوات النظام والفصائل.")
    assert [e.location.name_ar for e in evs] == ["الزبداني"]
    assert len(events("استهدفت مسيرة تركية أمس قافلة متجهة إلى سد تشرين في ريف حلب الشرقي.")) == 1
    # near miss: two places joined by "and" are two events
    assert len(events("قصفت الطائرات أمس مدينة إدلب وشمال حماة.")) == 2


def test_an_event_between_two_towns_is_one_event_at_the_first():
    evs = events("أطلق جنود النار أمس على سيارة مدنية بين بلدتي سرمدا والدانا.")
    assert [e.location.name_ar for e in evs] == ["سرمدا"]
    assert len(events("قصفت الطائرات أمس بلدتي سرمدا والدانا.")) == 2


def test_places_of_a_while_clause_and_of_a_description_are_not_the_events():
    evs = events("قتل عشرات الجنود أمس في المعارك الدائرة في سهل الغاب، في الوقت الذي تغص فيه مشافي اللاذقية ومصياف بالجرحى.")
    assert len(evs) == 1 and evs[0].location.admin1 == "Hama"
    evs = events("وسيطرت الفصائل أمس على مواقع في سهل الغاب الملاصق لمحافظة اللاذقية.")
    assert evs and all(e.location.admin1 != "Latakia" for e in evs)
