"""CoNLL reading, label maps, BIO chunks, entity-level scores, and carrying tags across
tokenisations. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from marsad.nlp.align import doc_with_tags, word_tags
from marsad.nlp.conll import chunks, map_tag, read_conll, score
from marsad.nlp.features import BASE_FEATURES, token_features
from marsad.nlp.tagging import pipeline_tokenizer

# gold in the second column, a prediction in the third; two sentences
TINY = """-DOCSTART- O O

زار B-PERS B-PER
سامر I-PERS I-PER
الحلبي I-PERS O
مدينة O O
حمص B-LOC B-LOC
أمس O O

وقالت O O
وزارة B-ORG B-ORG
الصحة I-ORG I-ORG
إن O O
المستشفى B-MISC O
مفتوح O B-LOC
"""


@pytest.fixture()
def tiny(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def make_doc():
    return pipeline_tokenizer()  # the full pipeline's tokenizer knows the gazetteer's stems


def test_read_conll_maps_gold_tags_through_the_corpus_map(tiny):
    sents = list(read_conll(tiny, labels="anercorp", column=1))
    assert [s.words[:2] for s in sents] == [["زار", "سامر"], ["وقالت", "وزارة"]]
    assert sents[0].tags == ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "O"]
    assert sents[1].tags[4] == "O"  # MISC is not one of marsad's labels


def test_map_tag_reads_bioes_and_drops_unknown_types():
    assert map_tag("S-GPE", {"GPE": "LOC"}) == "B-LOC"
    assert map_tag("E-GPE", {"GPE": "LOC"}) == "I-LOC"
    assert map_tag("B-DATE", {"GPE": "LOC"}) == "O"


def test_chunks_follow_conlleval():
    assert chunks(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]) == [
        ("PER", 0, 2), ("LOC", 3, 5), ("LOC", 5, 6), ("ORG", 6, 7)]


def test_scores_count_exact_spans_only(tiny):
    gold = list(read_conll(tiny, labels="anercorp", column=1))
    pred = list(read_conll(tiny, labels="generic", column=2))
    s = score((g.tags, p.tags) for g, p in zip(gold, pred))
    # gold: PER(3 words), LOC, ORG; predicted: PER(2 words, wrong boundary), LOC, ORG, LOC(spurious)
    assert (s.tp["LOC"], s.fp["LOC"], s.fn["LOC"]) == (1, 1, 0)
    assert (s.tp["PER"], s.fp["PER"], s.fn["PER"]) == (0, 1, 1)
    p, r, f, n = s.micro()
    assert n == 3
    assert p == pytest.approx(2 / 4) and r == pytest.approx(2 / 3) and f == pytest.approx(4 / 7)
    assert s.label("ORG")[2] == 1.0


def test_entity_moves_off_the_proclitics_and_back(make_doc):
    words = ["وصل", "الوفد", "وبدمشق", "مساء"]
    doc, lost = doc_with_tags(make_doc, words, ["O", "O", "B-LOC", "O"])
    assert lost == 0
    assert [(e.text, e.label_) for e in doc.ents] == [("دمشق", "LOC")]
    assert [t.text for t in doc][2:5] == ["و", "ب", "دمشق"]
    assert word_tags(doc, list(doc.ents), words) == ["O", "O", "B-LOC", "O"]


def test_multiword_entity_round_trip(make_doc):
    words = ["التقى", "وزير", "والأمين", "العام", "للأمم", "المتحدة", "."]
    tags = ["O", "O", "O", "O", "B-ORG", "I-ORG", "O"]
    doc, _ = doc_with_tags(make_doc, words, tags)
    (ent,) = doc.ents
    assert ent.text == "لأمم المتحدة" and doc.text[ent.start_char:ent.end_char] == ent.text
    assert word_tags(doc, [ent], words) == tags


def test_features_strip_the_article_and_mark_split_clitics(make_doc):
    doc = make_doc("والعراق")
    rows = token_features(doc, BASE_FEATURES)
    values = [dict(zip(BASE_FEATURES, r)) for r in rows]
    assert values[0]["shape"].endswith("c")  # و split off the word that follows
    assert values[1]["norm"] == "العراق" and values[1]["bare"] == "عراق"
    assert values[1]["shape"] == "a6D"
