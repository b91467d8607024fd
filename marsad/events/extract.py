"""Event extraction: triggers, their places, actors and dates, coded as ACLED events.

For each sentence: find trigger words (events/lexicon.py), drop those that are negated,
threatened, planned or conditional, give each kept trigger the places of its clause,
its actors and its date, turn its frame into an ACLED sub-event type, and emit one
candidate per place. Candidates then merge by ACLED's rule — one event per sub-event
type, place and day — and an undated mention of an event merges into a dated one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..annotations import ActorEntry, ActorMention
from ..schema import Event, Evidence, Plover
from ..text.lexicon import TermMatch
from .attribution import attribution_for, speaker_actor
from .candidate import Candidate, is_armed, strongest
from .clauses import (clause_of, clause_starts, is_background, is_irrealis, is_negated, is_pluperfect,
                      previous_words)
from .lexicon import Grammar, Trigger, grammar
from .location import location_of
from .merge import merge_candidates, merge_sentence
from .placing import anaphoric_places, drop_qualifiers, not_event_place, origin_lists, places_by_trigger, share_places
from .roles import actors_for
from .notes import note_for
from .numbers import fatalities_near
from .taxonomy import event_type_of, plover_mode_of, plover_of
from .timing import time_for


def _has_near(doc: Doc, match: TermMatch, words: frozenset[str], lo: int, hi: int, span: int = 10) -> bool:
    for tok in doc[max(lo, match.start - span):min(hi, match.end + span)]:
        if tok.norm_ in words or tok.norm_.removeprefix("ال") in words:
            return True
    return False

_TARGET_OF_WEAPON = {"حقول", "حقل", "زرع", "زراعه", "تفكيك", "مخلفات", "نزع", "مستودع", "مستودعات", "مصنع", "منظومه"}


def _means(doc: Doc, g: Grammar, match: TermMatch, lo: int, hi: int) -> str | None:
    """Return the kind of weapon named nearest to the trigger in its clause (air, shelling, ied...)."""
    best: tuple[float, str] | None = None
    for kind, index in g.means.items():
        for m in index.finditer(doc, lo, hi):
            if m.start > lo and doc[m.start - 1].norm_ in _TARGET_OF_WEAPON:
                continue  # "حقول ألغام" (minefields) were hit; they are not the weapon
            if m.start >= match.end:
                d = m.start - match.end
            elif m.end <= match.start:
                d = (match.start - m.end) * 1.5
            else:
                d = -1  # the trigger itself names the means ("قصف مدفعي")
            if best is None or d < best[0]:
                best = (d, kind)
    return best[1] if best else None


def _targets_civilians(doc: Doc, g: Grammar, lo: int, hi: int) -> bool:
    return any(t.norm_ in g.civilians or t.norm_.removeprefix("ال") in g.civilians for t in doc[lo:hi])


def _sub_event_type(frame: str, doc: Doc, g: Grammar, match: TermMatch, lo: int, hi: int,
                    actor1: ActorEntry | None, sent: Span, actor2: ActorEntry | None = None) -> str | None:
    """Turn a trigger frame into an ACLED sub-event type, or None when it cannot be coded."""
    if frame == "takeover" and _peaceful(doc, sent):
        return "Non-violent transfer of territory"  # "دخل رتل ... من دون أي اشتباك، تنفيذاً لاتفاق"
    if frame == "takeover":
        # ACLED: "Government regains territory" is state forces retaking ground at home
        return "Government regains territory" if actor1 is not None and actor1.inter == 1 \
            and actor1.side == "government" else "Non-state actor overtakes territory"
    if frame == "clash":
        return "Armed clash"
    if frame in ("bombard", "explosion"):
        memory = doc.user_data.setdefault("marsad_means", {})
        lemma = strongest(match).lemma
        definite = doc[match.start].norm_.startswith("ال")
        # "الضربات" (the strikes) points back to strikes already named in the report
        means = (memory.get(lemma) if definite else None) or _means(doc, g, match, lo, hi) or memory.get(lemma)
        if means:
            memory[lemma] = means  # "الضربات" later in the report means the same strikes
        if means == "suicide":
            return "Suicide bomb"
        if means == "air":
            return "Air/drone strike"
        if means == "ied":
            return "Remote explosive/landmine/IED"
        if means == "shelling":
            return "Shelling/artillery/missile attack"
        if means == "shooting":
            return "Attack" if _targets_civilians(doc, g, lo, hi) else "Armed clash"
        if frame == "explosion":
            return "Remote explosive/landmine/IED"
        if lemma in ("استهدف", "استهداف"):
            return None  # "استهدفت خارجين عن القانون": targeting without a weapon named is no strike
        if actor1 is not None and actor1.side in ("russia", "coalition", "us", "israel"):
            return "Air/drone strike"
        return "Shelling/artillery/missile attack"
    if frame in ("shooting", "attack", "killing") and _at_protesters(doc, lo, hi):
        return "Excessive force against protesters"
    if frame == "shooting":  # "أطلق عناصر ... النار على ...": one-sided unless armed men fired back
        return "Attack" if actor2 is None or actor2.kind != "armed" else "Armed clash"
    if frame == "killing":
        return "Attack" if _targets_civilians(doc, g, lo, hi) else None
    if frame == "protest":
        if any(True for _ in g.protest_excessive_force.finditer(sent)):
            return "Excessive force against protesters"
        if any(True for _ in g.protest_intervention.finditer(sent)):
            return "Protest with intervention"
        return "Peaceful protest"
    return {
        "air": "Air/drone strike",
        "shelling": "Shelling/artillery/missile attack",
        "ied": "Remote explosive/landmine/IED",
        "suicide": "Suicide bomb",
        "chemical": "Chemical weapon",
        "grenade": "Grenade",
        "attack": "Attack",
        "abduction": "Abduction/forced disappearance",
        "sexual": "Sexual violence",
        "riot": "Violent demonstration",
        "arrest": "Arrests",
        "agreement": "Agreement",
        "looting": "Looting/property destruction",
        "disrupted": "Disrupted weapons use",
        "transfer": "Non-violent transfer of territory",
        "base": "Headquarters or base established",
        "change": "Change to group/activity",
        "mob": "Mob violence",
    }.get(frame)


_PROTESTERS = {"متظاهرين", "المتظاهرين", "متظاهرون", "المتظاهرون", "محتجين", "المحتجين", "محتجون", "المحتجون",
               "المعتصمين", "معتصمين"}


def _at_protesters(doc: Doc, lo: int, hi: int) -> bool:
    return any(t.norm_ in _PROTESTERS for t in doc[lo:hi])


_PEACEFUL = ("من دون اشتباك", "دون اشتباك", "من دون اي اشتباك", "دون اي اشتباك", "دون قتال", "من دون قتال",
             "دون مقاومه", "من دون مقاومه", "سلميا", "تنفيذا لاتفاق", "بموجب اتفاق", "بموجب الاتفاق", "وفق اتفاق")


def _peaceful(doc: Doc, sent: Span) -> bool:
    """True when the sentence says a place changed hands without a fight."""
    text = " ".join(t.norm_ for t in sent if not t.is_space)
    return any(p in text for p in _PEACEFUL)

def _attempted(doc: Doc, match: TermMatch, lo: int, g: Grammar) -> bool:
    """True when the trigger is an attempt ("محاولة اقتحام", "صد هجوما", "فشلت في السيطرة")."""
    return any(True for _ in g.attempt.finditer(doc, max(lo, match.start - 4), match.start))


_REMOTE = {"bombard", "air", "shelling", "explosion"}
_DRONE_WORDS = {"مسيره", "مسيرات", "المسيره", "المسيرات", "طيار", "درون", "انتحاريه"}


def _triggers(doc: Doc, sent: Span, g: Grammar, starts: list[int]) -> list[tuple[TermMatch, Trigger, str]]:
    """Return the sentence's triggers that report something that happened, with their frame."""
    found: list[tuple[TermMatch, Trigger, str]] = []
    for match in g.triggers.finditer(sent):
        spec = strongest(match)
        frame = spec.frame
        lo, hi = clause_of(match.start, starts, sent.end)
        prev = previous_words(doc, match.start, lo, 1)
        if prev and prev[0] in spec.blocked_before:
            continue
        if spec.needs_near and not _has_near(doc, match, spec.needs_near, lo, hi,
                                             span=hi - lo if spec.near_in_clause else 10):
            continue
        if spec.needs_place and any(m.start == match.end for m in g.triggers.finditer(doc, match.end, match.end + 1)):
            continue  # "دخلت المعارك يومها الخامس": the battles entered, nobody entered a place
        if frame == "takeover" and spec.pos == "noun" and match.start > 0 and doc[match.start - 1].norm_ == "ل":
            continue  # "تمهد الطريق لتحرير المدينة", "التقدم للسيطرة على": a purpose, not a change of hands
        if frame == "takeover" and _attempted(doc, match, lo, g):
            frame = "clash"  # an attempt to take a place is a battle, not a change of hands
        elif frame in ("arrest", "abduction") and _attempted(doc, match, lo, g):
            continue  # "أثناء محاولتهم توقيفه": nobody was detained
        elif is_negated(doc, match.start, lo, g) or is_irrealis(doc, match.start, lo, hi, g):
            continue
        found.append((match, spec, frame))
    # "أسقطت الدفاعات طائرة مسيرة": the drone shot down did not strike
    downs = [m for m, _, f in found if f == "disrupted"]
    found = [(m, s, f) for m, s, f in found
             if not (f == "air" and any(0 <= m.start - d.end <= 4 for d in downs))]
    # "صادرت مستودعين يحتويان على ذخائر وقذائف": munitions named after a seizure are what was seized
    found = [(m, s, f) for m, s, f in found
             if not (f in ("shelling", "ied") and s.pos == "noun" and any(
                 d.end <= m.start and clause_of(d.start, starts, sent.end) == clause_of(m.start, starts, sent.end)
                 for d in downs))]
    # "اشتباكات ... وسط قصف متبادل": fire amid a battle belongs to the battle (ACLED)
    if any(f == "clash" for _, _, f in found):
        found = [(m, s, f) for m, s, f in found if not (
            f in _REMOTE and "وسط" in previous_words(doc, m.start, sent.start, 2))]
    # weak triggers only count alone in their clause
    kept = []
    for match, spec, frame in found:
        clause = clause_of(match.start, starts, sent.end)
        if spec.weak and any(not s.weak and clause_of(m.start, starts, sent.end) == clause for m, s, _ in found):
            continue
        kept.append((match, spec, frame))
    return kept

