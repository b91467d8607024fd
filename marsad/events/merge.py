"""ACLED's counting rule: one event per sub-event type, place and day."""

from __future__ import annotations

from .candidate import Candidate
from .location import location_key


def _suicide_subsumes(cands: list[Candidate]) -> list[Candidate]:
    """A suicide car bomb is one Suicide bomb, not also a Remote explosive (ACLED)."""
    suicide = {location_key(c.place) for c in cands if c.sub_event_type == "Suicide bomb"}
    return [c for c in cands if not (c.sub_event_type == "Remote explosive/landmine/IED"
                                     and location_key(c.place) in suicide)]


def merge_sentence(cands: list[Candidate]) -> list[Candidate]:
    """Several triggers of one sentence naming one event ("طائرات مسيرة استهدفت أمس ...") are one
    candidate; its date is the one nearest to a verb trigger, which carries the tense."""
    by_key: dict[tuple, Candidate] = {}
    for c in sorted(_suicide_subsumes(cands), key=lambda c: (c.spec.pos != "verb", c.trigger.start)):
        key = (c.sub_event_type, location_key(c.place))
        if key in by_key:
            _absorb(by_key[key], c)
        else:
            by_key[key] = c
    return list(by_key.values())


def merge_candidates(cands: list[Candidate]) -> list[Candidate]:
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
                   if not _is_area(c) and c.place.relation is None and c.place.located is not None
                   and c.place.located.admin1 == admin1]
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
