"""Find place phrases in a tokenised Doc: gazetteer names, their frames, unknown names.

A place in Arabic news is framed by the words around it, and the frame decides what it
is and how sure we are:

    [relation] [place noun] NAME [direction adjective]
     بريف        -           حماة   الشمالي            -> countryside of Hama, northern
     شمال        مدينة       حلب                      -> north of Aleppo city
     -           محافظة      إدلب                     -> the governorate
     -           قرى         أرزة والشيحة وتل الشيحة  -> a list of villages, maybe unknown

`PhraseFinder.find` returns `Phrase`s: token ranges with their candidates (gazetteer entry
keys, possibly none) and their frame. Choosing among candidates is resolve.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..text.lexicon import TermIndex
from ..text.normalize import fold
from .words import PlaceWords, Relation, Trigger, compass, compass_adjective

MAX_NAME_WORDS = 3
MAX_LIST_ITEMS = 15
_ENDERS = {".", "!", "?", "؟", "…", "\n"}
_QUOTES = {'"', "«", "»", "“", "”", "'", "‘", "’"}
_NISBA_ENDS = ("ي", "يه", "يين", "يتين", "يون", "يات")


@dataclass
class Phrase:
    """A place phrase: the name's tokens, its candidate keys and its frame."""

    start: int  # name tokens [start, end)
    end: int
    start_char: int  # name characters (may start inside a token: "وشرعايا")
    end_char: int
    keys: tuple[str, ...]  # gazetteer entry keys; () for an unknown name
    sentence: int
    trigger: str | None = None  # folded place noun
    trigger_level: str | None = None
    trigger_strong: bool = False
    feature: bool = False  # the place noun is part of the name (سد، مطار، تلة)
    trigger_tok: int | None = None  # the place noun's token
    trigger_start: int | None = None  # token / char of a feature noun kept in the name
    trigger_char: int | None = None
    relation: Relation | None = None
    relation_en: str | None = None  # the English relation, direction included
    phrase_start: int | None = None  # first token of the relation, when there is one
    suffix_end: int | None = None  # token after a trailing direction adjective
    in_list: bool = False  # an item of a coordinated list after a place noun
    list_relation: Relation | None = None  # the relation heading the list ("محيط X وY")
    quoted: bool = False  # written in quotes after its place noun: «المشيك»
    cue_prep_area: bool = False  # في/ب + name with an area phrase right after
    person: bool = False  # framed as a person's name (أبو X، الرئيس X)
    norms: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cued(self) -> bool:
        """True when the frame says this is a place whatever the name is."""
        return bool(self.trigger or self.relation_en or self.in_list or self.cue_prep_area or self.list_relation)


