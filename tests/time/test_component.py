"""The marsad_dates component as a spaCy pipe: config, missing records, datetimes."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import spacy

from marsad.annotations import ArticleRecord
from marsad.pipeline import run
from marsad.text.tokenizer import CliticTokenizer
from marsad.time import reference_date


def _nlp(config: dict | None = None):
    nlp = spacy.blank("ar")
    nlp.tokenizer = CliticTokenizer(nlp.vocab)
    pipe = nlp.add_pipe("marsad_dates", config=config or {})
    nlp.tokenizer.add_known(pipe.known_words())
    return nlp


def test_lexicon_path_replaces_the_packaged_words(tmp_path):
    text = resources.files("marsad").joinpath("data/time_words.yaml").read_text(encoding="utf-8")
    # A custom lexicon without Maghrebi month names no longer knows جانفي.
    custom = tmp_path / "words.yaml"
    custom.write_text(text.replace("جانفي, ", ""), encoding="utf-8")
    record = ArticleRecord(id="c", text="وقع الهجوم في 12 جانفي 2023.", published=dt.date(2024, 12, 5))
    assert [m.text for m in run(_nlp(), record)._.dates] == ["12 جانفي 2023"]
    assert [m.text for m in run(_nlp({"lexicon_path": str(custom)}), record)._.dates] == []


def test_doc_without_record_keeps_only_dates_with_a_year():
    nlp = _nlp()
    doc = nlp("قصفت الطائرات أمس البلدة التي حوصرت منذ عام 2013.")
    assert reference_date(doc) is None
    assert [(m.text, m.kind) for m in doc._.dates] == [("منذ عام 2013", "year")]
    assert doc._.dates[0].date_end is None  # open: no publication date to close it


def test_published_datetime_is_taken_as_its_date():
    record = ArticleRecord(id="d", text="قتل جنديان أمس.", published=dt.datetime(2024, 12, 5, 23, 30))
    doc = run(_nlp(), record)
    assert [m.date for m in doc._.dates] == [dt.date(2024, 12, 4)]
