"""Read the name, or the list of names, that a place noun or relation introduces.

    قرى أرزة والشيحة وتل الشيحة      -> three names, the last two unknown to the gazetteer
    قرية «المشيك»                      -> a quoted name, whatever its words
    حي شعبي، بلدات محاصرة، مناطق تابعة  -> no name: an adjective follows the noun
    منطقة ينشط فيها التنظيم            -> no name: a relative clause follows the noun

What follows a place noun is a name only if it does not read as an adjective of the
noun: an indefinite nisba ("شعبي", "تركية"), a feminine participle after a feminine or
plural noun ("محاصرة", "مرتفعة", "تابعة"), a word of `name_stops`; nor as the verb of
a relative clause (a word followed by "فيها", "عليها"...). Gazetteer names are always
names here: the rules apply to words the gazetteer does not know.
"""

from __future__ import annotations

from collections.abc import Callable

from ..text.normalize import fold
from .phrase import QUOTES, DocView, Phrase
from .words import PlaceWords, Trigger, strip_marks

MAX_NAME_WORDS = 3
MAX_LIST_ITEMS = 15
_NISBA_ENDS = ("ي", "يه", "يين", "يتين", "يون", "يات")

Matcher = Callable[[DocView, int], "tuple[int, tuple[str, ...]] | None"]


def is_nisba(norm: str) -> bool:
    """True for a definite relative adjective ("الشيعيتين", "الحدودية") that follows a name."""
    return norm.startswith("ال") and len(norm) > 5 and norm.endswith(_NISBA_ENDS)


def masculine_adjective(view: DocView, i: int, trig: Trigger) -> bool:
    """True when token `i` reads as the adjective of a masculine place noun before it: an
    indefinite nisba in ي ("حاجز عسكري"). Feminine nouns are left alone: their nisba in
    ية is also how town names end ("مدينة سلمية")."""
    word = strip_marks(view.doc[i].text)
    return (not trig.word.endswith("ه") and not view.norms[i].startswith("ال") and len(word) >= 4
            and word.endswith("ي"))


def written_nisba(word: str) -> bool:
    """True when a word as written ends like an indefinite nisba: ي or ية, not the alif
    maqsura of "بصرى" or "نوى" (folding merges ى into ي, so the original text decides)."""
    bare = strip_marks(word)
    return len(bare) >= 4 and bare.endswith(("ي", "ية", "يه"))


def is_participle(norm: str) -> bool:
    """True for an indefinite feminine participle or فاعلة adjective ("محاصرة", "تابعة")."""
    if norm.startswith("ال") or not norm.endswith("ه"):
        return False
    return (norm.startswith("م") and len(norm) >= 5) or (len(norm) == 5 and norm[1] == "ا")


def clitic_chars(word: str, n: int) -> int:
    """Return how many characters of `word` its first `n` folded letters span (marks included)."""
    positions = [i for i, ch in enumerate(word) if fold(ch)]
    return positions[n] if n < len(positions) else len(word)


