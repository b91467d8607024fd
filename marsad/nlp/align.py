"""Carry BIO tags between a corpus's own tokens and marsad's clitic-split tokens.

Corpora such as ANERcorp come pre-tokenised, one whitespace word per line, with the
proclitics still attached ("وبغداد" B-LOC). marsad reads text with its own
`CliticTokenizer` (و + بغداد). The sentence is therefore rebuilt as text (words joined by
one space), tokenised the marsad way, and entities move by character offsets:

  - word -> token (training data): an entity covers the tokens inside its words, less the
    proclitic tokens split off its first word (the entity is بغداد, not وبغداد);
  - token -> word (tagging a CoNLL file): a word takes the tag of the entity its tokens
    belong to, so the word وبغداد is B-LOC again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span

from .conll import chunks

CLITICS = frozenset({"و", "ف", "ب", "ل", "ك"})


def word_offsets(words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the sentence text (words joined by one space) and each word's (start, end)."""
    offsets = []
    pos = 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    return " ".join(words), offsets


def is_clitic(tok) -> bool:
    """Whether a token is a proclitic the tokenizer split off the word that follows it."""
    return tok.norm_ in CLITICS and not tok.whitespace_ and tok.i + 1 < len(tok.doc) \
        and tok.doc[tok.i + 1].idx == tok.idx + len(tok.text)


def doc_with_tags(make_doc: Callable[[str], Doc], words: Sequence[str], tags: Sequence[str]) -> tuple[Doc, int]:
    """Return the sentence as a marsad Doc with the tagged entities as doc.ents.

    The second value counts entities that could not be placed (no token inside them).
    """
    text, offsets = word_offsets(words)
    doc = make_doc(text)
    ents: list[Span] = []
    lost = 0
    for kind, ws, we in chunks(tags):
        span = doc.char_span(offsets[ws][0], offsets[we - 1][1], label=kind, alignment_mode="expand")
        if span is None:
            lost += 1
            continue
        start, end = span.start, span.end
        while start < end and is_clitic(doc[start]):
            start += 1
        while end > start and (doc[end - 1].is_punct and doc[end - 1].text in "«»\"()[]،,"):
            end -= 1
        if end <= start:
            lost += 1
            continue
        ents.append(Span(doc, start, end, label=kind))
    # overlapping entities cannot be: a word split into two entities keeps the first
    kept: list[Span] = []
    for e in ents:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
        else:
            lost += 1
    doc.ents = kept
    return doc, lost


def word_tags(doc: Doc, spans: Sequence[Span], words: Sequence[str]) -> list[str]:
    """Return BIO tags for `words` (whose text is doc.text) from token spans of `doc`."""
    _, offsets = word_offsets(words)
    tags = ["O"] * len(words)
    w = 0
    for span in sorted(spans, key=lambda s: s.start_char):
        first = True
        while w < len(offsets) and offsets[w][1] <= span.start_char:
            w += 1
        k = w
        while k < len(offsets) and offsets[k][0] < span.end_char:
            if tags[k] == "O":
                tags[k] = f"{'B' if first else 'I'}-{span.label_}"
                first = False
            k += 1
    return tags
