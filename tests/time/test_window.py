"""event_time: which date governs a trigger; is_out_of_window: news or history."""

from __future__ import annotations

import datetime as dt

from marsad.annotations import DateMention
from marsad.time import event_time, is_out_of_window
from marsad.time.component import DateRecognizer

D = dt.date
PUBLISHED = D(2024, 12, 5)


def _token(doc, word: str, nth: int = 0) -> int:
    hits = [t.i for t in doc if t.text == word]
    return hits[nth]


def test_trigger_takes_the_date_of_its_own_clause(parse):
    doc = parse("قصفت الطائرات حلب أمس، فيما اندلعت اشتباكات في حماة اليوم.")
    first = event_time(doc, _token(doc, "قصفت"))
    second = event_time(doc, _token(doc, "اندلعت"))
    assert (first.date, first.mention.text) == (D(2024, 12, 4), "أمس")
    assert (second.date, second.mention.text) == (D(2024, 12, 5), "اليوم")


def test_comma_and_conjunction_start_a_new_clause(parse):
    # "قصفا" is nearer to السبت, but السبت belongs to the next clause.
    doc = parse("دخلت الفصائل أمس المدينة التي شهدت قصفا، والسبت سيطرت على المطار.")
    assert event_time(doc, _token(doc, "قصفا")).date == D(2024, 12, 4)
    assert event_time(doc, _token(doc, "سيطرت")).date == D(2024, 11, 30)


def test_date_in_another_clause_of_the_sentence_is_used_when_the_clause_has_none(parse):
    doc = parse("أعلن المرصد أمس، وقتل ثلاثة مدنيين في القصف.")
    got = event_time(doc, _token(doc, "وقتل"))
    assert (got.date, got.time_precision, got.mention.text) == (D(2024, 12, 4), 1, "أمس")


def test_undated_news_event_gets_the_report_window(parse):
    doc = parse("قصفت الطائرات أمس قرية في ريف إدلب. وسقطت قذائف على أحياء المدينة.")
    got = event_time(doc, _token(doc, "وسقطت"))
    assert got == event_time(doc, _token(doc, "وسقطت"))
    assert (got.date, got.date_end, got.time_precision, got.mention) == (D(2024, 12, 3), D(2024, 12, 5), 2, None)


def test_no_publication_date_and_no_date_in_text_gives_no_date(parse):
    doc = parse("قصفت الطائرات قرية في ريف إدلب.", published=None)
    got = event_time(doc, 0)
    assert got.date is None and got.mention is None


def test_event_time_follows_a_range_mention(parse):
    doc = parse("تعرضت البلدة لقصف عنيف خلال الأسبوع الماضي.")
    got = event_time(doc, _token(doc, "تعرضت"))
    assert (got.date, got.date_end, got.time_precision) == (D(2024, 11, 28), D(2024, 12, 5), 2)


def _mention(date: dt.date, end: dt.date | None = None, kind: str = "day") -> DateMention:
    return DateMention(start=0, end=1, start_token=0, end_token=1, text="x", date=date, date_end=end, kind=kind)


def test_history_and_future_are_out_of_the_window(parse):
    doc = parse("تدعم روسيا النظام منذ 2015، وقتل في 2013 كثيرون، وقصفت الطائرات أمس، ويعقد اجتماع غدا.")
    out = {m.text: is_out_of_window(m, PUBLISHED) for m in doc._.dates}
    assert out == {"منذ 2015": True, "2013": True, "أمس": False, "غدا": True}


def test_window_edges():
    assert not is_out_of_window(_mention(D(2024, 11, 28)), PUBLISHED)  # exactly seven days back
    assert is_out_of_window(_mention(D(2024, 11, 27)), PUBLISHED)
    assert is_out_of_window(_mention(D(2024, 11, 27)), PUBLISHED, days=7)
    assert not is_out_of_window(_mention(D(2024, 11, 27)), PUBLISHED, days=10)
    assert not is_out_of_window(_mention(D(2013, 1, 1)), None)


def test_known_words_teach_the_tokenizer_but_not_two_letter_months():
    words = DateRecognizer().known_words()
    assert {"امس", "نوفمبر", "كانون", "منذ", "خلال"} <= words
    assert "اب" not in words  # would split باب (door) into ب + آب


def test_how_long_an_operation_has_run_is_not_the_day_of_an_event_in_it(parse):
    doc = parse("وقال القائد أمس إن العشرات قتلوا في العمليات الجارية منذ أكثر من أسبوع.")
    ongoing = [m for m in doc._.dates if m.kind == "ongoing"]
    assert [(m.date, m.date_end) for m in ongoing] == [(D(2024, 11, 28), D(2024, 12, 5))]
    got = event_time(doc, _token(doc, "قتلوا"))
    assert (got.date, got.mention.text) == (D(2024, 12, 4), "أمس")


def test_a_span_ago_without_a_word_of_duration_stays_a_day(parse):
    doc = parse("وقتل خمسة أشخاص في القصف منذ أسبوع.")
    got = event_time(doc, _token(doc, "وقتل"))
    assert (got.date, got.date_end) == (D(2024, 11, 28), None)
