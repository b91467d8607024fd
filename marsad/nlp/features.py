"""Token features of marsad's trained NER, and the lexicon hints among them.

spaCy's stock embedding hashes NORM, PREFIX (one character), SUFFIX (three) and SHAPE
(Latin-centred: "xxxx" for every Arabic word). Arabic names are better told by:

  norm   the folded word (see `normalize.fold`), as the clitic tokenizer left it
  bare   the same without the article ال (الأسد and أسد share what they know)
  pre2   the first two letters of the bare word
  suf2, suf3   the last two and three letters (nisba ـي / ـية, plurals ـون / ـات, ...)
  shape  script, length class, article, and whether the token is a split proclitic
  gaz, actor, cue   lexicon hints (below)

The hints come from the `marsad_ner_hints` component, which runs before the NER and
marks each token with what marsad's own lexicons say of it: inside a gazetteer name (and
the place's level), inside an actor-catalogue alias (and the actor's kind), or a cue
word from marsad/data/entity_cues.yaml (a title, a given name, an organisation head
noun...). They are features the model weighs against the context, not decisions: the
model may overrule a village whose name is also a common word. The lexicon is copied
into the trained pipeline when it is trained, so a model always sees the hints it
learned with.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy
from spacy.attrs import NORM, ORTH, SHAPE, SPACY
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d

from ..text.lexicon import doc_norms
from ..text.normalize import strip_article
from ..text.tokenizer import CliticTokenizer, word_keys
from ..text.tokens import doc_strings, doc_texts
from .align import CLITICS

BASE_FEATURES: tuple[str, ...] = ("norm", "bare", "pre2", "suf2", "suf3", "shape")
HINT_FEATURES: tuple[str, ...] = ("gaz", "actor", "cue")
HINTS_KEY = "marsad_ner_hints"  # doc.user_data key: one (gaz, actor, cue) triple per token


def _shape(text: str, norm: str, space: bool, last: bool, shape: str) -> str:
    if not text.strip():
        return "space"
    ch = norm[:1] or text[:1]
    if "\u0621" <= ch <= "\u06ff":
        n = len(norm)
        size = "1" if n == 1 else "2" if n == 2 else "3" if n == 3 else "4" if n <= 5 else "6" if n <= 8 else "9"
        clitic = "c" if norm in CLITICS and not space and not last else ""
        return f"a{size}{'D' if norm.startswith('ال') and n > 3 else ''}{clitic}"
    if ch.isdigit():
        return "d" + str(min(len(text), 4))
    if ch.isalpha():
        return shape[:4]
    return text[:1]  # punctuation stands for itself


def token_features(doc: Doc, columns: Iterable[str]) -> list[list[str]]:
    """Return, for each token, the string value of each feature column."""
    columns = list(columns)
    texts, norms, shapes = doc_strings(doc, ORTH), doc_strings(doc, NORM), doc_strings(doc, SHAPE)
    spaces = doc.to_array(SPACY).tolist() if len(doc) else []
    hints = doc.user_data.get(HINTS_KEY)
    last = len(doc) - 1
    rows = []
    for i, norm in enumerate(norms):
        bare = strip_article(norm)
        values = {"norm": norm, "bare": bare, "pre2": bare[:2], "suf2": norm[-2:], "suf3": norm[-3:],
                  "shape": _shape(texts[i], norm, bool(spaces[i]), i == last, shapes[i])}
        h = hints[i] if hints is not None and i < len(hints) else ("O", "O", "O")
        values.update(gaz=h[0], actor=h[1], cue=h[2])
        rows.append([values[c] for c in columns])
    return rows


_HASHES: dict[str, int] = {}


def _hash(key: str) -> int:
    h = _HASHES.get(key)
    if h is None:
        if len(_HASHES) > 500_000:  # a bound on memory for long-running processes
            _HASHES.clear()
        h = _HASHES[key] = hash_string(key)
    return h


# The hashed features of a token depend only on its text, NORM, trailing space, whether it
# is the Doc's last token (the base columns) and its hint triple: a news Doc repeats the
# same few hundred word forms, so each combination is hashed once per process.
_BASE_ROWS: dict[tuple, tuple[int, ...]] = {}
_HINT_ROWS: dict[tuple, tuple[int, ...]] = {}
_NO_HINT = ("O", "O", "O")


def _base_row(columns: tuple[str, ...], text: str, norm: str, space: bool, last: bool, shape: str) -> tuple[int, ...]:
    bare = strip_article(norm)
    values = {"norm": norm, "bare": bare, "pre2": bare[:2], "suf2": norm[-2:], "suf3": norm[-3:],
              "shape": _shape(text, norm, space, last, shape)}
    return tuple(_hash(f"{c}={values[c]}") for c in columns)


def feature_hashes(doc: Doc, columns: tuple[str, ...]) -> numpy.ndarray:
    """Return the (tokens x columns) uint64 array of hashed `token_features` of `doc`."""
    base_cols = tuple(c for c in columns if c in BASE_FEATURES)
    hint_cols = tuple(c for c in columns if c not in BASE_FEATURES)
    texts, norms = doc_texts(doc), doc_norms(doc)
    n = len(texts)
    if len(_BASE_ROWS) > 500_000 or len(_HINT_ROWS) > 500_000:
        _BASE_ROWS.clear()
        _HINT_ROWS.clear()
    base_rows = []
    if base_cols:
        spaces = doc.to_array(SPACY).tolist() if n else []
        shapes: list[int] | None = None
        last = n - 1
        for i in range(n):
            key = (base_cols, texts[i], norms[i], spaces[i], i == last)
            row = _BASE_ROWS.get(key)
            if row is None:
                if shapes is None:
                    shapes = doc.to_array(SHAPE).tolist()
                row = _BASE_ROWS[key] = _base_row(base_cols, texts[i], norms[i], bool(spaces[i]), i == last,
                                                  doc.vocab.strings[shapes[i]])
            base_rows.append(row)
    hint_rows = []
    if hint_cols:
        hints = doc.user_data.get(HINTS_KEY)
        for i in range(n):
            h = hints[i] if hints is not None and i < len(hints) else _NO_HINT
            key = (hint_cols, h)
            row = _HINT_ROWS.get(key)
            if row is None:
                values = dict(zip(HINT_FEATURES, h))
                row = _HINT_ROWS[key] = tuple(_hash(f"{c}={values[c]}") for c in hint_cols)
            hint_rows.append(row)
    if columns == base_cols + hint_cols:
        rows = [b + h for b, h in zip(base_rows, hint_rows)] if base_cols and hint_cols else base_rows or hint_rows
        return numpy.asarray(rows, dtype="uint64").reshape((n, len(columns)))
    out = numpy.zeros((n, len(columns)), dtype="uint64")
    if base_cols:
        out[:, [columns.index(c) for c in base_cols]] = numpy.asarray(base_rows, dtype="uint64").reshape((n, -1))
    if hint_cols:
        out[:, [columns.index(c) for c in hint_cols]] = numpy.asarray(hint_rows, dtype="uint64").reshape((n, -1))
    return out


def _forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], Callable]:
    columns = tuple(model.attrs["columns"])
    out = [model.ops.asarray2i(feature_hashes(doc, columns), dtype="uint64") for doc in docs]
    return out, lambda d: []


@registry.layers("marsad.ArabicFeatures.v1")
def ArabicFeatures(columns: list[str]) -> Model[list[Doc], list[Ints2d]]:
    """Return a layer that hashes each token's feature strings (one column per feature)."""
    unknown = [c for c in columns if c not in BASE_FEATURES + HINT_FEATURES]
    if unknown:
        raise ValueError(f"unknown NER features {unknown}; known: {BASE_FEATURES + HINT_FEATURES}")
    return Model("marsad_features", _forward, attrs={"columns": tuple(columns)})


