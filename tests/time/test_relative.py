"""Relative days and day names, resolved against Thursday 5 December 2024."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


@pytest.mark.parametrize("phrase", ["اليوم", "صباح اليوم", "مساء اليوم", "فجر اليوم", "ظهر اليوم", "الليلة",
                                    "اليوم الخميس", "هذا الصباح"])
def test_today_words_give_the_publication_day(dates, phrase):
    found = dates(f"شنت الطائرات {phrase} غارات على البلدة.")
    assert [(t, d, p) for t, d, _, p, _ in found] == [(phrase, D(2024, 12, 5), 1)]


@pytest.mark.parametrize("phrase", ["أمس", "يوم أمس", "مساء أمس", "فجر أمس", "ليلة أمس", "الليلة الماضية",
                                    "البارحة"])
def test_yesterday_words_give_the_day_before(dates, phrase):
    found = dates(f"قصفت المدفعية {phrase} أطراف المدينة.")
    assert [(t, d) for t, d, *_ in found] == [(phrase, D(2024, 12, 4))]


@pytest.mark.parametrize("phrase", ["أول أمس", "أول من أمس", "أمس الأول"])
def test_day_before_yesterday(dates, phrase):
    assert [(t, d) for t, d, *_ in dates(f"اندلعت اشتباكات {phrase} قرب الحدود.")] == [(phrase, D(2024, 12, 3))]


def test_clitic_before_yesterday_is_split_off(dates):
    found = dates("وأمس قصفت الطائرات القرية، وبالأمس أيضا.")
    assert [(t, d) for t, d, *_ in found] == [("أمس", D(2024, 12, 4)), ("الأمس", D(2024, 12, 4))]


def test_weekday_after_yesterday_wins_when_they_disagree(dates):
    # Published on a Thursday; the text says "yesterday, Tuesday": Tuesday 3 December.
    assert dates("أعلن الجيش أمس الثلاثاء مقتل جنديين.") == [("أمس الثلاثاء", D(2024, 12, 3), None, 1, "yesterday")]


def test_weekday_naming_the_publication_day_is_that_day(dates):
    assert [(t, d) for t, d, *_ in dates("وصل الوفد الخميس إلى العاصمة.")] == [("الخميس", D(2024, 12, 5))]


def test_weekdays_resolve_to_the_latest_such_day(dates):
    found = dates("دخلت الفصائل المدينة الجمعة، والسبت سيطرت على المطار، ويوم الأربعاء انسحبت القوات.")
    assert [(t, d) for t, d, *_ in found] == [("الجمعة", D(2024, 11, 29)), ("السبت", D(2024, 11, 30)),
                                             ("يوم الأربعاء", D(2024, 12, 4))]


def test_weekday_with_past_marker_is_strictly_before(dates):
    assert [(t, d) for t, d, *_ in dates("جرى الاجتماع الخميس الماضي.")] == [("الخميس الماضي", D(2024, 11, 28))]


def test_friday_prayer_is_still_friday(dates):
    assert [(t, d) for t, d, *_ in dates("خرج المصلون بعد صلاة الجمعة في تظاهرة.")] == [("الجمعة", D(2024, 11, 29))]


def test_ambiguous_monday_meaning_the_two_gives_no_date(dates):
    assert dates("أصيب الاثنين بجروح خطيرة ونقلا إلى المستشفى.") == []
    assert dates("لم يتحدث الأحد منهم إلى الصحافة.") == []


@pytest.mark.parametrize("text, phrase, day", [
    ("قتل جندي يوم الاثنين في الهجوم.", "يوم الاثنين", D(2024, 12, 2)),
    ("قال المتحدث الاثنين إن القصف استمر.", "الاثنين", D(2024, 12, 2)),
    ("اجتمع الطرفان الأحد الماضي في المدينة.", "الأحد الماضي", D(2024, 12, 1)),
    ("أفادت الوكالة اليوم (الأحد) بمقتل ثلاثة.", "الأحد", D(2024, 12, 1)),
    ("انفجرت سيارة مساء الاثنين قرب السوق.", "مساء الاثنين", D(2024, 12, 2)),
])
def test_ambiguous_weekday_with_a_cue_is_a_date(dates, text, phrase, day):
    found = dates(text)
    assert [d for t, d, *_ in found if phrase in t] == [day]


def test_night_spanning_two_days_is_a_range(dates):
    found = dates("تصدت القوات ليل الثلاثاء - الأربعاء لهجوم واسع.")
    assert found == [("ليل الثلاثاء - الأربعاء", D(2024, 12, 3), D(2024, 12, 4), 2, "weekday")]


def test_future_markers_give_future_dates(dates):
    found = dates("يعقد المؤتمر الاثنين المقبل، ويصل الوفد غدا.")
    assert [(t, d, k) for t, d, _, _, k in found] == [("الاثنين المقبل", D(2024, 12, 9), "future"),
                                                      ("غدا", D(2024, 12, 6), "future")]


def test_same_day_and_next_day_refer_back(dates):
    found = dates("قصفت الطائرات البلدة يوم الاثنين، وقتل مدنيان في اليوم نفسه، وفي اليوم التالي نزح السكان.")
    assert [(t, d, k) for t, d, _, _, k in found] == [
        ("يوم الاثنين", D(2024, 12, 2), "weekday"), ("اليوم نفسه", D(2024, 12, 2), "anaphoric"),
        ("اليوم التالي", D(2024, 12, 3), "anaphoric")]


def test_day_adjectives_are_not_today(dates):
    assert dates("يحتفل العالم باليوم العالمي للطفل.") == []


def test_offsets_point_into_text_with_diacritics_and_tatweel(parse):
    text = "قُصِفَت البلدةُ مساءَ أمسِ الثلاثـاء بالصواريخ."
    doc = parse(text)
    (m,) = doc._.dates
    assert m.text == "مساءَ أمسِ الثلاثـاء"
    assert text[m.start:m.end] == m.text
    assert m.date == D(2024, 12, 3)
