"""The quotes stage on sentences written for these tests.

Each test runs the real pipeline pieces (marsad_sentences + marsad_quotes) and checks
what a reader would: the quoted words, who said them, role, channel, and that every
span is a slice of the original text.
"""

from __future__ import annotations

import pytest

from marsad.annotations import ArticleRecord, QuoteMention
from marsad.pipeline import build_pipeline, run
from marsad.quotes.extract import quotes_of
from marsad.schema import Quote


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(["marsad_sentences", "marsad_quotes"])


def quotes(nlp, text: str) -> list[QuoteMention]:
    doc = run(nlp, ArticleRecord(id="t", text=text))
    for q in doc._.quotes:  # the offsets contract
        assert doc.text[q.start:q.end] == q.text
        assert doc.text[q.speaker_start:q.speaker_end] == q.speaker_text
    return doc._.quotes


def find(qs: list[QuoteMention], fragment: str) -> QuoteMention:
    hits = [q for q in qs if fragment in q.text]
    assert hits, f"no quote contains {fragment!r}: {[q.text for q in qs]}"
    return hits[0]


@pytest.mark.parametrize("opening,closing", [("«", "»"), ("“", "”"), ('"', '"'), ("„", "“")])
def test_direct_quote_in_each_mark_style(nlp, opening, closing):
    text = f"وقال قائد الشرطة: {opening}أغلقنا الطريق الرئيسي أمام السيارات{closing}."
    (q,) = quotes(nlp, text)
    assert q.direct
    assert q.text == "أغلقنا الطريق الرئيسي أمام السيارات"
    assert q.speaker_text == "قائد الشرطة"
    assert q.cue == "قال"


def test_indirect_speech_after_inna_and_anna(nlp):
    qs = quotes(nlp, "وقال مراسل القناة الإخبارية إن الاشتباكات توقفت عند الفجر. "
                     "وأكد مصدر طبي أن المستشفى استقبل عشرة جرحى.")
    first = find(qs, "الاشتباكات توقفت")
    assert not first.direct
    assert first.text == "الاشتباكات توقفت عند الفجر"
    assert first.speaker_text == "مراسل القناة الإخبارية"
    assert first.speaker_role == "correspondent"
    second = find(qs, "المستشفى استقبل")
    assert second.speaker_text == "مصدر طبي" and second.speaker_role == "source"


def test_speaker_drops_date_words_and_keeps_the_name(nlp):
    (q,) = quotes(nlp, "لفت سامي النجار المتحدث باسم وزارة الصحة اليوم الأحد إلى أن المخزون يكفي شهرا.")
    assert q.speaker_text == "سامي النجار المتحدث باسم وزارة الصحة"
    assert q.speaker_role == "spokesperson"
    assert q.speaker_name_ar == "سامي النجار"
    assert q.text == "المخزون يكفي شهرا"


def test_name_after_role_and_organisation(nlp):
    (q,) = quotes(nlp, "أكد زعيم الحركة الشعبية أبو خالد الحلبي أن قواته انسحبت.")
    assert q.speaker_text == "زعيم الحركة الشعبية أبو خالد الحلبي"
    assert q.speaker_role == "leader"
    assert q.speaker_name_ar == "أبو خالد الحلبي"


def test_speaker_carried_by_continuation_and_wa_adafa(nlp):
    text = ("وقال وزير الزراعة محمود السيد إن المحصول تضرر كثيرا. "
            "وأضاف: «سنعوض المزارعين قبل نهاية العام». "
            "بدوره، أكد رئيس الاتحاد أن الخسائر كبيرة.")
    qs = quotes(nlp, text)
    added = find(qs, "سنعوض المزارعين")
    assert added.direct and added.speaker_text == "وزير الزراعة محمود السيد"
    assert added.extra["carried"] is True
    other = find(qs, "الخسائر كبيرة")
    assert other.speaker_text == "رئيس الاتحاد"


def test_participle_keeps_the_clause_subject(nlp):
    (first, second) = quotes(nlp, "وأعلن الدفاع المدني أن فرقه أخمدت الحريق، مشيرا إلى أن أحدا لم يصب.")
    assert first.text == "فرقه أخمدت الحريق"
    assert second.text == "أحدا لم يصب"
    assert second.speaker_text == "الدفاع المدني" and second.cue == "أشار"


def test_attribution_after_the_content(nlp):
    (q,) = quotes(nlp, "سقطت قذيفتان على سوق البلدة صباح اليوم، حسبما أفاد مراسل الإذاعة المحلية.")
    assert q.text == "سقطت قذيفتان على سوق البلدة صباح اليوم"
    assert q.speaker_text == "مراسل الإذاعة المحلية"
    assert q.extra["attribution"] == "حسبما"


def test_attribution_before_the_content(nlp):
    (q,) = quotes(nlp, "وبحسب المرصد، فإن الغارات استهدفت ثلاث قرى.")
    assert q.speaker_text == "المرصد" and q.speaker_role == "monitor"
    assert q.text == "الغارات استهدفت ثلاث قرى"


def test_attribution_of_a_quote_is_not_a_new_quote(nlp):
    qs = quotes(nlp, "وقال ناشطون إن الطريق مقطوع، وفق ما ذكرت وكالة محلية.")
    assert len(qs) == 1 and qs[0].speaker_text == "ناشطون"
    assert qs[0].text == "الطريق مقطوع"
    assert qs[0].extra["according_to"]["text"] == "وكالة محلية"


