"""A spaCy tokenizer for Arabic news that splits proclitics.

spaCy's blank Arabic tokenizer keeps "وبحماة" (and + in + Hama) as one token, so no
lexicon can find Hama in it. Here a word is split into its proclitics — the conjunctions
و/ف, the prepositions ب/ل/ك — and a stem when the stem is a known word (from the
gazetteer, the actor catalogue, trigger and cue lexicons) or carries the article ال.
Unknown words are never split: وزير and بانياس stay whole.

Tokens are substrings of the original text (spaCy requires it), so offsets stay exact.
Each token's NORM is its folded form (see `normalize.fold`); after the preposition ل the
elided alif of ال is restored in the NORM ("للجيش" -> "ل" + "لجيش" with norm "الجيش").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .normalize import fold

_AR_LETTERS = "\u0621-\u064a\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff"
_MARKS = "\u064b-\u065f\u0670\u0640\u200c\u200d"
# A token: an Arabic word (letters, marks, tatweel), a Latin word, a number with its
# separators (1,400 / 27/11 / 3.5), or any other single non-space character.
TOKEN_RE = re.compile(
    rf"[{_AR_LETTERS}][{_AR_LETTERS}{_MARKS}]*"
    r"|[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-]*"
    r"|[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,/٫٬][0-9\u0660-\u0669\u06f0-\u06f9]+)*"
    r"|\S"
)
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def word_keys(text: str) -> tuple[str, ...]:
    """Return the folded keys of the words of a lexicon entry (no clitic splitting)."""
    return tuple(fold(m.group()) for m in TOKEN_RE.finditer(text) if fold(m.group()))


def _is_arabic(word: str) -> bool:
    return "\u0621" <= word[0] <= "\u06ff"


class CliticTokenizer:
    """Split text into words and proclitics; every token is a slice of the input."""

    def __init__(self, vocab: Vocab, known: Iterable[str] = ()):
        self.vocab = vocab
        self.known: set[str] = {fold(w) for w in known}
        # word -> pieces, valid for one state of `known` (news repeats its words a lot)
        self._pieces: dict[str, list[tuple[int, int, str]]] = {}
        self._pieces_for: tuple[int, int] = (id(self.known), len(self.known))

    def add_known(self, words: Iterable[str]) -> None:
        """Teach the tokenizer more stems that may follow a proclitic."""
        self.known.update(fold(w) for w in words)

    def _stem_ok(self, stem: str, after_lam: bool) -> bool:
        if len(stem) < 2:
            return False
        if stem in self.known:
            return True
        if stem.startswith("ال") and len(stem) >= 4:
            return True
        # ل + ال contracts to لل: "للمعارضة" is ل + (ا)لمعارضة.
        return after_lam and stem.startswith("ل") and len(stem) >= 4

    def split_word(self, word: str) -> list[tuple[int, int, str]]:
        """Return (start, end, norm) pieces of one word: proclitics first, then the stem."""
        key = fold(word)
        if not key or not _is_arabic(word) or key in self.known or len(key) < 3:
            return [(0, len(word), key)]
        # Folded characters map one-to-one onto the original minus dropped marks,
        # so walk the original to find where each clitic letter ends.
        positions = [i for i, ch in enumerate(word) if fold(ch)]
        best: list[str] | None = None
        for conj in ("",) + _CONJ:
            for prep in ("",) + _PREP:
                prefix = conj + prep
                if not prefix or not key.startswith(prefix):
                    continue
                stem = key[len(prefix):]
                if prep == "ك" and not stem.startswith("ال"):
                    continue  # ك (like) is rare before a bare word; "كيري" is a name, not ك + يرى
                if self._stem_ok(stem, after_lam=prep == "ل"):
                    best = [c for c in prefix]
                    break
            if best:
                break
        if not best:
            return [(0, len(word), key)]
        # Clitic letter n covers the original from its folded position up to the next
        # one, so a diacritic written on a clitic stays with it.
        bounds = [0] + positions[1 : len(best) + 1]
        pieces = [(bounds[n], bounds[n + 1], best[n]) for n in range(len(best))]
        stem = key[len(best):]
        if best[-1] == "ل" and stem not in self.known and stem.startswith("ل") and not stem.startswith("ال"):
            stem = "ا" + stem
        pieces.append((bounds[-1], len(word), stem))
        return pieces

    def _pieces_memo(self) -> dict[str, list[tuple[int, int, str]]]:
        """Return the memo of word -> pieces, emptied when the known stems changed."""
        state = (id(self.known), len(self.known))
        if state != self._pieces_for or len(self._pieces) > 200_000:
            self._pieces = {}
            self._pieces_for = state
        return self._pieces

    def _word_pieces(self, word: str) -> list[tuple[int, int, str]]:
        """Return the pieces of any token: split_word's for an Arabic word, else the word whole."""
        return self.split_word(word) if _is_arabic(word) else [(0, len(word), fold(word))]

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[str] = []
        pos = 0

        def gap(upto: int) -> None:
            # One plain space after a token is spaCy's trailing-space flag; any other
            # whitespace becomes a token of its own, so doc.text == text exactly.
            ws = text[pos:upto]
            if not ws:
                return
            if words and not spaces[-1] and ws[0] == " ":
                spaces[-1] = True
                ws = ws[1:]
            if ws:
                words.append(ws)
                spaces.append(False)
                norms.append(ws)

        memo = self._pieces_memo()
        for m in TOKEN_RE.finditer(text):
            if m.start() != pos:
                gap(m.start())
            word = m.group()
            pieces = memo.get(word)
            if pieces is None:
                pieces = memo[word] = self._word_pieces(word)
            for s, e, norm in pieces:
                words.append(word[s:e])
                spaces.append(False)
                norms.append(norm or word[s:e])
            pos = m.end()
        gap(len(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            add = self.vocab.strings.add
            doc.from_array([NORM], numpy.array([add(n) for n in norms], dtype="uint64"))
        # the stages read every token's text and NORM again and again: hand them over now
        doc.user_data["marsad.texts"] = words
        doc.user_data["marsad.norms"] = norms
        doc.user_data["marsad.text"] = (len(words), text)  # doc.text == text, token for token
        return doc

    # spaCy serialisation hooks: the tokenizer is rebuilt from settings, nothing to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CliticTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "CliticTokenizer":
        return self


