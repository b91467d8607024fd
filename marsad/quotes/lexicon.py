"""The quote cues of marsad/data/quote_cues.yaml, folded and indexed for matching.

Every list in the YAML is folded once (`normalize.fold`) and turned into sets of words
or tables of multi-word phrases. Phrases are matched over `Word`s (see `words.py`), whose
first word may carry a proclitic ("وبحسب", "ومن جهته"), so a table hit reports the
clitics it found and the caller decides whether they are allowed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Generic, TypeVar

from .. import _yaml
from ..text.tokenizer import word_keys

T = TypeVar("T")


@dataclass(frozen=True)
class Cue:
    """A verb of saying: its lemma, the prepositions that open its complement, flags."""

    lemma: str
    takes: tuple[str, ...] = ()
    ambiguous_participle: bool = False
    source_prep: str | None = None
    source_only: bool = False
    object: bool = False
    addressee: bool = False


@dataclass(frozen=True)
class CueForm:
    """One written form of a cue: finite verb or circumstantial participle; `ambiguous`
    when the same letters are also a common other word (بين "between")."""

    cue: Cue
    participle: bool
    ambiguous: bool = False


class PhraseTable(Generic[T]):
    """Folded multi-word phrases -> payload, matched longest-first at a word position."""

    def __init__(self) -> None:
        self._table: dict[tuple[str, ...], T] = {}
        self._firsts: dict[str, int] = {}  # first word of a phrase -> its longest phrase, in words
        self.max_len = 1

    def add(self, phrase: str, payload: T) -> None:
        key = word_keys(str(phrase))
        if key:
            self._table.setdefault(key, payload)
            self._firsts[key[0]] = max(self._firsts.get(key[0], 0), len(key))
            self.max_len = max(self.max_len, len(key))

    def words(self) -> Iterable[str]:
        for key in self._table:
            yield from key

    def match(self, words: Sequence, i: int, end: int | None = None) -> tuple[int, T, str] | None:
        """Return (end, payload, clitics of the first word) of the longest phrase at `i`.

        The first word is compared by its stem (so a glued و/ب is allowed and reported);
        the following words by their whole folded form.
        """
        end = len(words) if end is None else min(end, len(words))
        if i >= end:
            return None
        first = words[i]
        # only a phrase whose first word is this word's norm or stem can match: most words start none
        longest = max(self._firsts.get(first.norm, 0), self._firsts.get(first.stem, 0))
        for n in range(min(longest, end - i), 0, -1):
            rest = tuple(w.norm for w in words[i + 1:i + n])
            for head, clitics in ((first.norm, ""), (first.stem, first.clitics)):
                hit = self._table.get((head,) + rest)
                if hit is not None:
                    return i + n, hit, clitics
        return None


@dataclass
class QuoteLexicon:
    """Everything the quotes stage knows about Arabic reported speech."""

    cue_forms: dict[str, CueForm] = field(default_factory=dict)
    complementizers: set[str] = field(default_factory=set)
    blockers: set[str] = field(default_factory=set)
    saying_nouns: set[str] = field(default_factory=set)
    after_cue: PhraseTable[str] = field(default_factory=PhraseTable)
    before_np: PhraseTable[str] = field(default_factory=PhraseTable)
    pronoun_attributions: set[str] = field(default_factory=set)
    clause_openers: set[str] = field(default_factory=set)
    continuation: PhraseTable[str] = field(default_factory=PhraseTable)
    discourse_openers: PhraseTable[str] = field(default_factory=PhraseTable)
    title_words: set[str] = field(default_factory=set)
    time_words: set[str] = field(default_factory=set)
    np_stops: set[str] = field(default_factory=set)
    frame_words: set[str] = field(default_factory=set)
    audience: PhraseTable[str] = field(default_factory=PhraseTable)
    media: PhraseTable[str] = field(default_factory=PhraseTable)
    channels: PhraseTable[tuple[int, str]] = field(default_factory=PhraseTable)
    roles: PhraseTable[tuple[str, str]] = field(default_factory=PhraseTable)
    titles: set[str] = field(default_factory=set)
    kunya: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)
    object_nouns: set[str] = field(default_factory=set)
    place_nouns: set[str] = field(default_factory=set)
    vocab: set[str] = field(default_factory=set)

    def known_words(self) -> set[str]:
        """Folded content words a proclitic may be split from ("وقال", "لمراسلنا", "وبحسب").

        Function words (أن، من، ما ...) are left out on purpose: taught to the tokenizer
        they would split real words ("كان" is not ك + أن).
        """
        words = set(self.cue_forms) | self.time_words | self.titles
        for table in (self.after_cue, self.before_np, self.continuation, self.audience, self.media,
                      self.channels, self.roles):
            words.update(table.words())
        return {w for w in words if len(w) >= 3 and "\u0621" <= w[0] <= "\u06ff"} - self.np_stops


def _fold_words(items: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for item in items:
        key = word_keys(str(item))
        if len(key) == 1:
            out.add(key[0])
    return out


def build_lexicon(data: dict) -> QuoteLexicon:
    """Return a QuoteLexicon from the parsed YAML document."""
    lex = QuoteLexicon()
    for entry in data["cues"]:
        takes = tuple(word_keys(p)[0] for p in entry.get("takes", []) if word_keys(p))
        source = entry.get("source")
        cue = Cue(lemma=entry["lemma"], takes=takes,
                  ambiguous_participle=bool(entry.get("ambiguous_participle")),
                  source_prep=word_keys(source)[0] if source else None,
                  source_only=bool(entry.get("source_only")), object=bool(entry.get("object")),
                  addressee=bool(entry.get("addressee")))
        amb = entry.get("ambiguous")
        amb_forms = _fold_words(entry.get("perfect", []) + entry.get("present", [])) if amb is True \
            else _fold_words(amb or [])
        for form in list(entry.get("perfect", [])) + list(entry.get("present", [])):
            for key in _fold_words([form]):
                lex.cue_forms.setdefault(key, CueForm(cue, participle=False, ambiguous=key in amb_forms))
        for form in entry.get("participle", []):
            for key in _fold_words([form]):
                lex.cue_forms.setdefault(key, CueForm(cue, participle=True))
    lex.complementizers = _fold_words(data["complementizers"])
    lex.blockers = _fold_words(data["complementizer_blockers"])
    lex.saying_nouns = _fold_words(data["saying_nouns"])
    for phrase in data["attribution"]["after_cue"]:
        lex.after_cue.add(phrase, phrase)
    for phrase in data["attribution"]["before_np"]:
        lex.before_np.add(phrase, phrase)
    lex.pronoun_attributions = _fold_words(data["pronoun_attributions"])
    lex.clause_openers = _fold_words(data["clause_openers"])
    for phrase in data["continuation"]:
        lex.continuation.add(phrase, phrase)
    for phrase in data["discourse_openers"]:
        lex.discourse_openers.add(phrase, phrase)
    lex.title_words = _fold_words(data["title_words"])
    lex.time_words = _fold_words(data["time_words"])
    lex.np_stops = _fold_words(data["np_stops"])
    lex.frame_words = _fold_words(data["frame_words"])
    for phrase in data["audience"]:
        lex.audience.add(phrase, phrase)
    for phrase in data["media"]:
        lex.media.add(phrase, phrase)
    for rank, entry in enumerate(data["channels"]):
        for phrase in entry["words"]:
            lex.channels.add(phrase, (rank, entry["channel"]))
    for entry in data["roles"]:
        for phrase in entry["words"]:
            lex.roles.add(phrase, (entry["role"], entry["kind"]))
    lex.titles = _fold_words(data["titles"])
    lex.kunya = _fold_words(data["kunya"])
    lex.given_names = _fold_words(data["given_names"])
    lex.object_nouns = _fold_words(data["object_nouns"])
    lex.place_nouns = _fold_words(data["place_nouns"])

    vocab = set(lex.cue_forms) | lex.complementizers | lex.saying_nouns | lex.time_words
    vocab |= lex.np_stops | lex.frame_words | lex.pronoun_attributions | lex.titles | lex.kunya
    vocab |= lex.clause_openers | lex.blockers | lex.object_nouns | lex.place_nouns
    vocab |= lex.title_words
    for table in (lex.after_cue, lex.before_np, lex.continuation, lex.discourse_openers, lex.audience,
                  lex.media, lex.channels, lex.roles):
        vocab.update(table.words())
    lex.vocab = {w for w in vocab if w and "\u0621" <= w[0] <= "\u06ff"}
    return lex


@functools.lru_cache(maxsize=1)
def lexicon() -> QuoteLexicon:
    """Return the packaged quote lexicon, loaded once per process."""
    text = resources.files("marsad.data").joinpath("quote_cues.yaml").read_text(encoding="utf-8")
    return build_lexicon(_yaml.safe_load(text))
