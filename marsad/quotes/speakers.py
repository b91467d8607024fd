"""Speaker noun phrases: where they start and end, their role, name and channel.

Arabic news puts the speaker right after the verb of saying (VSO): "وقال مراسل
التلفزيون العربي إن ...". The speaker runs until the clause turns to something else:
the complementizer (إنّ/أنّ), a colon or a quotation, a time word ("اليوم الخميس"), a
frame phrase ("في بيان", "على تطبيق"), the audience ("للصحفيين", "لـ«الشرق الأوسط»"), a
preposition that starts an adjunct (إلى، عن، على ...) or punctuation. Short quoted
names inside it ("رئيس حزب «القوات اللبنانية»") stay in it.
"""

from __future__ import annotations

from .lexicon import QuoteLexicon
from .words import WordView

MAX_NP = 12  # words; a "speaker" longer than this is a clause, not a name
SHORT_QUOTE = 4  # words; a quoted stretch this short may be a name, not a quote
_COMP_CLITICS = {"", "ب", "و", "ف", "وب", "فب"}
_RELATIVE = {"وهو", "وهي", "وهم", "الذي", "التي", "الذين", "اللذين", "اللتين"}
_ENDERS = {".", "!", "?", "؟", "…"}
_FI = {"في", "وفي", "ففي"}
# prepositions with an attached pronoun ("يؤكد فيه", "أعلن له"): never a speaker
_PRONOUN_PREPS = {"فيه", "فيها", "فيهم", "له", "لها", "لهم", "عليه", "عليها", "منه", "منها", "عنه", "عنها",
                  "اليه", "اليها", "معه", "معها", "به", "بها", "بهم"}
_NOT_SUBJECT_START = _FI | {"من", "ومن", "ل", "ب"}
_BEFORE_TIME = {"بعد", "قبل", "منذ", "خلال", "مطلع", "نهايه"}


def is_complementizer(v: WordView, lex: QuoteLexicon, j: int) -> bool:
    """True when word j is أنّ/إنّ (or بأن, وإن, فإنه ...), not after "بعد", "قبل" ..."""
    w = v[j]
    if w.stem not in lex.complementizers or w.clitics not in _COMP_CLITICS:
        return False
    if j > 0 and v[j - 1].is_word and v[j - 1].stem in lex.blockers and w.clitics == "":
        return False
    return True


def _is_prep_ala(w) -> bool:
    # على and the name علي fold alike; only a written ى (or a following ال word) is على
    return w.text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ى")


def is_audience(v: WordView, lex: QuoteLexicon, j: int) -> bool:
    """True when word j starts "للصحفيين", "لوكالة ...", "لـ«الشرق الأوسط»"."""
    w = v[j]
    if w.norm == "ل" and j + 1 < len(v):
        span = v.spans.get(j + 1)
        if span is not None and span.close is not None:
            hit = lex.media.match(v.words, span.inner_start, span.inner_end)
            return hit is not None and hit[0] == span.inner_end
        return lex.audience.match(v.words, j + 1) is not None or lex.media.match(v.words, j + 1) is not None
    if w.clitics.endswith("ل"):
        for table in (lex.audience, lex.media):
            hit = table.match(v.words, j)
            if hit is not None and hit[2].endswith("ل"):
                return True
    return False


def is_frame(v: WordView, lex: QuoteLexicon, j: int, limit: int) -> int | None:
    """If word j opens a frame phrase ("في بيان", "خلال مؤتمر صحفي", "في ختام بيانه"),
    return the index just past it."""
    w = v[j]
    if w.norm not in _FI and w.stem not in {"خلال", "عبر", "علي"}:
        return None
    if w.stem == "علي" and not _is_prep_ala(w):
        return None
    for k in range(j + 1, min(limit, j + 3)):
        x = v[k]
        hit = lex.channels.match(v.words, k, limit)
        if x.clitics not in ("", "و"):
            break
        if x.stem in lex.frame_words or x.stem in lex.time_words or hit is not None:
            end = hit[0] if hit is not None else k + 1
            while end < limit:
                span = v.spans.get(end)
                if v[end].norm in {"له", "لها", "لهم"} or v[end].stem in lex.frame_words:
                    end += 1
                elif span is not None and span.close is not None and span.n_inner <= 2:
                    end = span.close + 1  # على تطبيق "تلغرام", على منصة "إكس"
                elif lex.channels.match(v.words, end, limit) is not None:
                    end = lex.channels.match(v.words, end, limit)[0]
                else:
                    break
            return end
        if x.is_punct:
            break
    return None


