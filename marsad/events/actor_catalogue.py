"""The actor catalogue: marsad/data/actors.yaml loaded into an alias index.

Every alias of an entry, written or generated from its nisba adjectives ("الروسي") and
owner nouns ("النظام"), in every spelling its variants allow, is tokenised the way the
clitic tokenizer splits text and indexed in a `TermIndex` for the entries it may name.

An alias can name several entries; `ActorCatalogue.choose` picks one, in order, by:
  1. the alias's own period, strictly ("الرئيس السوري" names Assad until 8 December 2024
     and nobody between then and 29 January 2025);
  2. the article's country, when the alias is shared by several countries' actors
     ("الجيش", "المدنيين", "التحالف");
  3. the entry valid on the publication date ("قوات النظام": the regime's army until
     8 December 2024, its loyalist remnants after), else the nearest in time, or with
     no date the most recent;
  4. an entry the article already named, then catalogue order.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.vocab import Vocab

from .. import _yaml
from .._cache import cache_dir, read_pickle, write_pickle
from ..annotations import ActorEntry
from ..text.lexicon import TermIndex
from ..text.normalize import fold, strip_article
from ..text.tokenizer import TOKEN_RE, CliticTokenizer, word_keys

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"
DEFAULT_COUNTRY = "Syria"


@dataclass(frozen=True)
class CatalogueEntry:
    """A catalogue entry: the ActorEntry mentions carry, plus what picks between entries."""

    actor: ActorEntry
    order: int
    country: str | None
    seen_in: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None  # exclusive
    default: bool
    member_of: str | None
    aliases: tuple[str, ...]  # every alias as indexed (written and generated)

    def fits(self, country: str | None) -> bool:
        """Whether the entry is an actor of `country`'s news (None fits anything)."""
        return country is None or self.country is None or self.country == country or country in self.seen_in

    def valid_on(self, day: dt.date) -> bool:
        """Whether the entry names its actor on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    def distance(self, day: dt.date) -> int:
        """Return how many days `day` lies outside the entry's period (0 inside it)."""
        if self.valid_from is not None and day < self.valid_from:
            return (self.valid_from - day).days
        if self.valid_to is not None and day >= self.valid_to:
            return (day - self.valid_to).days + 1
        return 0


@dataclass(frozen=True)
class Anaphor:
    """A word that names the most recent earlier mention of one of `entry_ids` ("التنظيم")."""

    entry_ids: tuple[str, ...]


