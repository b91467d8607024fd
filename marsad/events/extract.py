"""Event extraction: triggers, their places, actors and dates, coded as ACLED events.

For each sentence: find trigger words (events/lexicon.py), drop those that are negated,
threatened, planned or conditional, give each kept trigger the places of its clause,
its actors and its date, turn its frame into an ACLED sub-event type, and emit one
candidate per place. Candidates then merge by ACLED's rule — one event per sub-event
type, place and day — and an undated mention of an event merges into a dated one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..annotations import ActorEntry, ActorMention, PlaceMention
from ..schema import Event, Evidence
from ..text.lexicon import TermMatch
from .attribution import attribution_for, speaker_actor
from .clauses import (clause_of, clause_starts, is_background, is_irrealis, is_negated, is_pluperfect,
                      previous_words)
from .lexicon import Grammar, Trigger, grammar
from .location import location_of, location_key
from .notes import note_for
from .numbers import fatalities_near
from .taxonomy import event_type_of
from .timing import time_for

_ARMED_KINDS = {"armed"}
_NON_PARTIES = {"media", "civilians", "protesters", "person"}


@dataclass
class Candidate:
    """One (trigger, place) pair on its way to becoming an Event."""

    sub_event_type: str
    trigger: TermMatch
    spec: Trigger
    place: PlaceMention
    time: "EventTime"  # marsad.time.EventTime
    actor1: ActorEntry | None
    actor2: ActorEntry | None
    evidence: list[tuple[int, int]]
    claimed_by: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    fatalities: int | None = None
    confidence: float = 0.5
    background: bool = False  # "بعد سيطرة ..." refers to an event told elsewhere


def _armed(m: ActorMention) -> bool:
    return m.actor.kind in _ARMED_KINDS


def _strongest(match: TermMatch) -> Trigger:
    specs: tuple[Trigger, ...] = match.payloads
    return sorted(specs, key=lambda t: (t.weak, t.pos == "noun"))[0]


def _has_near(doc: Doc, match: TermMatch, words: frozenset[str], lo: int, hi: int, span: int = 6) -> bool:
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
                    actor1: ActorEntry | None, sent: Span) -> str | None:
    """Turn a trigger frame into an ACLED sub-event type, or None when it cannot be coded."""
    if frame == "takeover":
        # ACLED: "Government regains territory" is state forces retaking ground at home
        return "Government regains territory" if actor1 is not None and actor1.inter == 1 \
            and actor1.side == "government" else "Non-state actor overtakes territory"
    if frame == "clash":
        return "Armed clash"
    if frame in ("bombard", "explosion"):
        memory = doc.user_data.setdefault("marsad_means", {})
        lemma = _strongest(match).lemma
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
    }.get(frame)


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
    for tok in doc[lo:hi]:
        if tok.text in ("(", "["):
            opened = tok.i
        elif tok.text in (")", "]") and opened is not None:
            inside.update(range(opened, tok.i + 1))
            opened = None
    dashes = [t.i for t in doc[lo:hi] if t.text in ("-", "–", "—")]
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


def _actors_for(doc: Doc, match: TermMatch, spec: Trigger, actors: list[ActorMention], lo: int, hi: int,
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
    armed_named = any(_armed(m) for m in in_clause)
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
    if actor1 is None or spec.pos == "noun":
        # the subject of an announcing verb: "أعلن جيش الفتح عن سيطرته على ..."
        for tok in doc[lo:match.start]:
            if tok.norm_ in g.claim_verbs or tok.norm_ in _SUBJECT_VERBS:
                subject = [m for m in before if tok.i < m.start_token <= tok.i + 4]
                if subject:
                    actor1 = subject[0]
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
    if actor1 is None and before:
        actor1 = before[-1]  # the nearest party before the trigger
    actor2 = next((m.actor for m in targets if actor1 is None or m.actor.id != actor1.actor.id), None)
    if actor2 is None and actor1 is not None and spec.frame == "clash":
        actor2 = next((m.actor for m in agents if m.actor.id != actor1.actor.id and _armed(m)), None)
    a1 = actor1.actor if actor1 is not None else None
    if a1 is None and spec.frame in ("takeover", "clash"):
        # an elided subject ("... ودخلت المدينة"): the subject of an earlier clause of the
        # sentence, else the armed actor the previous sentence opened with
        earlier = [m for m in actors if sent.start <= m.start_token < lo and m.start_token not in aside
                   and _armed(m) and previous_words(doc, m.start_token, sent.start, 1)[:1] != ["من"]
                   and not set(previous_words(doc, m.start_token, sent.start, 1)) & _TARGET_MARKERS]
        if earlier:
            a1 = earlier[0].actor
        elif carry is not None and (actor2 is None or carry.actor.id != actor2.id):
            a1 = carry.actor
    if a1 is not None and actor2 is not None and a1.id == actor2.id:
        actor2 = None
    return a1, actor2, armed_named


def _places_by_trigger(sent: Span, kept: list[tuple[TermMatch, Trigger]], places: list[PlaceMention],
                       starts: list[int], actors: list[ActorMention]) -> dict[int, list[PlaceMention]]:
    """Assign each place of the sentence to its nearest trigger, preferring its own clause."""
    out: dict[int, list[PlaceMention]] = {k: [] for k in range(len(kept))}
    actor_tokens = {i for m in actors for i in range(m.start_token, m.end_token)}
    for p in places:
        if p.start_token in actor_tokens and p.end_token - 1 in actor_tokens:
            continue  # a place inside an actor's name: "لواء أحرار حوران"
        if not kept:
            break
        p_clause = clause_of(p.start_token, starts, sent.end)

        def cost(k: int) -> float:
            m = kept[k][0]
            same = clause_of(m.start, starts, sent.end) == p_clause
            if p.start_token >= m.end:
                d = p.start_token - m.end
            else:
                d = (m.start - p.end_token) * 1.5
            return d + (0 if same else 25)

        best = min(range(len(kept)), key=cost)
        if cost(best) <= 20:
            out[best].append(p)
    return out


def _drop_qualifiers(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop an area that only qualifies a more specific place ("بلدة س بريف حماة", "حي س في
    حلب", "القصير (جنوب حمص)")."""
    # a city named right after a neighbourhood or village it contains ("حي س في حلب")
    contained = {(p.area.key, p.end_token) for p in places if p.entry is None and p.area is not None}
    places = [p for p in places if not (p.entry is not None and p.relation is None and any(
        key == p.entry.key and 0 <= p.start_token - end <= 3 for key, end in contained))]
    places = [p for k, p in enumerate(places)
              if not (k > 0 and p.start_token > 0 and doc[p.start_token - 1].text == "("
                      and p.start_token - places[k - 1].end_token <= 1)]
    specific = [p for p in places if p.entry is not None and p.entry.level == "populated" and p.relation is None
                or p.entry is None]
    finer = [p for p in places if p.located is not None and p.located.level != "country"]
    if finer:
        places = [p for p in places if p.located is None or p.located.level != "country" or p in finer]
    if not specific:
        return places
    admin1s = {(p.located.admin1 if p.located else None) for p in specific}
    countries = {(p.located.country if p.located else None) for p in specific}
    kept = []
    for p in places:
        loc = p.located
        if p in specific or loc is None:
            kept.append(p)
        elif loc.level == "admin1" and loc.admin1 in admin1s:
            continue
        elif loc.level in ("country",) and loc.country in countries:
            continue
        elif loc.level == "admin2" and loc.admin1 in admin1s:
            continue
        elif p.relation is not None and loc.admin1 in admin1s:
            continue  # "في منطقة الحبيبية بمدينة الصدر، شرقي بغداد": the direction only qualifies
        else:
            kept.append(p)
    return kept


