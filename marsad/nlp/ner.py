"""marsad's trained entity recogniser: load the shipped model, tag marsad Docs.

The model (marsad/nlp/model/ner, built by `marsad train ner`; see MODEL_CARD.md beside
it) is a small spaCy pipeline — lexicon hints, then a CNN + transition-based NER over
hashed Arabic features — trained on marsad's own clitic-split tokens. It never tokenises
by itself here: `NerModel` copies the tokens and NORMs of a Doc that marsad's pipeline
made, tags the copy, and returns spans of the original Doc, so offsets stay those of the
original text and the tokens are exactly those the model was trained on.

Component "marsad_ner" puts the model's spans in doc.spans["marsad_ner"] (and in
doc.ents when asked); "marsad_entities" calls the model itself by default and merges.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.attrs import NORM, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from .._exceptions import MarsadError
from ..text.lexicon import doc_norms
from ..text.tokens import doc_texts

# importing features also registers the model's layers and components with spaCy
from . import features  # noqa: F401

MODEL_DIR = Path(__file__).resolve().parent / "model" / "ner"
SPANS_KEY = "marsad_ner"


def model_copy(nlp: Language, doc: Doc) -> Doc:
    """Return a Doc in `nlp`'s vocab with `doc`'s tokens, spaces and NORMs (no annotation)."""
    words = doc_texts(doc)
    copy = Doc(nlp.vocab, words=words, spaces=[bool(x) for x in doc.to_array(SPACY).tolist()] if len(doc) else [])
    if len(doc):
        norms = doc_norms(doc)
        add = nlp.vocab.strings.add
        copy.from_array([NORM], numpy.asarray([[add(n)] for n in norms], dtype="uint64"))
        # the hints and features read these again: the copy's tokens are the Doc's
        copy.user_data["marsad.texts"] = words
        copy.user_data["marsad.norms"] = norms
    return copy


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Language:
    """Return the trained NER pipeline at `path` (default: the shipped one), loaded once."""
    where = Path(path) if path else MODEL_DIR
    if not (where / "config.cfg").exists():
        raise MarsadError(f"{where}: no trained NER model there; build one with `marsad train ner`")
    return spacy.load(where)


class NerModel:
    """The trained NER applied to Docs that marsad's tokenizer made."""

    def __init__(self, path: str | Path | None = None):
        self.nlp = load_model(str(path) if path else None)

    def _tag(self, copies: list[Doc], batch_size: int) -> list[Doc]:
        docs: Iterable[Doc] = copies
        for _, proc in self.nlp.pipeline:
            docs = proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe") else map(proc, docs)
        return list(docs)

    def spans(self, doc: Doc) -> list[Span]:
        """Return the entities the model finds in `doc`, as spans of `doc` itself."""
        return next(self.pipe_spans([doc]))

    def pipe_spans(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[list[Span]]:
        """Yield the model's entity spans of each Doc, in order, tagging in batches."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._spans_of(batch, batch_size)
                batch = []
        if batch:
            yield from self._spans_of(batch, batch_size)

    def _spans_of(self, batch: list[Doc], batch_size: int) -> Iterator[list[Span]]:
        tagged = self._tag([model_copy(self.nlp, d) for d in batch], batch_size)
        for doc, copy in zip(batch, tagged):
            yield [Span(doc, e.start, e.end, label=e.label_) for e in copy.ents]


@functools.lru_cache(maxsize=2)
def shared_model(path: str | None = None) -> NerModel:
    """Return one NerModel per model path for the whole process."""
    return NerModel(path)


class NerComponent:
    """spaCy component: the trained model's entities in doc.spans["marsad_ner"]."""

    def __init__(self, model_path: str | None, set_ents: bool):
        self.model_path = model_path
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        spans = shared_model(self.model_path).spans(doc)
        doc.spans[SPANS_KEY] = spans
        if self.set_ents:
            doc.ents = spans
        return doc


@Language.factory("marsad_ner", default_config={"model_path": None, "set_ents": False})
def make_ner(nlp: Language, name: str, model_path: str | None, set_ents: bool) -> NerComponent:
    return NerComponent(model_path, set_ents)
