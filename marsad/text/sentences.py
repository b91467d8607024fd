"""Sentence boundaries for Arabic news text.

News paragraphs end in full stops, question marks, the Arabic question mark ؟ or a line
break; headlines have no punctuation at all. A full stop inside a number (3.5) or a
run of dots inside a quote ("..") is not a boundary of its own.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .tokens import doc_flags, doc_texts

_ENDERS = {".", "!", "?", "؟", "…"}
_CLOSERS = {"»", "\"", "”", "'", "’", ")"}


def sentence_starts(texts: list[str], spaces: list[bool]) -> list[bool]:
    """Return, for each token, whether a sentence starts there (token texts and IS_SPACE flags)."""
    starts = [False] * len(texts)
    if not texts:
        return starts
    starts[0] = True
    start_next = False
    for i in range(1, len(texts)):
        text = texts[i]
        if start_next and not spaces[i] and text not in _ENDERS and text not in _CLOSERS:
            starts[i] = True
            start_next = False
        if "\n" in text:
            start_next = True
        elif text in _ENDERS and texts[i - 1] not in _ENDERS:
            start_next = True
    return starts


@Language.component("marsad_sentences")
def sentences(doc: Doc) -> Doc:
    """Mark sentence starts after sentence-final punctuation and after line breaks."""
    if not len(doc):
        return doc
    doc[0].is_sent_start = True  # spaCy's own check: a parsed Doc keeps its parser's sentences
    # set all tokens in one call: Token.is_sent_start rescans the whole Doc on every write
    starts = sentence_starts(doc_texts(doc), doc_flags(doc, IS_SPACE))
    doc.from_array([SENT_START], numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64"))
    return doc
