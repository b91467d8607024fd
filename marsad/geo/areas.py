"""Where a place the gazetteer cannot resolve lies: its containing area.

A village unknown to the gazetteer ("قرية النعيمة") still locates an event if the text
says what contains it. The area is taken from the first of these that the text gives:

1. An attached container: the phrase that follows the name (or its list) with only
   linking words between, "في/ب ريف X", "، شمالي X", "الواقعة في محافظة X", "قرب X",
   "في منطقة X", or a town after في/ب ("حي X في مدينة Y"). A town joined by "و" is a
   sibling, not a container ("النعيمة واليادودة وبصرى").
2. The nearest explicit area of the sentence: a governorate or district ("ريف X",
   "محافظة X", a resolved admin1/admin2).
3. For a part of a town (حي، دوار: `part` place nouns), the nearest town of the
   sentence; this comes before (2), since a neighbourhood lies in a town.
4. The area the context names. The context is the sentence, the last earlier sentence
   that names a place, and the paragraph. When it names exactly one governorate
   ("محافظة X", "ريف X", an admin unit; a town does not count), that governorate; when
   it names none, the governorate all the towns of the sentence itself lie in ("بلدتي
   النعيمة واليادودة ومدينة بصرى الشام" -> Daraa). This is a lower-confidence area:
   the mention keeps geo_precision 2. For a part of a town, the one town named there.

A town named in the sentence is a container only through (1) or (3): "النعيمة
واليادودة ... بصرى الشام ... بريف درعا" puts the villages in Daraa governorate, not at
Busra. An area must lie in the country of the name's list (the other resolved items),
else in the article's dominant country, unless the text attaches it explicitly: a
foreign record never becomes the area of a village in another country's list.
"""

from __future__ import annotations

from ..annotations import GazetteerEntry, PlaceMention
from .gazetteer import Gazetteer
from .names import is_nisba
from .phrase import QUOTES, DocView, Phrase
from .words import PlaceWords

MAX_GAP = 30  # tokens scanned after a name (list siblings skipped) for its container
SENTENCE_REACH = 20  # tokens: how far in its sentence an explicit area may lie
TOWN_REACH = 24  # tokens: how far a part of a town looks for its town
_GAP_PUNCT = {"،", ",", "-", "–", "—", "(", ")"} | QUOTES
_AREA_TRIGGERS = {"منطقه", "قضاء", "ناحيه", "محافظه", "ولايه", "اقليم"}


def phrase_begin(ph: Phrase) -> int:
    """Return the first token of a phrase with its relation and place noun (a list item
    after the first begins at its own name: the noun belongs to the first)."""
    own = (ph.start, ph.phrase_start) if ph.in_list else (ph.start, ph.phrase_start, ph.trigger_tok, ph.trigger_start)
    return min(t for t in own if t is not None)


def is_explicit_area(ph: Phrase, located: GazetteerEntry | None) -> bool:
    """True for a phrase that names an area: "ريف X", "محافظة X", "شمالي X", an admin unit."""
    if located is None or located.level == "country":
        return False
    if ph.relation is not None and ph.relation.admin1_area:
        return True
    if ph.relation is None and ph.relation_en and not ph.relation_en.endswith("part of"):
        return True  # a compass phrase: "، شمالي بغداد"
    if ph.trigger in _AREA_TRIGGERS:
        return True
    return located.level in ("admin1", "admin2")


def admin_scope(ph: Phrase, entry: GazetteerEntry) -> bool:
    """True when a container names a governorate or district ("ريف X", "محافظة X", a unit),
    so what it contains shares its admin1; a town or a compass phrase only fixes the country."""
    return ((ph.relation is not None and ph.relation.admin1_area) or ph.trigger in _AREA_TRIGGERS
            or entry.level in ("admin1", "admin2"))