def _is_state(actor: ActorEntry) -> bool:
    return actor.inter == 1 and actor.side == "government"


_JOINERS = {"و", "«", "»", "(", ")", '"', "“", "”"}


def _state_ally(doc: Doc, actors: list[ActorMention], actor1: ActorEntry, lo: int, hi: int) -> ActorEntry | None:
    """The state force named jointly with actor1 ("قوات حزب الله والنظام", "الجيش و«المقاومة»"), if any.

    ACLED codes a take-over by state forces and their allied militia as the state's
    (Government regains territory), with the militia as an associated actor."""
    inside = sorted((m for m in actors if lo <= m.start_token < hi), key=lambda m: m.start_token)
    for a, b in zip(inside, inside[1:]):
        gap = [t.norm_ for t in doc[a.end_token:b.start_token] if not t.is_space]
        if not all(w in _JOINERS for w in gap) or "و" not in gap:
            continue
        ids = {a.actor.id, b.actor.id}
        if actor1.id in ids:
            state = [m.actor for m in (a, b) if _is_state(m.actor)]
            if state:
                return state[0]
    return None


@dataclass(frozen=True)
class EventMention:
    """A trigger that reports something that happened, coded, before any place or date."""

    sub_event_type: str
    trigger: TermMatch
    spec: Trigger
    frame: str
    clause: tuple[int, int]
    actor1: ActorEntry | None
    actor2: ActorEntry | None


