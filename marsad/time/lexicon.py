"""The time words of marsad/data/time_words.yaml, folded and indexed for matching.

A time phrase can span several tokens ("كانون الثاني", "أول من أمس", "الحادي والعشرين"),
and the clitic tokenizer may or may not have split a و off its second word. `PhraseTable`
therefore keys each phrase by its folded letters with the spaces removed and matches it
against the concatenated NORMs of consecutive tokens, which is the same string whichever
way the words were split.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Generic, TypeVar

from .. import _yaml
from ..text.normalize import fold

T = TypeVar("T")


def _key(phrase: str) -> str:
    return "".join(fold(str(phrase)).split())


class PhraseTable(Generic[T]):
    """Folded phrases -> payload, matched longest-first at a token position."""

    def __init__(self, max_tokens: int = 5):
        self._table: dict[str, T] = {}
        self._prefixes: set[str] = set()  # every prefix of every key, to stop a match early
        self._words: set[str] = set()
        self.max_tokens = max_tokens

    def add(self, phrase: str, payload: T) -> None:
        key = _key(phrase)
        self._table[key] = payload
        self._prefixes.update(key[:n] for n in range(1, len(key) + 1))
        self._words.update(fold(str(phrase)).split())

    def __contains__(self, word: str) -> bool:
        return word in self._table

    def words(self) -> Iterator[str]:
        """Yield every folded word of every phrase."""
        yield from self._words

    def first_tokens(self) -> set[str]:
        """Return every token norm a match can start with (a phrase's match reads its first
        token whole, so it must be a prefix of some key)."""
        return set(self._prefixes)

    def match(self, norms: list[str], i: int) -> tuple[int, T] | None:
        """Return (end, payload) of the longest phrase starting at token `i`, if any."""
        if i < 0:
            return None
        best: tuple[int, T] | None = None
        acc = ""
        for j in range(i, min(i + self.max_tokens, len(norms))):
            acc += norms[j]
            if acc not in self._prefixes:
                break
            hit = self._table.get(acc)
            if hit is not None:
                best = (j + 1, hit)
        return best


@dataclass(frozen=True)
class Unit:
    """A time-span noun: its name (hour, day, ...), length in days, and count if dual."""

    name: str
    days: float
    count: int | None  # 1 singular, 2 dual, None plural ("أيام": some days)


@dataclass
class TimeLexicon:
    """Every table the recogniser needs, built once from the YAML."""

    months: PhraseTable[int] = field(default_factory=PhraseTable)
    ambiguous_months: set[str] = field(default_factory=set)
    weekdays: PhraseTable[int] = field(default_factory=PhraseTable)
    ambiguous_weekdays: set[str] = field(default_factory=set)
    weekday_cues_after: set[str] = field(default_factory=set)
    relative_days: PhraseTable[int] = field(default_factory=PhraseTable)
    anaphoric: PhraseTable[int] = field(default_factory=PhraseTable)
    not_today: set[str] = field(default_factory=set)
    day_parts: PhraseTable[bool] = field(default_factory=PhraseTable)
    day_nouns: set[str] = field(default_factory=set)
    markers: PhraseTable[str] = field(default_factory=PhraseTable)
    current_before: set[str] = field(default_factory=set)
    units: PhraseTable[Unit] = field(default_factory=PhraseTable)
    cardinals: PhraseTable[int] = field(default_factory=PhraseTable)
    ordinals: PhraseTable[int] = field(default_factory=PhraseTable)
    ordinal_heads: set[str] = field(default_factory=set)
    parts: PhraseTable[str] = field(default_factory=PhraseTable)
    part_month_days: dict[str, tuple[int, int]] = field(default_factory=dict)
    part_year_months: dict[str, tuple[int, int]] = field(default_factory=dict)
    seasons: PhraseTable[tuple[int, int]] = field(default_factory=PhraseTable)
    year_cues: set[str] = field(default_factory=set)
    year_nouns: set[str] = field(default_factory=set)
    month_nouns: set[str] = field(default_factory=set)
    since: PhraseTable[bool] = field(default_factory=PhraseTable)
    during: PhraseTable[bool] = field(default_factory=PhraseTable)
    hedges: PhraseTable[bool] = field(default_factory=PhraseTable)
    vague_counts: set[str] = field(default_factory=set)
    ago: set[str] = field(default_factory=set)
    ongoing: set[str] = field(default_factory=set)
    name_heads: set[str] = field(default_factory=set)
    clause_openers: PhraseTable[bool] = field(default_factory=PhraseTable)

    def starters(self) -> frozenset[str]:
        """Token norms at which a date expression can start (besides "ال" and tokens with a digit).

        Every recogniser first looks the token up in one of these tables or sets, so the
        expression reader skips any other token without trying them one by one.
        """
        cached = self.__dict__.get("_starters")
        if cached is None:
            words: set[str] = set()
            for table in (self.since, self.during, self.relative_days, self.weekdays, self.day_parts,
                          self.ordinals, self.months, self.parts, self.seasons, self.units):
                words |= table.first_tokens()
            words |= self.ago | self.day_nouns | self.month_nouns | self.year_nouns | self.current_before
            cached = self.__dict__["_starters"] = frozenset(words)
        return cached

    def known_words(self) -> set[str]:
        """Folded words the clitic tokenizer should learn ("وأمس" -> و + أمس).

        Two-letter words are left out: learning آب (August) would split باب (door)
        into ب + آب.
        """
        tables: Iterable[PhraseTable[Any]] = (
            self.months, self.weekdays, self.relative_days, self.day_parts, self.units, self.since,
            self.during, self.parts, self.seasons, self.markers, self.ordinals, self.cardinals,
            self.clause_openers)
        words = {w for t in tables for w in t.words()}
        words |= self.day_nouns | self.year_nouns | self.month_nouns | self.ago | self.ongoing
        return {w for w in words if len(w) > 2}


def _fold_set(values: Iterable[Any]) -> set[str]:
    return {_key(v) for v in values}


def build_lexicon(data: dict[str, Any]) -> TimeLexicon:
    """Return a TimeLexicon from the parsed time_words.yaml mapping."""
    lex = TimeLexicon()
    for number, names in data["months"].items():
        for name in names:
            lex.months.add(name, int(number))
    lex.ambiguous_months = _fold_set(data.get("ambiguous_months", ()))
    for number, names in data["weekdays"].items():
        for name in names:
            lex.weekdays.add(name, int(number))
    lex.ambiguous_weekdays = _fold_set(data.get("ambiguous_weekdays", ()))
    lex.weekday_cues_after = _fold_set(data.get("weekday_cues_after", ()))
    for offset, phrases in data["relative_days"].items():
        for phrase in phrases:
            lex.relative_days.add(phrase, int(offset))
    for offset, words in data["anaphoric_day_words"].items():
        for word in words:
            lex.anaphoric.add(word, int(offset))
    lex.not_today = _fold_set(data.get("not_today_words", ()))
    for phrase in data["day_parts"]:
        lex.day_parts.add(phrase, True)
    lex.day_nouns = _fold_set(data["day_nouns"])
    for kind, words in data["markers"].items():
        for word in words:
            lex.markers.add(word, kind)
    lex.current_before = _fold_set(data.get("current_before", ()))
    for name, spec in data["units"].items():
        for form, count in (("singular", 1), ("dual", 2), ("plural", None)):
            for word in spec.get(form, ()):
                unit = Unit(name, float(spec["days"]), count)
                lex.units.add(word, unit)
                lex.units.add("ال" + _key(word), unit)
    for number, words in data["cardinals"].items():
        for word in words:
            lex.cardinals.add(word, int(number))
            lex.cardinals.add("ال" + _key(word), int(number))
    for number, words in data["ordinals"].items():
        for word in words:
            lex.ordinals.add(word, int(number))
    lex.ordinal_heads = _fold_set(data.get("ordinal_heads", ()))
    for part, spec in data["period_parts"].items():
        for word in spec["words"]:
            lex.parts.add(word, part)
        lex.part_month_days[part] = tuple(spec["month_days"])
        lex.part_year_months[part] = tuple(spec["year_months"])
    for spec in data["seasons"].values():
        for word in spec["words"]:
            lex.seasons.add(word, tuple(spec["months"]))
    lex.year_cues = _fold_set(data["year_cues"])
    lex.year_nouns = _fold_set(data["year_nouns"])
    lex.month_nouns = _fold_set(data["month_nouns"])
    for word in data["since_words"]:
        lex.since.add(word, True)
    for word in data["during_words"]:
        lex.during.add(word, True)
    for word in data["hedges"]:
        lex.hedges.add(word, True)
    lex.vague_counts = _fold_set(data.get("vague_counts", ()))
    lex.ago = _fold_set(data["ago_words"])
    lex.ongoing = _fold_set(data.get("ongoing_before", ()))
    lex.name_heads = _fold_set(data["name_heads"])
    for word in data["clause_openers"]:
        lex.clause_openers.add(word, True)
    return lex


@functools.lru_cache(maxsize=1)
def default_lexicon() -> TimeLexicon:
    """Return the lexicon of the packaged marsad/data/time_words.yaml, loaded once."""
    text = resources.files("marsad").joinpath("data/time_words.yaml").read_text(encoding="utf-8")
    return build_lexicon(_yaml.safe_load(text))