_ORIGIN_WORDS = {"انطلاقا", "انطلقت", "انطلق", "قادمه", "قادمين", "القادمه", "مصدرها", "مصدره", "تتمركز",
                 "المتمركزه", "مواقعها", "مواقعه", "مواقعهم", "نزحوا", "نزح", "فروا", "فر", "هربوا", "نازحين",
                 "مهجرين", "مرابض", "مرابضها", "اقلعت", "اقلعت", "مطلقه", "اطلقت", "اطلق", "اطلقها"}
_PEOPLE = {"وجهاء", "ابناء", "اهالي", "سكان", "نازحين", "نازحون", "عائلات", "مهجرين", "لاجيين", "وفد", "وفدا",
           "مقاتلين", "مقاتلون", "عناصر", "متحدرين", "المتحدرين", "متحدره", "ينحدرون", "قادمين", "شخصيات"}
_DESCRIPTIVE = {"طريق", "الطريق", "اوتوستراد", "الاوتوستراد", "المتمركز", "المتمركزه", "المتمركزين", "المنتشره", "المنتشر", "المنتشرين", "يتمركز", "تتمركز",
                "الواقعه", "الواقع", "الواقعين", "تقع", "يقع", "المحاذيه", "المحاذي", "المتاخمه", "المتاخم",
                "القريبه", "القريب", "التابعه", "التابع", "ينتمي", "تنتمي", "يتحدرون", "يتحدر", "ابناء", "المنحدرين"}