@dataclass(frozen=True)
class AliasSense:
    """One entry an alias may name, within the alias's own period (strict: outside it, never)."""

    entry_id: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        return day is None or ((self.valid_from is None or self.valid_from <= day)
                               and (self.valid_to is None or day < self.valid_to))


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class ActorCatalogue:
    """The loaded actor catalogue: entries by id, an alias index, and the generic-group rules."""

    def __init__(self, data: dict):
        self.entries: dict[str, CatalogueEntry] = {}
        self._variants = {fold(k): [fold(v) for v in vs] for k, vs in (data.get("variants") or {}).items()}
        forms = data.get("forms") or {}
        heads = forms.get("nisba_heads") or {}
        self._nisba_heads = [(h, "") for h in heads.get("masculine", [])] + [(h, "ة") for h in heads.get("feminine", [])]
        self._owner_heads = list(forms.get("owner_heads") or [])
        raw = self._expand(data["actors"])
        generic = data.get("generic") or {}
        anaphors = data.get("anaphors") or {}
        words = [alias for _, _, aliases in raw for alias, _, _ in aliases] + list(generic.get("heads") or {}) \
            + list(anaphors) + list(data.get("not_actors") or [])
        self._stems = self._stem_words(words)
        self._tokenizer = CliticTokenizer(Vocab(), self._stems)
        self.index: TermIndex[AliasSense | Anaphor | None] = TermIndex(article_optional=False)
        self._senses: dict[tuple[str, ...], list[AliasSense]] = defaultdict(list)
        for (entry_id, spec, aliases) in raw:
            for alias, start, end in aliases:
                key, sense = self.key(alias), AliasSense(entry_id, start, end)
                self.index.add(" ".join(key), sense)
                self._senses[key].append(sense)
        for phrase in data.get("not_actors") or []:
            self.index.add(" ".join(self.key(phrase)), None)
        for word, ids in anaphors.items():
            unknown = [i for i in ids if i not in self.entries]
            if unknown:
                raise ValueError(f"actors.yaml: anaphor {word} refers to unknown ids {unknown}")
            self.index.add(" ".join(self.key(word)), Anaphor(tuple(ids)))
        self.open_heads = frozenset(self.key(h) for h in data.get("open_heads") or [])
        self.state_heads = frozenset(self.key(h) for h in generic.get("state_heads") or [])
        self.generic_heads: TermIndex[int] = TermIndex(article_optional=True)
        for head, inter in (generic.get("heads") or {}).items():
            self.generic_heads.add(" ".join(self.key(head)), int(inter))
        self.name_starters = frozenset(fold(w) for w in generic.get("name_starters") or [])
        self.connectors = frozenset(fold(w) for w in generic.get("connectors") or [])
        self.not_names = frozenset(fold(w) for w in generic.get("not_names") or [])

    # ------------------------------------------------------------------ building
    def _expand(self, specs: Sequence[dict]) -> list[tuple[str, dict, list[tuple[str, dt.date | None, dt.date | None]]]]:
        """Create the entries and list each one's aliases with their own periods."""
        out = []
        for order, spec in enumerate(specs):
            aliases: dict[str, tuple[dt.date | None, dt.date | None]] = {}
            for item in spec.get("aliases") or []:
                text, start, end = (item["ar"], _date(item.get("from")), _date(item.get("to"))) \
                    if isinstance(item, dict) else (item, None, None)
                for variant in self._spellings(text):
                    aliases.setdefault(variant, (start, end))
            excluded = {word_keys(t) for t in spec.get("not_aliases") or []}
            for text in self._generated(spec):
                for variant in self._spellings(text):
                    aliases.setdefault(variant, (None, None))
            for alias in [a for a in aliases if word_keys(a) in excluded]:
                del aliases[alias]
            first = spec["aliases"][0]
            name_ar = first["ar"] if isinstance(first, dict) else first
            actor = ActorEntry(id=spec["id"], name_en=spec["name_en"], name_ar=name_ar, inter=int(spec["inter"]),
                               side=spec["side"], kind=spec.get("kind", "armed"))
            if actor.id in self.entries:
                raise ValueError(f"actors.yaml: duplicate id {actor.id}")
            self.entries[actor.id] = CatalogueEntry(
                actor=actor, order=order, country=spec.get("country"), seen_in=tuple(spec.get("seen_in") or ()),
                valid_from=_date(spec.get("valid_from")), valid_to=_date(spec.get("valid_to")),
                default=bool(spec.get("default")), member_of=spec.get("member_of"), aliases=tuple(aliases))
            out.append((actor.id, spec, [(a, s, e) for a, (s, e) in aliases.items()]))
        return out

    def _generated(self, spec: dict) -> Iterable[str]:
        """Yield the aliases built from the entry's nisba adjectives and owner nouns."""
        for nisba in spec.get("nisba") or []:
            for head, ending in self._nisba_heads:
                definite = head.split()[0].startswith("ال")
                yield f"{head} {'ال' if definite else ''}{nisba}{ending}"
        for owner in spec.get("owners") or []:
            for head in self._owner_heads:
                yield f"{head} {owner}"

    def _spellings(self, text: str) -> list[str]:
        """Return `text` in every spelling its words' variants allow (at most 8)."""
        options = []
        for word in text.split():
            key = fold(word)
            bare = strip_article(key)
            article = key[: len(key) - len(bare)]
            options.append([word] + [article + v for v in self._variants.get(bare, []) if article + v != key])
        return [" ".join(words) for words in itertools.islice(itertools.product(*options), 8)]

    @staticmethod
    def _stem_words(aliases: Iterable[str]) -> frozenset[str]:
        """Return the folded alias words that are stems, not a proclitic + another stem.

        "للنظام" in "القوات الموالية للنظام" is ل + النظام: it must be split in the alias
        as the Doc tokenizer splits it in text, so it is not taught as a whole word.
        """
        words = {fold(m.group()) for alias in aliases for m in TOKEN_RE.finditer(alias)} - {""}
        probe = CliticTokenizer(Vocab(), words)
        stems = set()
        for word in words:
            probe.known.discard(word)
            if len(probe.split_word(word)) == 1:
                stems.add(word)
            probe.known.add(word)
        return frozenset(stems)

    def key(self, text: str) -> tuple[str, ...]:
        """Return the token NORMs that `text` has once tokenised like a Doc."""
        return tuple(t.norm_ for t in self._tokenizer(text) if not t.is_space)

    def known_words(self) -> frozenset[str]:
        """Return the folded alias words the clitic tokenizer should learn."""
        return self._stems

    # ------------------------------------------------------------------ choosing
    def choose(self, senses: Sequence[AliasSense | None], on: dt.date | None, country: str | None,
               mentioned: Iterable[str] = ()) -> CatalogueEntry | None:
        """Return the entry an alias with these senses names in an article (see module doc)."""
        senses = [s for s in senses if isinstance(s, AliasSense)]
        candidates = [self.entries[s.entry_id] for s in senses]
        countries = {e.country for e in candidates if e.country is not None}
        candidates = [self.entries[s.entry_id] for s in senses if s.valid_on(on)]
        if len(countries) > 1 and country is not None:
            fitting = [e for e in candidates if e.fits(country)]
            candidates = fitting or [e for e in candidates if e.fits(DEFAULT_COUNTRY)]
        if not candidates:
            return None
        seen = set(mentioned)
        if on is None:
            latest = dt.date.max
            return min(candidates, key=lambda e: (-(e.valid_to or latest).toordinal(),
                                                  -(e.valid_from or dt.date.min).toordinal(), e.order))
        return min(candidates, key=lambda e: (e.distance(on), e.actor.id not in seen, e.order))

    def lookup(self, text: str, on: dt.date | None = None, country: str | None = DEFAULT_COUNTRY) -> ActorEntry | None:
        """Return the catalogue actor that exactly `text` names, or None."""
        entry = self.choose(self.index.get(" ".join(self.key(text))), on, country)
        return entry.actor if entry is not None else None

    def for_side(self, side: str, country: str = DEFAULT_COUNTRY, on: dt.date | None = None) -> ActorEntry:
        """Return the generic actor of a side in a country on a date (unknown: unidentified)."""
        pool = [e for e in self.entries.values() if e.default and e.actor.side == side]
        pool = [e for e in pool if e.country == country] or [e for e in pool if e.fits(country)] \
            or [e for e in pool if e.country == DEFAULT_COUNTRY] or pool
        if not pool:
            return self.for_side("unknown", country, on)
        if on is None:
            return min(pool, key=lambda e: (-(e.valid_to or dt.date.max).toordinal(), e.order)).actor
        return min(pool, key=lambda e: (e.distance(on), e.order)).actor

    def conflicts(self) -> list[tuple[tuple[str, ...], str, str]]:
        """Return (alias key, id, id) for entries of one country that share an alias in one period."""
        out = []
        for key, senses in self._senses.items():
            for a, b in itertools.combinations(senses, 2):
                ea, eb = self.entries[a.entry_id], self.entries[b.entry_id]
                if a.entry_id == b.entry_id or ea.country != eb.country:
                    continue
                start = max(x for x in (ea.valid_from, eb.valid_from, a.valid_from, b.valid_from, dt.date.min) if x)
                end = min(x for x in (ea.valid_to, eb.valid_to, a.valid_to, b.valid_to, dt.date.max) if x)
                if start < end:
                    out.append((key, a.entry_id, b.entry_id))
        return out


# The code whose rules shape a loaded catalogue: a change to any of them retires the cache.
_CODE = [Path(__file__)] + [Path(__file__).resolve().parent.parent / "text" / name
                            for name in ("tokenizer.py", "normalize.py", "lexicon.py")]


def _cache_file(source: bytes) -> Path:
    h = hashlib.sha256(source)
    for code in _CODE:
        h.update(code.read_bytes())
    return cache_dir() / f"actors-{h.hexdigest()[:16]}.pickle"


@functools.lru_cache(maxsize=4)
def load_catalogue(path: str | None = None) -> ActorCatalogue:
    """Return the actor catalogue read from `path` (default: marsad/data/actors.yaml), once.

    Building it tokenises some 4,000 aliases (0.2 s of every start), so the built
    catalogue is kept as a pickle keyed by the YAML's and the shaping code's hashes, as the
    gazetteer is; an unreadable or unwritable cache only costs the build.
    """
    source = Path(path or CATALOGUE_PATH).read_bytes()
    cache = _cache_file(source)
    catalogue = read_pickle(cache, ActorCatalogue)
    if catalogue is None:
        catalogue = ActorCatalogue(_yaml.safe_load(source.decode("utf-8")))
        write_pickle(cache, catalogue)
    return catalogue
