"""Where reported speech starts: cue verbs, participles, attributions, complements.

A *candidate* is a place where a speech clause may begin: a finite verb of saying
("وقال", "أكدت", "يقول"), a circumstantial participle ("، مؤكدا"), or an attribution
phrase ("حسبما أفاد", "بحسب", "وفق"). A *complement* is where the reported words begin
after it: a complementizer (أنّ/إنّ, "إلى أن"), a colon, a quotation, or the preposition
the verb governs ("أشار إلى", "كشف عن", "أفاد بـ").
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import CueForm, QuoteLexicon
from .speakers import (SHORT_QUOTE, ends_clause, is_complementizer, is_object_noun, is_title_span,
                       skip_adjuncts)
from .words import WordView

WINDOW = 20  # words between the speaker and the complement ("، وهو موظف ...، لمراسلنا:")
_VERB_CLITICS = ("", "و", "ف")
_SENT_END = {".", "!", "?", "؟"}
_OPENING_PUNCT = {",", "،", ":", ";", "؛", "(", "-", "–", "—"}


@dataclass(frozen=True)
class Candidate:
    """A possible start of reported speech. `start` is its first word (the clause
    boundary), `cue_end` the index just past the cue verb or attribution phrase."""

    kind: str  # "verb", "participle" or "attribution"
    start: int
    cue_end: int
    form: CueForm | None
    marker: str | None = None
    initial: bool = True  # the cue starts a clause (after و/ف, punctuation, كما ...)

    @property
    def hard(self) -> bool:
        """True when the candidate ends the clause before it. A verb inside a reported
        clause with no و/ف and no punctuation before it ("إن قيادة الجيش دعت ...")
        is reported speech within the quote, not a new clause."""
        return self.kind != "verb" or self.initial

    @property
    def cue_word(self) -> int:
        return self.cue_end - 1


@dataclass(frozen=True)
class Complement:
    """Where the reported words begin: `at` is the marker word, `content` the first word
    of what was said."""

    kind: str  # "an", "colon", "mark", "prep", "object"
    at: int
    content: int


def cue_form_at(v: WordView, lex: QuoteLexicon, i: int) -> CueForm | None:
    """Return the cue form written at word i (with an optional و/ف), if any."""
    w = v[i]
    if w.clitics not in _VERB_CLITICS:
        return None
    return lex.cue_forms.get(w.stem)


def clause_initial(v: WordView, lex: QuoteLexicon, i: int) -> bool:
    """True when word i starts a clause: sentence start, after punctuation or a closing
    quotation mark, or after a clause opener (كما، إذ، بدوره ...)."""
    s, _ = v.sentence_bounds(i)
    if i == s:
        return True
    prev = v[i - 1]
    if prev.text in _OPENING_PUNCT or prev.text in _SENT_END:
        return True
    return prev.stem in lex.clause_openers or prev.norm in lex.clause_openers


def _inside_closed_quote(v: WordView, i: int) -> bool:
    return v.inside_closed_quote(i, SHORT_QUOTE)


def find_candidates(v: WordView, lex: QuoteLexicon) -> list[Candidate]:
    """Return the speech candidates of the text, in order, outside closed quotations."""
    out: list[Candidate] = []
    i = 0
    n = len(v)
    while i < n:
        w = v[i]
        if w.is_punct or _inside_closed_quote(v, i):
            i += 1
            continue
        hit = lex.after_cue.match(v.words, i)
        if hit is not None and hit[2] in _VERB_CLITICS and hit[0] < n:
            form = cue_form_at(v, lex, hit[0])
            if form is not None and not form.participle:
                out.append(Candidate("attribution", i, hit[0] + 1, form, marker=hit[1]))
                i = hit[0] + 1
                continue
        hit = lex.before_np.match(v.words, i)
        if hit is not None and hit[2] in ("", "و"):
            out.append(Candidate("attribution", i, hit[0], None, marker=hit[1]))
            i = hit[0]
            continue
        form = cue_form_at(v, lex, i)
        if form is not None:
            if form.participle:
                # many participles are also adjectives ("غير مبررة", "مصادر مؤكدة"): one
                # counts after a comma or a closing quote, or right before its complement
                prev = v[i - 1] if i > 0 else None
                after_comma = prev is None or prev.text in _OPENING_PUNCT or prev.is_mark
                if after_comma or (not form.cue.ambiguous_participle and _opens_complement(v, lex, i + 1, form)):
                    out.append(Candidate("participle", i, i + 1, form))
            elif form.cue.source_only:
                if i + 1 < n and v[i + 1].stem == form.cue.source_prep:
                    out.append(Candidate("verb", i, i + 1, form))
            else:
                initial = bool(w.clitics) or clause_initial(v, lex, i)
                out.append(Candidate("verb", i, i + 1, form, initial=initial))
        i += 1
    return out


def _opens_complement(v: WordView, lex: QuoteLexicon, j: int, form: CueForm) -> bool:
    """True when the words from j (after a frame like "في بيان") open a complement."""
    s, e = v.sentence_bounds(min(j, len(v) - 1))
    j = skip_adjuncts(v, lex, j, e)
    if j >= e:
        return False
    w = v[j]
    if w.text == ":" or is_complementizer(v, lex, j) or (w.is_mark and j in v.spans):
        return True
    if w.stem == "الي" and j + 1 < e and is_complementizer(v, lex, j + 1):
        return True
    return _prep_at(v, j, form.cue.takes) is not None


def _prep_at(v: WordView, j: int, takes: tuple[str, ...], places: frozenset[str] = frozenset()) -> int | None:
    """If word j is a preposition the cue governs, return where the content starts."""
    w = v[j]
    for prep in takes:
        if prep == "ب":
            if w.stem in places:
                continue  # "بمنطقة مكة": a setting, not what was said
            if w.norm == "ب":
                return j + 1
            if w.clitics == "ب" or (w.norm.startswith("ب") and len(w.norm) > 3 and w.clitics == ""
                                    and w.norm not in _NOT_BI):
                return j  # "بمقتل شخص": the ب belongs to the reported words
        elif (w.norm == prep or w.stem == prep) and w.clitics in ("", "و"):
            return j + 1
    return None


# words that start with ب but are no preposition complement of a verb of saying
_NOT_BI = {"بعد", "بين", "بينما", "بسبب", "بشكل", "بدوره", "بدورها", "بحسب", "باسم", "بلده", "بلاد",
           "بيان", "بيانا", "بيانه", "بيانها", "بحق", "بالقول", "بنفسه", "بنفسها", "برس"}


def find_complement(v: WordView, lex: QuoteLexicon, cand: Candidate, np_start: int, np_end: int,
                    limit: int) -> Complement | None:
    """Return where the reported words of `cand` begin, searching from the speaker's end."""
    hi = min(limit, np_end + WINDOW)
    j = np_end
    while j < hi:
        w = v[j]
        if w.text == ":":
            k = j + 1
            if k < limit and is_complementizer(v, lex, k):
                k += 1
            return Complement("colon", j, k) if k < limit or v.spans.get(k) else None
        if is_complementizer(v, lex, j):
            # "طلب من قائد الجيش أن يتصدى": after a verb of asking, أن + verb is the request
            keep = cand.form is not None and cand.form.cue.addressee and w.norm == "ان"
            return Complement("an", j, j if keep else j + 1)
        if w.stem == "الي" and j + 1 < limit and is_complementizer(v, lex, j + 1):
            return Complement("an", j, j + 2)
        if w.is_mark and j in v.spans:
            span = v.spans[j]
            if is_title_span(v, lex, j) and span.close is not None:
                j = span.close + 1  # "في مؤتمر «...»", "على تطبيق "تلغرام"": a name, not speech
                continue
            if span.close is None or span.n_inner > SHORT_QUOTE:
                return Complement("mark", j, j)
            # a few quoted words are speech only straight after a subjectless verb
            # ("وتابع «نعم»"); elsewhere they name something ("مقاتلي «جيش الفتح»")
            direct = np_start == np_end == j or (cand.kind == "participle" and j == np_end)
            if direct and ends_clause(v, span.close + 1, limit):
                return Complement("mark", j, j)
        if w.text in _SENT_END:
            break
        j += 1
    if cand.form is None:
        return None
    takes = cand.form.cue.takes
    k = skip_adjuncts(v, lex, np_end, limit)
    if k < limit and takes:
        content = _prep_at(v, k, takes)
        if content is not None and content < limit:
            return Complement("prep", k, content)
    # "أفاد مصدر أمني عراقي بمقتل شخص": the complement ran into the speaker; after a
    # participle the phrase is its object, which may itself start with the preposition
    first = np_start if cand.kind == "participle" or (np_start < np_end and v[np_start].clitics == "ب") \
        else np_start + 1
    inside = tuple(p for p in takes if p in ("ب", "من"))
    places = frozenset(lex.place_nouns)
    for j in range(first, np_end):
        content = _prep_at(v, j, inside, places) if inside else None
        if content is not None:
            return Complement("prep", j, content)
    if cand.form.cue.object:
        # "أعلن الدفاع المدني مقتل امرأة": a bare verbal-noun object
        if k < limit and is_object_noun(v, lex, k):
            return Complement("object", k, k)
        for j in range(np_start, np_end):
            if is_object_noun(v, lex, j):
                return Complement("object", j, j)
    return None