def mentions_in(doc: Doc, sent: Span, g: Grammar, carry: ActorMention | None,
                starts: list[int] | None = None) -> list[EventMention]:
    """Return the coded event mentions of one sentence (modality, roles and sub-type applied)."""
    actors = [m for m in (doc._.actors or []) if sent.start <= m.start_token < sent.end]
    starts = starts if starts is not None else clause_starts(sent, g)
    out: list[EventMention] = []
    for match, spec, frame in _triggers(doc, sent, g, starts):
        lo, hi = clause_of(match.start, starts, sent.end)
        actor1, actor2, _ = actors_for(doc, match, spec, actors, lo, hi, carry, g)
        if spec.pos == "verb" and doc[match.start].norm_.endswith("نا"):
            we = speaker_actor(doc, match)  # a quoted first person: the speaker's side acted
            if we is not None:
                actor1 = we.actor
                objects = [m.actor for m in actors if match.end <= m.start_token < hi and m.actor.id != we.actor.id
                           and m.actor.kind == "armed"]
                actor2 = objects[0] if objects else (actor2 if actor2 is None or actor2.id != we.actor.id else None)
        if frame == "takeover" and actor1 is not None and not _is_state(actor1):
            actor1 = _state_ally(doc, actors, actor1, lo, hi) or actor1
        if spec.needs_actor and not (actor1 is not None and actor1.kind == "armed"):
            continue  # "الدخول في التدريبات", "دخول الوزير": only an armed party enters or takes a place
        if frame == "protest" and any(m.actor.kind == "armed" and 0 <= m.start_token - match.end <= 1 for m in actors):
            continue  # "تجمع «جيش الفتح»", "تجمع مقاتلي الفصائل": a coalition or a build-up, not a crowd
        if frame in ("protest", "riot") and actor1 is not None and actor1.kind not in ("protesters", "civilians", "party"):
            actor1 = None  # "احتجاجاً على قتل سليمان الأسد": the man protested against is no protester
        sub = _sub_event_type(frame, doc, g, match, lo, hi, actor1, sent, actor2)
        if sub == "Air/drone strike" and actor1 is not None and actor1.inter not in (1, 8) and not any(
                t.norm_ in _DRONE_WORDS for t in doc[lo:hi]):
            actor1 = None  # rebels fly no jets: the agent found is not who struck (drones aside)
        if sub is not None:
            out.append(EventMention(sub, match, spec, frame, (lo, hi), actor1, actor2))
    return out


