"""Where a trigger happened: the places of its clause, minus qualifiers, origins and descriptions."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..annotations import ActorMention, PlaceMention
from ..text.lexicon import TermMatch
from .clauses import clause_of
from .lexicon import Trigger

def places_by_trigger(sent: Span, kept: list[tuple[TermMatch, Trigger]], places: list[PlaceMention],
                       starts: list[int], actors: list[ActorMention]) -> dict[int, list[PlaceMention]]:
    """Assign each place of the sentence to its nearest trigger, preferring its own clause."""
    out: dict[int, list[PlaceMention]] = {k: [] for k in range(len(kept))}
    actor_tokens = {i for m in actors for i in range(m.start_token, m.end_token)}
    for p in places:
        if p.start_token in actor_tokens and p.end_token - 1 in actor_tokens:
            continue  # a place inside an actor's name: "لواء أحرار حوران"
        if p.metonym:
            continue  # a capital speaking for its government: "اتهمت دمشق قسد بقصف ..."
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


def drop_qualifiers(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop an area that only qualifies a more specific place ("بلدة س بريف حماة", "حي س في
    حلب", "القصير (جنوب حمص)")."""
    # a city named right after a neighbourhood or village it contains ("حي س في حلب")
    contained = {(p.area.key, p.end_token) for p in places if p.entry is None and p.area is not None}
    places = [p for p in places if not (p.entry is not None and p.relation is None and any(
        key == p.entry.key and 0 <= p.start_token - end <= 3 for key, end in contained))]
    places = [p for k, p in enumerate(places)
              if not (k > 0 and p.start_token > 0 and doc[p.start_token - 1].text == "("
                      and p.start_token - places[k - 1].end_token <= 1)]
    places = _drop_second_of_between(doc, places)
    places = _drop_trailing_qualifiers(doc, places)
    # a town or village, one "near" it ("قرب مدينة اعزاز"), or a facility ("سد تشرين") pins the
    # event down; an area of the same governorate named with it only qualifies it
    specific = [p for p in places if p.entry is not None and (
        p.entry.level in ("populated", "admin2") and (p.relation is None or p.relation in _CLOSE_BY)
        or p.entry.level == "feature" and p.relation is None) or p.entry is None]
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
        elif loc.level == "admin2" and loc.admin1 in admin1s and p.relation is not None:
            continue
        elif p.relation is not None and loc.admin1 in admin1s:
            continue  # "في منطقة الحبيبية بمدينة الصدر، شرقي بغداد": the direction only qualifies
        else:
            kept.append(p)
    return kept


_CLOSE_BY = {"near", "surroundings of", "outskirts of", "suburbs of", "entrance of"}
_QUALIFIER_GAP = {"في", "ب", "،", ",", "-", "–", "(", ")"}
_DUALS = {"بلدتي", "قريتي", "مدينتي", "منطقتي", "حيي", "البلدتين", "القريتين", "المدينتين"}


