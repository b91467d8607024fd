"""Quotation-mark pairing on messy web Arabic (sentences written for these tests)."""

from __future__ import annotations

from marsad.quotes.marks import pair_marks


def inner(text: str) -> list[str]:
    return [text[s.inner_start:s.inner_end] for s in pair_marks(text)]


def test_guillemets_and_nesting():
    text = "قال إن «الجيش يقاتل تنظيم «داعش» في الشرق» أمس."
    assert inner(text) == ["الجيش يقاتل تنظيم «داعش» في الشرق", "داعش"]


def test_ascii_double_quotes_pair_by_context():
    text = 'ضمن عملية "فجر الجبال" قال: "وصلنا إلى المدينة".'
    assert inner(text) == ["فجر الجبال", "وصلنا إلى المدينة"]


def test_curly_and_low_opening_quotes():
    assert inner("قالت: “الوضع هادئ” ثم غادرت.") == ["الوضع هادئ"]
    assert inner("قالت: „الوضع هادئ“ ثم غادرت.") == ["الوضع هادئ"]


def test_quote_after_lone_clitic_opens():
    text = 'إن البلدة آمنة و"تحت السيطرة الكاملة".'
    assert inner(text) == ["تحت السيطرة الكاملة"]


def test_closer_glued_to_next_word_opens():
    # a » typed where « was meant, glued to its word
    text = "تحدث في ندوة»السلام في المنطقة» أمس."
    assert inner(text) == ["السلام في المنطقة"]


def test_doubled_opener_is_one_opener():
    text = "اعتبر أن ««الحل سياسي» فقط."
    spans = pair_marks(text)
    assert [text[s.inner_start:s.inner_end] for s in spans] == ["الحل سياسي"]


def test_unclosed_quote_runs_to_paragraph_end():
    text = "وأضاف: «سنبقى هنا حتى النهاية.\nفقرة أخرى لا علاقة لها."
    spans = pair_marks(text)
    assert len(spans) == 1 and not spans[0].closed
    assert text[spans[0].inner_start:spans[0].inner_end] == "سنبقى هنا حتى النهاية."