class NameReader:
    """Read names after a place noun; `match_at` gives the gazetteer name starting at a token."""

    def __init__(self, words: PlaceWords, blocked: set[str], match_at: Matcher,
                 lookup: Callable[[str], list[str]] | None = None):
        self.words = words
        self.blocked = blocked
        self.match_at = match_at
        self.lookup = lookup  # folded name -> gazetteer keys, for names behind an unsplit "و"

    def names_after(self, view: DocView, t: int, known: dict[int, Phrase], trig: Trigger) -> list[Phrase]:
        """Read the name (or coordinated names) after the place noun (or relation) at token `t`."""
        out: list[Phrase] = []
        i, skip_chars, strict = t + 1, 0, False
        strong = trig.strong
        if trig.plural and i + 1 < len(view) and view.norms[i] in ("في", "ب"):
            i += 1  # "مناطق في X وY": the names after "in" are places whatever the noun
            strong = True
        while i + 1 < len(view) and view.norms[i] in self.words.naming_words:
            i += 1  # "قرية تسمى «X»", "منطقة تعرف باسم X"
        # only a plural or dual noun ("قرى", "بلدتي") or a relation heads a list of names
        lists = trig.plural or trig.word not in self.words.triggers
        while i < len(view) and len(out) < MAX_LIST_ITEMS and view.sent[i] == view.sent[t]:
            item = self._item(view, i, skip_chars, known, first=not out, trig=trig)
            if item is None or (strict and not item.keys and not item.quoted):
                break
            item.trigger, item.trigger_level, item.trigger_strong = trig.word, trig.level, strong
            item.trigger_plural, item.trigger_part = trig.plural, trig.part
            item.feature, item.trigger_tok, item.list_head = trig.feature, t, t
            if out:
                item.in_list = True
            elif trig.feature:
                item.trigger_start, item.trigger_char = t, view.doc[t].idx
            out.append(item)
            if not lists:
                break
            after = item.end + 1 if item.quoted and item.end < len(view) and view.norms[item.end] in QUOTES else item.end
            i, skip_chars, strict = self._next_item(view, after)
            if i is None:
                break
            # a list opened by known towns goes on with known towns, or with words shaped like
            # names (a head such as تل، كفر، or the article, which no verb takes): "قرى الزيارة
            # وتل واسط والمنصورة", but not "قرى الزيارة والمشيك وقطعت الطريق"
            head = view.norms[i][skip_chars:]
            named = head.startswith("ال") or head in self.words.name_prefixes
            strict = strict or (all(it.keys for it in out) and not named)
        return out

    def _next_item(self, view: DocView, j: int) -> tuple[int | None, int, bool]:
        """Return (token, clitic letters to skip, gazetteer-only) of the next list item after `j`.

        "X وY", "X، Y" and an unsplit "X وY" continue a list. "X، وY" usually opens a new
        clause ("..., and it took"), so there Y must be a gazetteer name (or quoted).
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
        if norm.startswith("و") and len(norm) >= 3 and view.is_word(j) and norm not in self.blocked:
            return j, 1, False  # an unsplit "وشرعايا": the name starts after the conjunction
        return None, 0, False

    def ends_name(self, view: DocView, j: int, known: dict[int, Phrase]) -> bool:
        """True when token `j` can follow a place name: a delimiter, a frame word, punctuation."""
        if j >= len(view) or not view.is_word(j) or view.sent[j] != view.sent[j - 1]:
            return True
        norm = view.norms[j]
        return (norm in self.blocked or norm in self.words.direction_adjs or j in known or is_nisba(norm)
                or (norm.startswith("و") and len(norm) >= 3)
                or (norm[:1] in ("ب", "ل", "ك") and len(norm) >= 4))  # an unsplit "بشكل", "لقوات"

    def looks_like_name_word(self, norm: str) -> bool:
        if len(norm) < 2 or norm.isdigit() or norm in self.blocked or norm in self.words.direction_adjs:
            return False
        # possessive suffixes (تقدمها، سيطرتهم) mark ordinary nouns and the plural ending وا
        # a verb (انضموا), not toponyms
        return not (len(norm) > 4 and norm.endswith(("ها", "هم", "هما", "كم", "وا")))

    def _adjective(self, view: DocView, i: int, norm: str, known: dict[int, Phrase], trig: Trigger) -> bool:
        """True when the first word after the noun reads as its adjective ("حي شعبي", "بلدات محاصرة")."""
        if norm.startswith("ال") or (i + 1) in known or trig.dual:
            # "بلدة أشرفية صحنايا": an unknown word before a town's name is "X of <town>";
            # a dual's adjective is dual: "بلدتي نافعة وعين ذكر" are names
            return False
        if written_nisba(view.doc[i].text):
            return True  # a nisba: "مدن عراقية", "حي شعبي", "بلدة تركية"
        if trig.word not in self.words.triggers or not is_participle(norm):
            return False
        # a feminine noun takes a feminine participle ("بلدة محاصرة", "تلة مرتفعة"); a
        # non-human plural also the فاعلة form ("مناطق واقعة", "أحياء تابعة")
        return trig.plural or (trig.word.endswith("ه") and norm.startswith("م"))

    def _item(self, view: DocView, i: int, skip_chars: int, known: dict[int, Phrase],
              first: bool, trig: Trigger) -> Phrase | None:
        """Return the list item starting at token `i`: a gazetteer name or an unknown name."""
        if not skip_chars and view.norms[i] in QUOTES:
            return self._quoted(view, i, known)
        if not skip_chars:
            hit = known.get(i)
            if hit is not None:
                return hit
            match = self.match_at(view, i)
            if match and first and match[0] == i + 1 and masculine_adjective(view, i, trig):
                return None  # "حاجز عسكري", "مطار مدني": an adjective, whatever village shares it
            if match:
                return _phrase(view, i, match[0], match[1])
        words = self.words
        first_norm = view.norms[i][skip_chars:]
        if skip_chars and self.lookup is not None:
            hit = self._known_after_clitic(view, i, skip_chars, first_norm)
            if hit is not None:
                return hit
        # quarters and streets are named after people: "حي الشيخ مقصود", "دوار أبو عمر"
        person_head = trig.part and first_norm in words.person_markers
        if not view.is_word(i) or not (person_head or self.looks_like_name_word(first_norm)) \
                or "\u064b" in view.doc[i].text:
            return None  # tanween ("مضيفًا", "أمنًا") marks an indefinite common word
        if first and not skip_chars and first_norm.startswith("و") and (
                first_norm[1:] in self.blocked or first_norm[1:] in words.triggers):
            return None  # "مخيمات ومعسكرات": a second noun coordinated with the first
        prefixed = first_norm in words.name_prefixes or person_head
        if not prefixed and words.is_common((first_norm,)) and not (trig.feature and trig.strong):
            return None  # "سد تشرين" is a dam's name, "منطقة الشمال" is no place
        if first and self._adjective(view, i, first_norm, known, trig):
            return None
        limit = (2 if first else 1) + (1 if prefixed else 0)
        j = i + 1
        while j < len(view) and view.sent[j] == view.sent[i]:
            norm = view.norms[j]
            if view.is_word(j) and norm in words.direction_adjs:  # "الغارية الغربية"
                j += 1
                break
            if (j - i >= limit or not view.is_word(j) or not self.looks_like_name_word(norm)
                    or (is_nisba(norm) and j not in known)):
                break
            if (j in known or norm.startswith("و")) and view.norms[j - 1] not in words.name_prefixes:
                # "بلدة أشرفية صحنايا": an unknown word before a town's name is "X of <town>"
                one_word_hit = j in known and known[j].end == j + 1 and first and j == i + 1
                if not one_word_hit:
                    break
            j += 1
        # back off to the longest reading that a delimiter or frame word closes
        while j > i and not self.ends_name(view, j, known):
            j -= 1
        if j == i or (j == i + 1 and prefixed):
            return None
        if j == i + 1 and j < len(view) and view.norms[j] in words.resumptives:
            return None  # "منطقة ينشط فيها التنظيم": the word is the verb of a relative clause
        doc = view.doc
        start_char = doc[i].idx + (clitic_chars(doc[i].text, skip_chars) if skip_chars else 0)
        return Phrase(start=i, end=j, start_char=start_char, end_char=doc[j - 1].idx + len(doc[j - 1]), keys=(),
                      sentence=view.sent[i], norms=tuple([first_norm] + view.norms[i + 1:j]))

    def _known_after_clitic(self, view: DocView, i: int, skip_chars: int, first_norm: str) -> Phrase | None:
        """Return the gazetteer name behind an unsplit conjunction ("مدينتي اللاذقية وجبلة").

        The tokenizer leaves short or lesser-known stems joined to و (it cannot tell
        "وجبلة" from an ordinary word); inside a list after a place noun the stem is
        looked up as it stands, longest reading first.
        """
        if len(first_norm) < 3 or first_norm in self.blocked or first_norm in self.words.name_prefixes:
            return None
        end = i + 1
        while end < min(len(view), i + MAX_NAME_WORDS) and view.is_word(end) and view.sent[end] == view.sent[i]:
            end += 1
        for j in range(end, i, -1):
            norms = (first_norm,) + tuple(view.norms[i + 1:j])
            keys = self.lookup(" ".join(norms))
            if keys:
                doc = view.doc
                return Phrase(start=i, end=j, start_char=doc[i].idx + clitic_chars(doc[i].text, skip_chars),
                              end_char=doc[j - 1].idx + len(doc[j - 1]), keys=tuple(dict.fromkeys(keys)),
                              sentence=view.sent[i], norms=norms)
        return None

    def _quoted(self, view: DocView, q: int, known: dict[int, Phrase]) -> Phrase | None:
        """Return the name written in quotes at token `q` («المشيك», "بين حلبية").

        The quotes delimit the name, so its words may be ones that never start a bare name.
        """
        if view.norms[q] in ("»", "”"):
            return None  # a closing mark
        j = q + 1
        while j < len(view) and view.norms[j] not in QUOTES and j - q <= MAX_NAME_WORDS:
            if not view.is_word(j) or view.sent[j] != view.sent[q]:
                return None
            j += 1
        if j == q + 1 or j >= len(view) or view.norms[j] not in QUOTES:
            return None
        if j == q + 2 and not self.looks_like_name_word(view.norms[q + 1]):
            return None  # a lone function word in quotes is no name
        match = self.match_at(view, q + 1)
        keys = match[1] if match and match[0] == j else ()
        ph = known.get(q + 1) if keys else None
        if ph is None or ph.end != j:
            ph = _phrase(view, q + 1, j, keys)
        ph.quoted = True
        return ph


def _phrase(view: DocView, start: int, end: int, keys: tuple[str, ...]) -> Phrase:
    doc = view.doc
    return Phrase(start=start, end=end, start_char=doc[start].idx, end_char=doc[end - 1].idx + len(doc[end - 1]),
                  keys=keys, sentence=view.sent[start], norms=tuple(view.norms[start:end]))


def make_phrase(view: DocView, start: int, end: int, keys: tuple[str, ...]) -> Phrase:
    """Return a Phrase over tokens [start, end) with these candidate keys."""
    return _phrase(view, start, end, keys)