def is_np_stop(v: WordView, lex: QuoteLexicon, j: int, limit: int) -> bool:
    """True when word j cannot continue a speaker noun phrase."""
    w = v[j]
    if w.is_punct:
        return True
    if is_complementizer(v, lex, j):
        return True
    if w.norm == "من" and j + 1 < limit and is_complementizer(v, lex, j + 1):
        return True  # "حذرت الهيئة من أن"
    if w.norm in _RELATIVE or w.norm in _PRONOUN_PREPS:
        return True  # "المرصد السوري، الذي يتابع ...": a relative clause, not the name
    if w.clitics in ("", "و", "ف"):
        if w.stem in lex.np_stops and not (w.stem == "علي" and not _is_prep_ala(w)) \
                and not (w.stem == "عن" and j > 0 and v[j - 1].norm in _ISSUED):
            return True
        if j > 0 and w.text.endswith(("ته", "تها", "تهم")) and not w.norm.startswith("ال") and v[j - 1].is_word \
                and v[j - 1].norm not in _QUANTIFIERS:
            return True  # "وختم مراسلنا رسالته": a noun with a pronoun is the object ("أحد قادتها" is not)
        if w.stem in lex.time_words or w.stem in lex.saying_nouns:
            return True
    if lex.continuation.match(v.words, j, limit) is not None:
        return True
    if is_frame(v, lex, j, limit) is not None and w.stem != "علي":
        return True
    return is_audience(v, lex, j)


def skip_adjuncts(v: WordView, lex: QuoteLexicon, i: int, limit: int) -> int:
    """Return the first index at or after i that is not a comma, time word, frame
    phrase or continuation marker ("أعلن أمس الأربعاء وزير ...", "قال في بيان إن")."""
    while i < limit:
        w = v[i]
        if w.text in {",", "،"} or (w.stem in lex.time_words and w.clitics in ("", "و")):
            i += 1
            continue
        if w.stem in lex.saying_nouns or w.norm in _PRONOUN_PREPS:
            i += 1
            continue
        if w.stem in _BEFORE_TIME and i + 1 < limit and v[i + 1].stem in lex.time_words:
            i += 2  # "بعد ظهر أمس", "قبل ظهر اليوم"
            continue
        hit = lex.continuation.match(v.words, i, limit) or lex.discourse_openers.match(v.words, i, limit)
        if hit is not None:
            i = hit[0]
            continue
        frame = is_frame(v, lex, i, limit)
        if frame is not None:
            i = frame
            continue
        if is_audience(v, lex, i):
            i += 2 if v[i].norm == "ل" else 1
            span = v.spans.get(i - 1) if v[i - 1].is_mark else None
            if span is not None and span.close is not None:
                i = span.close + 1
            # the rest of the outlet's name: "لوكالة الصحافة الفرنسية", "لوكالة فرانس برس"
            hit = lex.media.match(v.words, i, limit) if i < limit else None
            if hit is not None:
                i = hit[0]
            while i < limit and v[i].norm.startswith("ال") and lex.roles.match(v.words, i, limit) is None:
                i += 1
            continue
        break
    return i


# "أحد قادتها", "بعض عناصره": a quantifier heads the phrase, the pronoun noun belongs to it
_QUANTIFIERS = {"احد", "احدي", "بعض", "كل", "جميع", "معظم", "غالبيه", "اغلب", "عدد", "ابرز", "كبار"}
_ISSUED = {"صادر", "الصادر", "صادره", "الصادره"}  # "بيان صادر عن الرئاسة"
_PARENS = {"(": {")"}, "-": {"-", "–"}, "–": {"-", "–"}}
_TITLE_PREPS = {"من", "في", "علي", "عن", "الي", "ل", "ب", "ك", "مع", "ضد", "بين"}


def is_title_span(v: WordView, lex: QuoteLexicon, j: int) -> bool:
    """True when the quotation opening at word j names something rather than quoting
    speech: it is glued to the word before it ("مؤتمر»مكافحة"), or follows a preposition
    or a title word ("من «الفرقة 30»", "بعنوان «...»", "عملية "ردع العدوان"")."""
    if j == 0:
        return False
    prev = v[j - 1]
    if prev.end == v[j].start and prev.is_word:
        return prev.norm in {"ل", "ب", "ك"} or not prev.clitics and prev.norm not in {"و", "ف"}
    return (prev.norm in _TITLE_PREPS or prev.stem in lex.title_words or prev.stem in lex.frame_words
            or lex.channels.match(v.words, j - 1) is not None)


