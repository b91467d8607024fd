"""Assemble marsad's spaCy pipeline and run it on articles.

    tokenizer (clitics) -> marsad_sentences -> marsad_places -> marsad_dates
      -> marsad_actors -> marsad_entities -> marsad_quotes -> marsad_events

Each step is a registered spaCy component; `nlp.pipe_names` is the whole flow, and any
step can be run alone (`build_pipeline(["marsad_sentences", "marsad_dates"])`).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the stages registers their components with spaCy.
from . import annotations  # noqa: F401
from .annotations import ArticleRecord
from .events import actors as _actors  # noqa: F401
from .events import extract as _events  # noqa: F401
from .geo import component as _geo  # noqa: F401
from .nlp import entities as _entities  # noqa: F401
from .quotes import extract as _quotes  # noqa: F401
from .schema import ArticleMeta, ArticleOutput
from .text import sentences as _sentences  # noqa: F401
from .text.tokenizer import CliticTokenizer
from .time import component as _time  # noqa: F401

PIPE_NAMES: tuple[str, ...] = (
    "marsad_sentences",
    "marsad_places",
    "marsad_dates",
    "marsad_actors",
    "marsad_entities",
    "marsad_quotes",
    "marsad_events",
)


ENTITIES_ENV = "MARSAD_ENTITIES"


def entity_model_enabled() -> bool:
    """Whether the trained entity model runs: yes unless $MARSAD_ENTITIES is "rules".

    With "rules" the entities come from the other stages and the name patterns only:
    about 3x the articles per second, the same events and quotes, lower entity recall
    (dev 0.97 -> 0.90). For bulk runs over archives; `marsad --entities rules ...`.
    """
    mode = os.environ.get(ENTITIES_ENV, "model").strip().lower()
    if mode not in ("model", "rules"):
        raise ValueError(f"${ENTITIES_ENV} must be 'model' or 'rules', not {mode!r}")
    return mode == "model"


def build_pipeline(pipes: Sequence[str] = PIPE_NAMES) -> Language:
    """Return a spaCy Arabic pipeline with marsad's tokenizer and the named components."""
    nlp = spacy.blank("ar")
    tokenizer = CliticTokenizer(nlp.vocab)
    nlp.tokenizer = tokenizer
    for name in pipes:
        nlp.add_pipe(name, config={"model": entity_model_enabled()} if name == "marsad_entities" else {})
    words: set[str] = set()
    for _, component in nlp.pipeline:
        known = getattr(component, "known_words", None)
        if known is not None:
            words.update(known())
    # A lexicon phrase written with its conjunction ("وفي الأثناء") must not make "وفي" a
    # word of its own: و + a known word is always split.
    tokenizer.add_known(w for w in words if not (len(w) > 2 and w[0] == "و" and w[1:] in words))
    return nlp


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """Return the full pipeline, built once per process."""
    return build_pipeline()


def make_doc(nlp: Language, record: ArticleRecord) -> Doc:
    """Tokenise the record's text and attach the record, ready for the components."""
    doc = nlp.make_doc(record.text)
    doc._.record = record
    return doc


def run(nlp: Language, record: ArticleRecord) -> Doc:
    """Run every component of `nlp` on one article."""
    doc = make_doc(nlp, record)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def run_many(nlp: Language, records: Iterable[ArticleRecord]) -> Iterable[Doc]:
    """Run the pipeline over many articles, lazily."""
    for record in records:
        yield run(nlp, record)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_output(doc: Doc) -> ArticleOutput:
    """Gather the Doc's annotations into the marsad.article/1 output."""
    from .nlp.entities import entities_of
    from .geo.component import places_of
    from .quotes.extract import quotes_of

    record: ArticleRecord = doc._.record
    meta = ArticleMeta(id=record.id, source=record.source, published=record.published, title=record.title,
                       url=record.url, language=record.language or "ar", sha256=sha256_text(record.text))
    return ArticleOutput(article=meta, entities=entities_of(doc), places=places_of(doc),
                         events=list(doc._.events or []), quotes=quotes_of(doc))


def extract(record: ArticleRecord | str, nlp: Language | None = None) -> ArticleOutput:
    """Return everything marsad finds in one article (a record, or bare text)."""
    if isinstance(record, str):
        record = ArticleRecord(id=sha256_text(record)[:16], text=record)
    return to_output(run(nlp or default_pipeline(), record))
