"""Naming a speaker: its role, the name inside it, whether it names anyone at all, and
the channel a statement went out on.

"زعيم هيئة تحرير الشام أبو محمد الجولاني" has the role *leader* and the name "أبو محمد
الجولاني"; "دميتري بيسكوف المتحدث باسم الكرملين" the role *spokesperson* and the name
"دميتري بيسكوف"; "المرصد السوري لحقوق الإنسان" is a body (role *monitor*) and its own
name; "مراسل التلفزيون العربي" names no one. Roles, titles, kunyas, given names and
channels come from marsad/data/quote_cues.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import QuoteLexicon
from .speakers import is_np_stop, trim
from .words import WordView

_NAME_ENDS = {"من", "في", "ب", "ل", "عن", "علي", "الي", "الذي", "التي", "و"}


@dataclass(frozen=True)
class Role:
    """The role phrase found in a speaker: English role, kind, word range."""

    role: str
    kind: str
    start: int
    end: int


def role_of(v: WordView, lex: QuoteLexicon, start: int, end: int) -> Role | None:
    """Return the leftmost-longest role phrase inside the speaker [start, end)."""
    for j in range(start, end):
        hit = lex.roles.match(v.words, j, end)
        if hit is not None and hit[2] in ("", "و"):
            role, kind = hit[1]
            if kind == "anonymous" and j > start:
                return None  # "خاطب الجولاني أهالي المدينة": the addressee, not a role
            return Role(role, kind, j, hit[0])
    return None


def looks_like_speaker(v: WordView, lex: QuoteLexicon, doc: Doc, start: int, end: int,
                       strict: bool = False) -> bool:
    """True when [start, end) names someone: a role, a title or given name, a kunya,
    an outlet, or a PER/ORG entity of the nlp stage; unless `strict`, also a quoted
    name or a bare proper noun of one or two words. Used where a subject is guessed."""
    if end <= start:
        return False
    role = role_of(v, lex, start, end)
    if role is not None and role.start <= start + 2:
        return True
    for k in range(start, min(end, start + 4)):
        w = v[k]
        if w.stem in lex.titles or w.stem in lex.given_names or w.stem in lex.kunya:
            return True
        if lex.media.match(v.words, k, end) is not None or lex.roles.match(v.words, k, end) is not None:
            return True
    a, b = v[start].start, v[end - 1].end
    if any(label in ("PER", "ORG") and e_start < b and a < e_end for label, e_start, e_end in v.ents):
        return True
    if strict:
        return False
    # a bare proper noun ("تركيا", "موسكو", "بيسكوف"): one or two words, the first with no
    # article, clitic or attached pronoun
    w = v[start]
    span = v.spans.get(start)
    if span is not None and span.close is not None and span.close < end:
        return True  # a quoted name: "«مجموعة العمل من أجل فلسطينيي سوريا»"
    return (end - start <= 2 and w.is_word and not w.norm.startswith("ال") and not w.clitics
            and not w.text.endswith(("ه", "ها", "هم")) and not w.norm[0].isdigit()
            and w.stem not in lex.np_stops and w.stem not in lex.time_words)


def _name_from(v: WordView, lex: QuoteLexicon, j: int, end: int) -> tuple[int, int] | None:
    k = j
    while k < end and k - j < 4 and v[k].is_word and not is_np_stop(v, lex, k, end) \
            and v[k].norm not in _NAME_ENDS and lex.roles.match(v.words, k, end) is None:
        k += 1
    return (j, k) if k > j else None


def name_of(v: WordView, lex: QuoteLexicon, doc: Doc, start: int, end: int,
            role: Role | None) -> tuple[int, int] | None:
    """Return the word range of the person or body named in the speaker, if it shows.

    PER (else ORG) entities from the nlp stage win. Otherwise: no role word -> the whole
    phrase is the name ("بيسكوف", "جبهة النصرة"); a role after some words -> the words
    before it ("دميتري بيسكوف المتحدث باسم ..."); a role first -> the name starts at a
    title, a kunya, a given name, or after the role's definite complement ("وزير
    الخارجية وليد المعلم"); a body-role (المرصد، الجيش) is its own name.
    """
    a, b = v[start].start, v[end - 1].end
    ents = [e for e in v.ents if a <= e[1] and e[2] <= b]
    for label in ("PER", "ORG"):
        for e_label, e_start, e_end in ents:
            if e_label == label:
                ws = [w.i for w in v.words[start:end] if e_start <= w.start and w.end <= e_end]
                if ws:
                    return ws[0], ws[-1] + 1
    if role is None:
        for j in range(start + 1, end):
            hit = lex.roles.match(v.words, j, end)
            if hit is not None and hit[1][1] == "anonymous":
                return start, j  # "الجولاني أهالي المدينة" -> الجولاني
        return start, end
    if role.kind == "org":
        return start, end
    if role.start > start:
        s, e = trim(v, start, role.start)
        return (s, e) if e > s else None
    if role.kind == "document":
        return None
    j = role.end
    for k in range(j, end):
        w = v[k]
        if w.stem in lex.titles:
            return _name_from(v, lex, k + 1, end)
        if w.stem in lex.kunya and k + 1 < end:
            return _name_from(v, lex, k, end)
        if w.stem in lex.given_names:
            return _name_from(v, lex, k, end)
    if role.kind == "anonymous" or j >= end or not v[j].norm.startswith("ال"):
        return None
    # "وزير الاتصالات بطرس حرب": skip the definite complement of the role, the name is
    # the first bare word after it
    k = j
    while k < end and (v[k].norm.startswith("ال") or v[k].norm == "ل" or (v[k].norm.startswith("ل") and len(v[k].norm) > 3)
                       or v[k].is_mark):
        span = v.spans.get(k)
        k = span.close + 1 if span is not None and span.close is not None else k + 1
    if k < end and v[k].is_word and not v[k].norm.startswith("ال"):
        return _name_from(v, lex, k, end)
    return None


def channel_of(v: WordView, lex: QuoteLexicon, start: int, end: int,
               skip: tuple[int, int] | None = None) -> str | None:
    """Return the highest-ranked channel named in words [start, end), outside `skip`."""
    best: tuple[int, str] | None = None
    j = start
    while j < end:
        if skip is not None and skip[0] <= j < skip[1]:
            j = skip[1]
            continue
        hit = lex.channels.match(v.words, j, end)
        if hit is not None:
            if best is None or hit[1][0] < best[0]:
                best = hit[1]
            j = hit[0]
            continue
        j += 1
    return best[1] if best else None
