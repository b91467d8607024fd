"""Tag and score pre-tokenised text (CoNLL files) with the trained NER.

Each sentence's words are joined by spaces, tokenised by marsad's pipeline tokenizer
(the same one training used), tagged by the model, and the entities carried back onto
the file's own words (`nlp.align.word_tags`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from spacy.tokens import Doc

from .align import word_offsets, word_tags
from .conll import Scores, read_conll
from .ner import NerModel, shared_model


def pipeline_tokenizer() -> Callable[[str], Doc]:
    """Return the tokenizer of marsad's full pipeline (it knows every lexicon's stems)."""
    from ..pipeline import default_pipeline

    return default_pipeline().make_doc


def tag_sentences(sentences: Iterable[Sequence[str]], model: NerModel | None = None,
                  make_doc: Callable[[str], Doc] | None = None, batch_size: int = 64) -> Iterator[list[str]]:
    """Yield predicted BIO tags (PER / ORG / LOC / FAC) for each sentence's words."""
    model = model or shared_model()
    make_doc = make_doc or pipeline_tokenizer()
    words_list: list[Sequence[str]] = []
    docs: list[Doc] = []

    def flush() -> Iterator[list[str]]:
        for words, doc, spans in zip(words_list, docs, model.pipe_spans(docs, batch_size)):
            yield word_tags(doc, spans, words)

    for words in sentences:
        words_list.append(words)
        docs.append(make_doc(word_offsets(words)[0]))
        if len(docs) >= batch_size:
            yield from flush()
            words_list, docs = [], []
    if docs:
        yield from flush()


def tag_conll(path: str | Path, out: TextIO, model: NerModel | None = None) -> int:
    """Write the CoNLL file's lines with the predicted tag as a new last column; return the
    number of sentences. Blank lines and -DOCSTART- lines are written back unchanged."""
    sentences = list(read_conll(path, labels=None))
    tagged = tag_sentences((s.words for s in sentences), model)
    with open(path, encoding="utf-8-sig") as fh:
        raw_lines = [line.rstrip("\r\n") for line in fh]
    it_s = iter(zip(sentences, tagged))
    current: list[str] = []
    k = 0
    for line in raw_lines:
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            out.write(line + "\n")
            continue
        if k >= len(current):
            _, current = next(it_s)
            k = 0
        sep = "\t" if "\t" in line else " "
        out.write(f"{line}{sep}{current[k]}\n")
        k += 1
    return len(sentences)


def evaluate_conll(path: str | Path, labels: str = "generic", model: NerModel | None = None,
                   predicted_column: bool = False) -> Scores:
    """Score the model (or, with `predicted_column`, the file's last column against the one
    before it) on a CoNLL file, entity by entity; gold tags are read through `labels`."""
    scores = Scores()
    if predicted_column:
        gold = read_conll(path, labels=labels, column=-2)
        pred = read_conll(path, labels="generic", column=-1)
        for g, p in zip(gold, pred):
            scores.add(g.tags, p.tags)
        return scores
    sentences = list(read_conll(path, labels=labels))
    for s, tags in zip(sentences, tag_sentences((s.words for s in sentences), model)):
        scores.add(s.tags, tags)
    return scores
