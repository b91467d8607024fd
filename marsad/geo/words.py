"""The place vocabulary of marsad/data/place_words.yaml and acled_admin1.yaml, folded.

Both the gazetteer builder (which name variants to index) and the matcher (which words
introduce, qualify or stop a place name) read the same lists; they are loaded once and
kept as folded keys so lookups compare like with like.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import resources

from .. import _yaml
from ..text.normalize import fold, strip_article
from ..text.tokenizer import word_keys

_DATA = "marsad.data"


def _read(name: str) -> str:
    return resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")


def data_fingerprint() -> str:
    """Return a short hash of the geo data files (part of the gazetteer cache key)."""
    h = hashlib.sha256()
    for name in ("place_words.yaml", "acled_admin1.yaml", "regions.yaml", "facilities.yaml"):
        h.update(_read(name).encode("utf-8"))
    return h.hexdigest()[:12]


@dataclass(frozen=True)
class Trigger:
    """A place noun: the level it points at, whether it alone licenses an unknown name."""

    word: str
    level: str
    strong: bool
    feature: bool
    plural: bool = False
    part: bool = False  # a part of a town (حي، دوار): its area is the town the sentence names
    dual: bool = False  # "بلدتي X وY": its adjectives are dual, so a singular word after it is a name


@dataclass(frozen=True)
class Relation:
    """A relative-location head ("ريف", "قرب"): English gloss and whether it means the governorate."""

    words: tuple[str, ...]
    en: str
    admin1_area: bool


@dataclass(frozen=True)
class PlaceWords:
    """Every list of place_words.yaml, folded."""

    region_countries: frozenset[str]
    arabic_countries: frozenset[str]
    name_prefixes: frozenset[str]
    alias_heads: tuple[tuple[str, ...], ...]
    country_aliases: dict[str, tuple[str, ...]]
    triggers: dict[str, Trigger]
    relations: tuple[Relation, ...]
    direction_nouns: dict[str, str]  # folded word -> "north"
    direction_adjs: dict[str, str]
    prepositions: frozenset[str]
    person_markers: frozenset[str]
    anaphors: frozenset[str]
    naming_words: frozenset[str]
    idioms: tuple[tuple[str, ...], ...]  # folded set phrases that open with a place name
    demonstratives: frozenset[str]
    org_markers: frozenset[str]
    resumptives: frozenset[str]
    container_links: frozenset[str]
    homographs: frozenset[str]  # as written (diacritics removed), not folded
    name_stops: frozenset[str]
    common_words: frozenset[str]  # folded, article stripped
    acled_countries: dict[str, str]
    acled_admin1: dict[str, str]
    metonym_verbs: frozenset[str] = frozenset()  # "اتهمت دمشق": a capital speaking for its government
    metonym_heads: frozenset[str] = frozenset()  # "حكومة دمشق"
    road_nouns: tuple[tuple[str, ...], ...] = ()  # folded ("طريق",), ("طريق", "عام")
    road: Relation | None = None
    road_joiners: frozenset[str] = frozenset()
    road_not_after: frozenset[str] = frozenset()

    def is_common(self, key: tuple[str, ...]) -> bool:
        """Return True when a folded name is also an ordinary word or given name."""
        joined = " ".join(key)
        return joined in self.common_words or " ".join((strip_article(key[0]),) + key[1:]) in self.common_words

    def vocabulary(self) -> set[str]:
        """Return every folded word of the lists (taught to the clitic tokenizer)."""
        words: set[str] = (set(self.triggers) | set(self.direction_nouns) | set(self.direction_adjs)
                           | set(self.name_prefixes))
        for rel in self.relations:
            words.update(rel.words)
        # nouns whose clitic forms are other words: بسهل (easily), كتلة (bloc), لسد (to fill)
        words -= {fold(w) for w in ("سهل", "تلة", "تلال", "سد")}
        return {w for w in words if len(w) >= 2}


def strip_marks(word: str) -> str:
    """Return `word` without Arabic diacritics and tatweel, letters (hamza forms) untouched."""
    return "".join(ch for ch in word if not "\u064b" <= ch <= "\u0652" and ch != "\u0640")


def _fold_list(items) -> frozenset[str]:
    return frozenset(" ".join(word_keys(str(w))) for w in items or ())


@functools.lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """Load and fold the place vocabulary (once per process)."""
    raw = _yaml.safe_load(_read("place_words.yaml"))
    acled = _yaml.safe_load(_read("acled_admin1.yaml"))
    triggers = {fold(w): Trigger(fold(w), str(v.get("level", "any")), bool(v.get("strong")), bool(v.get("feature")),
                                 bool(v.get("plural")), bool(v.get("part")), bool(v.get("dual")))
                for w, v in raw["triggers"].items()}
    relations = tuple(Relation(word_keys(w), str(v["en"]), v.get("area") == "admin1")
                      for w, v in raw["relations"].items())
    dnouns: dict[str, str] = {}
    dadjs: dict[str, str] = {}
    for name, forms in raw["directions"].items():
        dnouns.update({fold(w): name for w in forms["noun"]})
        dadjs.update({fold(w): name for w in forms["adj"]})
    roads = raw.get("roads") or {}
    common = set()
    for w in raw["common_words"]:
        key = word_keys(str(w))
        common.add(" ".join(key))
        common.add(" ".join((strip_article(key[0]),) + key[1:]))
    return PlaceWords(
        region_countries=frozenset(raw["region_countries"]),
        arabic_countries=frozenset(raw["arabic_countries"]),
        name_prefixes=frozenset(fold(w) for w in raw["name_prefixes"]),
        alias_heads=tuple(sorted((word_keys(w) for w in raw["alias_heads"]), key=len, reverse=True)),
        country_aliases={cc: tuple(names) for cc, names in (raw.get("country_aliases") or {}).items()},
        triggers=triggers,
        relations=relations,
        direction_nouns=dnouns,
        direction_adjs=dadjs,
        prepositions=_fold_list(raw["prepositions"]),
        person_markers=_fold_list(raw["person_markers"]),
        anaphors=_fold_list(raw["anaphors"]),
        naming_words=_fold_list(raw["naming_words"]),
        idioms=tuple(word_keys(str(w)) for w in raw.get("idioms") or ()),
        demonstratives=_fold_list(raw.get("demonstratives")),
        org_markers=_fold_list(raw.get("org_markers")),
        resumptives=_fold_list(raw.get("resumptives")),
        container_links=_fold_list(raw.get("container_links")),
        homographs=frozenset(strip_marks(str(w)) for w in raw.get("homographs") or ()),
        name_stops=_fold_list(raw["name_stops"]),
        common_words=frozenset(common),
        acled_countries=dict(acled.get("countries") or {}),
        acled_admin1=dict(acled.get("admin1") or {}),
        metonym_verbs=_fold_list(raw.get("metonym_verbs")),
        metonym_heads=_fold_list(raw.get("metonym_heads")),
        road_nouns=tuple(sorted({word_keys(str(w)) for w in roads.get("nouns") or ()}, key=len, reverse=True)),
        road=Relation(("طريق",), str(roads.get("en", "road from")), False),
        road_joiners=frozenset(fold(str(w)) for w in roads.get("joiners") or ()),
        road_not_after=_fold_list(roads.get("not_after")),
    )


def compass(dirs: list[str]) -> str:
    """Return the compass point of one or two directions: ["north", "west"] -> "northwest"."""
    if len(dirs) == 2 and dirs[0] in ("north", "south") and dirs[1] in ("east", "west"):
        return dirs[0] + dirs[1]
    return dirs[0]


def compass_adjective(point: str) -> str:
    """Return the adjective of a compass point: "northwest" -> "northwestern"."""
    return point + "ern"
