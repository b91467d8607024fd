"""A word-level view of a Doc for the quotes stage.

Quote finding reasons about whole written words ("وبحسب", "للصحفيين", "فإن") whatever
the tokenizer split off them, so this view re-reads doc.text with the tokenizer's own
word pattern and analyses each word's proclitics against the quote lexicon. Every word
keeps its character offsets into the original text; sentences come from the Doc
(marsad_sentences) when it has them, else from line breaks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ..text.normalize import fold
from ..text.tokenizer import TOKEN_RE
from ..text.tokens import doc_offsets, doc_text
from .lexicon import QuoteLexicon
from .marks import QUOTE_CHARS, MarkSpan, pair_marks

_PUNCT = set(".,،:;؛!?؟()[]{}-–—…/\\|*•")
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


@dataclass(frozen=True)
class Word:
    """One written word (or punctuation mark) with its folded form and proclitics."""

    i: int
    start: int
    end: int
    text: str
    norm: str
    clitics: str
    stem: str
    sent: int

    @property
    def is_mark(self) -> bool:
        return self.text in QUOTE_CHARS

    @property
    def is_punct(self) -> bool:
        return self.text in _PUNCT or self.is_mark

    @property
    def is_word(self) -> bool:
        return not self.is_punct


@dataclass(frozen=True)
class WordSpan:
    """A quotation-mark span in word indices: the opening mark, the closing one (or
    None), and the words between them."""

    open: int
    close: int | None
    inner_start: int
    inner_end: int
    chars: MarkSpan

    @property
    def n_inner(self) -> int:
        return self.inner_end - self.inner_start


def analyse(norm: str, vocab: set[str]) -> tuple[str, str]:
    """Return (proclitics, stem) of a folded word, splitting only onto a known stem."""
    if norm in vocab or len(norm) < 3:
        return "", norm
    if norm.endswith("ا") and norm[:-1] in vocab:
        return "", norm[:-1]  # accusative ending: "مصدراً" is مصدر
    for conj in _CONJ:
        for prep in _PREP:
            prefix = conj + prep
            if not prefix or not norm.startswith(prefix):
                continue
            rest = norm[len(prefix):]
            if len(rest) < 2:
                continue
            if rest in vocab:
                return prefix, rest
            # ل + ال contracts to لل: "للصحفيين" is ل + الصحفيين
            if prep == "ل" and rest.startswith("ل") and "ا" + rest in vocab:
                return prefix, "ا" + rest
    return "", norm


def _analyser(lex: QuoteLexicon) -> dict[str, tuple[str, str, str]]:
    """Return the lexicon's memo of written word -> (norm, clitics, stem), valid for its current vocab."""
    state = (id(lex.vocab), len(lex.vocab))
    memo = lex.__dict__.get("_analysed")
    if memo is None or memo[0] != state or len(memo[1]) > 200_000:
        memo = (state, {})
        lex.__dict__["_analysed"] = memo
    return memo[1]


class WordView:
    """The words of a Doc, their sentences, and its quotation marks."""

    def __init__(self, doc: Doc, lex: QuoteLexicon):
        self.doc = doc
        text = doc_text(doc)
        self.text = text
        sent_starts = self._sentence_starts(doc, text)
        analysed = _analyser(lex)
        words: list[Word] = []
        sent, n_starts = -1, len(sent_starts)
        for m in TOKEN_RE.finditer(text):
            written = m.group()
            found = analysed.get(written)
            if found is None:
                norm = fold(written)
                found = analysed[written] = (norm,) + analyse(norm, lex.vocab) if norm else ("", "", "")
            norm, clitics, stem = found
            if not norm:
                continue  # a bare direction mark or joiner (U+202B ...) is no word
            start = m.start()
            # the sentence holding `start` (words come in text order: no bisect needed)
            while sent + 1 < n_starts and sent_starts[sent + 1] <= start:
                sent += 1
            words.append(Word(len(words), start, m.end(), written, norm, clitics, stem, sent))
        self.words = words
        self._starts = [w.start for w in words]
        self.spans: dict[int, WordSpan] = {}
        for span in pair_marks(text):
            ws = self._word_span(span)
            if ws is not None:
                self.spans[ws.open] = ws
        self.sent_range: dict[int, tuple[int, int]] = {}
        for w in words:
            lo, _ = self.sent_range.get(w.sent, (w.i, w.i))
            self.sent_range[w.sent] = (lo, w.i + 1)
        self._inside_closed: tuple[int, list[bool]] | None = None
        self._ents: list[tuple[str, int, int]] | None = None

    @property
    def ents(self) -> list[tuple[str, int, int]]:
        """(label, start_char, end_char) of the Doc's entities, read once (doc.ents is rebuilt per access)."""
        if self._ents is None:
            self._ents = [(e.label_, e.start_char, e.end_char) for e in self.doc.ents]
        return self._ents

    def inside_closed_quote(self, i: int, min_inner: int) -> bool:
        """True when word i lies inside a closed quotation of more than `min_inner` words."""
        if self._inside_closed is None or self._inside_closed[0] != min_inner:
            inside = [False] * len(self.words)
            for span in self.spans.values():
                if span.close is not None and span.n_inner > min_inner:
                    for k in range(max(span.inner_start, 0), min(span.inner_end, len(inside))):
                        inside[k] = True
            self._inside_closed = (min_inner, inside)
        inside = self._inside_closed[1]
        return 0 <= i < len(inside) and inside[i]

    @staticmethod
    def _sentence_starts(doc: Doc, text: str) -> list[int]:
        starts = {0}
        if doc.has_annotation("SENT_START"):
            if "sents" in doc.user_hooks:
                starts.update(s.start_char for s in doc.sents)
            else:  # what doc.sents gives, without building its Spans
                offsets = doc_offsets(doc)
                starts.add(offsets[0])
                starts.update(offsets[i] for i, s in enumerate(doc.to_array(SENT_START).tolist()) if s == 1)
        # a line break always ends a sentence
        pos = text.find("\n")
        while pos != -1:
            starts.add(pos + 1)
            pos = text.find("\n", pos + 1)
        return sorted(starts)

    def _index_at(self, char: int) -> int:
        """Return the index of the first word starting at or after `char`."""
        return bisect.bisect_left(self._starts, char)

    def _word_span(self, span: MarkSpan) -> WordSpan | None:
        o = self._index_at(span.open)
        if o >= len(self.words) or self.words[o].start != span.open:
            return None
        if span.close is not None:
            c = self._index_at(span.close)
            if c >= len(self.words) or self.words[c].start != span.close:
                return None
            return WordSpan(o, c, o + 1, c, span)
        end = self._index_at(span.inner_end)
        return WordSpan(o, None, o + 1, end, span)

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Word:
        return self.words[i]

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Return the word range [start, end) of the sentence holding word i."""
        return self.sent_range[self.words[i].sent]

    def text_of(self, start: int, end: int) -> tuple[int, int, str]:
        """Return (start_char, end_char, text) covering words [start, end)."""
        a, b = self.words[start].start, self.words[end - 1].end
        return a, b, self.text[a:b]
