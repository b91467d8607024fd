"""Absolute dates, months, years, ranges and periods, against Thursday 5 December 2024."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


@pytest.mark.parametrize("phrase, day", [
    ("27 نوفمبر/تشرين الثاني الماضي", D(2024, 11, 27)),
    ("27 تشرين الثاني", D(2024, 11, 27)),
    ("27 نوفمبر", D(2024, 11, 27)),
    ("٢٧ تشرين الثاني", D(2024, 11, 27)),
    ("5 كانون الأول 2024", D(2024, 12, 5)),
    ("الخامس من ديسمبر", D(2024, 12, 5)),
    ("الحادي والعشرين من تشرين الثاني", D(2024, 11, 21)),
    ("3 شباط", D(2024, 2, 3)),
    ("3 فبراير 2023", D(2023, 2, 3)),
    ("12 فيفري 2023", D(2023, 2, 12)),
    ("2024-12-05", D(2024, 12, 5)),
    ("5/12/2024", D(2024, 12, 5)),
    ("٥/١٢/٢٠٢٤", D(2024, 12, 5)),
    ("الـ 27 من الشهر الماضي", D(2024, 11, 27)),
    ("الثالث من الشهر الجاري", D(2024, 12, 3)),
    ("20 تموز (يوليو) عام 2019", D(2019, 7, 20)),
])
def test_absolute_dates(dates, phrase, day):
    found = dates(f"قتل مدنيون في {phrase} بقصف على القرية.")
    assert [(t, d, e, p) for t, d, e, p, _ in found] == [(phrase, day, None, 1)]


def test_date_without_year_is_the_latest_on_or_before_publication(dates):
    # 15 December has not come yet in 2024, so it is 15 December 2023.
    assert [d for _, d, *_ in dates("وقع الانفجار في 15 كانون الأول.")] == [D(2023, 12, 15)]


def test_date_with_future_marker_is_next_occurrence(dates):
    assert dates("تعقد الجلسة في 10 ديسمبر المقبل.") == [("10 ديسمبر المقبل", D(2024, 12, 10), None, 1, "future")]


def test_months_with_and_without_year(dates):
    found = dates("جرت معارك في أيار/مايو 2015، ثم في حزيران الماضي، وفي شهر آب.")
    assert [(t, d, e, p, k) for t, d, e, p, k in found] == [
        ("أيار/مايو 2015", D(2015, 5, 1), D(2015, 5, 31), 3, "month"),
        ("حزيران الماضي", D(2024, 6, 1), D(2024, 6, 30), 3, "month"),
        ("شهر آب", D(2024, 8, 1), D(2024, 8, 31), 3, "month")]


def test_month_words_that_are_ordinary_words_need_a_cue(dates):
    assert dates("يمارس الجيش ضغطا، ومارس المسؤول صلاحياته، ووصلت سيارة بيك آب.") == []


def test_dates_inside_names_are_not_dates(dates):
    assert dates("تجمع المحتجون في شارع 29 أيار قرب سد تشرين.") == []


def test_since_a_day_is_a_range_to_publication(dates):
    assert dates("تدور الاشتباكات منذ 27 نوفمبر في عدة مناطق.") == [
        ("منذ 27 نوفمبر", D(2024, 11, 27), D(2024, 12, 5), 2, "since")]


@pytest.mark.parametrize("phrase, start, end, precision", [
    ("خلال الأسبوع الماضي", D(2024, 11, 28), D(2024, 12, 5), 2),
    ("الأسبوع الماضي", D(2024, 11, 28), D(2024, 12, 5), 2),
    ("خلال الساعات الماضية", D(2024, 12, 4), D(2024, 12, 5), 2),
    ("خلال الـ24 ساعة الماضية", D(2024, 12, 4), D(2024, 12, 5), 2),
    ("خلال الأيام الثلاثة الماضية", D(2024, 12, 2), D(2024, 12, 5), 2),
    ("الشهر الماضي", D(2024, 11, 1), D(2024, 11, 30), 3),
    ("الشهر الجاري", D(2024, 12, 1), D(2024, 12, 5), 3),
    ("منذ أيام", D(2024, 11, 28), D(2024, 12, 5), 2),
    ("2 و4 ديسمبر", D(2024, 12, 2), D(2024, 12, 4), 2),
    ("من الاثنين إلى الأربعاء", D(2024, 12, 2), D(2024, 12, 4), 2),
])
def test_ranges(dates, phrase, start, end, precision):
    found = dates(f"قتل العشرات {phrase} في المحافظة.")
    assert [(t, d, e, p) for t, d, e, p, _ in found] == [(phrase.removeprefix("من "), start, end, precision)]


@pytest.mark.parametrize("phrase, day, precision", [
    ("منذ 3 أيام", D(2024, 12, 2), 1),
    ("قبل يومين", D(2024, 12, 3), 1),
    ("قبل أسبوع", D(2024, 11, 28), 2),
    ("قبل ثلاث سنوات", D(2021, 12, 5), 3),
])
def test_spans_ago(dates, phrase, day, precision):
    assert dates(f"سقطت القذيفة {phrase} على السوق.") == [(phrase, day, None, precision, "ago")]


def test_days_before_another_event_are_not_ago(dates):
    assert dates("اعتقل قبل يومين من الانتخابات.") == []


@pytest.mark.parametrize("phrase, start, end", [
    ("عام 2015", D(2015, 1, 1), D(2015, 12, 31)),
    ("في 2013", D(2013, 1, 1), D(2013, 12, 31)),
    ("منذ 2015", D(2015, 1, 1), D(2024, 12, 5)),
    ("منذ عام 2011", D(2011, 1, 1), D(2024, 12, 5)),
    ("صيف 2012", D(2012, 6, 1), D(2012, 8, 31)),
])
def test_years(dates, phrase, start, end):
    found = dates(f"دعمت روسيا النظام {phrase} بالسلاح.")
    assert [(d, e, p, k) for t, d, e, p, k in found] == [(start, end, 3, "year")]
    assert found[0][0] in phrase


def test_counts_are_not_years(dates):
    assert dates("قتل أكثر من 2000 مقاتل وارتفع العدد إلى 2015 قتيلا.") == []


def test_unknown_publication_date_is_inferred_from_a_full_date(parse):
    doc = parse("دمشق، 5 كانون الأول 2024 - قصفت الطائرات أمس قرية في ريف حماة.", published=None)
    from marsad.time import reference_date

    assert reference_date(doc) == D(2024, 12, 5)
    assert [(m.text, m.date) for m in doc._.dates] == [("5 كانون الأول 2024", D(2024, 12, 5)),
                                                       ("أمس", D(2024, 12, 4))]


def test_unknown_publication_date_leaves_relative_words_unresolved(parse):
    doc = parse("قصفت الطائرات أمس قرية، بعد معارك بدأت عام 2015.", published=None)
    assert [(m.text, m.kind) for m in doc._.dates] == [("عام 2015", "year")]
