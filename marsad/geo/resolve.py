"""Choose the gazetteer record of each place phrase, using the article as context.

A name like "حماة" is a city, a governorate and a district; "الشيحة" is a dozen
villages; "الباب" is a city and the word "door". The frame of the phrase (matcher.py)
and the rest of the article (context.py) decide:

* the place noun: "محافظة X" wants the admin1, "مدينة X" a populated place;
* the governorates the sentence names ("... في ريف حماة الشمالي"): a minor place outside
  all of them is not taken (the mention falls back to the area, entry None);
* the article's countries, inferred from its unambiguous mentions (never a default):
  a name with namesakes in several countries is not taken in a country other than
  the dominant one unless the article also points there otherwise ("مدينة أريحا" in a
  report on Syria is Ariha, not Jericho); a bare village name is taken only inside the
  article's countries and governorates (see `Resolver._plausible`);
* what the text attaches the name to: a place "بريف X", "، شمالي X", "قرب X" lies in
  X's governorate, and the items of one list ("قرى X وY وZ") in the governorate their
  unambiguous items share; a namesake elsewhere is dropped (entry None);
* names that are also ordinary words (place_words.yaml `common_words`), or read as an
  adjective of the word before ("الحلول السلمية"), need a frame;
* then level (country > populated > admin1 > admin2 for a bare name) and population.

A name that a frame marks as a place but no record fits (an unknown village, or one
whose only namesakes lie elsewhere) stays a mention with entry None, located at its
containing area (`PlaceMention.area`; the rules are in areas.py).

`resolve_name` offers the same choice for one name without a Doc.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ..annotations import GazetteerEntry, PlaceMention
from .anaphora import anaphoric_relations
from .areas import AreaAssigner, admin_scope, attach_containers
from .context import LEVEL_BASE, MAJOR_POPULATION, Context, is_major
from .gazetteer import Gazetteer
from .phrase import DocView, Phrase
from .words import PlaceWords

TOWN_POPULATION = 20_000  # a bare one-word place smaller than this needs its governorate named
AREA_REACH = 12  # tokens: how far a named governorate constrains the places of its sentence
BIG_CITY_POPULATION = 1_000_000  # Arabic names of cities this big are unambiguous anywhere
_LEVEL_BASE = LEVEL_BASE
_TRIGGER_LEVELS = {"populated": ("populated",), "admin1": ("admin1",), "admin2": ("admin2", "populated"),
                   "country": ("country",)}

__all__ = ["Resolver", "is_major", "resolve_name"]


def _unmissable(e: GazetteerEntry) -> bool:
    """True for records no context vetoes: countries, capitals, cities of a million."""
    return e.level == "country" or e.feature_code == "PPLC" or e.population >= BIG_CITY_POPULATION


def _seat(e: GazetteerEntry) -> bool:
    """True for a governorate seat or capital (GeoNames PPLA, PPLC): known beyond its country."""
    return e.level == "admin1" or (e.feature_code or "") in ("PPLA", "PPLC")


def _area_key(e: GazetteerEntry) -> tuple[str, str | None]:
    return e.country_code, e.admin1


def _within(e: GazetteerEntry, cc: str, admin1: str | None) -> bool:
    return e.country_code == cc and (admin1 is None or e.admin1 == admin1)


class Resolver:
    """Turn phrases into PlaceMentions for one Doc."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords):
        self.gaz = gazetteer
        self.words = words
        self.areas = AreaAssigner(gazetteer, words)
        self._phrases: list[Phrase] = []  # the Doc being resolved

    # -- candidates --------------------------------------------------------------------
    def _candidates(self, ph: Phrase) -> list[GazetteerEntry]:
        found = [e for e in (self.gaz.get(k) for k in ph.keys) if e is not None]
        if not self._feature_framed(ph):  # a hill or a dam only where the text says جبل/سد
            found = [e for e in found if e.level != "feature"]
        if ph.trigger_level in _TRIGGER_LEVELS:
            wanted = [e for e in found if e.level in _TRIGGER_LEVELS[ph.trigger_level]]
            # a part of a town ("حي التضامن") is never a district of the same name abroad
            found = wanted if ph.trigger_part else (wanted or found)
        elif ph.trigger_part:  # "حاجز النسيم", "ساحة الحجاز": a quarter or a landmark, not a unit
            found = [e for e in found if e.level in ("populated", "feature")]
        return found

    def _metonym(self, view: DocView, ph: Phrase, m: PlaceMention) -> bool:
        """True for a capital or country that speaks or acts for its government ("اتهمت دمشق",
        "موسكو تحذر", "حكومة دمشق"); see place_words.yaml `metonym_verbs`."""
        e = m.entry
        if e is None or m.relation is not None or not (e.level == "country" or e.feature_code == "PPLC"):
            return False
        w = self.words

        def verb(k: int) -> bool:
            if not 0 <= k < len(view):
                return False
            norm = view.norms[k]
            return norm in w.metonym_verbs or (norm[:1] in ("و", "ف") and norm[1:] in w.metonym_verbs)

        before = ph.start - 1
        if before >= 0 and view.norms[before] in ("و", "ف"):
            before -= 1
        return verb(before) or verb(ph.end) or (before >= 0 and view.norms[before] in w.metonym_heads)

    def _evidence_elsewhere(self, ph: Phrase, cc: str, ctx: Context) -> int:
        """Evidence for country `cc` from mentions of other names than `ph`'s (a name repeated
        three times must not vouch for itself)."""
        same = sum(w for m, (c, w) in ctx.own_country.items()
                   if c == cc and m < len(self._phrases) and self._phrases[m].norms == ph.norms)
        return ctx.countries[cc] - same

    def _feature_framed(self, ph: Phrase) -> bool:
        """Whether the phrase names a natural or built feature: "جبل X", "مطار X", "سد X"."""
        if ph.feature:
            return True
        trig = self.words.triggers.get(ph.norms[0]) if ph.norms else None
        return trig is not None and trig.feature

    def _plausible(self, ph: Phrase, e: GazetteerEntry, ctx: Context | None, n: int | None = None,
                   several_countries: bool = False, home_namesake: bool = False) -> bool:
        """Whether `e` may be what the phrase names, before comparing candidates.

        * Countries, capitals and cities of 1M+ always pass; cities of 100k+ pass in
          Arabic-speaking countries, or when framed, or when the article is about them.
        * A name with namesakes in several countries passes outside the article's
          dominant country only when other mentions point at the record's country, or,
          when none of its namesakes lies in the dominant country (`home_namesake`), when
          the record is a governorate seat ("غزة" in a report on Egypt).
        * A frame (place noun, relation, list, "في X بريف ...") licenses a smaller place
          of a country the article is about (any, when it names no country yet).
        * Bare names: only in Arabic-speaking countries (elsewhere the Arabic-script names
          are transliterations that collide with Arabic words); an admin1 or a multi-word
          name passes; a one-word name needs the article to be about its country and,
          under TOWN_POPULATION, its governorate named elsewhere in the article.
        * Common words, adjectives and names after person or organisation markers need a
          frame, and a framed common word must still lie in a country the article is about.
        """
        common = bool(ph.norms) and self.words.is_common(ph.norms)
        if (ph.person or common) and not ph.cued:
            return False
        if ph.adjectival and not is_major(e):
            return False  # "الحلول السلمية", "الثورة كانت سلمية"
        if e.feature_code == "PPLX" and not (ph.trigger_part and ctx is not None and n is not None
                                             and ctx.support(n)[_area_key(e)] > 0):
            # a neighbourhood's name ("الميدان", "تشرين") is an ordinary word, and every city
            # has its own: only "حي X" in an article that names the city's governorate
            return False
        if ctx is not None:
            if common and not ctx.about(e.country_code):
                return False  # "منطقة الجزيرة" in a report on Iraq is no Algerian capital
            if (several_countries and ctx.dominant and e.country_code != ctx.dominant
                    and not _unmissable(e) and ctx.evidence(e.country_code, n) <= 0
                    and (home_namesake or not _seat(e))):
                return False  # "المحمودية" in a report on Lebanon is neither Iraq's nor Egypt's
        arabic = e.country_code in self.words.arabic_countries
        if _unmissable(e):
            return True
        head = self.words.triggers.get(ph.norms[0]) if ph.norms else None
        if (head is not None and head.part and ctx is not None and ctx.dominant
                and e.country_code != ctx.dominant and self._evidence_elsewhere(ph, e.country_code, ctx) <= 0):
            return False  # "حي التضامن": every city has one; not Tunis's in a report on Damascus
        about = ctx is not None and ctx.about(e.country_code)
        if e.population >= MAJOR_POPULATION and (arabic or ph.cued or about):
            return True
        if ph.cued:  # framed, but a village of a country the article never points at is a homonym
            return ctx is None or not ctx.countries or about
        if not arabic:
            return False
        if e.level == "admin1" or len(ph.norms) >= 2:  # "خان شيخون" is no everyday phrase
            return True
        if ctx is None or n is None or not about:
            return False
        # a bare one-word village: only where the article also names its governorate or a
        # place in it (spatial coherence); a town of some size needs only its country
        return e.population >= TOWN_POPULATION or ctx.support(n)[_area_key(e)] > 0

    # -- article context ---------------------------------------------------------------
    def _context(self, phrases: list[Phrase], cands: dict[int, list[GazetteerEntry]]) -> Context:
        ctx = Context()
        for n, ph in enumerate(phrases):
            ok = [e for e in cands[n] if self._plausible(ph, e, None)]
            if not ok:
                continue
            ccs = {e.country_code for e in ok}
            if len(ccs) == 1:
                firm = len({e.country_code for e in cands[n]}) == 1
                ctx.add_country(n, ccs.pop(), max(ok, key=lambda e: _LEVEL_BASE.get(e.level, 0)), firm)
            a1 = {_area_key(e) for e in ok if e.admin1}
            if a1:
                ctx.sentence_places.add(ph.sentence)
            if len(a1) == 1:
                key = a1.pop()
                ctx.admin1s[key] += 1
                ctx.own_admin1[n] = key
                areaish = (ph.trigger_level == "admin1" or (ph.relation is not None and ph.relation.admin1_area)
                           or all(e.level == "admin1" for e in ok))
                if areaish:
                    ctx.sentence_areas[ph.sentence].append((ph.start, key))
        ctx.settle()
        return ctx

    def _score(self, ph: Phrase, e: GazetteerEntry, ctx: Context, namesakes: list[GazetteerEntry]) -> float:
        s = _LEVEL_BASE.get(e.level, 0.0)
        if ph.trigger_level in _TRIGGER_LEVELS and e.level == _TRIGGER_LEVELS[ph.trigger_level][0]:
            s += 3.0
        if ph.relation is not None and ph.relation.admin1_area and e.level == "admin1":
            s += 1.0
        s += 0.25 * math.log10(e.population + 1)
        own = [k for t, k in ctx.sentence_areas.get(ph.sentence, ()) if t != ph.start]
        if _area_key(e) in own:
            s += 4.0
        total_a = sum(ctx.admin1s.values()) or 1
        s += 1.5 * ctx.admin1s[_area_key(e)] / total_a
        total_c = sum(ctx.countries.values()) or 1
        s += 3.0 * ctx.countries[e.country_code] / total_c
        if ctx.dominant and e.country_code == ctx.dominant:
            s += 1.5
        if e.level == "populated" and ph.trigger_level != "populated" and not is_major(e):
            units = [a for a in namesakes if a.level == "admin1" and a.country_code == e.country_code]
            if units and all(a.admin1 != e.admin1 for a in units):
                s -= 2.0  # "صلاح الدين": the governorate, not a village of that name elsewhere
        return s

    def _fits_areas(self, ph: Phrase, e: GazetteerEntry, ctx: Context, namesakes: bool = True) -> bool:
        """False for a place its sentence's named governorates rule out.

        A minor place must lie in one of them; a city (short of a metropolis) must at
        least be in one of their countries: in "... X وY في ريف حماة", Y is no Egyptian city.
        Only governorates named within `AREA_REACH` tokens count: a long sentence moves on.
        This chooses among namesakes: a name with a single place in those countries keeps
        it ("مدينة جسر الشغور ... وقصفت ريف حلب").
        """
        own = [k for t, k in ctx.sentence_areas.get(ph.sentence, ())
               if t != ph.start and abs(t - ph.start) <= AREA_REACH]
        if not own or _unmissable(e):
            return True
        if not namesakes and e.country_code in {cc for cc, _ in own}:
            return True
        if is_major(e):
            return e.level == "admin1" or e.country_code in {cc for cc, _ in own}
        return _area_key(e) in own

    # -- main ---------------------------------------------------------------------------
    def resolve(self, view: DocView, phrases: list[Phrase]) -> list[PlaceMention]:
        """Return the Doc's place mentions, resolved where the evidence allows."""
        self._phrases = phrases
        cands = {n: self._candidates(ph) for n, ph in enumerate(phrases)}
        ctx = self._context(phrases, cands)
        ok: dict[int, list[GazetteerEntry]] = {}
        chosen: dict[int, GazetteerEntry | None] = {}
        for n, ph in enumerate(phrases):
            several = len({e.country_code for e in cands[n]}) > 1
            home = any(e.country_code == ctx.dominant for e in cands[n])
            namesakes = len({_area_key(e) for e in cands[n]}) > 1
            ok[n] = [e for e in cands[n] if self._plausible(ph, e, ctx, n, several, home)
                     and self._fits_areas(ph, e, ctx, namesakes)]
            chosen[n] = self._best(ph, ok[n], ctx)
        for n, ph in enumerate(phrases):
            e = chosen[n]
            if e is not None and ph.relation_en and ph.relation_en.endswith("part of") and not is_major(e):
                # "الغارية الغربية": after a village, a direction is part of another village's
                # name (the gazetteer knows "الغارية" elsewhere), not a part of this one
                chosen[n] = None
        links = attach_containers(view, phrases, self.words)
        self._cohere(phrases, cands, ok, chosen, links, ctx)
        items: list[tuple[int, Phrase, PlaceMention]] = []
        for n, ph in enumerate(phrases):
            entry = chosen[n]
            if entry is None and not self._keep_unresolved(ph, cands[n], ctx, n in links):
                continue
            m = self._mention(view, ph, entry)
            m.metonym = self._metonym(view, ph, m)
            items.append((n, ph, m))
        self.areas.assign(view, items, links, ctx.dominant)
        mentions = [m for _, _, m in items]
        mentions += anaphoric_relations(view, self.words, mentions)  # "عند مدخل المدينة الشمالي"
        return sorted(mentions, key=lambda m: m.start)

    def _best(self, ph: Phrase, ok: list[GazetteerEntry], ctx: Context) -> GazetteerEntry | None:
        return max(ok, key=lambda e: self._score(ph, e, ctx, ok)) if ok else None

    def _cohere(self, phrases: list[Phrase], cands: dict[int, list[GazetteerEntry]],
                ok: dict[int, list[GazetteerEntry]], chosen: dict[int, GazetteerEntry | None],
                links: dict[int, int], ctx: Context) -> None:
        """Keep a place inside what the text puts it in: its container, its list's governorate.

        "الحسينية، شمالي بغداد" is a Husseiniya of Baghdad (none known: entry None, area
        Baghdad); in "محيط المشيك والزيارة وتل واسط والمنصورة" the Mansoura lies where
        al-Ziyara does, not in Raqqa. This chooses among namesakes: a name with a single
        place in the container's country keeps it (texts blur governorate borders), and
        countries, capitals and big cities are left alone.
        """
        wanted: dict[int, tuple[str, str | None]] = {}  # phrase -> (country, admin1 or None: any)
        from_list: set[int] = set()
        for n, c in links.items():
            cont = chosen.get(c)
            if cont is not None and cont.level != "country":
                # "X بريف حماة" lies in Hama governorate; "X، شمالي بغداد" or "X قرب حلب" only
                # in that country: a place north of a city may lie in the next governorate
                wanted[n] = _area_key(cont) if admin_scope(phrases[c], cont) else (cont.country_code, None)
        lists: dict[int, list[int]] = defaultdict(list)
        for n, ph in enumerate(phrases):
            if ph.list_head is not None:
                lists[ph.list_head].append(n)
        for ns in lists.values():
            firm = {ctx.own_admin1[n] for n in ns if n in ctx.own_admin1 and chosen[n] is not None}
            if len(firm) == 1:
                key = firm.pop()
                for n in ns:
                    if n not in wanted:
                        wanted[n] = key
                        from_list.add(n)
        for n, (cc, admin1) in wanted.items():
            e = chosen[n]
            if e is None or _unmissable(e) or _within(e, cc, admin1) or (n in from_list and is_major(e)):
                continue  # a list of villages shares a governorate; "منطقتي الرقة ودير الزور" does not
            if e.country_code == cc and len({_area_key(x) for x in cands[n]}) == 1:
                continue  # no namesake: "مخيم اليرموك في ريف دمشق" is Yarmouk, whatever the border
            inside = [x for x in ok[n] if _within(x, cc, admin1)]
            chosen[n] = self._best(phrases[n], inside, ctx)

    def _keep_unresolved(self, ph: Phrase, cands: list[GazetteerEntry], ctx: Context, attached: bool) -> bool:
        """An unknown (or rejected) name stays as a place only when its frame is strong.

        A weak noun (منطقة، جبل) needs a place named in its sentence, or a container the
        text attaches it to ("منطقة X الواقعة في محيط بلدة Y").
        """
        if ph.person or not ph.norms or any(len(w) < 2 for w in ph.norms[:1]):
            return False
        common = self.words.is_common(ph.norms)
        if ph.trigger_strong:  # list items inherit the noun of their list
            # "مدن الجنوب" are southern towns; "قرى الزيارة والمنصورة" lists a village
            return not (ph.trigger_plural and common and not ph.in_list)
        if ph.trigger is not None or ph.list_relation is not None:
            # a weak noun (منطقة، جبل) or a relation list ("محيط X وY"): only with an area in
            # the sentence; a gazetteer name listed beside others is a place even if a word
            common = common and not (ph.in_list and cands)
            return (ph.sentence in ctx.sentence_places or attached) and not common
        return False

    def _mention(self, view: DocView, ph: Phrase, entry: GazetteerEntry | None) -> PlaceMention:
        doc = view.doc
        start_char = ph.start_char
        start_tok = ph.start
        if ph.relation_en and ph.phrase_start is not None:
            start_tok, start_char = ph.phrase_start, doc[ph.phrase_start].idx
        elif ph.trigger_char is not None:  # a facility keeps its noun: "سد تشرين", "مطار حلب"
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
            elif entry.level == "admin2" or ph.feature:
                precision = 2  # a district, or a facility at (not in) the place it is named after
        else:
            precision = 2
        relation = ph.relation_en
        if entry is None and relation and relation.endswith("part of"):
            relation = None  # the direction belongs to the unknown name ("الغارية الغربية")
        trigger = doc[ph.trigger_tok].text if ph.trigger_tok is not None else None
        return PlaceMention(start=start_char, end=end_char, start_token=start_tok, end_token=end_tok,
                            text=view.text[start_char:end_char], entry=entry, area=area, relation=relation,
                            geo_precision=precision, trigger_word=trigger,
                            name=view.text[ph.start_char:ph.end_char])

    def _countryside(self, ph: Phrase, entry: GazetteerEntry) -> tuple[GazetteerEntry | None, GazetteerEntry]:
        """Return (area, named place) of "ريف X": the governorate when X names one, else X itself."""
        cands = [e for e in (self.gaz.get(k) for k in ph.keys) if e is not None]
        admin1 = next((e for e in cands if e.level == "admin1" and e.country_code == entry.country_code), None)
        if admin1 is None:
            return None, entry
        town = next((e for e in cands if e.level == "populated" and e.admin1 == admin1.admin1), None)
        return admin1, town or entry


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
