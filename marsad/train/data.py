"""Build the NER training and development sets as spaCy DocBins of marsad tokens.

The recipe (`build`):
  - ANERcorp train part (CAMeL Lab recipe): the last `dev_fraction` of its sentences is
    the development slice (model selection); the rest trains. The test part is never read
    here: it is only scored (`marsad eval ner`).
  - NewsFANE Gold, when asked for: every sentence that shares a run of six words with the
    ANERcorp test part or the development slice is dropped (same text, re-annotated).
  - the Wojood sample (all three files), when asked for.
  - copies of the ANERcorp training sentences whose entities are replaced by names from
    the ANERGazet lists, when asked for (the lists themselves never ship).
Every sentence is tokenised by the tokenizer of `marsad.pipeline.build_pipeline()` —
the very one articles go through — and its entities carried over by `nlp.align`.

`NerCorpus` (registered reader "marsad.NerCorpus.v1") turns a DocBin back into training
examples whose predicted side keeps marsad's tokens and NORMs: spaCy's own corpus reader
would re-tokenise the text with the saved pipeline's tokenizer instead.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry

from ..nlp.align import doc_with_tags
from ..nlp.conll import Sentence
from ..nlp.ner import model_copy
from . import corpora

log = logging.getLogger(__name__)

ANERCORP_TRAIN = "anercorp/ANERcorp_camel_recipe_train.txt"
ANERCORP_TEST = "anercorp/ANERcorp_camel_recipe_test.txt"
NEWSFANE = "newsfane_gold/WikiFANE_2014_Gold_standard/NewsFANE_Gold_2014_170K.txt"
ANERGAZET = "anercorp/ANERGazet"
WOJOOD = ("wojood_sample/data/train.txt", "wojood_sample/data/val.txt", "wojood_sample/data/test.txt")


@dataclass
class BuildReport:
    """What went into the sets: sentences, tokens and entities per source."""

    sentences: Counter = field(default_factory=Counter)
    entities: Counter = field(default_factory=Counter)
    dropped_overlap: int = 0
    lost_entities: int = 0

    def lines(self) -> list[str]:
        out = [f"{k}: {v} sentences" for k, v in sorted(self.sentences.items())]
        out += [f"{k}: {v} entities" for k, v in sorted(self.entities.items())]
        out.append(f"newsfane sentences dropped for overlap with held-out text: {self.dropped_overlap}")
        out.append(f"entities that could not be placed on marsad tokens: {self.lost_entities}")
        return out


def _docs(make_doc: Callable[[str], Doc], sentences: list[Sentence], source: str,
          report: BuildReport) -> Iterator[Doc]:
    for s in sentences:
        doc, lost = doc_with_tags(make_doc, s.words, s.tags)
        report.lost_entities += lost
        report.sentences[source] += 1
        for e in doc.ents:
            report.entities[f"{source}/{e.label_}"] += 1
        yield doc


def build(datasets: Path, out_dir: Path, *, newsfane: bool = True, wojood: bool = True,
          gazet_copies: int = 0, dev_fraction: float = 0.1, seed: int = 0) -> BuildReport:
    """Write out_dir/train.spacy and out_dir/dev.spacy from the corpora under `datasets`.

    `gazet_copies` adds that many copies of the ANERcorp training sentences with their
    entities replaced by ANERGazet names (`corpora.replace_mentions`).
    """
    from ..pipeline import build_pipeline

    make_doc = build_pipeline().make_doc
    report = BuildReport()
    train = list(corpora.anercorp(datasets / ANERCORP_TRAIN))
    cut = len(train) - int(len(train) * dev_fraction)
    train, dev = train[:cut], train[cut:]
    held_out = corpora.Overlap(list(corpora.anercorp(datasets / ANERCORP_TEST)) + dev)
    extra: list[tuple[str, list[Sentence]]] = []
    if newsfane:
        kept = []
        for s in corpora.newsfane(datasets / NEWSFANE):
            if s in held_out:
                report.dropped_overlap += 1
            else:
                kept.append(s)
        extra.append(("newsfane", kept))
    if wojood:
        extra.append(("wojood", [s for f in WOJOOD for s in corpora.wojood(datasets / f)]))
    if gazet_copies:
        rng = random.Random(seed)
        names = corpora.anergazet(datasets / ANERGAZET)
        extra.append(("anergazet", [s for _ in range(gazet_copies) for s in corpora.replace_mentions(train, names, rng)]))
    out_dir.mkdir(parents=True, exist_ok=True)
    train_bin = DocBin(attrs=["ORTH", "NORM", "ENT_IOB", "ENT_TYPE"])
    for doc in _docs(make_doc, train, "anercorp", report):
        train_bin.add(doc)
    for source, sentences in extra:
        for doc in _docs(make_doc, sentences, source, report):
            train_bin.add(doc)
    dev_bin = DocBin(attrs=["ORTH", "NORM", "ENT_IOB", "ENT_TYPE"])
    for doc in _docs(make_doc, dev, "anercorp-dev", report):
        dev_bin.add(doc)
    train_bin.to_disk(out_dir / "train.spacy")
    dev_bin.to_disk(out_dir / "dev.spacy")
    return report


@registry.readers("marsad.NerCorpus.v1")
def create_corpus(path: Path | str) -> Callable[[Language], Iterator[Example]]:
    """Return a corpus reader of a DocBin written by `build` (tokens kept as they are)."""

    def read(nlp: Language) -> Iterator[Example]:
        for ref in DocBin().from_disk(path).get_docs(nlp.vocab):
            if len(ref):
                yield Example(model_copy(nlp, ref), ref)

    return read