def ends_clause(v: WordView, j: int, limit: int) -> bool:
    """True when only punctuation lies between word j and `limit`."""
    return all(v[k].is_punct and not v[k].is_mark for k in range(j, limit)) or j >= limit


def scan_np(v: WordView, lex: QuoteLexicon, i: int, limit: int, cues: set[int]) -> tuple[int, int]:
    """Return the word range [start, end) of the noun phrase that starts at or after i."""
    start = skip_adjuncts(v, lex, i, limit)
    if start < limit and v[start].norm in _NOT_SUBJECT_START:
        return start, start  # "قال في مطار دمشق إنه": a place adjunct, no subject
    j = start
    while j < limit and j - start < MAX_NP:
        w = v[j]
        if j in cues:
            break
        if w.text in _PARENS:
            # "(سانا)", "-والذي يتكون من فصائل معارضة-": a parenthesis inside the speaker
            closer = _PARENS[w.text]
            reach = 6 if w.text == "(" else 14
            close = next((k for k in range(j + 1, min(limit, j + reach)) if v[k].text in closer), None)
            if close is None or j == start:
                break
            j = close + 1
            continue
        if w.is_mark:
            span = v.spans.get(j)
            if span is None or span.close is None or span.n_inner > SHORT_QUOTE:
                break
            if not is_title_span(v, lex, j) and ends_clause(v, span.close + 1, limit):
                break  # the quoted words end the clause: they are what was said
            j = span.close + 1
            continue
        if is_np_stop(v, lex, j, limit):
            break
        j += 1
    end = _coordinated(v, lex, start, j, limit, cues)
    # apposition: "المتحدث العسكري باسم غرفة العمليات، المقدم حسن عبد الغني، أن"
    if start < end < limit and v[end].text in {",", "،"}:
        k = seg = end + 1
        while k < limit and k - seg < 5 and k not in cues and not is_np_stop(v, lex, k, limit):
            k += 1
        nxt = k + 1 if k < limit and v[k].text in {",", "،"} else k
        if (1 <= k - seg <= 4 and v[seg].norm not in _RELATIVE and v[seg].clitics == ""
                and nxt < limit and (is_complementizer(v, lex, nxt) or v[nxt].text == ":")):
            end = k
    return start, end


def _coordinated(v: WordView, lex: QuoteLexicon, start: int, end: int, limit: int, cues: set[int]) -> int:
    """Extend a speaker over comma-separated conjuncts ("جبهة النصرة، وأحرار الشام،
    والجيش الحر، عن"), when a complement marker follows the last of them."""
    if end <= start:
        return end
    k = end
    while k < limit and v[k].text in {",", "،"} and k + 1 < limit:
        first = k + 1
        w = v[first]
        if not (w.norm.startswith("و") and len(w.norm) > 2) or first in cues or w.norm in _RELATIVE \
                or is_np_stop(v, lex, first, limit):
            break
        e = first + 1
        while e < limit and e - first < 4 and e not in cues and not is_np_stop(v, lex, e, limit):
            e += 1
        k = e
    if k == end:
        return end
    nxt = k + 1 if k < limit and v[k].text in {",", "،"} else k
    if nxt < limit and (is_complementizer(v, lex, nxt) or v[nxt].text == ":"
                        or (v[nxt].stem in {"عن", "الي", "علي"} and v[nxt].clitics == "")):
        return k
    return end


def trim(v: WordView, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and unpaired quotation marks from both ends of [start, end)."""
    while start < end and (v[start].is_punct and not (v[start].is_mark and _pairs_within(v, start, end))):
        start += 1
    while end > start and v[end - 1].is_punct and not (v[end - 1].is_mark and _closes_within(v, start, end - 1)) \
            and v[end - 1].text != ")":
        end -= 1
    if end > start and v[end - 1].text == ")" and not any(v[k].text == "(" for k in range(start, end)):
        end -= 1
    return start, end


def _pairs_within(v: WordView, i: int, end: int) -> bool:
    span = v.spans.get(i)
    return span is not None and span.close is not None and span.close < end


def _closes_within(v: WordView, start: int, j: int) -> bool:
    return any(s.close == j and s.open >= start for s in v.spans.values())


def is_object_noun(v: WordView, lex: QuoteLexicon, j: int) -> bool:
    """True when word j is a verbal noun that opens a bare object ("مقتل", "السيطرة")."""
    w = v[j]
    if w.clitics not in ("", "و"):
        return False
    return w.stem in lex.object_nouns