class DocView:
    """Token norms and sentence numbers of a Doc, computed once."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.norms = [t.norm_ for t in doc]
        self.sent = [0] * len(doc)
        if doc.has_annotation("SENT_START"):
            for n, s in enumerate(doc.sents):
                for i in range(s.start, s.end):
                    self.sent[i] = n
        else:
            n = 0
            for i, tok in enumerate(doc):
                self.sent[i] = n
                if tok.text in _ENDERS or "\n" in tok.text:
                    n += 1

    def __len__(self) -> int:
        return len(self.norms)

    def is_word(self, i: int) -> bool:
        tok = self.doc[i]
        return not tok.is_space and not tok.is_punct and any("\u0621" <= c <= "\u064a" for c in tok.text)


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

    # -- entry point ------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Phrase]:
        """Return the place phrases of `doc` in text order (unresolved; see resolve.py)."""
        view = DocView(doc)
        phrases: dict[int, Phrase] = {}
        covered: set[int] = set()
        items_all: list[Phrase] = []
        for m in self.index.finditer(doc):
            if m.end - m.start == 1 and (view.norms[m.start] in self._blocked
                                         or view.norms[m.start] in self.words.name_prefixes):
                continue  # a place noun, preposition or name head that is also some village's name
            phrases[m.start] = self._phrase(view, m.start, m.end, tuple(dict.fromkeys(m.payloads)))
        for i, norm in enumerate(view.norms):
            if i in covered or i + 1 >= len(view) or norm.startswith("ال"):
                continue
            trig = self.words.triggers.get(norm)
            rel = self._list_heads.get(norm) if trig is None else None
            if trig is None and (rel is None or view.norms[i + 1] in self.words.triggers):
                continue
            items = self._trigger_list(view, i, phrases, trig or Trigger(norm, "any", False, False))
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
        return sorted(kept, key=lambda p: p.start_char)

    # -- pieces -------------------------------------------------------------------------
    def _phrase(self, view: DocView, start: int, end: int, keys: tuple[str, ...]) -> Phrase:
        doc = view.doc
        return Phrase(start=start, end=end, start_char=doc[start].idx, end_char=doc[end - 1].idx + len(doc[end - 1]),
                      keys=keys, sentence=view.sent[start], norms=tuple(view.norms[start:end]))

    def _match_at(self, view: DocView, i: int) -> tuple[int, tuple[str, ...]] | None:
        for m in self.index.finditer(view.doc, i, min(len(view), i + 8)):
            if m.start == i and not (m.end - m.start == 1 and (view.norms[i] in self.words.name_prefixes
                                                                or view.norms[i] in self._blocked)):
                return m.end, tuple(dict.fromkeys(m.payloads))
            break
        return None

    def _trigger_list(self, view: DocView, t: int, known: dict[int, Phrase], trig: Trigger) -> list[Phrase]:
        """Read the name (or coordinated names) after the place noun (or relation) at token `t`."""
        out: list[Phrase] = []
        i, skip_chars, strict = t + 1, 0, False
        if trig.plural and i + 1 < len(view) and view.norms[i] in ("في", "ب"):
            i += 1  # "مناطق في X وY"
        while i + 1 < len(view) and view.norms[i] in self.words.naming_words:
            i += 1  # "قرية تسمى «X»", "منطقة تعرف باسم X"
        # only a plural or dual noun ("قرى", "بلدتي") or a relation heads a list of names
        lists = trig.plural or trig.word not in self.words.triggers
        while i < len(view) and len(out) < MAX_LIST_ITEMS and view.sent[i] == view.sent[t]:
            item = self._item(view, i, skip_chars, known, first=not out, trig=trig)
            if item is None or (strict and not item.keys and not item.quoted):
                break
            item.trigger, item.trigger_level, item.trigger_strong = trig.word, trig.level, trig.strong
            item.feature, item.trigger_tok = trig.feature, t
            if out:
                item.in_list = True
            elif trig.feature and not item.keys:
                item.trigger_start, item.trigger_char = t, view.doc[t].idx
            out.append(item)
            if not lists:
                break
            after = item.end + 1 if item.quoted and item.end < len(view) and view.norms[item.end] in _QUOTES else item.end
            i, skip_chars, strict = self._next_item(view, after)
            if i is None:
                break
            # a list opened by known towns goes on only with known towns: "مدينة الرمادي والاستعداد"
            strict = strict or all(it.keys for it in out)
        return out

    def _next_item(self, view: DocView, j: int) -> tuple[int | None, int, bool]:
        """Return (token, clitic letters to skip, gazetteer-only) of the next list item after `j`.

        "X وY", "X، Y" and an unsplit "X وY" continue a list. "X، وY" usually opens a new
        clause ("..., and it took"), so there Y must be a gazetteer name.
        """
        if j >= len(view):
            return None, 0, False
        norm = view.norms[j]
        if norm in ("،", ",", "و", "او") and j + 1 < len(view):
            if norm in ("،", ",") and view.norms[j + 1] == "و":
                return (j + 2, 0, True) if j + 2 < len(view) else (None, 0, False)
            if norm in ("،", ",") and view.norms[j + 1].startswith("و"):
                return j + 1, 1, True
            return j + 1, 0, False
        if norm.startswith("و") and len(norm) >= 3 and view.is_word(j) and norm not in self._blocked:
            return j, 1, False  # an unsplit "وشرعايا": the name starts after the conjunction
        return None, 0, False

    def _ends_name(self, view: DocView, j: int, known: dict[int, Phrase]) -> bool:
        """True when token `j` can follow a place name: a delimiter, a frame word, punctuation."""
        if j >= len(view) or not view.is_word(j) or view.sent[j] != view.sent[j - 1]:
            return True
        norm = view.norms[j]
        return (norm in self._blocked or norm in self.words.direction_adjs or j in known or _is_nisba(norm)
                or (norm.startswith("و") and len(norm) >= 3)
                or (norm[:1] in ("ب", "ل", "ك") and len(norm) >= 4))  # an unsplit "بشكل", "لقوات"

    def _looks_like_name_word(self, norm: str) -> bool:
        if len(norm) < 2 or norm.isdigit() or norm in self._blocked or norm in self.words.direction_adjs:
            return False
        # possessive suffixes (تقدمها، سيطرتهم) mark ordinary nouns and the plural ending وا
        # a verb (انضموا), not toponyms
        return not (len(norm) > 4 and norm.endswith(("ها", "هم", "هما", "كم", "وا")))

    def _item(self, view: DocView, i: int, skip_chars: int, known: dict[int, Phrase],
              first: bool, trig: Trigger) -> Phrase | None:
        """Return the list item starting at token `i`: a gazetteer name or an unknown name."""
        if not skip_chars and view.norms[i] in _QUOTES:
            return self._quoted(view, i, known)
        if not skip_chars:
            hit = known.get(i)
            if hit is not None:
                return hit
            match = self._match_at(view, i)
            if match:
                return self._phrase(view, i, match[0], match[1])
        words = self.words
        first_norm = view.norms[i][skip_chars:]
        if not view.is_word(i) or not self._looks_like_name_word(first_norm):
            return None
        prefixed = first_norm in words.name_prefixes
        if not prefixed and words.is_common((first_norm,)) and not (trig.feature and trig.strong):
            return None  # "سد تشرين" is a dam's name, "منطقة الشمال" is no place
        if (first and not first_norm.startswith("ال") and first_norm.endswith(("يه", "ي")) and len(first_norm) >= 4
                and (i + 1) not in known):
            # right after its noun, an indefinite nisba is an adjective ("مدن عراقية", "حي شعبي",
            # "بلدة تركية") unless a town's name follows ("بلدة أشرفية صحنايا")
            return None
        limit = (2 if first else 1) + (1 if prefixed else 0)
        j = i + 1
        while j < len(view) and view.sent[j] == view.sent[i]:
            norm = view.norms[j]
            if view.is_word(j) and norm in words.direction_adjs:  # "الغارية الغربية"
                j += 1
                break
            if (j - i >= limit or not view.is_word(j) or not self._looks_like_name_word(norm)
                    or (_is_nisba(norm) and j not in known)):
                break
            if (j in known or norm.startswith("و")) and view.norms[j - 1] not in words.name_prefixes:
                # "بلدة أشرفية صحنايا": an unknown word before a town's name is "X of <town>"
                one_word_hit = j in known and known[j].end == j + 1 and first and j == i + 1
                if not one_word_hit:
                    break
            j += 1
        # back off to the longest reading that a delimiter or frame word closes
        while j > i and not self._ends_name(view, j, known):
            j -= 1
        if j == i or (j == i + 1 and prefixed):
            return None
        doc = view.doc
        start_char = doc[i].idx + (_clitic_chars(doc[i].text, skip_chars) if skip_chars else 0)
        return Phrase(start=i, end=j, start_char=start_char, end_char=doc[j - 1].idx + len(doc[j - 1]), keys=(),
                      sentence=view.sent[i], norms=tuple([first_norm] + view.norms[i + 1:j]))

    def _quoted(self, view: DocView, q: int, known: dict[int, Phrase]) -> Phrase | None:
        """Return the name written in quotes at token `q` («المشيك», "جورة الماء")."""
        if view.norms[q] in ("»", "”"):
            return None  # a closing mark
        j = q + 1
        while j < len(view) and view.norms[j] not in _QUOTES and j - q <= MAX_NAME_WORDS:
            if not view.is_word(j) or view.sent[j] != view.sent[q] or not self._looks_like_name_word(view.norms[j]):
                return None
            j += 1
        if j == q + 1 or j >= len(view) or view.norms[j] not in _QUOTES:
            return None
        match = self._match_at(view, q + 1)
        keys = match[1] if match and match[0] == j else ()
        ph = known.get(q + 1) if keys else None
        if ph is None or ph.end != j:
            ph = self._phrase(view, q + 1, j, keys)
        ph.quoted = True
        return ph

    def _frame(self, view: DocView, ph: Phrase) -> None:
        """Fill in the words around a phrase: place noun, relation, direction, person marks."""
        norms = view.norms
        p = ph.start
        if ph.trigger is None and p - 1 >= 0 and norms[p - 1] in self.words.triggers:
            trig = self.words.triggers[norms[p - 1]]
            if not norms[p - 1].startswith("ال"):
                ph.trigger, ph.trigger_level, ph.trigger_strong = trig.word, trig.level, trig.strong
                ph.trigger_tok = p - 1
                p -= 1
        elif ph.trigger is not None and not ph.in_list and ph.trigger_tok is not None:
            p = ph.trigger_tok
        if p - 1 >= 0 and norms[p - 1] in self.words.person_markers:
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
        elif after and ph.keys:
            ph.relation_en = f"{compass_adjective(compass(after))} part of"
            ph.suffix_end = k
        if ph.trigger is None and not ph.relation_en and p - 1 >= 0 and norms[p - 1] in ("في", "ب"):
            ph.cue_prep_area = self._area_follows(view, ph.suffix_end or ph.end)

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


def _is_nisba(norm: str) -> bool:
    """True for a definite relative adjective ("الشيعيتين", "الحدودية") that follows a name."""
    return norm.startswith("ال") and len(norm) > 5 and norm.endswith(_NISBA_ENDS)


def _clitic_chars(word: str, n: int) -> int:
    """Return how many characters of `word` its first `n` folded letters span (marks included)."""
    positions = [i for i, ch in enumerate(word) if fold(ch)]
    return positions[n] if n < len(positions) else len(word)