def attach_containers(view: DocView, phrases: list[Phrase], words: PlaceWords) -> dict[int, int]:
    """Return {phrase index: index of the phrase the text places it in} (rule 1)."""
    begins = {}
    for n, ph in enumerate(phrases):
        begins.setdefault(phrase_begin(ph), n)
    out: dict[int, int] = {}
    for n, ph in enumerate(phrases):
        k = ph.suffix_end or ph.end
        links: list[str] = []
        while k < len(view) and k - ph.end <= MAX_GAP and view.sent[k] == ph.sentence:
            c = begins.get(k)
            if c is not None and c != n:
                other = phrases[c]
                if ph.list_head is not None and other.list_head == ph.list_head:
                    k = other.suffix_end or other.end  # a sibling of the same list
                    links = []
                    continue
                if _contains(other, links):
                    out[n] = c
                break
            norm = view.norms[k]
            if norm in _GAP_PUNCT or norm in words.triggers or (links and is_nisba(norm)):
                k += 1  # "في العاصمة السورية دمشق": a nisba qualifies the linking noun
                continue
            if norm in words.container_links or (norm == "من" and links and links[-1].startswith("ال")):
                links.append(norm)  # "القريبة من"
                k += 1
                continue
            break
    return out


def _contains(other: Phrase, links: list[str]) -> bool:
    """Whether a phrase reached after the linking words `links` contains what came before it."""
    if links and links[-1] == "و":
        return False  # "X وريف حماة", "X وبصرى": coordinated, not contained
    if other.relation_en or other.trigger in _AREA_TRIGGERS:
        return True  # "بريف X", "، شمالي X", "قرب X", "في محيط X", "في منطقة X"
    # a town: "حي X في مدينة Y", "بلدة X الواقعة قرب Y", "حي X التابع لمدينة Y"
    return any(w in ("في", "ب", "ل", "ضمن", "داخل", "وسط") or w.startswith("ال") for w in links)


