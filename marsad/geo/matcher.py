"""Find place phrases in a tokenised Doc: gazetteer names, their frames, unknown names.

A place in Arabic news is framed by the words around it, and the frame decides what it
is and how sure we are:

    [relation] [place noun] NAME [direction adjective]
     بريف        -           حماة   الشمالي            -> countryside of Hama, northern
     شمال        مدينة       حلب                      -> north of Aleppo city
     -           محافظة      إدلب                     -> the governorate
     -           قرى         أرزة والشيحة وتل الشيحة  -> a list of villages, maybe unknown

Some frames say a gazetteer name is no place at all: a set phrase ("مسقط رأس" is a
birthplace), a demonstrative ("هذه الظاهرة"), a person's or an organisation's marker
("الرئيس X", "صحيفة الرياض"), an adjective reading ("الحلول السلمية").

`PhraseFinder.find` returns `Phrase`s: token ranges with their candidates (gazetteer entry
keys, possibly none) and their frame. Reading unknown names after a place noun is
names.py's job; choosing among candidates is resolve.py's.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..text.lexicon import TermIndex
from .names import NameReader, make_phrase, masculine_adjective, written_nisba
from .phrase import QUOTES, DocView, Phrase
from .words import (
    PlaceWords,
    Relation,
    Trigger,
    compass,
    compass_adjective,
    strip_marks,
)

__all__ = ["DocView", "Phrase", "PhraseFinder"]

_POSSESSIVES = {"ه", "ها", "هم", "هما", "ي", "نا", "كم"}


ROAD_REACH = 4  # tokens: a place this close after "طريق X - Y" is where on the road


class PhraseFinder:
    """Find place phrases with a gazetteer name index and the place vocabulary."""

    def __init__(self, index: TermIndex[str], words: PlaceWords):
        self.index = index
        self.words = words
        self._relations = sorted(((("".join(r.words)), r) for r in words.relations), key=lambda x: -len(x[0]))
        self._rel_words = {w for r in words.relations for w in r.words}
        # one-word relations that may head a list of names: "في محيط X وY وZ"
        self._list_heads = {r.words[0]: r for r in words.relations if len(r.words) == 1 and not r.admin1_area}
        self._blocked = (words.name_stops | words.prepositions | set(words.triggers) | self._rel_words
                         | set(words.direction_nouns) | words.person_markers | words.anaphors)
        self.reader = NameReader(words, self._blocked, self._match_at, index.get)

    # -- entry point ------------------------------------------------------------------
    def find(self, doc: Doc, view: DocView | None = None) -> list[Phrase]:
        """Return the place phrases of `doc` in text order (unresolved; see resolve.py)."""
        view = view or DocView(doc)
        phrases: dict[int, Phrase] = {}
        covered: set[int] = set()
        items_all: list[Phrase] = []
        for m in self.index.finditer(doc):
            if m.end - m.start == 1 and (view.norms[m.start] in self._blocked
                                         or view.norms[m.start] in self.words.name_prefixes):
                continue  # a place noun, preposition or name head that is also some village's name
            if self._idiom_at(view, m.start):
                continue  # "مسقط رأس الرئيس" is a birthplace, not Muscat
            before = self.words.triggers.get(view.norms[m.start - 1]) if m.start > 0 else None
            if m.end - m.start == 1 and before is not None and masculine_adjective(view, m.start, before):
                continue  # "حاجز عسكري": an adjective, whatever village shares its letters
            if view.norms[m.start] in self.words.triggers and m.end - m.start > 1:
                rest = self._match_at(view, m.start + 1)
                if rest is not None and rest[0] == m.end and set(rest[1]) & set(m.payloads):
                    # "مدينة حمص" is the place noun and the name "حمص", read below; "مزرعة
                    # بيت جن" names another place than "بيت جن" and stays whole
                    continue
            phrases[m.start] = self._phrase(view, m.start, m.end, tuple(dict.fromkeys(m.payloads)))
        # a place noun that opens a gazetteer name ("جسر الشغور", "مخيم اليرموك") heads nothing
        inside = {k for ph in phrases.values() if ph.end - ph.start > 1 for k in range(ph.start, ph.end)}
        for i, norm in enumerate(view.norms):
            if i in covered or i in inside or i + 1 >= len(view) or norm.startswith("ال"):
                continue
            trig = self.words.triggers.get(norm)
            rel = self._list_heads.get(norm) if trig is None else None
            if trig is None and (rel is None or view.norms[i + 1] in self.words.triggers):
                continue
            if self._marked_not_place(view, i) or strip_marks(doc[i].text) in self.words.homographs:
                continue  # "الشيخ ناحية", "صحيفة المدينة", "إحياء مؤتمر جنيف"
            items = self.reader.names_after(view, i, phrases, trig or Trigger(norm, "any", False, False))
            for n, ph in enumerate(items):
                if rel is not None:
                    ph.trigger = ph.trigger_level = ph.trigger_tok = None
                    ph.list_relation = rel
                    ph.phrase_start = i if n == 0 else None
                phrases[ph.start] = ph
                items_all.append(ph)
                covered.update(range(ph.start, ph.end))
        # a gazetteer word inside a longer list item ("واسط" in "تل واسط") is not a place of its own
        kept = [ph for ph in phrases.values() if not any(
            it is not ph and it.start <= ph.start < it.end for it in items_all)]
        for ph in kept:
            self._frame(view, ph)
        return self._roads(view, sorted(kept, key=lambda p: p.start_char))

    def _roads(self, view: DocView, phrases: list[Phrase]) -> list[Phrase]:
        """Frame "طريق X - Y": on the road near X (a relation), Y only the road's direction.

        The second town is kept inside X's mention (its text runs to Y) instead of being a
        place of its own: "قتل مدنيان على طريق حلب - دمشق" happened on a road out of
        Aleppo, not in Damascus.
        """
        out: list[Phrase] = []
        absorbed: set[int] = set()
        for i, ph in enumerate(phrases):
            if id(ph) in absorbed:
                continue
            out.append(ph)
            if ph.relation is not None or ph.relation_en or ph.trigger is not None or self.words.road is None:
                continue
            k = self._road_before(view, ph.start)
            if k is None:
                continue
            ph.relation, ph.relation_en, ph.phrase_start = self.words.road, self.words.road.en, k
            nxt = phrases[i + 1] if i + 1 < len(phrases) else None
            if nxt is not None and nxt.relation is None and nxt.trigger is None and nxt.start >= ph.end:
                gap = view.norms[ph.end:nxt.start]
                if len(gap) <= 1 and all(g in self.words.road_joiners for g in gap):
                    absorbed.add(id(nxt))
                    ph.suffix_end = nxt.end
            # "على طريق حلب - اللاذقية قرب بلدة أورم الجوز": the place after the road says where
            rest = [p for p in phrases[i + 1:] if id(p) not in absorbed]
            end = ph.suffix_end or ph.end
            if rest and rest[0].sentence == ph.sentence and 0 <= rest[0].start - end <= ROAD_REACH:
                out.pop()
        return out

    def _road_before(self, view: DocView, p: int) -> int | None:
        """Return the first token of a road noun right before token `p` ("طريق", "أوتوستراد")."""
        for noun in self.words.road_nouns:
            n = len(noun)
            if p - n >= 0 and tuple(view.norms[p - n:p]) == noun:
                if p - n - 1 >= 0 and view.norms[p - n - 1] in self.words.road_not_after:
                    return None  # "عن طريق تركيا": by way of Turkey
                return p - n
        return None

    # -- pieces -------------------------------------------------------------------------
    def _phrase(self, view: DocView, start: int, end: int, keys: tuple[str, ...]) -> Phrase:
        return make_phrase(view, start, end, keys)

    def _match_at(self, view: DocView, i: int) -> tuple[int, tuple[str, ...]] | None:
        if self._idiom_at(view, i):
            return None
        for m in self.index.finditer(view.doc, i, min(len(view), i + 8)):
            if m.start == i and not (m.end - m.start == 1 and (view.norms[i] in self.words.name_prefixes
                                                                or view.norms[i] in self._blocked)):
                return m.end, tuple(dict.fromkeys(m.payloads))
            break
        return None

    def _idiom_at(self, view: DocView, i: int) -> bool:
        """True when a set phrase that opens with a place name starts at token `i` ("مسقط رأس",
        its last word possibly with a possessive suffix: "مسقط رأسه")."""
        for idiom in self.words.idioms:
            got = view.norms[i:i + len(idiom)]
            if (len(got) == len(idiom) and tuple(got[:-1]) == idiom[:-1]
                    and (got[-1] == idiom[-1] or (got[-1].startswith(idiom[-1])
                                                  and got[-1][len(idiom[-1]):] in _POSSESSIVES))):
                return True
        return False

    def _marked_not_place(self, view: DocView, i: int) -> bool:
        """True when the word before token `i` (quotes skipped) makes a name a person's or an
        organisation's, or a demonstrative makes it a common noun ("هذه الظاهرة")."""
        k = i - 1
        while k >= 0 and view.norms[k] in QUOTES:
            k -= 1
        if k < 0:
            return False
        norm = view.norms[k]
        return (norm in self.words.person_markers or norm in self.words.org_markers
                or norm in self.words.demonstratives)

    def _frame(self, view: DocView, ph: Phrase) -> None:
        """Fill in the words around a phrase: place noun, relation, direction, person marks."""
        norms = view.norms
        p = ph.start
        if ph.trigger is None and p - 1 >= 0 and norms[p - 1] in self.words.triggers:
            trig = self.words.triggers[norms[p - 1]]
            if not norms[p - 1].startswith("ال"):
                ph.trigger, ph.trigger_level, ph.trigger_strong = trig.word, trig.level, trig.strong
                ph.trigger_plural, ph.trigger_part, ph.feature = trig.plural, trig.part, trig.feature
                ph.trigger_tok = p - 1
                if trig.feature:  # "مطار حلب": the facility stays in the mention's text
                    ph.trigger_start, ph.trigger_char = p - 1, view.doc[p - 1].idx
                p -= 1
        elif ph.trigger is not None and not ph.in_list and ph.trigger_tok is not None:
            p = ph.trigger_tok
        if self._marked_not_place(view, p):
            ph.person = True
        if ph.end < len(view) and norms[ph.end] in ("بن", "ابن"):
            ph.person = True
        if ph.list_relation is not None:
            ph.relation, ph.relation_en = ph.list_relation, ph.list_relation.en
            return
        rel_start, rel, dirs = self._relation_before(view, p)
        # a trailing direction adjective: "ريف حماة الشمالي الغربي", "حلب الشرقية"
        after: list[str] = []
        k = ph.end
        while k < len(view) and norms[k] in self.words.direction_adjs and len(after) < 2:
            after.append(self.words.direction_adjs[norms[k]])
            k += 1
        if rel is not None or dirs:
            ph.relation, ph.phrase_start = rel, rel_start
            if rel is not None and rel.admin1_area and (dirs or after):
                ph.relation_en = f"{compass_adjective(compass(dirs or after))} {rel.en}"
                if after:
                    ph.suffix_end = k
            elif rel is not None:
                ph.relation_en = rel.en
            else:
                ph.relation_en = f"{compass(dirs)} of"
        elif after and ph.keys and not self.words.is_common(ph.norms):  # not "الشمال الغربي"
            ph.relation_en = f"{compass_adjective(compass(after))} part of"
            ph.suffix_end = k
        if ph.trigger is None and not ph.relation_en and p - 1 >= 0 and norms[p - 1] in ("في", "ب"):
            ph.cue_prep_area = self._area_follows(view, ph.suffix_end or ph.end)
        ph.adjectival = not ph.cued and self._adjectival(view, ph)

    def _adjectival(self, view: DocView, ph: Phrase) -> bool:
        """True when a one-word nisba-shaped name reads as an adjective of the word before.

        An adjective agrees with its noun in definiteness: "الحلول السلمية", "الثورة كانت
        سلمية" are adjectives, "في السلمية" and "ريف السلمية" are places. Only a word
        (not a preposition, conjunction or punctuation) before the name counts.
        """
        if ph.end - ph.start != 1 or ph.start == 0:
            return False
        name, prev = view.norms[ph.start], view.norms[ph.start - 1]
        if not written_nisba(view.doc[ph.start].text) or not view.is_word(ph.start - 1):
            return False
        if prev in self.words.prepositions or prev in ("و", "ف", "او") or prev in self.words.triggers:
            return False
        return name.startswith("ال") == prev.startswith("ال")

    def _relation_before(self, view: DocView, p: int) -> tuple[int | None, Relation | None, list[str]]:
        """Return (first token, relation, directions) of a relative phrase ending before token `p`."""
        norms = view.norms
        dirs: list[str] = []
        q = p
        # "الريف الشمالي لـ(مدينة) X"
        if q - 3 >= 0 and norms[q - 1] == "ل" and norms[q - 2] in self.words.direction_adjs:
            head = norms[q - 3]
            for concat, rel in self._relations:
                if head.startswith("ال") and head[2:] == concat:
                    return q - 3, rel, [self.words.direction_adjs[norms[q - 2]]]
        # "(إلى) الشرق من X", "إلى الشمال الغربي من X"
        if q - 2 >= 0 and norms[q - 1] == "من":
            k, found = q - 2, []
            if norms[k] in self.words.direction_adjs and k - 1 >= 0:
                found.append(self.words.direction_adjs[norms[k]])
                k -= 1
            head = norms[k]
            if head.startswith("ال") and head[2:] in self.words.direction_nouns:
                found.insert(0, self.words.direction_nouns[head[2:]])
                start = k - 1 if k - 1 >= 0 and norms[k - 1] in ("الي", "الى") else k
                return start, None, found
        while q - 1 >= 0 and norms[q - 1] in self.words.direction_nouns and len(dirs) < 2:
            dirs.insert(0, self.words.direction_nouns[norms[q - 1]])
            q -= 1
        for n in (4, 3, 2, 1):
            if q - n < 0:
                continue
            window = norms[q - n:q]
            concat = "".join(window)
            for rel_concat, rel in self._relations:
                if concat == rel_concat:
                    return q - n, rel, dirs
        return (q if dirs else None), None, dirs

    def _area_follows(self, view: DocView, k: int) -> bool:
        """True when an area phrase starts right after token `k`: "(،) بريف حلب", "في محافظة إدلب"."""
        j = k + 1 if k < len(view) and view.norms[k] in ("،", ",") else k
        if j < len(view) and view.norms[j] in ("في", "ب"):
            j += 1
        if j + 1 >= len(view):
            return False
        norm = view.norms[j]
        trig = self.words.triggers.get(norm)
        head = (norm in self._rel_words or norm in self.words.direction_nouns
                or (trig is not None and trig.level in ("admin1", "populated")))
        return head and self._match_at(view, j + 1) is not None