def event_mentions(doc: Doc) -> list[EventMention]:
    """Return every coded event mention of a processed Doc, placed or not (for sentence-level evaluation)."""
    g = grammar()
    return [m for sent in doc.sents for m in mentions_in(doc, sent, g, None)]


def candidates_in(doc: Doc, sent: Span, g: Grammar, carry: ActorMention | None) -> list[Candidate]:
    """Return the event candidates of one sentence: each mention at each of its places."""
    places = [p for p in (doc._.places or []) if sent.start <= p.start_token < sent.end]
    actors = [m for m in (doc._.actors or []) if sent.start <= m.start_token < sent.end]
    starts = clause_starts(sent, g)
    mentions = mentions_in(doc, sent, g, carry, starts)
    kept = [(m.trigger, m.spec, m.frame) for m in mentions]
    assigned = places_by_trigger(sent, [(m, s) for m, s, _ in kept], places, starts, actors)
    continued = origin_lists(doc, places)
    skip = {id(p) for n, p in enumerate(places) if n in continued or not_event_place(doc, p)}
    for k in assigned:
        assigned[k] = drop_qualifiers(doc, [p for p in assigned[k] if id(p) not in skip])
    if not any(assigned.values()):
        # no place named in the sentence: "دخلوا القرية ...، فيما اعتقل عشرات من سكانها" --
        # the village named before, which the other clauses share
        for k, mention in enumerate(mentions):
            assigned[k] = anaphoric_places(doc, mention.trigger, *mention.clause)
    share_places(kept, assigned)
    out: list[Candidate] = []
    for k, mention in enumerate(mentions):
        match, spec = mention.trigger, mention.spec
        lo, hi = mention.clause
        my_places = assigned[k] or anaphoric_places(doc, match, lo, hi)
        if not my_places:
            continue
        time = time_for(doc, match.start)
        if time is None or (time.mention is None and is_pluperfect(doc, match.start, lo, g)):
            continue  # history ("كانت القوات قد سيطرت ...") unless the text dates it in the window
        claimed, reported = attribution_for(doc, match, sent, actors)
        deaths = fatalities_near(doc, lo, hi)
        for p in my_places:
            if p.located is None or p.located.level == "country":
                continue  # a whole country is no place an analyst can map an event to
            conf = 0.45 + (0.15 if p.geo_precision == 1 else 0.05) + (0.1 if time.time_precision == 1 else 0.0) \
                + (0.1 if mention.actor1 is not None else 0.0) + (0.05 if not spec.weak else -0.1) \
                - (0.1 if claimed else 0.0)
            out.append(Candidate(mention.sub_event_type, match, spec, p, time, mention.actor1, mention.actor2,
                                 evidence=[(sent.start_char, sent.end_char)], claimed_by=claimed,
                                 reported_by=reported, fatalities=deaths, confidence=round(min(0.95, conf), 2),
                                 background=spec.pos == "noun" and is_background(doc, match.start, lo)))
    return merge_sentence(out)


