"""Folding keeps a map back to the original text, whatever it removes or replaces."""

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalize import fold, normalize, strip_article

# Our own sentence, dense with variants: diacritics, tatweel, hamza forms, ى, ة,
# Eastern Arabic digits, a zero-width joiner and a no-break space.
VARIANTS = "قَصَفَــتْ الطائراتُ مدينةَ إدلبَ\u00a0وقريةَ الأَتارب يوم ٢٧ تشرين\u200d الثاني، فأصابت مُسْتَشفى ومدرسةً."


def test_fold_removes_marks_and_unifies_letters():
    assert fold("إِدْلِب") == "ادلب"
    assert fold("مستشفى") == "مستشفي"
    assert fold("مدرسةً") == "مدرسه"
    assert fold("قصفــت") == "قصفت"
    assert fold("٢٧ و۳") == "27 و3"
    assert fold("آمنة أُسرة") == "امنه اسره"


def test_every_folded_character_maps_back_to_its_origin():
    norm = normalize(VARIANTS)
    assert len(norm.origin) == len(norm.text) + 1
    for k, ch in enumerate(norm.text):
        assert fold(VARIANTS[norm.origin[k]]) .startswith(ch) or fold(VARIANTS[norm.origin[k]]) == ch


def test_spans_found_in_folded_text_point_into_the_original():
    norm = normalize(VARIANTS)
    for needle, original in (("ادلب", "إدلبَ"), ("قصفت", "قَصَفَــتْ"), ("27", "٢٧"), ("مستشفي", "مُسْتَشفى"),
                             ("الاتارب", "الأَتارب")):
        k = norm.text.index(needle)
        start, end = norm.to_original(k, k + len(needle))
        assert VARIANTS[start:end] == original


def test_strip_article_keeps_short_words():
    assert strip_article("الزبداني") == "زبداني"
    assert strip_article("الي") == "الي"


@given(st.text())
def test_normalize_never_fails_and_offsets_stay_in_range(text):
    norm = normalize(text)
    assert norm.text == fold(text)
    assert all(0 <= o <= len(text) for o in norm.origin)
    assert list(norm.origin) == sorted(norm.origin)
    start, end = norm.to_original(0, len(norm.text))
    assert 0 <= start <= end <= len(text)
