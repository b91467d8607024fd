"""Who did what to whom: actor1 and actor2 of a trigger, from Arabic word order and markers."""

from __future__ import annotations

from spacy.tokens import Doc

from ..annotations import ActorEntry, ActorMention
from ..text.lexicon import TermMatch
from ..text.tokens import doc_texts
from .candidate import is_armed
from .clauses import previous_words
from .lexicon import Grammar, Trigger

_NOT_AGENTS = {"media", "organisation", "party"}
# Verbs whose subject is the agent of the verbal noun that follows them:
# "أعلن جيش الفتح عن سيطرته", "تمكنت الفصائل من السيطرة", "واصلت القوات تقدمها".
_SUBJECT_VERBS = {"اعلن", "اعلنت", "اكد", "اكدت", "تمكن", "تمكنت", "تمكنوا", "استطاع", "استطاعت", "نجح", "نجحت",
                  "واصل", "واصلت", "اكمل", "اكملت", "اتم", "اتمت", "تابع", "تابعت", "بدا", "بدات", "شن", "شنت",
                  "نفذ", "نفذت", "استانف", "استانفت"}
_TARGET_MARKERS = {"علي", "ضد", "مع", "استهدف", "حق", "بحق", "استهداف"}


def _asides(doc: Doc, lo: int, hi: int) -> set[int]:
    """Tokens inside a parenthesis or a dash-enclosed aside ("جيش الفتح -والذي يتكون من ...- عن سيطرته")."""
    inside: set[int] = set()
    opened: int | None = None
    texts = doc_texts(doc)
    for i in range(lo, hi):
        if texts[i] in ("(", "["):
            opened = i
        elif texts[i] in (")", "]") and opened is not None:
            inside.update(range(opened, i + 1))
            opened = None
    dashes = [i for i in range(lo, hi) if texts[i] in ("-", "–", "—")]
    for a, b in zip(dashes[::2], dashes[1::2]):
        inside.update(range(a, b + 1))
    return inside


_PREPOSITIONS = {"علي", "في", "الي", "من", "ب", "ل", "عن", "مع", "ضد", "بين", "داخل", "قرب", "نحو", "باتجاه", "حتي",
                 "و", "ف", "،", ",", ".", "اليوم", "امس", "منذ", "خلال", "بعد", "قبل", "عدد", "عده", "اكثر"}


def _unknown_agent_follows(doc: Doc, match: TermMatch, actors: list[ActorMention]) -> bool:
    """True when a verbal noun's idafa holds an agent that is no catalogue actor:
    "بدخول «مجموعات إرهابية» إلى حلب" must not fall back to the nearest actor before it."""
    k = match.end
    while k < len(doc) and doc[k].text in ("«", '"', "“", "'"):
        k += 1
    if k >= len(doc) or k == match.end:
        return False  # only a quoted agent is clear enough; a bare noun may be the object
    tok = doc[k]
    return tok.is_alpha and tok.norm_ not in _PREPOSITIONS and not any(m.start_token == k for m in actors) \
        and not any(p.start_token == k for p in doc._.places or [])