@registry.architectures("marsad.ArabicEmbed.v1")
def ArabicEmbed(width: int, features: list[str], rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """Embed tokens from hashed Arabic features, like spaCy's MultiHashEmbed."""
    if len(rows) != len(features):
        raise ValueError(f"{len(features)} features but {len(rows)} row counts")
    tables = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(len(features))]
    return chain(
        ArabicFeatures(list(features)),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@registry.tokenizers("marsad.CliticTokenizer.v1")
def create_tokenizer() -> Callable[[Language], CliticTokenizer]:
    """Return marsad's clitic tokenizer for a saved pipeline (with no learned stems: inside
    marsad the NER reads the tokens of the main pipeline, whose tokenizer knows them)."""
    return lambda nlp: CliticTokenizer(nlp.vocab)


class NerHints:
    """spaCy component: marks tokens inside gazetteer names, catalogue aliases, cue words."""

    def __init__(self, name: str = "marsad_ner_hints"):
        self.name = name
        self.lexicon: dict[str, dict[str, list[str]]] = {}
        # per column: folded word tuple -> hint label (the first label in sorted order)
        self._keys: dict[str, dict[tuple[str, ...], str]] = {}
        # per column: first word of a key -> the longest key starting with it
        self._firsts: dict[str, dict[str, int]] = {}
        self._max_len = 1

    def set_lexicon(self, lexicon: dict[str, dict[str, list[str]]]) -> None:
        """Use `lexicon`: {column: {hint label: [folded names, words space-separated]}}."""
        self.lexicon = lexicon
        self._keys = {}
        self._firsts = {}
        for column, by_label in lexicon.items():
            keys: dict[tuple[str, ...], str] = {}
            firsts: dict[str, int] = {}
            for label in sorted(by_label):
                for name in by_label[label]:
                    key = word_keys(name)
                    if key:
                        keys.setdefault(key, label)
                        firsts[key[0]] = max(firsts.get(key[0], 0), len(key))
                        self._max_len = max(self._max_len, len(key))
            self._keys[column] = keys
            self._firsts[column] = firsts

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        from .lexicon_hints import build_lexicon

        self.set_lexicon(build_lexicon())

    def __call__(self, doc: Doc) -> Doc:
        norms = doc_norms(doc)
        cols = {c: ["O"] * len(doc) for c in HINT_FEATURES}
        for column, keys in self._keys.items():
            out = cols[column]
            firsts = self._firsts[column]
            i = 0
            while i < len(norms):  # leftmost-longest, like TermIndex, over the NORMs
                longest = firsts.get(norms[i])  # most words start no key
                if longest is None:
                    i += 1
                    continue
                for n in range(min(longest, len(norms) - i), 0, -1):
                    label = keys.get(tuple(norms[i:i + n]))
                    if label is not None:
                        out[i:i + n] = [label] * n if column == "cue" else [f"B-{label}"] + [f"I-{label}"] * (n - 1)
                        i += n
                        break
                else:
                    i += 1
        doc.user_data[HINTS_KEY] = list(zip(*(cols[c] for c in HINT_FEATURES)))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lexicon.json").write_text(json.dumps(self.lexicon, ensure_ascii=False, sort_keys=True),
                                           encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NerHints:
        self.set_lexicon(json.loads((Path(path) / "lexicon.json").read_text(encoding="utf-8")))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self.lexicon, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> NerHints:
        self.set_lexicon(json.loads(data.decode("utf-8")))
        return self


@Language.factory("marsad_ner_hints")
def make_hints(nlp: Language, name: str) -> NerHints:
    return NerHints(name)
