"""CoNLL files for NER: reading, BIO chunks, entity-level scoring.

A CoNLL file holds one token per line, whitespace-separated columns with the token
first and a BIO tag last, and a blank line between sentences; `-DOCSTART-` lines are
skipped. Gold tags are read through a corpus label map (marsad/data/ner_labels.yaml) so
that ANERcorp's PERS or Wojood's GPE become marsad's PER and LOC, and types marsad does
not label (MISC, dates...) become O.

Scoring follows seqeval's default (conlleval) definition: an entity is a maximal chunk
of B-X I-X ... tags (an I-X after O or after another type also opens a chunk), and a
predicted entity counts only when its type and both boundaries equal a gold entity's.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .. import _yaml

LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "FAC")


@dataclass
class Sentence:
    """One CoNLL sentence: its raw lines and, per token, the word and the (mapped) tag."""

    words: list[str]
    tags: list[str]
    lines: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def label_maps() -> dict[str, dict[str, str]]:
    """Return every corpus's label map (marsad/data/ner_labels.yaml)."""
    with resources.files("marsad.data").joinpath("ner_labels.yaml").open(encoding="utf-8") as fh:
        return {name: {str(k): str(v) for k, v in m.items()} for name, m in _yaml.safe_load(fh).items()}


def map_tag(tag: str, mapping: dict[str, str]) -> str:
    """Return a BIO tag with its type mapped to a marsad label, or "O"."""
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I", "E", "S"):
        return "O"
    label = mapping.get(kind)
    if label is None:
        return "O"
    # BIOES (E-, S-) read as BIO: S opens, E continues
    return f"{'B' if prefix in ('B', 'S') else 'I'}-{label}"


def read_conll(path: str | Path, labels: str | None = "generic", column: int = -1) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL file; tags from `column`, mapped with the `labels` map.

    `labels=None` keeps the tags as written. Lines with a single column carry no tag (O).
    """
    mapping = label_maps()[labels] if labels else None
    words: list[str] = []
    tags: list[str] = []
    lines: list[str] = []
    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            cols = line.split()
            if not cols:
                if words:
                    yield Sentence(words, tags, lines)
                words, tags, lines = [], [], []
                continue
            if cols[0] == "-DOCSTART-":
                continue
            tag = cols[column] if len(cols) > 1 else "O"
            words.append(cols[0])
            tags.append(map_tag(tag, mapping) if mapping is not None else tag)
            lines.append(line)
    if words:
        yield Sentence(words, tags, lines)


def chunks(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Return the (type, start, end) entities of a BIO tag sequence, conlleval style."""
    out: list[tuple[str, int, int]] = []
    start, kind = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, t = tag.partition("-") if tag != "O" else ("O", "", "")
        opens = prefix == "B" or (prefix == "I" and t != kind)
        if start is not None and (prefix == "O" or opens):
            out.append((kind, start, i))
            start, kind = None, None
        if prefix in ("B", "I") and start is None:
            start, kind = i, t
    return out


def tags_from_spans(n: int, spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """Return BIO tags for n tokens from non-overlapping (type, start, end) spans."""
    tags = ["O"] * n
    for kind, s, e in spans:
        if e <= s or any(t != "O" for t in tags[s:e]):
            continue
        tags[s] = f"B-{kind}"
        for i in range(s + 1, e):
            tags[i] = f"I-{kind}"
    return tags


@dataclass
class Scores:
    """Entity-level counts per label and the precision / recall / F1 they give."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: Sequence[str], pred: Sequence[str]) -> None:
        """Count one sentence's gold and predicted tags."""
        g, p = set(chunks(gold)), set(chunks(pred))
        for kind, *_ in g & p:
            self.tp[kind] += 1
        for kind, *_ in p - g:
            self.fp[kind] += 1
        for kind, *_ in g - p:
            self.fn[kind] += 1

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def label(self, kind: str) -> tuple[float, float, float, int]:
        """Return (precision, recall, F1, gold count) of one label."""
        return self._prf(self.tp[kind], self.fp[kind], self.fn[kind]) + (self.tp[kind] + self.fn[kind],)

    def micro(self) -> tuple[float, float, float, int]:
        """Return micro-averaged (precision, recall, F1, gold count) over all labels."""
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return self._prf(tp, fp, fn) + (tp + fn,)

    def macro(self) -> tuple[float, float, float]:
        """Return the unweighted mean of the labels' precision, recall and F1."""
        rows = [self.label(k)[:3] for k in self.labels()]
        if not rows:
            return 0.0, 0.0, 0.0
        return tuple(sum(r[i] for r in rows) / len(rows) for i in range(3))  # type: ignore[return-value]

    def table(self) -> str:
        """Return a plain-text report: one line per label, then micro and macro averages."""
        lines = [f"{'label':<8}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
        for kind in self.labels():
            p, r, f, n = self.label(kind)
            lines.append(f"{kind:<8}{p:>10.4f}{r:>10.4f}{f:>10.4f}{n:>9}")
        p, r, f, n = self.micro()
        lines.append(f"{'micro':<8}{p:>10.4f}{r:>10.4f}{f:>10.4f}{n:>9}")
        p, r, f = self.macro()
        lines.append(f"{'macro':<8}{p:>10.4f}{r:>10.4f}{f:>10.4f}{n:>9}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        out = {k: dict(zip(("precision", "recall", "f1", "support"), self.label(k))) for k in self.labels()}
        out["micro"] = dict(zip(("precision", "recall", "f1", "support"), self.micro()))
        out["macro"] = dict(zip(("precision", "recall", "f1"), self.macro()))
        return out


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Scores:
    """Score (gold tags, predicted tags) sentence pairs."""
    s = Scores()
    for gold, pred in pairs:
        s.add(gold, pred)
    return s