def _to_event(doc: Doc, c: Candidate, n: int) -> Event:
    from .actors_out import actor_out

    location = location_of(c.place)
    status = "claimed" if c.claimed_by else "reported"
    text = doc._.record.text if doc._.record is not None else doc.text  # doc.text is rebuilt per access
    evidence = [Evidence(start=s, end=e, text=text[s:e]) for s, e in sorted(c.evidence)]
    record = doc._.record
    return Event(
        id=f"{record.id}-{n:02d}" if record is not None else f"ev-{n:02d}",
        event_type=event_type_of(c.sub_event_type), sub_event_type=c.sub_event_type,
        event_date=c.time.date, date_end=c.time.date_end, time_precision=c.time.time_precision,
        actor1=actor_out(c.actor1), actor2=actor_out(c.actor2), location=location,
        fatalities=c.fatalities, reported_by=c.reported_by, claimed_by=c.claimed_by, status=status,
        evidence=evidence, notes=note_for(c.sub_event_type, c.actor1, c.actor2, location, c.time, c.claimed_by),
        confidence=c.confidence, plover=_plover(doc, c))


def _plover(doc: Doc, c: Candidate) -> Plover:
    mode = plover_mode_of(c.sub_event_type)
    if mode == "aerial" and any(t.norm_ in _DRONE_WORDS for t in doc[c.trigger.start:c.trigger.end + 4]):
        mode = "drone"
    return Plover(type=plover_of(c.sub_event_type), mode=mode)


def extract_events(doc: Doc) -> list[Event]:
    """Return the ACLED events of a processed Doc."""
    g = grammar()
    cands: list[Candidate] = []
    carry: ActorMention | None = None
    for sent in doc.sents:
        cands.extend(candidates_in(doc, sent, g, carry))
        armed = [m for m in (doc._.actors or []) if sent.start <= m.start_token < sent.end and is_armed(m)]
        if armed:
            carry = armed[0]
    merged = merge_candidates(cands)
    merged.sort(key=lambda c: (c.evidence[0][0], c.trigger.start))
    return [_to_event(doc, c, n + 1) for n, c in enumerate(merged)]


class EventExtractor:
    """spaCy component: sets doc._.events."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc)
        return doc

    def known_words(self) -> set[str]:
        return grammar().known_words()


@Language.factory("marsad_events")
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor()


__all__ = ["EventExtractor", "extract_events"]
