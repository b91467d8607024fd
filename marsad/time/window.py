"""Which date governs an event, and whether a date is the report's news or history.

The events stage finds a trigger word and asks `event_time` for its date. The rule
follows how ACLED coders read a report (/work/shared/corpus/ANNOTATION.md): a date
written in the trigger's own sentence governs it -- the nearest one, preferring one in
the same clause -- and an event the report tells as news without naming its day gets
the report's window, [publication - 2 days, publication], precision 2.

A clause ends at «؛», at a comma followed by و/ف ("، وسيطرت"), or before a word such
as فيما / بينما / في حين (time_words.yaml: clause_openers): in "قصفت الطائرات البلدة
أمس، فيما اندلعت اشتباكات اليوم" each verb keeps its own date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

from ..annotations import DateMention
from ..text.lexicon import doc_norms
from ..text.normalize import fold
from ..text.tokens import doc_flags, doc_texts
from .component import reference_date
from .lexicon import TimeLexicon, default_lexicon

_COMMAS = {"،", ",", "؛", ";"}
_HARD_BREAKS = {"؛", ";"}
_CONJ = {fold("و"), fold("ف")}

WINDOW_DAYS = 2  # an undated news event: [published - 2 days, published]


@dataclass(frozen=True)
class EventTime:
    """The date of one event: a day, or the range [date, date_end], and where it came from.

    `mention` is the DateMention that governs the event, or None when the date is the
    report's window (or unknown: `date` None when no publication date is known).
    """

    date: dt.date | None
    date_end: dt.date | None
    time_precision: int
    mention: DateMention | None


def _sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    if doc.has_annotation("SENT_START"):
        sent = doc[i].sent
        return sent.start, sent.end
    return 0, len(doc)


def _next_word(doc: Doc, i: int, end: int) -> int | None:
    spaces = doc_flags(doc, IS_SPACE)
    while i < end and spaces[i]:
        i += 1
    return i if i < end else None


def clause_starts(doc: Doc, start: int, end: int, lex: TimeLexicon | None = None) -> list[int]:
    """Return token indices in [start, end) where a new clause begins."""
    lex = lex or default_lexicon()
    norms = doc_norms(doc)
    texts = doc_texts(doc)
    starts: list[int] = []
    for i in range(start, end):
        text = texts[i]
        if text in _COMMAS:
            j = _next_word(doc, i + 1, end)
            if j is None:
                continue
            word = norms[j]
            if text in _HARD_BREAKS or word in _CONJ or (word[:1] in _CONJ and len(word) >= 4):
                starts.append(j)
                continue
        opener_at = i + 1 if norms[i] in _CONJ else i
        if lex.clause_openers.match(norms, opener_at) is not None and (not starts or starts[-1] != i):
            if i > start:
                starts.append(i)
    return starts


def _distance(m: DateMention, i: int) -> int:
    if i < m.start_token:
        return m.start_token - i
    if i >= m.end_token:
        return i - m.end_token + 1
    return 0


def event_time(doc: Doc, token_i: int, window_days: int = WINDOW_DAYS,
               reported_after: int | None = None) -> EventTime:
    """Return the date governing the event whose trigger is token `token_i`.

    The nearest date mention in the trigger's sentence (one in the same clause first),
    else the report's window [reference - window_days, reference] at precision 2,
    else (no publication date known or inferred) an EventTime with date None.
    `reported_after`: the token where a citation follows the trigger ("، حسبما أفاد
    المرصد السبت"); dates from there on tell when it was reported, not when it happened.
    """
    s, e = _sentence_bounds(doc, token_i)
    # "الجارية منذ أسبوع" says how long an operation has run; the event in it keeps the
    # sentence's other date, or the report's window
    in_sentence = [m for m in (doc._.dates or []) if m.start_token >= s and m.end_token <= e
                   and (reported_after is None or m.start_token < reported_after) and m.kind != "ongoing"]
    if in_sentence:
        starts = clause_starts(doc, s, e)
        lo = max((b for b in starts if b <= token_i), default=s)
        hi = min((b for b in starts if b > token_i), default=e)
        same_clause = [m for m in in_sentence if m.start_token >= lo and m.end_token <= hi]
        best = min(same_clause or in_sentence, key=lambda m: (_distance(m, token_i), m.start_token))
        return EventTime(best.date, best.date_end, best.time_precision, best)
    ref = reference_date(doc)
    if ref is None:
        return EventTime(None, None, 3, None)
    return EventTime(ref - dt.timedelta(days=window_days), ref, 2, None)


def is_out_of_window(mention: DateMention, published: dt.date | None, days: int = 7) -> bool:
    """Return True when `mention` is not the report's news: it starts more than `days`
    before publication ("منذ 2015", "في 2013", "الشهر الماضي") or lies after it.

    Without a publication date nothing can be said, and False is returned.
    """
    if published is None:
        return False
    if mention.date > published:
        return True
    return mention.date < published - dt.timedelta(days=days)
