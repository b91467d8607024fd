"""Choose the gazetteer record of each place phrase, using the article as context.

A name like "حماة" is a city, a governorate and a district; "الشيحة" is a dozen
villages; "الباب" is a city and the word "door". The frame of the phrase (matcher.py)
and the rest of the article decide:

* the place noun: "محافظة X" wants the admin1, "مدينة X" a populated place;
* the governorates the sentence names ("... في ريف حماة الشمالي"): a minor place outside
  all of them is not taken (the mention falls back to the area, entry None);
* the article's countries, inferred from its unambiguous mentions (never a default),
  and its governorates (spatial coherence): a bare village name is taken only inside
  them (see `Resolver._plausible`);
* names that are also ordinary words (place_words.yaml `common_words`) need a frame;
* then level (country > populated > admin1 > admin2 for a bare name) and population.

A name that a frame marks as a place but no record fits (an unknown village, or one
whose only namesakes lie elsewhere) stays a mention with entry None, located at the
nearest resolved place of its sentence (`PlaceMention.area`) when there is one.

`resolve_name` offers the same choice for one name without a Doc.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..annotations import GazetteerEntry, PlaceMention
from .gazetteer import Gazetteer
from .matcher import DocView, Phrase
from .words import PlaceWords

MAJOR_POPULATION = 100_000
TOWN_POPULATION = 20_000  # a bare one-word place smaller than this needs its governorate named
AREA_REACH = 12  # tokens: how far a named governorate constrains the places of its sentence
BIG_CITY_POPULATION = 1_000_000  # Arabic names of cities this big are unambiguous anywhere
_LEVEL_BASE = {"country": 3.0, "populated": 2.0, "admin1": 1.5, "admin2": 0.5}
_TRIGGER_LEVELS = {"populated": ("populated",), "admin1": ("admin1",), "admin2": ("admin2", "populated"),
                   "country": ("country",)}


def is_major(entry: GazetteerEntry) -> bool:
    """True for countries, admin1 units, capitals and cities of 100k+ (never vetoed by context)."""
    return (entry.level in ("country", "admin1") or entry.population >= MAJOR_POPULATION
            or entry.feature_code == "PPLC")


@dataclass
class _Context:
    """What the article as a whole says about where it is."""

    countries: Counter
    admin1s: Counter
    sentence_areas: dict[int, list[tuple[int, tuple[str, str]]]]  # sentence -> [(token, (cc, admin1))]
    sentence_places: set[int]  # sentences that name any place below country level
    own_admin1: dict[int, tuple[str, str]]  # phrase number -> the one admin1 all its readings share


class Resolver:
    """Turn phrases into PlaceMentions for one Doc."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords):
        self.gaz = gazetteer
        self.words = words

    # -- candidates --------------------------------------------------------------------
    def _candidates(self, ph: Phrase) -> list[GazetteerEntry]:
        found = [e for e in (self.gaz.get(k) for k in ph.keys) if e is not None]
        if ph.trigger_level in _TRIGGER_LEVELS:
            wanted = [e for e in found if e.level in _TRIGGER_LEVELS[ph.trigger_level]]
            found = wanted or found
        return found

    def _plausible(self, ph: Phrase, e: GazetteerEntry, countries: Counter | None,
                   support: Counter | None = None) -> bool:
        """Whether `e` may be what the phrase names, before comparing candidates.

        * Countries, capitals and cities of 1M+ always pass; cities of 100k+ pass in
          Arabic-speaking countries, or when framed, or when the article is about them.
        * A frame (place noun, relation, list, "في X بريف ...") licenses a smaller place
          of a country the article is about (any, when it names no country yet).
        * Bare names: only in Arabic-speaking countries (elsewhere the Arabic-script names
          are transliterations that collide with Arabic words); an admin1 or a multi-word
          name passes; a one-word name needs the article to be about its country and,
          under TOWN_POPULATION, its governorate named elsewhere in the article.
        * Common words and names after person markers need a frame, and a framed common
          word must still lie in a country the article is about.
        """
        common = bool(ph.norms) and self.words.is_common(ph.norms)
        if (ph.person or common) and not ph.cued:
            return False
        if common and countries is not None and not self._about(countries, e.country_code):
            return False  # "منطقة الجزيرة" in a report on Iraq is no Algerian capital
        arabic = e.country_code in self.words.arabic_countries
        if e.level == "country" or e.feature_code == "PPLC" or e.population >= BIG_CITY_POPULATION:
            return True
        if e.population >= MAJOR_POPULATION and (arabic or ph.cued or self._about(countries, e.country_code)):
            return True
        if ph.cued:  # framed, but a village of a country the article never points at is a homonym
            return countries is None or not countries or self._about(countries, e.country_code)
        if not arabic:
            return False
        if e.level == "admin1" or len(ph.norms) >= 2:  # "خان شيخون" is no everyday phrase
            return True
        if countries is None or not self._about(countries, e.country_code):
            return False
        # a bare one-word village: only where the article also names its governorate or a
        # place in it (spatial coherence); a town of some size needs only its country
        return e.population >= TOWN_POPULATION or (support is not None and support[(e.country_code, e.admin1)] > 0)

    @staticmethod
    def _about(countries: Counter | None, cc: str) -> bool:
        """True when a fair share of the article's country evidence points at `cc`."""
        if not countries:
            return False
        return countries[cc] >= 3 or countries[cc] >= 0.15 * sum(countries.values())

    # -- article context ---------------------------------------------------------------
    def _context(self, phrases: list[Phrase], cands: dict[int, list[GazetteerEntry]]) -> _Context:
        countries: Counter = Counter()
        admin1s: Counter = Counter()
        areas: dict[int, list[tuple[int, tuple[str, str]]]] = defaultdict(list)
        places: set[int] = set()
        own: dict[int, tuple[str, str]] = {}
        for n, ph in enumerate(phrases):
            ok = [e for e in cands[n] if self._plausible(ph, e, None)]
            if not ok:
                continue
            ccs = {e.country_code for e in ok}
            if len(ccs) == 1:
                cc = ccs.pop()
                top = max(ok, key=lambda e: _LEVEL_BASE.get(e.level, 0))
                countries[cc] += 3 if top.level == "country" else 2 if is_major(top) else 1
            a1 = {(e.country_code, e.admin1) for e in ok if e.admin1}
            if a1:
                places.add(ph.sentence)
            if len(a1) == 1:
                key = a1.pop()
                admin1s[key] += 1
                own[n] = key
                areaish = (ph.trigger_level == "admin1" or (ph.relation is not None and ph.relation.admin1_area)
                           or all(e.level == "admin1" for e in ok))
                if areaish:
                    areas[ph.sentence].append((ph.start, key))
        return _Context(countries, admin1s, areas, places, own)

    def _score(self, ph: Phrase, e: GazetteerEntry, ctx: _Context) -> float:
        s = _LEVEL_BASE.get(e.level, 0.0)
        if ph.trigger_level in _TRIGGER_LEVELS and e.level == _TRIGGER_LEVELS[ph.trigger_level][0]:
            s += 3.0
        if ph.relation is not None and ph.relation.admin1_area and e.level == "admin1":
            s += 1.0
        s += 0.25 * math.log10(e.population + 1)
        own = [k for t, k in ctx.sentence_areas.get(ph.sentence, ()) if t != ph.start]
        if (e.country_code, e.admin1) in own:
            s += 4.0
        total_a = sum(ctx.admin1s.values()) or 1
        s += 1.5 * ctx.admin1s[(e.country_code, e.admin1)] / total_a
        total_c = sum(ctx.countries.values()) or 1
        s += 3.0 * ctx.countries[e.country_code] / total_c
        return s

    def _fits_areas(self, ph: Phrase, e: GazetteerEntry, ctx: _Context) -> bool:
        """False for a place its sentence's named governorates rule out.

        A minor place must lie in one of them; a city (short of a metropolis) must at
        least be in one of their countries: in "... X وY في ريف حماة", Y is no Egyptian city.
        Only governorates named within `AREA_REACH` tokens count: a long sentence moves on.
        """
        own = [k for t, k in ctx.sentence_areas.get(ph.sentence, ())
               if t != ph.start and abs(t - ph.start) <= AREA_REACH]
        if not own or e.level == "country" or e.feature_code == "PPLC" or e.population >= BIG_CITY_POPULATION:
            return True
        if is_major(e):
            return e.level == "admin1" or e.country_code in {cc for cc, _ in own}
        return (e.country_code, e.admin1) in own

    # -- main ---------------------------------------------------------------------------
    def resolve(self, view: DocView, phrases: list[Phrase]) -> list[PlaceMention]:
        """Return the Doc's place mentions, resolved where the evidence allows."""
        cands = {n: self._candidates(ph) for n, ph in enumerate(phrases)}
        ctx = self._context(phrases, cands)
        chosen: dict[int, GazetteerEntry | None] = {}
        for n, ph in enumerate(phrases):
            support = ctx.admin1s.copy()
            if n in ctx.own_admin1:
                support[ctx.own_admin1[n]] -= 1
            ok = [e for e in cands[n]
                  if self._plausible(ph, e, ctx.countries, support) and self._fits_areas(ph, e, ctx)]
            chosen[n] = max(ok, key=lambda e: self._score(ph, e, ctx)) if ok else None
        mentions: list[tuple[Phrase, PlaceMention]] = []
        for n, ph in enumerate(phrases):
            entry = chosen[n]
            if entry is None and not self._keep_unresolved(ph, cands[n], ctx):
                continue
            mentions.append((ph, self._mention(view, ph, entry)))
        self._assign_areas(mentions)
        return [m for _, m in mentions]

    def _keep_unresolved(self, ph: Phrase, cands: list[GazetteerEntry], ctx: _Context) -> bool:
        """An unknown (or rejected) name stays as a place only when its frame is strong."""
        if ph.person or not ph.norms or any(len(w) < 2 for w in ph.norms[:1]):
            return False
        if ph.trigger_strong:  # list items inherit the noun of their list
            return True
        if ph.trigger is not None or ph.list_relation is not None:
            # a weak noun (منطقة، جبل) or a relation list ("محيط X وY"): only with an area in
            # the sentence; a gazetteer name listed beside others is a place even if a word
            common = self.words.is_common(ph.norms) and not (ph.in_list and cands)
            return ph.sentence in ctx.sentence_places and not common
        return False

    def _mention(self, view: DocView, ph: Phrase, entry: GazetteerEntry | None) -> PlaceMention:
        doc = view.doc
        start_char = ph.start_char
        start_tok = ph.start
        if ph.relation_en and ph.phrase_start is not None:
            start_tok, start_char = ph.phrase_start, doc[ph.phrase_start].idx
        elif ph.trigger_char is not None and entry is None:
            start_tok, start_char = ph.trigger_start, ph.trigger_char
        end_tok = ph.suffix_end or ph.end
        end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1])
        area = None
        precision = 1
        if entry is not None:
            if ph.relation_en:
                precision = 3 if entry.level == "country" else 2
                if ph.relation is not None and ph.relation.admin1_area:
                    area, entry = self._countryside(ph, entry)
            elif entry.level in ("country", "admin1"):
                precision = 3
            elif entry.level == "admin2":
                precision = 2
        else:
            precision = 2
        trigger = doc[ph.trigger_tok].text if ph.trigger_tok is not None else None
        return PlaceMention(start=start_char, end=end_char, start_token=start_tok, end_token=end_tok,
                            text=doc.text[start_char:end_char], entry=entry, area=area, relation=ph.relation_en,
                            geo_precision=precision, trigger_word=trigger)

    def _countryside(self, ph: Phrase, entry: GazetteerEntry) -> tuple[GazetteerEntry | None, GazetteerEntry]:
        """Return (area, named place) of "ريف X": the governorate when X names one, else X itself."""
        cands = [e for e in (self.gaz.get(k) for k in ph.keys) if e is not None]
        admin1 = next((e for e in cands if e.level == "admin1" and e.country_code == entry.country_code), None)
        if admin1 is None:
            return None, entry
        town = next((e for e in cands if e.level == "populated" and e.admin1 == admin1.admin1), None)
        return admin1, town or entry

    def _assign_areas(self, mentions: list[tuple[Phrase, PlaceMention]]) -> None:
        """Give each unresolved mention the nearest resolved place of its sentence as its area."""
        for ph, m in mentions:
            if m.entry is not None:
                continue
            same = [(p2, m2) for p2, m2 in mentions
                    if p2.sentence == ph.sentence and m2.located is not None and m2.located.level != "country"
                    and abs(m2.start_token - m.start_token) <= AREA_REACH * 2]
            after = [x for x in same if x[1].start > m.end]
            before = [x for x in same if x[1].end <= m.start]
            pick = min(after, key=lambda x: x[1].start) if after else (max(before, key=lambda x: x[1].end)
                                                                      if before else None)
            if pick is not None:
                m.area = pick[1].located


def resolve_name(name: str, context_admin1: str | None = None, country: str | None = None,
                 gazetteer: Gazetteer | None = None) -> GazetteerEntry | None:
    """Return the best gazetteer record for one place name, or None.

    `context_admin1` (Arabic or ACLED English, "Hama") and `country` (ISO alpha-2) prefer
    records inside them; otherwise the choice is by level (country > populated > admin1
    > admin2) and population, as for a bare name in text.
    """
    from .gazetteer import get_gazetteer

    gaz = gazetteer or get_gazetteer()
    cands = gaz.lookup(name)
    if not cands:
        return None
    area = gaz.admin1(context_admin1, country) if context_admin1 else None

    def score(e: GazetteerEntry) -> float:
        s = _LEVEL_BASE.get(e.level, 0.0) + 0.25 * math.log10(e.population + 1)
        if area is not None and e.country_code == area.country_code and e.admin1 == area.admin1:
            s += 4.0
        if country and e.country_code == country:
            s += 3.0
        return s

    return max(cands, key=score)
