"""Speakers that are not right after the verb of saying.

Most speakers follow their verb (VSO). These functions find the others:

* the subject before the verb (SVO): "لكن موسكو تؤكد أنه", "هشام مروة، نائب رئيس ...
  قال", "وكان جنتي قال", "غير أن مصدرا في قسد نفى أن", and the antecedent of an
  appositive relative: "الجيش الإسرائيلي، الذي قال إن";
* the subject of the sentence's first verb, for a participle or a coordinated verb
  with no subject of its own: "تلا القيادي ... بيانا أعلن فيه حل التشكيل";
* the last person entity of the sentence, when the nlp stage has marked entities.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import QuoteLexicon
from .naming import looks_like_speaker
from .speakers import MAX_NP, is_np_stop, scan_np, skip_adjuncts
from .words import WordView

KANA = {"كان", "وكان", "كانت", "وكانت", "كانوا", "وكانوا", "فكان", "فكانت"}
_RELATIVES = {"الذي", "التي", "الذين"}
_COMMAS = {",", "،"}


def subject_before(v: WordView, lex: QuoteLexicon, doc: Doc, cue: int,
                   cue_words: set[int]) -> tuple[int, int] | None:
    """Return the noun phrase right before the verb at word `cue` that is its subject."""
    s, _ = v.sentence_bounds(cue)
    b = cue
    if b > s and v[b - 1].norm == "قد":
        b -= 1
    if b > s and (v[b - 1].norm in {"من", "ما"} or (v[b - 1].norm in _RELATIVES and v[b - 2].text not in _COMMAS)):
        return None  # "أول من كشف", "ما قاله": the relative's antecedent is no subject here
    relative = False
    if b - 2 >= s and v[b - 1].norm in _RELATIVES and v[b - 2].text in _COMMAS:
        b -= 2
        relative = True
    a = b
    while a > s:
        k = a - 1
        w = v[k]
        if w.norm in KANA or w.text in _COMMAS or k in cue_words:
            break
        if w.is_mark:
            opener = next((sp.open for sp in v.spans.values() if sp.close == k and sp.n_inner <= 8), None)
            if opener is None or opener <= s:
                break
            a = opener
            continue
        if w.is_punct or is_np_stop(v, lex, k, b) or w.stem in lex.clause_openers or w.norm in lex.clause_openers:
            break
        if relative and a < b and not (w.norm.startswith("ال") or lex.roles.match(v.words, k, b)):
            break
        a = k
        if b - a > MAX_NP:
            return None
    if a >= b or (relative and b - a > 4):
        return None
    if not looks_like_speaker(v, lex, doc, a, b):
        return None
    return a, b


def sentence_subject(v: WordView, lex: QuoteLexicon, doc: Doc, cue: int,
                     cue_words: set[int]) -> tuple[int, int] | None:
    """Return the subject of the sentence's first verb, when it names someone."""
    s, _ = v.sentence_bounds(cue)
    first = skip_adjuncts(v, lex, s, cue)
    # a fronted phrase up to a comma ("وفي ريف حلب الشرقي، أعلنت ...") is not the verb
    if first < cue and v[first].norm in {"في", "وفي", "ففي", "من", "ومن", "على", "وعلى"}:
        comma = next((k for k in range(first, min(cue, first + 9)) if v[k].text in _COMMAS), None)
        if comma is None:
            return None
        first = skip_adjuncts(v, lex, comma + 1, cue)
    if first + 1 >= cue:
        return None
    a, b = scan_np(v, lex, first + 1, cue, cue_words)
    if b > a and looks_like_speaker(v, lex, doc, a, b, strict=True):
        return a, b
    return None


def entity_before(v: WordView, doc: Doc, cue: int) -> tuple[int, int] | None:
    """Return the last PER entity of the sentence before word `cue` (nlp stage)."""
    s, _ = v.sentence_bounds(cue)
    lo, hi = v[s].start, v[cue].start
    pers = [e for e in v.ents if e[0] == "PER" and lo <= e[1] and e[2] <= hi]
    if not pers:
        return None
    _, e_start, e_end = pers[-1]
    ws = [w.i for w in v.words[s:cue] if e_start <= w.start and w.end <= e_end]
    return (ws[0], ws[-1] + 1) if ws else None
