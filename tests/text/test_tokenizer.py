"""The clitic tokenizer splits proclitics off known stems and keeps exact offsets."""

import spacy
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.tokenizer import CliticTokenizer


def make(known=()):
    nlp = spacy.blank("ar")
    nlp.tokenizer = CliticTokenizer(nlp.vocab, known=known)
    return nlp


def test_conjunction_and_preposition_split_off_a_known_name():
    doc = make(["حماة"])("دخلوا وبحماةَ أمس")
    assert [t.text for t in doc] == ["دخلوا", "و", "ب", "حماةَ", "أمس"]
    assert doc[3].norm_ == "حماه"


def test_article_stems_split_without_a_lexicon():
    doc = make()("والمعارضة بالمدينة")
    assert [t.text for t in doc] == ["و", "المعارضة", "ب", "المدينة"]


def test_lam_before_article_restores_the_elided_alif_in_norm():
    doc = make()("للجيش")
    assert [t.text for t in doc] == ["ل", "لجيش"]
    assert doc[1].norm_ == "الجيش"


def test_unknown_words_that_start_like_clitics_stay_whole():
    doc = make(["حماة"])("وزير بانياس لبنان كتب")
    assert [t.text for t in doc] == ["وزير", "بانياس", "لبنان", "كتب"]


def test_numbers_punctuation_and_newlines():
    text = "قتل ٣ مدنيين، و1,400 قذيفة.\n\nثم «انسحبوا»"
    doc = make()(text)
    assert doc.text == text
    assert "1,400" in [t.text for t in doc]
    assert "٣" in [t.text for t in doc] and doc[1].norm_ == "3"


def test_every_token_is_a_slice_of_the_original():
    text = "  فَقَصَفَتْ قواتُ النظامِ،  وبالأمس\tكفرنبل "
    doc = make(["قصفت", "امس"])(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx:tok.idx + len(tok.text)] == tok.text


@given(st.text(alphabet=st.sampled_from(list("وبلكفالحماةسيطرت ،.\n٢\u064e«»ـ")), max_size=60))
def test_doc_text_always_equals_input(text):
    doc = make(["حماة", "سيطرت"])(text)
    assert doc.text == text
