"""Clauses inside a sentence, and the modality of a trigger within its clause.

A news sentence often packs several events: "قصفت قوات النظام بلدة س، فيما دارت
اشتباكات في ص". Places, actors and dates belong to the trigger of their own clause.
A clause starts after «،»/«؛» when a conjunction or a clause-opening word follows, and at
words such as فيما / بينما / في حين / وسط.
"""

from __future__ import annotations

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Span

from ..text.lexicon import doc_norms
from ..text.tokens import doc_flags, doc_texts
from .lexicon import Grammar

_CLITICS = {"و", "ف", "ب", "ل", "ك"}
_PLACE_NOUNS = {"مدينه", "بلده", "قريه", "العاصمه", "حي", "سوق", "ساحه", "البلاد", "المدينه", "البلده", "القريه",
                "المنطقه", "منطقه", "الطريق", "طريق", "ريف", "محافظه"}
_COMMAS = {"،", ",", "؛", ";", ":"}  # dashes open asides and ranges, not clauses


def clause_starts(sent: Span, g: Grammar) -> list[int]:
    """Return the doc token indices where clauses of `sent` begin (the first is sent.start)."""
    starts = {sent.start}
    place_starts = {p.start_token for p in sent.doc._.places or []}
    for m in g.clause_breaks.finditer(sent):
        if sent.doc[m.start].norm_ == "وسط" and m.end < sent.end and (
                m.end in place_starts or sent.doc[m.end].norm_ in _PLACE_NOUNS):
            continue  # "وسط مدينة القامشلي" is "in the middle of", not "amid"
        starts.add(m.start)
        if m.start > sent.start and sent.doc[m.start - 1].norm_ in _CLITICS:
            starts.add(m.start - 1)
    texts, norms = doc_texts(sent.doc), doc_norms(sent.doc)
    for i in range(sent.start, sent.end):
        if texts[i] in _COMMAS and i + 1 < sent.end and (norms[i + 1] in ("و", "ف") or i + 1 in starts):
            starts.add(i + 1)
    return sorted(starts)


def clause_of(token_i: int, starts: list[int], sent_end: int) -> tuple[int, int]:
    """Return the [start, end) token range of the clause holding token_i."""
    start = max(s for s in starts if s <= token_i)
    later = [s for s in starts if s > token_i]
    return start, (later[0] if later else sent_end)


def previous_words(doc, i: int, lo: int, n: int) -> list[str]:
    """Return up to n folded words before token i (not before lo), nearest first, clitics skipped."""
    out: list[str] = []
    norms, spaces = doc_norms(doc), doc_flags(doc, IS_SPACE)
    j = i - 1
    while j >= lo and len(out) < n:
        if not spaces[j] and norms[j] not in _CLITICS:
            out.append(norms[j])
        j -= 1
    return out


def is_negated(doc, i: int, lo: int, g: Grammar) -> bool:
    """True when a negation governs the trigger at token i (within its clause)."""
    before = previous_words(doc, i, lo, 5)
    if before and before[0] in ("اي", "اية"):
        return True  # "أي اشتباكات" (any clashes) only stands in negations and questions
    for k, word in enumerate(before):
        if word in g.negation:
            after = before[k - 1] if k > 0 else doc[i].norm_
            if word in ("لا", "ما") and after in g.not_negation_after:
                continue
            return True
    # a denial verb earlier in the clause: "نفت الوزارة أن تكون قواتها قصفت..."
    clause_words = previous_words(doc, i, lo, 12)
    return any(w in ("نفي", "نفت", "ينفي", "تنفي", "نفوا") for w in clause_words)


_RELATIVES = {"التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي"}


def is_irrealis(doc, i: int, lo: int, hi: int, g: Grammar) -> bool:
    """True when the trigger is a threat, plan, call, future or condition, not a fact."""
    for m in g.future.finditer(doc, max(lo, i - 6), i):
        return True
    # a condition or a habit governs its whole clause: "وإذا انتزعت الفصائل ... السيطرة على"
    for index in (g.conditional, g.habitual):
        for m in index.finditer(doc, max(lo, i - 20), i):
            return True
    # a running total: "600 ضربة جوية على البلدة منذ بدء الحملة"
    for m in g.cumulative.finditer(doc, i + 1, min(hi, i + 8)):
        return True
    before = previous_words(doc, i, lo, 2)
    nxt = doc[i].norm_
    if before and before[0] in g.modal_particles and nxt[:1] in ("ي", "ت", "ن"):
        return True
    # an accusation or a charge governs the whole clause: "اتهمت الحكومة قائدا ... باغتيال",
    # up to a relative clause with its own verb: "بتهمة التخابر ... في مدينة القريتين التي استولوا عليها"
    before = previous_words(doc, i, lo, 25)
    relative = next((k for k, w in enumerate(before) if w in _RELATIVES), len(before))
    if any(w in g.accusation for w in before[:relative]):
        return True
    # an expected event right after a verbal noun: "الهجوم المرتقب" (not "احتجاجات طالبت بـ"),
    # or a habit right after its verb: "ويقصف النظام بانتظام"
    for index, span in ((g.expected, 3), (g.habitual, 4)):
        for m in index.finditer(doc, i + 1, min(hi, i + span)):
            return True
    return False


def is_pluperfect(doc, i: int, lo: int, g: Grammar) -> bool:
    """True for "كانت القوات قد سيطرت" or a clause opening with وكانت: an earlier event."""
    before = previous_words(doc, i, lo, 6)
    if "قد" in before and any(w in g.pluperfect for w in before[before.index("قد"):]):
        return True
    norms, spaces, puncts = doc_norms(doc), doc_flags(doc, IS_SPACE), doc_flags(doc, IS_PUNCT)

    def opening(start: int) -> str:
        words = [norms[k] for k in range(start, min(i, len(norms))) if not spaces[k] and not puncts[k]
                 and norms[k] not in _CLITICS][:1]
        return words[0] if words else ""

    if opening(lo) in g.pluperfect:
        return True
    # "وكانت القيادة رفضت ...، وخرج مدنيون ...": a clause joined by «، و» goes on telling the past
    sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
    return lo > sent_start and norms[lo] == "و" and opening(sent_start) in g.pluperfect


_BACKGROUND = {"بعد", "عقب", "اثر", "غداه", "منذ", "قبل", "ابان", "خلال"}


def is_background(doc, i: int, lo: int) -> bool:
    """True for a verbal noun that refers back to an earlier event ("بعد سيطرة الفصائل على ...")."""
    before = previous_words(doc, i, lo, 4)
    if before and before[0] in _BACKGROUND:
        return True
    # "عقب إتمام السيطرة", "بعد أيام من اشتباكات", "بعد ساعات من الاشتباكات"
    return any(w in _BACKGROUND for w in before[1:]) and before[0] in (
        "اتمام", "انتهاء", "استكمال", "من", "وقوع", "اندلاع", "توقف")