_LOCATIVE = {"في", "داخل", "قرب", "بالقرب", "محيط", "اطراف", "مدينه", "العاصمه", "وسط", "شمال", "جنوب", "شرق",
             "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "ريف", "علي", "حي", "احياء"}
_NOT_THERE = {"الحدود", "حدود", "الحدوديه", "الحدودي", "حدودها", "ابناء", "اهالي", "سكان", "نازحي", "مهجري",
              "سفير", "سفاره", "السفاره", "حكومه", "الحكومه", "رئيس", "وزير", "وزاره", "جيش", "قوات", "طيران"}


def _origin_lists(doc: Doc, places: list[PlaceMention]) -> set[int]:
    """Indices of places that continue a list begun by an origin ("القادمة من كوباني والرقة والحسكة")."""
    out: set[int] = set()
    for k, p in enumerate(places):
        if k and (k - 1 in out or _not_event_place(doc, places[k - 1])):
            gap = [t.norm_ for t in doc[places[k - 1].end_token:p.start_token] if not t.is_space]
            if all(w in ("و", "،", ",", "(", ")") or w.startswith("(") for w in gap) and len(gap) <= 3:
                out.add(k)
    return out


def _not_event_place(doc: Doc, p: PlaceMention) -> bool:
    """True for a place that is not where the event happened: where fire came from ("انطلاقا
    من مطار س"), a border named as a direction ("الحدود مع لبنان"), an origin of people
    ("أبناء حمص") or the owner of an institution ("سفير روسيا")."""
    before = [t.norm_ for t in doc[max(0, p.start_token - 4):p.start_token] if not t.is_space and t.norm_ not in "وبلكف"]
    sent = doc[p.start_token].sent
    if p.start_token == sent.start and p.end_token < len(doc) and doc[p.end_token].text in (":", "-", "–", "(", "،"):
        return True  # a dateline: "إدلب: استهدفت طائرة مسيرة ..."
    if before[-1:] == ["من"] and len(before) >= 2 and before[-2] in _PEOPLE:
        return True  # "وجهاء من درعا", "عائلات من الفوعة": where people come from
    entry = p.entry
    if entry is not None and p.relation is None and entry.feature_code == "PPLC" and \
            (not before or before[-1] not in _LOCATIVE) and doc[p.start_token - 1].norm_ != "ب":
        return True  # "تتهم واشنطن ولندن": a capital standing for its government
    if before[-1:] == ["من"] and len(before) >= 2 and before[-2] in _ORIGIN_WORDS:
        return True
    if any(w in _DESCRIPTIVE for w in before[-3:]):
        return True  # "المنطقة الاستراتيجية الواقعة في شمال غرب سوريا": a description, not the event
    if before[-1:] == ["مع"] and len(before) >= 2 and before[-2] in _NOT_THERE:
        return True
    return bool(before) and before[-1] in _NOT_THERE and (p.entry is not None and p.entry.level == "country")


def _attempted(doc: Doc, match: TermMatch, lo: int, g: Grammar) -> bool:
    """True when the trigger is an attempt ("محاولة اقتحام", "صد هجوما", "فشلت في السيطرة")."""
    return any(True for _ in g.attempt.finditer(doc, max(lo, match.start - 4), match.start))


_REMOTE = {"bombard", "air", "shelling", "explosion"}


def _triggers(doc: Doc, sent: Span, g: Grammar, starts: list[int]) -> list[tuple[TermMatch, Trigger, str]]:
    """Return the sentence's triggers that report something that happened, with their frame."""
    found: list[tuple[TermMatch, Trigger, str]] = []
    for match in g.triggers.finditer(sent):
        spec = _strongest(match)
        frame = spec.frame
        lo, hi = clause_of(match.start, starts, sent.end)
        prev = previous_words(doc, match.start, lo, 1)
        if prev and prev[0] in spec.blocked_before:
            continue
        if spec.needs_near and not _has_near(doc, match, spec.needs_near, lo, hi):
            continue
        if spec.needs_place and any(m.start == match.end for m in g.triggers.finditer(doc, match.end, match.end + 1)):
            continue  # "دخلت المعارك يومها الخامس": the battles entered, nobody entered a place
        if frame == "takeover" and spec.pos == "noun" and match.start > 0 and doc[match.start - 1].norm_ == "ل":
            continue  # "تمهد الطريق لتحرير المدينة", "التقدم للسيطرة على": a purpose, not a change of hands
        if frame == "takeover" and _attempted(doc, match, lo, g):
            frame = "clash"  # an attempt to take a place is a battle, not a change of hands
        elif is_negated(doc, match.start, lo, g) or is_irrealis(doc, match.start, lo, hi, g):
            continue
        found.append((match, spec, frame))
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


def _share_places(kept: list[tuple[TermMatch, Trigger, str]], assigned: dict[int, list[PlaceMention]]) -> None:
    """Give a trigger with no place of its own the places of the nearest trigger in its sentence.

    "في الزبداني، استهدفت البراميل ... مع استمرار الاشتباكات في المدينة": both happen there.
    A clash beside a take-over is not copied: ACLED codes a battle by its outcome.
    """
    takeovers = any(frame == "takeover" for _, _, frame in kept)
    for k, (match, _, frame) in enumerate(kept):
        if assigned[k] or (frame == "clash" and takeovers):
            continue
        donors = [n for n in range(len(kept)) if assigned[n] and n != k]
        if donors:
            nearest = min(donors, key=lambda n: abs(kept[n][0].start - match.start))
            assigned[k] = list(assigned[nearest])


_ANAPHORS = {"المدينه": "populated", "البلده": "populated", "القريه": "populated", "البلدتين": "populated",
             "القريتين": "populated", "المدينتين": "populated", "البلدات": "populated", "القري": "populated",
             "المنطقه": None}


def _anaphoric_places(doc: Doc, match: TermMatch, lo: int, hi: int) -> list[PlaceMention]:
    """Resolve "المدينة" / "البلدتين" in the trigger's clause to the places last named before it.

    Only a bare noun counts ("دخلت المدينة", not "مدينة حماة"), and only places named in the
    same or the two previous sentences, so a new paragraph's "the city" does not reach back.
    """
    nouns = [t for t in doc[lo:hi] if t.norm_ in _ANAPHORS and not (t.i + 1 < len(doc) and any(
        p.start_token == t.i + 1 for p in doc._.places or []))]
    if not nouns:
        return []
    noun = nouns[0]
    dual = noun.norm_ in ("البلدتين", "القريتين", "المدينتين")
    sent_starts = [s.start for s in doc.sents if s.start <= noun.i][-3:]
    earliest = sent_starts[0] if sent_starts else 0
    before = [p for p in doc._.places or [] if earliest <= p.start_token < noun.i and p.entry is not None
              and p.relation is None and p.entry.level == "populated" or
              (earliest <= p.start_token < noun.i and p.entry is None and p.area is not None)]
    before = [p for p in before if not _not_event_place(doc, p)]
    if not before:
        return []
    return before[-2:] if dual else before[-1:]


def candidates_in(doc: Doc, sent: Span, g: Grammar, carry: ActorMention | None) -> list[Candidate]:
    """Return the event candidates of one sentence."""
    places = [p for p in (doc._.places or []) if sent.start <= p.start_token < sent.end]
    actors = [m for m in (doc._.actors or []) if sent.start <= m.start_token < sent.end]
    starts = clause_starts(sent, g)
    kept = _triggers(doc, sent, g, starts)
    assigned = _places_by_trigger(sent, [(m, s) for m, s, _ in kept], places, starts, actors)
    continued = _origin_lists(doc, places)
    skip = {id(p) for n, p in enumerate(places) if n in continued or _not_event_place(doc, p)}
    for k in assigned:
        assigned[k] = _drop_qualifiers(doc, [p for p in assigned[k] if id(p) not in skip])
    _share_places(kept, assigned)
    out: list[Candidate] = []
    for k, (match, spec, frame) in enumerate(kept):
        lo, hi = clause_of(match.start, starts, sent.end)
        actor1, actor2, armed_named = _actors_for(doc, match, spec, actors, lo, hi, carry, g)
        if spec.pos == "verb" and doc[match.start].norm_.endswith("نا"):
            we = speaker_actor(doc, match)  # a quoted first person: the speaker's side acted
            if we is not None:
                actor1 = we.actor
                objects = [m.actor for m in actors if match.end <= m.start_token < hi and m.actor.id != we.actor.id
                           and m.actor.kind == "armed"]
                actor2 = objects[0] if objects else (actor2 if actor2 is None or actor2.id != we.actor.id else None)
        if spec.needs_actor and not (actor1 is not None and actor1.kind == "armed"):
            continue  # "الدخول في التدريبات", "دخول الوزير": only an armed party enters or takes a place
        my_places = assigned[k] or _anaphoric_places(doc, match, lo, hi)
        if not my_places:
            continue
        sub = _sub_event_type(frame, doc, g, match, lo, hi, actor1, sent)
        if sub is None:
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
                + (0.1 if actor1 is not None else 0.0) + (0.05 if not spec.weak else -0.1) - (0.1 if claimed else 0.0)
            out.append(Candidate(sub, match, spec, p, time, actor1, actor2,
                                 evidence=[(sent.start_char, sent.end_char)], claimed_by=claimed,
                                 reported_by=reported, fatalities=deaths, confidence=round(min(0.95, conf), 2),
                                 background=spec.pos == "noun" and is_background(doc, match.start, lo)))
    return _merge_sentence(out)


def _merge_sentence(cands: list[Candidate]) -> list[Candidate]:
    """Several triggers of one sentence naming one event ("طائرات مسيرة استهدفت أمس ...") are one
    candidate; its date is the one nearest to a verb trigger, which carries the tense."""
    by_key: dict[tuple, Candidate] = {}
    for c in sorted(cands, key=lambda c: (c.spec.pos != "verb", c.trigger.start)):
        key = (c.sub_event_type, location_key(c.place))
        if key in by_key:
            _absorb(by_key[key], c)
        else:
            by_key[key] = c
    return list(by_key.values())


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per sub-event type, place and day; an undated repeat joins a dated event."""
    groups: dict[tuple, list[Candidate]] = {}
    for c in cands:
        groups.setdefault((c.sub_event_type, location_key(c.place)), []).append(c)
    _absorb_areas(groups)
    merged: list[Candidate] = []
    for group in groups.values():
        foreground = [c for c in group if not c.background]
        if not foreground:
            continue  # only ever mentioned in passing ("بعد سيطرتها على ..."): told elsewhere or history
        for c in group:
            if c.background:
                _absorb(foreground[0], c)
        group = foreground
        dated = [c for c in group if c.time.mention is not None]
        undated = [c for c in group if c.time.mention is None]
        buckets: dict[tuple, Candidate] = {}
        for c in dated or undated:
            key = (c.time.date, c.time.date_end)
            if key in buckets:
                _absorb(buckets[key], c)
            else:
                buckets[key] = c
        if dated:
            first = next(iter(buckets.values()))
            for c in undated:
                _absorb(first, c)
        merged.extend(buckets.values())
    return merged


def _is_area(c: Candidate) -> bool:
    p = c.place
    return p.relation is None and p.entry is not None and p.entry.level in ("admin1", "admin2")


def _overlaps(a: Candidate, b: Candidate) -> bool:
    a_end, b_end = a.time.date_end or a.time.date, b.time.date_end or b.time.date
    return not (a_end < b.time.date or b_end < a.time.date)


def _absorb_areas(groups: dict[tuple, list[Candidate]]) -> None:
    """An event told at governorate or countryside level joins a same-type event at a
    named place in that governorate with overlapping dates: "خطف داعش مدنيين في محافظة حمص"
    and "... داخل مدينة القريتين" are one abduction."""
    for key in list(groups):
        group = groups[key]
        if not all(_is_area(c) for c in group):
            continue
        sub = key[0]
        admin1 = group[0].place.located.admin1 if group[0].place.located else None
        targets = [c for (s2, _), g2 in groups.items() if s2 == sub and g2 is not group for c in g2
                   if not _is_area(c) and c.place.located is not None and c.place.located.admin1 == admin1]
        if len({location_key(t.place) for t in targets}) != 1 or admin1 is None:
            continue  # none, or several places it could be
        for c in group:
            match = next((t for t in targets if _overlaps(t, c)), None)
            if match is None:
                break
            _absorb(match, c)
        else:
            del groups[key]


def _absorb(into: Candidate, other: Candidate) -> None:
    for ev in other.evidence:
        if ev not in into.evidence:
            into.evidence.append(ev)
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    into.claimed_by = into.claimed_by if not other.claimed_by or not into.claimed_by else \
        list(dict.fromkeys(into.claimed_by + other.claimed_by))
    into.reported_by = list(dict.fromkeys(into.reported_by + other.reported_by))
    if other.fatalities and (into.fatalities or 0) < other.fatalities:
        into.fatalities = other.fatalities
    into.confidence = max(into.confidence, other.confidence)


def _to_event(doc: Doc, c: Candidate, n: int) -> Event:
    from .actors_out import actor_out

    location = location_of(c.place)
    status = "claimed" if c.claimed_by else "reported"
    evidence = [Evidence(start=s, end=e, text=doc.text[s:e]) for s, e in sorted(c.evidence)]
    record = doc._.record
    return Event(
        id=f"{record.id}-{n:02d}" if record is not None else f"ev-{n:02d}",
        event_type=event_type_of(c.sub_event_type), sub_event_type=c.sub_event_type,
        event_date=c.time.date, date_end=c.time.date_end, time_precision=c.time.time_precision,
        actor1=actor_out(c.actor1), actor2=actor_out(c.actor2), location=location,
        fatalities=c.fatalities, reported_by=c.reported_by, claimed_by=c.claimed_by, status=status,
        evidence=evidence, notes=note_for(c.sub_event_type, c.actor1, c.actor2, location, c.time, c.claimed_by),
        confidence=c.confidence)


def extract_events(doc: Doc) -> list[Event]:
    """Return the ACLED events of a processed Doc."""
    g = grammar()
    cands: list[Candidate] = []
    carry: ActorMention | None = None
    for sent in doc.sents:
        cands.extend(candidates_in(doc, sent, g, carry))
        armed = [m for m in (doc._.actors or []) if sent.start <= m.start_token < sent.end and _armed(m)]
        if armed:
            carry = armed[0]
    merged = _merge(cands)
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


__all__ = ["EventExtractor", "extract_events", "dt"]
