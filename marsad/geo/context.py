"""What an article as a whole says about where it is, for choosing among namesakes.

Country evidence comes from the article's unambiguous mentions (a country, or a name
whose plausible records all lie in one country), weighted by how telling they are
(a country 3, a city or governorate 2, a village 1). The *dominant* country is the one
holding at least half of that evidence; ambiguous names lean towards it, and a name's
own mention never counts as evidence for itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..annotations import GazetteerEntry

MAJOR_POPULATION = 100_000
DOMINANT_SHARE = 0.5
LEVEL_BASE = {"country": 3.0, "populated": 2.0, "admin1": 1.5, "admin2": 0.5}


def is_major(entry: GazetteerEntry) -> bool:
    """True for countries, admin1 units, capitals and cities of 100k+ (never vetoed by context)."""
    return (entry.level in ("country", "admin1") or entry.population >= MAJOR_POPULATION
            or entry.feature_code == "PPLC")


@dataclass
class Context:
    """The article's country and governorate evidence."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    # sentence -> [(token, (cc, admin1))] of phrases that name a governorate
    sentence_areas: dict[int, list[tuple[int, tuple[str, str]]]] = field(default_factory=lambda: defaultdict(list))
    sentence_places: set[int] = field(default_factory=set)  # sentences naming a place below country level
    own_admin1: dict[int, tuple[str, str]] = field(default_factory=dict)  # phrase -> its one admin1
    own_country: dict[int, tuple[str, int]] = field(default_factory=dict)  # phrase -> (cc, weight it added)
    firm: Counter = field(default_factory=Counter)  # evidence from names with no namesake abroad
    dominant: str | None = None

    def add_country(self, n: int, cc: str, top: GazetteerEntry, firm: bool) -> None:
        """Count phrase `n` for country `cc`; `firm` when no record of the name lies elsewhere."""
        weight = 3 if top.level == "country" else 2 if is_major(top) else 1
        self.countries[cc] += weight
        self.own_country[n] = (cc, weight)
        if firm:
            self.firm[cc] += weight

    def settle(self) -> None:
        """Fix the dominant country once every phrase has been counted.

        Only names without namesakes abroad vote: "المحمودية" (a city in Iraq, a town in
        Egypt, a village in Lebanon the gazetteer lacks) says nothing about the article.
        """
        votes = self.firm or self.countries
        total = sum(votes.values())
        if total:
            cc, count = votes.most_common(1)[0]
            self.dominant = cc if count >= DOMINANT_SHARE * total else None

    def evidence(self, cc: str, n: int | None = None) -> int:
        """Return the evidence for country `cc`, less what phrase `n` itself added."""
        own = self.own_country.get(n) if n is not None else None
        return self.countries[cc] - (own[1] if own and own[0] == cc else 0)

    def about(self, cc: str, n: int | None = None) -> bool:
        """True when a fair share of the evidence (phrase `n`'s own left out) points at `cc`."""
        own = self.own_country.get(n) if n is not None else None
        total = sum(self.countries.values()) - (own[1] if own else 0)
        count = self.evidence(cc, n)
        return total > 0 and (count >= 3 or count >= 0.15 * total)

    def support(self, n: int) -> Counter:
        """Return the governorate counts without phrase `n`'s own contribution."""
        support = self.admin1s.copy()
        if n in self.own_admin1:
            support[self.own_admin1[n]] -= 1
        return support