class AreaAssigner:
    """Give each unresolved mention its containing area (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords):
        self.gaz = gazetteer
        self.words = words

    def assign(self, view: DocView, items: list[tuple[int, Phrase, PlaceMention]], links: dict[int, int],
               dominant: str | None) -> None:
        """Set `area` on the mentions of `items` (phrase index, phrase, mention) with no entry."""
        by_index = {n: (ph, m) for n, ph, m in items}
        for n, ph, m in items:
            if m.entry is not None:
                continue
            country = self._list_country(ph, items) or dominant
            area = None
            c = links.get(n)
            if c in by_index and not by_index[c][1].metonym:
                loc = by_index[c][1].located
                if loc is not None and loc.level != "country" and self._fits(loc, self._list_country(ph, items)):
                    area = loc
            if area is None and ph.trigger_part:  # a neighbourhood lies in the town named near it
                area = self._nearest(ph, m, items, country, explicit=False, reach=TOWN_REACH)
            if area is None:
                area = self._nearest(ph, m, items, country, explicit=True, reach=SENTENCE_REACH)
            if area is None:
                area = self._from_context(view, ph, items, country)
            if area is not None and area.within:  # a neighbourhood's neighbour lies in its town
                area = self.gaz.get(area.within) or area
            m.area = area
        self._share_by_name(items)

    @staticmethod
    def _share_by_name(items: list[tuple[int, Phrase, PlaceMention]]) -> None:
        """Give an unknown name with no area the area its other mentions agree on.

        A report names a village once with its governorate ("بلدتي الفوعة وكفريا بريف
        إدلب") and then alone: one name, one place, within one article.
        """
        areas: dict[tuple[str, ...], set] = {}
        found: dict[tuple[str, ...], GazetteerEntry] = {}
        for _, ph, m in items:
            if m.entry is None and m.area is not None:
                areas.setdefault(ph.norms, set()).add((m.area.country_code, m.area.admin1))
                if m.area.level == "admin1" or ph.norms not in found:
                    found[ph.norms] = m.area
        for _, ph, m in items:
            if m.entry is None and m.area is None and len(areas.get(ph.norms, ())) == 1:
                m.area = found[ph.norms]

    @staticmethod
    def _fits(loc: GazetteerEntry, country: str | None) -> bool:
        return country is None or loc.country_code == country

    @staticmethod
    def _list_country(ph: Phrase, items: list[tuple[int, Phrase, PlaceMention]]) -> str | None:
        """Return the country the resolved siblings of `ph`'s list share, if they share one."""
        if ph.list_head is None:
            return None
        ccs = {m.entry.country_code for _, p2, m in items
               if p2 is not ph and p2.list_head == ph.list_head and m.entry is not None}
        return ccs.pop() if len(ccs) == 1 else None

    def _nearest(self, ph: Phrase, m: PlaceMention, items: list[tuple[int, Phrase, PlaceMention]],
                 country: str | None, explicit: bool, reach: int) -> GazetteerEntry | None:
        """Return the nearest area (explicit) or town (not explicit) of the sentence, after first."""
        best: tuple[int, int, GazetteerEntry] | None = None
        for _, p2, m2 in items:
            loc = m2.located
            if p2 is ph or p2.sentence != ph.sentence or loc is None or loc.level == "country" or m2.metonym:
                continue
            if not self._fits(loc, country):
                continue
            if explicit and not is_explicit_area(p2, loc):
                continue
            if not explicit and (loc.level != "populated" or m2.entry is None):
                continue
            after = m2.start_token >= m.end_token
            dist = m2.start_token - m.end_token if after else m.start_token - m2.end_token
            if dist > reach:
                continue
            key = (dist, 0 if after else 1)
            if best is None or key < best[:2]:
                best = (key[0], key[1], loc)
        return best[2] if best else None

    def _from_context(self, view: DocView, ph: Phrase, items: list[tuple[int, Phrase, PlaceMention]],
                      country: str | None) -> GazetteerEntry | None:
        """Return the one area the context names (rule 4), or None.

        The context is the sentence, the last earlier sentence that names a place, and the
        paragraph. For a village: the governorates named as such there ("محافظة X", "ريف
        X", an admin unit), else the governorate all towns of its own sentence lie in. For
        a part of a town: the one town named there. Two candidates or more mean no area.
        """
        located = [(p2, m2) for _, p2, m2 in items if p2 is not ph and m2.located is not None and not m2.metonym
                   and m2.located.level != "country" and self._fits(m2.located, country)]
        earlier = [p2.sentence for p2, _ in located if p2.sentence < ph.sentence]
        previous = max(earlier) if earlier else -1
        para = view.para[ph.start]
        near = [(p2, m2) for p2, m2 in located
                if p2.sentence in (ph.sentence, previous) or view.para[p2.start] == para]
        found: dict[tuple, GazetteerEntry] = {}
        if ph.trigger_part:
            for _, m2 in near:
                on_road = self.words.road is not None and m2.relation == self.words.road.en
                if m2.entry is not None and (m2.relation is None or on_road) and m2.located.level == "populated":
                    town = self.gaz.get(m2.located.within) if m2.located.within else m2.located
                    found[town.key] = town  # two quarters of one city name one town
            return next(iter(found.values())) if len(found) == 1 else None
        for p2, m2 in near:
            loc = m2.located
            if is_explicit_area(p2, loc) and (p2.relation is None or p2.relation.admin1_area) and loc.admin1:
                found[(loc.country_code, loc.admin1)] = loc
        if not found and country is not None:  # no governorate: the one all towns of the sentence lie in
            for p2, m2 in located:
                if p2.sentence == ph.sentence and m2.entry is not None and m2.located.admin1:
                    found[(m2.located.country_code, m2.located.admin1)] = m2.located
        if len(found) != 1:
            return None
        loc = next(iter(found.values()))
        return self.gaz.admin1_of(loc) or loc