def _drop_trailing_qualifiers(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a place told relative to another ("شمال غرب دمشق", "في محيط Y") right after a named place:
    "الزبداني شمال غرب دمشق" happens at al-Zabadani, whatever Damascus's governorate."""
    kept: list[PlaceMention] = []
    for p in places:
        prev = kept[-1] if kept else None
        if prev is not None and p.relation is not None and prev.entry is not None and prev.relation is None:
            gap = [t.norm_ for t in doc[prev.end_token:p.start_token] if not t.is_space]
            if len(gap) <= 2 and all(w in _QUALIFIER_GAP for w in gap):
                continue
        kept.append(p)
    return kept


def _drop_second_of_between(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """"بين بلدتي سرمدا والدانا": one event between two places, coded at the first (ACLED)."""
    out: list[PlaceMention] = []
    for p in places:
        prev = out[-1] if out else None
        if prev is not None:
            gap = [t.norm_ for t in doc[prev.end_token:p.start_token] if not t.is_space]
            before = [t.norm_ for t in doc[max(0, prev.start_token - 2):prev.start_token] if not t.is_space]
            if gap == ["و"] and before and (before[-1] == "بين" or before[-1] in _DUALS and before[:1] == ["بين"]):
                continue
        out.append(p)
    return out


_ORIGIN_WORDS = {"انطلاقا", "انطلقت", "انطلق", "قادمه", "قادمين", "القادمه", "مصدرها", "مصدره", "تتمركز",
                 "المتمركزه", "مواقعها", "مواقعه", "مواقعهم", "نزحوا", "نزح", "فروا", "فر", "هربوا", "نازحين",
                 "مهجرين", "مرابض", "مرابضها", "اقلعت", "اقلعت", "مطلقه", "اطلقت", "اطلق", "اطلقها"}
_PEOPLE = {"وجهاء", "ابناء", "اهالي", "سكان", "نازحين", "نازحون", "عائلات", "مهجرين", "لاجيين", "وفد", "وفدا",
           "مقاتلين", "مقاتلون", "عناصر", "متحدرين", "المتحدرين", "متحدره", "ينحدرون", "قادمين", "شخصيات"}
_DESCRIPTIVE = {"طريق", "الطريق", "اوتوستراد", "الاوتوستراد", "المتمركز", "المتمركزه", "المتمركزين", "المنتشره", "المنتشر", "المنتشرين", "يتمركز", "تتمركز",
                "الواقعه", "الواقع", "الواقعين", "تقع", "يقع", "المحاذيه", "المحاذي", "المتاخمه", "المتاخم",
                "القريبه", "القريب", "الملاصقه", "الملاصق", "المجاوره", "المجاور", "المطله", "المطل", "التابعه", "التابع", "ينتمي", "تنتمي", "يتحدرون", "يتحدر", "ابناء", "المنحدرين"}
_LOCATIVE = {"في", "داخل", "قرب", "بالقرب", "محيط", "اطراف", "مدينه", "العاصمه", "وسط", "شمال", "جنوب", "شرق",
             "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "ريف", "علي", "حي", "احياء"}
_NOT_THERE = {"الحدود", "حدود", "الحدوديه", "الحدودي", "حدودها", "ابناء", "اهالي", "سكان", "نازحي", "مهجري",
              "سفير", "سفاره", "السفاره", "حكومه", "الحكومه", "رئيس", "وزير", "وزاره", "جيش", "قوات", "طيران"}


def origin_lists(doc: Doc, places: list[PlaceMention]) -> set[int]:
    """Indices of places that continue a list begun by an origin ("القادمة من كوباني والرقة والحسكة")."""
    out: set[int] = set()
    for k, p in enumerate(places):
        if k and (k - 1 in out or not_event_place(doc, places[k - 1])):
            gap = [t.norm_ for t in doc[places[k - 1].end_token:p.start_token] if not t.is_space]
            if all(w in ("و", "،", ",", "(", ")") or w.startswith("(") for w in gap) and len(gap) <= 3:
                out.add(k)
    return out


def not_event_place(doc: Doc, p: PlaceMention) -> bool:
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


def share_places(kept: list[tuple[TermMatch, Trigger, str]], assigned: dict[int, list[PlaceMention]]) -> None:
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
             "المنطقه": None, "العاصمه": "capital"}


def anaphoric_places(doc: Doc, match: TermMatch, lo: int, hi: int) -> list[PlaceMention]:
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
    if _ANAPHORS[noun.norm_] == "capital":  # "وسط العاصمة": the capital named last
        before = [p for p in doc._.places or [] if p.start_token < noun.i and p.entry is not None
                  and p.relation is None and p.entry.feature_code == "PPLC"][-1:]
        return before
    before = [p for p in before if not not_event_place(doc, p) and not _in_facility_name(doc, p)]
    if not before:
        return []
    return before[-2:] if dual else before[-1:]


_FACILITY_NOUNS = {"مشفي", "مستشفي", "جامعه", "سجن", "مطار", "فرع", "مديريه", "قياده", "مجلس", "محافظ"}


def _in_facility_name(doc: Doc, p: PlaceMention) -> bool:
    """"مشفى درعا الوطني": the city names the hospital; it is not what "the city" points back to."""
    return p.start_token > 0 and doc[p.start_token - 1].norm_ in _FACILITY_NOUNS

