"""Sentence boundaries for Arabic news text.

News paragraphs end in full stops, question marks, the Arabic question mark ؟ or a line
break; headlines have no punctuation at all. A full stop inside a number (3.5) or a
run of dots inside a quote ("..") is not a boundary of its own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = {".", "!", "?", "؟", "…"}
_CLOSERS = {"»", "\"", "”", "'", "’", ")"}


@Language.component("marsad_sentences")
def sentences(doc: Doc) -> Doc:
    """Mark sentence starts after sentence-final punctuation and after line breaks."""
    if not len(doc):
        return doc
    for tok in doc:
        tok.is_sent_start = tok.i == 0
    start_next = False
    for tok in doc:
        if tok.i == 0:
            continue
        if start_next and not tok.is_space and tok.text not in _ENDERS and tok.text not in _CLOSERS:
            tok.is_sent_start = True
            start_next = False
        prev = doc[tok.i - 1]
        if "\n" in tok.text:
            start_next = True
        elif tok.text in _ENDERS and not (prev.text in _ENDERS):
            start_next = True
    return doc