def actors_for(doc: Doc, match: TermMatch, spec: Trigger, actors: list[ActorMention], lo: int, hi: int,
                carry: ActorMention | None, g: Grammar) -> tuple[ActorEntry | None, ActorEntry | None, bool]:
    """Return (actor1, actor2, armed actor named in clause) for a trigger.

    Arabic news is verb-subject-object: the subject follows a verbal trigger; a verbal
    noun takes its agent in an idafa or after ل / من قبل, or is the subject of the verb
    that announces it ("أعلن جيش الفتح عن سيطرته"); على / ضد / مع / بين mark the other side.
    Actors inside an aside (parentheses, dashes) are not parties to the event.
    """
    sent = doc[lo].sent
    aside = _asides(doc, sent.start, sent.end)
    in_clause = [m for m in actors if lo <= m.start_token < hi and m.start_token not in aside
                 and not (match.start <= m.start_token < match.end)]
    armed_named = any(is_armed(m) for m in in_clause)
    parties = [m for m in in_clause if m.actor.kind not in _NOT_AGENTS]

    def marker(m: ActorMention) -> str:
        before = previous_words(doc, m.start_token, lo, 1)
        return before[0] if before else ""

    between = [m for m in parties if "بين" in previous_words(doc, m.start_token, lo, 2)]
    if between:
        first = between[0]
        others = [m for m in parties if m.start_token > first.start_token and m.actor.id != first.actor.id]
        return first.actor, (others[0].actor if others else None), armed_named
    targets = [m for m in parties if marker(m) in _TARGET_MARKERS
               or (marker(m) == "من" and spec.frame == "takeover" and m.start_token >= match.end)]
    # ^ "السيطرة عليها من قوات النظام" names the loser; "عناصر من قسد دخلوا" the agent
    agents = [m for m in parties if m not in targets]
    actor1: ActorMention | None = None
    after = [m for m in agents if m.start_token >= match.end and m.start_token - match.end <= 6]
    before = [m for m in agents if m.end_token <= match.start]
    if spec.pos in ("verb", "present", "phrase") and after:
        actor1 = after[0]
    elif spec.pos == "noun" and after and after[0].start_token - match.end <= 3:
        actor1 = after[0]  # idafa: "قصف قوات النظام", "غارات للطيران الروسي"
    elif spec.pos == "noun" and _unknown_agent_follows(doc, match, actors):
        return None, next((m.actor for m in targets), None), armed_named  # "بدخول "مجموعات إرهابية" إلى حلب"
    unknown_subject = False
    if actor1 is None or spec.pos == "noun":
        # the subject of an announcing verb: "أعلن جيش الفتح عن سيطرته على ..."
        for tok in doc[lo:match.start]:
            if tok.norm_ in g.claim_verbs or tok.norm_ in _SUBJECT_VERBS:
                subject = [m for m in before if tok.i < m.start_token <= tok.i + 4]
                if subject:
                    actor1 = subject[0]
                    break
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if nxt is not None and nxt.norm_.isalpha() and nxt.norm_ not in _PREPOSITIONS:
                    unknown_subject = True  # "تمكنت تلك المجموعات من ...": a subject we cannot name
                    break
                # "تنظيم الدولة شن هجوما ... وتمكن من السيطرة": coordinated verbs share the
                # subject named first in the sentence
                sent = doc[lo].sent
                first = [m for m in actors if sent.start <= m.start_token < tok.i and m.start_token not in aside
                         and m.actor.kind not in _NOT_AGENTS and marker(m) not in _TARGET_MARKERS
                         and marker(m) not in ("ل", "من")]
                if first:
                    actor1 = first[0]
                    break
    if actor1 is None and before and not unknown_subject:
        actor1 = before[-1]  # the nearest party before the trigger
    actor2 = next((m.actor for m in targets if actor1 is None or m.actor.id != actor1.actor.id), None)
    if actor2 is None and actor1 is not None and spec.frame == "clash":
        actor2 = next((m.actor for m in agents if m.actor.id != actor1.actor.id and is_armed(m)), None)
    a1 = actor1.actor if actor1 is not None else None
    if a1 is None and spec.frame in ("takeover", "clash") and not unknown_subject:
        # an elided subject ("... ودخلت المدينة"): the subject of an earlier clause of the
        # sentence, else the armed actor the previous sentence opened with
        earlier = [m for m in actors if sent.start <= m.start_token < lo and m.start_token not in aside
                   and is_armed(m) and previous_words(doc, m.start_token, sent.start, 1)[:1] != ["من"]
                   and not set(previous_words(doc, m.start_token, sent.start, 1)) & _TARGET_MARKERS]
        if earlier:
            a1 = earlier[0].actor
        elif carry is not None and (actor2 is None or carry.actor.id != actor2.id):
            a1 = carry.actor
    if a1 is not None and actor2 is not None and a1.id == actor2.id:
        actor2 = None
    return a1, actor2, armed_named
