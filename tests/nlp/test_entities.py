"""Rule-based entities: names after titles, given names, units, outlets, facilities."""

import datetime as dt

import pytest

from marsad.annotations import ArticleRecord
from marsad.nlp.entities import entities_of
from marsad.pipeline import PIPE_NAMES, build_pipeline, run


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline([p for p in PIPE_NAMES if p != "marsad_events"])


def ents(nlp, text):
    doc = run(nlp, ArticleRecord(id="t", text=text, published=dt.date(2024, 3, 4)))
    out = entities_of(doc)
    for e in out:
        assert text[e.start:e.end] == e.text
    return {(e.text, e.label) for e in out}


def test_person_after_a_title_with_a_nationality_adjective(nlp):
    found = ents(nlp, "وقال الوزير التركي كمال أوزدمير إن المحادثات مستمرة.")
    assert ("كمال أوزدمير", "PER") in found


def test_person_after_a_rank_and_a_kunya(nlp):
    found = ents(nlp, "أعلن القيادي سامر عبد الرزاق مقتل أبو خالد الحمصي في الغارة.")
    assert ("سامر عبد الرزاق", "PER") in found
    assert any(t.startswith("أبو خالد") and lab == "PER" for t, lab in found)


def test_a_family_name_alone_is_tagged_after_the_full_name(nlp):
    found = ents(nlp, "صرح المبعوث جون هارلو بأن الوضع خطير. وأضاف هارلو أن الحل سياسي.")
    assert ("جون هارلو", "PER") in found
    assert ("هارلو", "PER") in found


def test_military_unit_with_number_and_ordinal(nlp):
    found = ents(nlp, "اشتبكت الفرقة 17 مع عناصر الفيلق الخامس قرب الطريق.")
    assert ("الفرقة 17", "ORG") in found
    assert ("الفيلق الخامس", "ORG") in found


def test_outlet_after_a_correspondent_and_a_facility(nlp):
    found = ents(nlp, "وأفاد مراسل قناة الغد بأن المقاتلين دخلوا سجن البلدة المركزي.")
    assert any(lab == "ORG" and "قناة الغد" in t for t, lab in found)
    assert ("سجن البلدة المركزي", "FAC") in found


def test_indefinite_words_after_org_heads_and_titles_are_not_names(nlp):
    found = ents(nlp, "ودعا إلى حكومة جديدة تنظر في انتخاب رئيس وصولا إلى حل.")
    assert not any(t.startswith("حكومة جديدة") for t, _ in found)
    assert not any(t == "وصولا" for t, _ in found)


def test_preposition_ala_is_not_the_name_ali(nlp):
    found = ents(nlp, "سيطرت القوات على مركز المدينة.")
    assert not any(lab == "PER" for _, lab in found)