def test_quoted_names_are_not_quotes(nlp):
    text = 'أطلقت الفصائل عملية "فجر الجبال" ونشرت صورها على تطبيق "تلغرام".'
    assert quotes(nlp, text) == []


def test_channel_and_role_from_the_sentence(nlp):
    qs = quotes(nlp, "وقال الجيش في بيان: «دمرنا مستودعا للذخيرة». "
                     "وفي مقطع فيديو نشرته الجماعة على تطبيق تلغرام، خاطب قائدها أنصاره قائلا: «اصمدوا». "
                     "وقال الوزير للصحفيين إن المفاوضات مستمرة.")
    statement = find(qs, "دمرنا مستودعا")
    assert statement.channel == "statement" and statement.speaker_role == "army"
    telegram = find(qs, "اصمدوا")
    assert telegram.channel == "Telegram" and telegram.cue == "قال"
    press = find(qs, "المفاوضات مستمرة")
    assert press.channel == "press" and press.speaker_text == "الوزير"


def test_multi_sentence_direct_quote(nlp):
    (q,) = quotes(nlp, "وقال المحافظ: «عادت الكهرباء إلى الأحياء الشرقية. نعمل على إصلاح المياه». ثم غادر.")
    assert q.direct
    assert q.text == "عادت الكهرباء إلى الأحياء الشرقية. نعمل على إصلاح المياه"


def test_glued_stray_mark_does_not_hide_the_quote(nlp):
    qs = quotes(nlp, "وقال الخبير الاقتصادي إن الموسم صعب. "
                     "وأشار في ندوة»الأمن الغذائي في المنطقة» أمس إلى أن «الأسعار ارتفعت بشدة».")
    q = find(qs, "الأسعار")
    assert q.text == "الأسعار ارتفعت بشدة" and q.direct
    assert q.speaker_text == "الخبير الاقتصادي"


def test_anaphoric_definite_speaker_keeps_its_antecedent(nlp):
    text = "أعلنت مصادر في المعارضة المسلحة أن الهجوم فشل. وأوضحت المصادر أن خمسة مقاتلين قتلوا."
    q = find(quotes(nlp, text), "خمسة مقاتلين")
    assert q.speaker_text == "المصادر"
    assert q.extra["antecedent"]["text"] == "مصادر في المعارضة المسلحة"


def test_reported_speech_inside_a_quote_does_not_cut_it(nlp):
    qs = quotes(nlp, "وقال المسؤول إن الوزير أكد له أن المعبر سيفتح غدا.")
    outer = [q for q in qs if q.speaker_text == "المسؤول"]
    assert outer and outer[0].text == "الوزير أكد له أن المعبر سيفتح غدا"


def test_subject_before_the_verb(nlp):
    (q,) = quotes(nlp, "رفضت الحكومة الاقتراح، لكن موسكو تؤكد أنه الحل الوحيد.")
    assert q.speaker_text == "موسكو"
    assert q.text == "الحل الوحيد"


def test_offsets_point_into_text_with_diacritics_and_tatweel(nlp):
    text = "وقـــال المتحدثُ باسمِ الجيشِ إنّ القواتِ تقدّمتْ."
    (q,) = quotes(nlp, text)
    assert text[q.start:q.end] == "القواتِ تقدّمتْ"
    assert text[q.speaker_start:q.speaker_end] == "المتحدثُ باسمِ الجيشِ"


def test_quotes_of_gives_schema_quotes(nlp):
    doc = run(nlp, ArticleRecord(id="t", text="وقال الناطق باسم الهيئة إن التحقيق مستمر."))
    (q,) = quotes_of(doc)
    assert isinstance(q, Quote)
    assert q.speaker.text == "الناطق باسم الهيئة" and q.speaker.role == "spokesperson"
    assert doc.text[q.start:q.end] == q.text == "التحقيق مستمر"


def test_tokenizer_learns_cue_words(nlp):
    doc = nlp.make_doc("وقال ولمراسلنا")
    assert [t.text for t in doc] == ["و", "قال", "و", "ل", "مراسلنا"]


def test_surname_repeats_the_full_speaker(nlp):
    text = ("وقال قائد الفوج العميد سمير الخطيب إن الهجوم صُدّ. "
            "وفي كلمة مصورة، خاطب الخطيب الأهالي قائلا: «لن نترك مواقعنا».")
    q = find(quotes(nlp, text), "لن نترك")
    assert q.speaker_text == "الخطيب"
    assert q.speaker_name_ar == "سمير الخطيب" and q.speaker_role == "leader"
    assert q.channel == "speech"


def test_source_cited_for_a_quote_is_kept_on_it(nlp):
    (q,) = quotes(nlp, "وأشارت الفصائل إلى أنها أسرت جنديين، وفق ما أكد أحد قادتها الميدانيين.")
    assert q.speaker_text == "الفصائل" and q.text == "أسرت جنديين"
    assert q.extra["according_to"]["text"] == "أحد قادتها الميدانيين"


def test_bare_verbal_noun_object(nlp):
    (q,) = quotes(nlp, "وأعلن الدفاع المدني مقتل ثلاثة مدنيين في القصف.")
    assert q.speaker_text == "الدفاع المدني"
    assert q.text == "مقتل ثلاثة مدنيين في القصف"


def test_no_quote_without_a_speaker(nlp):
    # a subjectless "وأضاف" with nobody named before it is not attributed to anyone
    assert quotes(nlp, "وأضاف أن الطريق مفتوح.") == []
