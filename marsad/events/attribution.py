"""Who reports an event and who claims it.

ACLED keeps the source of every event and whether it rests on one party's claim. Here:
`reported_by` is the outlet plus anyone the sentence cites ("بحسب المرصد", "حسبما أفاد
مراسل ..."), or the quoted speaker when that speaker is a reporter or monitor;
`claimed_by` is the party that announces the event ("أعلنت فصائل المعارضة السيطرة على")
or the party's spokesperson quoted saying it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..annotations import ActorMention, QuoteMention
from ..text.lexicon import TermMatch, doc_norms
from .lexicon import grammar

_REPORTER_ROLES = {"correspondent", "source", "agency", "outlet", "monitor", "media", "journalist", "reporter"}
# "حسب تعبيره" (as he put it), "بحسب قولها": not a source
_NOT_SOURCES = {"تعبيره", "تعبيرها", "تعبيرهم", "قوله", "قولها", "قولهم", "وصفه", "وصفها", "زعمه", "زعمها", "ما",
                "رايه", "رايها", "تقديره", "تقديرها", "تقديرات", "الخطه", "خطه"}
_STOP = {"،", ",", ".", ":", "«", "»", '"', "“", "”", "(", ")", "ان", "أن", "إن", "بان", "بأن"}


def _name(m: ActorMention) -> str:
    return m.actor.name_en or m.text


def _cited_after(doc: Doc, start: int, end: int, actors: list[ActorMention]) -> str | None:
    """The source named right after a citation cue: an actor, else up to four words."""
    for m in actors:
        if start <= m.start_token <= start + 3:
            return _name(m)
    words = []
    for tok in doc[start:min(end, start + 6)]:
        if tok.norm_ in _STOP or tok.is_punct:
            break
        words.append(tok)
    # skip verbs of reporting right after the cue: "حسبما أفاد مراسل ..."
    while words and words[0].norm_ in ("افاد", "افادت", "اكد", "اكدت", "ذكر", "ذكرت", "قال", "قالت", "ما", "اورد", "اوردت", "نقل", "نقلت"):
        words = words[1:]
    if not words or words[0].norm_ in _NOT_SOURCES:
        return None
    return doc[words[0].i:words[-1].i + 1].text


def _quote_of(doc: Doc, match: TermMatch) -> QuoteMention | None:
    pos = doc[match.start].idx
    for q in doc._.quotes or []:
        if q.start <= pos < q.end:
            return q
    return None


def attribution_for(doc: Doc, match: TermMatch, sent: Span, actors: list[ActorMention]) -> tuple[list[str], list[str]]:
    """Return (claimed_by, reported_by) for a trigger in `sent`."""
    g = grammar()
    record = doc._.record
    reported: list[str] = [record.source] if record is not None and record.source else []
    claimed: list[str] = []
    for cue in g.source_cues.finditer(sent):
        who = _cited_after(doc, cue.end, sent.end, actors)
        if who and who not in reported:
            reported.append(who)
    quote = _quote_of(doc, match)
    if quote is not None:
        in_speaker = [m for m in doc._.actors or [] if quote.speaker_start is not None
                      and quote.speaker_start <= m.start < (quote.speaker_end or 0)]
        speaker = _name(in_speaker[0]) if in_speaker else (quote.speaker_name_en or quote.speaker_text)
        if (quote.speaker_role or "") in _REPORTER_ROLES:
            if speaker and speaker not in reported:
                reported.append(speaker)
        elif speaker:
            claimed.append(speaker)
    # "أعلنت فصائل المعارضة السيطرة على ...": the announcing party claims it
    norms = doc_norms(doc)
    for i in range(sent.start, sent.end):
        if i >= match.start:
            break
        if norms[i] in g.claim_verbs:
            subject = [m for m in actors if i < m.start_token <= i + 4 and m.start_token < match.start]
            if subject:
                who = _name(subject[0])
                if subject[0].actor.kind == "media":
                    reported.append(who)
                elif who not in claimed:
                    claimed.append(who)
    return claimed, list(dict.fromkeys(reported))


def speaker_actor(doc: Doc, match: TermMatch) -> ActorMention | None:
    """The party a quoted "we" stands for: "حطمنا الفرقة 25" said by the factions' spokesperson."""
    quote = _quote_of(doc, match)
    if quote is None or quote.speaker_start is None:
        return None
    inside = [m for m in doc._.actors or [] if quote.speaker_start <= m.start < (quote.speaker_end or 0)
              and m.actor.kind == "armed"]
    return inside[-1] if inside else None
