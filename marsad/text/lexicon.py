"""Longest-match lookup of multi-word lexicon entries over a tokenised Doc.

Gazetteer names, actor aliases, trigger words and cue verbs are all "a sequence of
folded words -> some payload". `TermIndex` holds such entries and finds them in a Doc
by token NORM, leftmost-longest, tolerating a missing or extra article ال on the first
word. Every match is a token range, so its character offsets are the Doc's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.attrs import NORM
from spacy.tokens import Doc, Span

from .normalize import strip_article
from .tokenizer import word_keys
from .tokens import doc_strings, per_doc

T = TypeVar("T")


def doc_norms(doc: Doc) -> list[str]:
    """Return the NORM of every token, computed once per Doc (spaCy makes a Token object per access)."""
    return per_doc(doc, "marsad.norms", lambda d: doc_strings(d, NORM))


@dataclass(frozen=True)
class TermMatch(Generic[T]):
    """A lexicon hit: the token range [start, end) and every payload of that key."""

    start: int
    end: int
    payloads: tuple[T, ...]

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


class TermIndex(Generic[T]):
    """Multi-word terms keyed by folded words, matched leftmost-longest."""

    def __init__(self, article_optional: bool = True):
        self._terms: dict[tuple[str, ...], list[T]] = defaultdict(list)
        self._firsts: set[str] = set()  # first words of all keys: most tokens start no term
        self._max_len = 1
        self.article_optional = article_optional

    def __setstate__(self, state: dict) -> None:
        # indexes pickled before `_firsts` existed (a cached gazetteer) rebuild it on load
        self.__dict__.update(state)
        if "_firsts" not in state:
            self._firsts = {key[0] for key in self._terms}

    def __len__(self) -> int:
        return len(self._terms)

    def add(self, text: str, payload: T) -> None:
        """Index `text` (an Arabic or English name) for `payload`."""
        key = word_keys(text)
        if not key:
            return
        if payload not in self._terms[key]:
            self._terms[key].append(payload)
        self._firsts.add(key[0])
        self.__dict__.pop("_starters", None)
        if self.article_optional:
            bare = (strip_article(key[0]),) + key[1:]
            if bare != key and payload not in self._terms[bare]:
                self._terms[bare].append(payload)
            self._firsts.add(bare[0])
        self._max_len = max(self._max_len, len(key))

    def payloads(self) -> Iterator[list[T]]:
        """Yield the payload list of every key."""
        yield from self._terms.values()

    def words(self) -> Iterator[str]:
        """Yield every folded word of every key (for teaching the clitic tokenizer)."""
        for key in self._terms:
            yield from key

    def get(self, text: str) -> list[T]:
        """Return the payloads of an exact key (article-tolerant)."""
        key = word_keys(text)
        if not key:
            return []
        return list(self._terms.get(key) or self._terms.get((strip_article(key[0]),) + key[1:], []))

    def _starter_words(self) -> set[str]:
        """Return the token norms a term can start at: a first word, or (article optional) a
        first word with ال before it, as `strip_article` would take it off."""
        starters = self.__dict__.get("_starters")
        if starters is None:
            starters = set(self._firsts)
            if self.article_optional:
                starters.update(w for w in ("ال" + f for f in self._firsts) if strip_article(w) != w)
            self._starters = starters
        return starters

    def _lookup(self, norms: tuple[str, ...]) -> list[T] | None:
        hit = self._terms.get(norms)
        if hit:
            return hit
        if self.article_optional:
            bare = (strip_article(norms[0]),) + norms[1:]
            if bare != norms:
                return self._terms.get(bare)
        return None

    def finditer(self, doc: Doc | Span, start: int = 0, end: int | None = None,
                 skip: Iterable[int] = ()) -> Iterator[TermMatch[T]]:
        """Yield leftmost-longest matches over doc tokens [start, end), in order."""
        tokens = doc if isinstance(doc, Doc) else doc.doc
        offset = 0 if isinstance(doc, Doc) else doc.start
        lo, hi = offset + start, (offset + end) if end is not None else (offset + len(doc))
        blocked = set(skip)
        hi = min(hi, len(tokens))
        norms = doc_norms(tokens)
        # walk norms[lo:hi] in place rather than copying the slice; k is the index in that slice
        base, stop, _ = slice(lo, hi).indices(len(norms))
        starters = self._starter_words()
        i = base
        while i < stop:
            first = norms[i]
            k = i - base
            if first in starters and lo + k not in blocked and not first.isspace():
                for n in range(min(self._max_len, stop - i), 0, -1):
                    payloads = self._lookup(tuple(norms[i:i + n]))
                    if payloads:
                        yield TermMatch(lo + k, lo + k + n, tuple(payloads))
                        i += n
                        break
                else:
                    i += 1
            else:
                i += 1
