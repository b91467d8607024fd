"""The trained NER: the shipped model loads and tags, the CoNLL commands round-trip, the
seed report's people are found by the model alone, and a toy model trains end to end.
Sentences are written for these tests; the seed report is read from ../shared."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.annotations import ArticleRecord
from marsad.cli._ner import eval_group, ner
from marsad.nlp.ner import MODEL_DIR, NerModel, load_model, shared_model
from marsad.nlp.tagging import pipeline_tokenizer, tag_sentences
from marsad.pipeline import PIPE_NAMES, build_pipeline, run

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_9dab2da565532362.txt"


@pytest.fixture(scope="module")
def model() -> NerModel:
    return shared_model()


@pytest.fixture(scope="module")
def make_doc():
    return pipeline_tokenizer()


def spans(model, make_doc, text):
    doc = make_doc(text)
    out = model.spans(doc)
    for s in out:
        assert text[s.start_char:s.end_char] == s.text  # offsets into the original text
    return [(s.text, s.label_) for s in out]


def test_shipped_model_is_small_and_loads_quickly():
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 50 * 2**20
    start = time.perf_counter()
    load_model.cache_clear()
    NerModel()
    assert time.perf_counter() - start < 10  # about 1 s on an idle machine; CI shares its cores


def test_people_places_and_organisations_in_new_sentences(model, make_doc):
    found = spans(model, make_doc, "التقى وزير الخارجية الأردني أيمن الصفدي نظيره التركي هاكان فيدان في عمان "
                                   "يوم الأحد لبحث الأوضاع في سوريا.")
    assert any("الصفدي" in t and lab == "PER" for t, lab in found)
    assert any("فيدان" in t and lab == "PER" for t, lab in found)
    assert ("سوريا", "LOC") in found
    found = spans(model, make_doc, "وقالت منظمة الصحة العالمية إن طواقمها وصلت إلى مدينة الرقة صباح اليوم.")
    assert any("منظمة الصحة العالمية" in t and lab == "ORG" for t, lab in found)
    assert any("الرقة" in t and lab == "LOC" for t, lab in found)


def test_a_sentence_without_names_gets_no_entities(model, make_doc):
    assert spans(model, make_doc, "ارتفعت أسعار الخبز والوقود كثيرا خلال الأسابيع الماضية.") == []


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/corpus/seed")
def test_seed_people_and_organisations_are_found_by_the_model_alone(model, make_doc):
    text = SEED.read_text(encoding="utf-8")
    found = spans(model, make_doc, text)
    people = [t for t, lab in found if lab == "PER"]
    for name in ("الجولاني", "حسن عبد الغني", "دميتري بيسكوف", "بشار الأسد"):
        assert any(name in t for t in people), name
    orgs = [t for t, lab in found if lab == "ORG"]
    for name in ("هيئة تحرير الشام", "الكرملين"):
        assert any(name in t for t in orgs), name


def test_entities_component_keeps_model_people_with_the_name_rules_off():
    nlp = build_pipeline([p for p in PIPE_NAMES if p != "marsad_events"])
    nlp.replace_pipe("marsad_entities", "marsad_entities", config={"rules": False})
    text = "وصرح الناطق الإعلامي سليم الحداد بأن الجيش انسحب من مدينة حلب."
    doc = run(nlp, ArticleRecord(id="t", text=text, published=dt.date(2024, 5, 1)))
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("سليم الحداد", "PER") in ents
    assert ("حلب", "LOC") in ents


CONLL = "وصل O\nالرئيس O\nالفرنسي O\nإيمانويل B-PERS\nماكرون I-PERS\nإلى O\nبيروت B-LOC\n. O\n\n" \
        "أعلنت O\nوزارة B-ORG\nالدفاع I-ORG\nالتركية I-ORG\nذلك O\n. O\n"


def test_ner_command_appends_a_column(tmp_path):
    path = tmp_path / "in.conll"
    path.write_text(CONLL, encoding="utf-8")
    result = CliRunner().invoke(ner, ["--conll", str(path)])
    assert result.exit_code == 0, result.output
    lines_in = CONLL.splitlines()
    lines_out = result.output.splitlines()
    assert len(lines_out) == len(lines_in)
    for a, b in zip(lines_in, lines_out):
        assert b.startswith(a)
        if a:
            assert len(b.split()) == len(a.split()) + 1
    tags = [line.split()[-1] for line in lines_out if line]
    assert tags[3:5] == ["B-PER", "I-PER"] and tags[6] == "B-LOC"
    # the tagged file scores itself: gold column before the predicted one
    out = tmp_path / "out.conll"
    out.write_text(result.output, encoding="utf-8")
    scored = CliRunner().invoke(eval_group, ["ner", "--conll", str(out), "--labels", "anercorp", "--predicted",
                                             "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)["PER"]["f1"] == 1.0


def test_eval_command_runs_the_model_and_prints_a_table(tmp_path):
    path = tmp_path / "in.conll"
    path.write_text(CONLL, encoding="utf-8")
    result = CliRunner().invoke(eval_group, ["ner", "--conll", str(path), "--labels", "anercorp"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:] if line.strip()}
    assert set(rows) >= {"PER", "LOC", "ORG", "micro", "macro"}
    assert rows["PER"][-1] == "1"  # one gold person


def test_tag_sentences_keeps_one_tag_per_word(model, make_doc):
    words = [["ولبنان", "وسوريا", "بلدان", "جاران", "."], ["قال", "المتحدث", "باسم", "الحكومة", "."]]
    out = list(tag_sentences(words, model, make_doc))
    assert [len(t) for t in out] == [5, 5]
    assert out[0][:2] == ["B-LOC", "B-LOC"]  # the whole word, proclitic included, is tagged


def test_a_toy_model_trains_and_tags(tmp_path, make_doc):
    """The training path (data, config, reader, hints, features) on a few sentences."""
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    from marsad.nlp.align import doc_with_tags
    from marsad.train.ner import CONFIG_PATH, CONFIGS

    sentences = [
        (["زار", "كريم", "ناصر", "مدينة", "حمص"], ["O", "B-PER", "I-PER", "O", "B-LOC"]),
        (["أعلنت", "وزارة", "الصحة", "في", "دمشق"], ["O", "B-ORG", "I-ORG", "O", "B-LOC"]),
        (["وصل", "كريم", "ناصر", "إلى", "حماة"], ["O", "B-PER", "I-PER", "O", "B-LOC"]),
    ]
    db = DocBin(attrs=["ORTH", "NORM", "ENT_IOB", "ENT_TYPE"])
    for words, tags in sentences:
        db.add(doc_with_tags(make_doc, words, tags)[0])
    db.to_disk(tmp_path / "train.spacy")
    overrides = {"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "train.spacy"),
                 "training.max_steps": 30, "training.eval_frequency": 30}
    overrides.update(CONFIGS["hints"])
    spacy_train(CONFIG_PATH, tmp_path / "out", overrides=overrides)
    toy = NerModel(tmp_path / "out" / "model-last")
    assert toy.nlp.pipe_names == ["marsad_ner_hints", "ner"]
    assert set(toy.nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    doc = make_doc("زار كريم ناصر مدينة حمص")
    assert all(doc.text[s.start_char:s.end_char] == s.text for s in toy.spans(doc))


def test_train_command_names_the_missing_corpora(tmp_path):
    from marsad.cli._ner import train_group

    result = CliRunner().invoke(train_group, ["ner", "--datasets", str(tmp_path), "--output", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "anercorp" in result.output and "--datasets" in result.output


def test_commands_are_registered_on_the_marsad_command(tmp_path):
    from marsad.cli.main import cli

    path = tmp_path / "in.conll"
    path.write_text(CONLL, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "ner", "--conll", str(path), "--labels", "anercorp", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["micro"]["support"] == 3
