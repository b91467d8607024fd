"""Read the NER training corpora of ../shared/datasets into marsad-labelled sentences.

Each reader yields `Sentence`s (words as the corpus tokenised them, BIO tags mapped to
PER / ORG / LOC / FAC through the corpus's map in marsad/data/ner_labels.yaml):

  anercorp  ANERcorp, CAMeL Lab recipe split (`ANERcorp_camel_recipe_{train,test}.txt`)
  newsfane  NewsFANE Gold 2014: the ANERcorp news text re-annotated with fine classes;
            tab-separated, CRLF, BOM, a left-to-right mark before most tokens
  wojood    the public Wojood sample: nested tags, several per token, `$#$` ends a sentence

NewsFANE and ANERcorp share their text, so `Overlap` removes every NewsFANE sentence
that shares a run of words with a held-out part (the ANERcorp test set, the development
slice): none of that text may reach training.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..nlp.conll import (
    Sentence,
    chunks,
    label_maps,
    map_tag,
    read_conll,
    tags_from_spans,
)
from ..text.normalize import fold

# direction marks, BOM, zero-width characters that the corpora carry inside tokens
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(word: str) -> str:
    """Return a corpus token without invisible direction marks ('' when nothing is left)."""
    return _INVISIBLE.sub("", word).strip()


def _cleaned(words: list[str], tags: list[str]) -> Sentence | None:
    pairs = [(clean(w), t) for w, t in zip(words, tags)]
    # a token that was only marks disappears; an entity starting there starts on the next
    out_w: list[str] = []
    out_t: list[str] = []
    pending_b = None
    for w, t in pairs:
        if not w:
            if t.startswith("B-"):
                pending_b = t[2:]
            continue
        if pending_b and t == f"I-{pending_b}":
            t = f"B-{pending_b}"
        pending_b = None
        out_w.append(w)
        out_t.append(t)
    return Sentence(out_w, out_t) if out_w else None


def anercorp(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of an ANERcorp CoNLL file (PERS / ORG / LOC; MISC -> O)."""
    for s in read_conll(path, labels="anercorp"):
        c = _cleaned(s.words, s.tags)
        if c:
            yield c


def newsfane(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of NewsFANE Gold (fine classes mapped to marsad's labels)."""
    mapping = label_maps()["newsfane"]
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if words:
                    c = _cleaned(words, tags)
                    if c:
                        yield c
                words, tags = [], []
                continue
            word, _, tag = line.partition("\t")
            words.append(word)
            tags.append(map_tag(tag.strip() or "O", mapping))
    if words:
        c = _cleaned(words, tags)
        if c:
            yield c


def _flatten(n: int, spans: list[tuple[str, int, int]]) -> list[str]:
    """Return flat BIO tags from nested spans: outer (longer) entities win."""
    return tags_from_spans(n, sorted(spans, key=lambda s: (s[1] - s[2], s[1])))


def wojood(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a Wojood file, nested entities flattened (outermost kept)."""
    mapping = label_maps()["wojood"]
    rows: list[tuple[str, list[str]]] = []

    def flush() -> Sentence | None:
        words = [w for w, _ in rows]
        spans: list[tuple[str, int, int]] = []
        # rebuild each entity type's spans on its own layer, then keep the mapped ones
        kinds = {t[2:] for _, ts in rows for t in ts if t != "O"}
        for kind in kinds:
            layer = [next((t for t in ts if t[2:] == kind), "O") for _, ts in rows]
            spans += [(mapping[k], s, e) for k, s, e in chunks(layer) if k in mapping]
        return _cleaned(words, _flatten(len(words), spans))

    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            cols = raw.split()
            if not cols:
                continue
            if cols[0] == "$#$":
                s = flush()
                if s:
                    yield s
                rows = []
                continue
            rows.append((cols[0], cols[1:] or ["O"]))
    if rows:
        s = flush()
        if s:
            yield s


class Overlap:
    """Text of held-out sentences, to keep any sentence that repeats it out of training.

    A sentence overlaps when it shares a run of `n` consecutive words with the held-out
    text, or (for one shorter than `n` words) when all of it occurs there.
    """

    def __init__(self, sentences: Iterable[Sentence], n: int = 6):
        self.n = n
        self.grams: set[tuple[str, ...]] = set()
        self.short: set[tuple[str, ...]] = set()
        for s in sentences:
            words = tuple(_key(w) for w in s.words)
            for k in range(1, min(n, len(words)) + 1):
                for i in range(len(words) - k + 1):
                    (self.grams if k == n else self.short).add(words[i:i + k])

    def __contains__(self, s: Sentence) -> bool:
        words = tuple(_key(w) for w in s.words)
        if len(words) < self.n:
            return words in self.short
        return any(words[i:i + self.n] in self.grams for i in range(len(words) - self.n + 1))


def _key(word: str) -> str:
    return fold(word)


def anergazet(folder: Path) -> dict[str, list[str]]:
    """Return the ANERGazet name lists as {PER / LOC / ORG: [names]} (separator lines and
    one-letter entries left out)."""
    out: dict[str, list[str]] = {}
    for label, sub in (("PER", "AlignedPersGazetteer"), ("LOC", "AlignedLocGazetteer"), ("ORG", "AlignedOrgGazetteer")):
        names = []
        for line in (folder / sub / "data").read_text(encoding="utf-8").splitlines():
            name = " ".join(clean(w) for w in line.split()).strip()
            if len(name) >= 2 and not name.startswith(("=", "*")):
                names.append(name)
        out[label] = sorted(set(names))
    return out


def replace_mentions(sentences: Iterable[Sentence], names: dict[str, list[str]], rng) -> Iterator[Sentence]:
    """Yield a copy of each sentence with entities, every entity replaced by a random name
    of its label (mention replacement: the model must read the context, not recall names).

    A person keeps its number of words, each drawn from the person list (given and family
    names are mixed there); a place or an organisation becomes one listed name."""
    for s in sentences:
        spans = chunks(s.tags)
        if not spans:
            continue
        words: list[str] = []
        tags: list[str] = []
        i = 0
        for kind, a, b in spans:
            words += s.words[i:a]
            tags += s.tags[i:a]
            pool = names.get(kind)
            new = ([rng.choice(pool) for _ in range(b - a)] if kind == "PER" else rng.choice(pool).split()) \
                if pool else s.words[a:b]
            new = [w for n in new for w in n.split()]
            words += new
            tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(new) - 1)
            i = b
        words += s.words[i:]
        tags += s.tags[i:]
        yield Sentence(words, tags)
