"""One event per real-world event across outlets.

Several outlets report the same strike in different words; ACLED keeps one event and
lists every source. Two events here are the same when they share the sub-event type
(ACLED counts by type), their places agree (same gazetteer record, the same mention
text, or points within `distance_km` in one governorate), their dates overlap once
widened by `window_days`, and their named actors do not contradict each other.
ACLED's own counting rule settles the rest: two strikes reported in one town on one day
are one event of that day.

The similarity is a score in [0, 1] (place 0.5, date 0.3, actors 0.2); pairs at or above
`threshold` (default 0.7) merge. Merged events keep the most precise place and date,
every evidence span (prefixed by its article), every source, and the lowest fatality
count that a source gives (ACLED's conservative rule).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..schema import Event, Location


@dataclass(frozen=True)
class DedupSettings:
    """How close two reports must be to count as one event."""

    window_days: int = 1
    distance_km: float = 10.0
    threshold: float = 0.7


@dataclass
class EventCluster:
    """One real-world event and every (article, event) that reports it."""

    event: Event
    members: list[tuple[str, str]] = field(default_factory=list)  # (article id, event id)
    sources: list[str] = field(default_factory=list)


def _km(a: Location, b: Location) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p = math.pi / 180
    h = (math.sin((b.lat - a.lat) * p / 2) ** 2
         + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def place_score(a: Location, b: Location, settings: DedupSettings) -> float:
    """1 for the same place, 0 for different places, in between for near points."""
    if a.geonames_id is not None and a.geonames_id == b.geonames_id and (a.text or "") == (b.text or ""):
        return 1.0
    if a.text and b.text and a.text == b.text and a.admin1 == b.admin1:
        return 1.0
    if a.admin1 != b.admin1 or a.country != b.country:
        return 0.0
    d = _km(a, b)
    if d is None or d > settings.distance_km:
        return 0.0
    # two different named places that happen to share a point are not the same place
    if a.geo_precision == b.geo_precision == 1 and a.geonames_id != b.geonames_id:
        return 0.0
    return 1.0 - d / (2 * settings.distance_km)


def date_score(a: Event, b: Event, settings: DedupSettings) -> float:
    """1 when the reported days overlap, 0 when they are further apart than the window."""
    pad = dt.timedelta(days=settings.window_days)
    a_end, b_end = a.date_end or a.event_date, b.date_end or b.event_date
    if a.event_date <= b_end and b.event_date <= a_end:
        return 1.0
    if a.event_date - pad <= b_end and b.event_date - pad <= a_end:
        return 0.5
    return 0.0


def actor_score(a: Event, b: Event) -> float:
    """1 unless both name an actor1 and the two are on different sides."""
    sides = [(e.actor1.side if e.actor1 else None) for e in (a, b)]
    if None in sides:
        return 1.0
    return 1.0 if sides[0] == sides[1] else 0.0


def similarity(a: Event, b: Event, settings: DedupSettings = DedupSettings()) -> float:
    """How likely two reported events are one real-world event, in [0, 1]."""
    if a.sub_event_type != b.sub_event_type:
        return 0.0
    place = place_score(a.location, b.location, settings)
    when = date_score(a, b, settings)
    if place == 0.0 or when == 0.0:
        return 0.0
    return 0.5 * place + 0.3 * when + 0.2 * actor_score(a, b)


def _more_precise(a: Event, b: Event) -> bool:
    return (b.location.geo_precision, b.time_precision) < (a.location.geo_precision, a.time_precision)


def _tagged(event: Event, article_id: str) -> Event:
    event = event.model_copy(deep=True)
    for ev in event.evidence:
        ev.article = ev.article or article_id
    return event


def _merge(cluster: EventCluster, article_id: str, source: str | None, event: Event) -> None:
    event = _tagged(event, article_id)
    base = cluster.event
    if _more_precise(base, event):
        base, event = event, base
        base.evidence = event.evidence + base.evidence
    else:
        base.evidence = base.evidence + event.evidence
    base.reported_by = list(dict.fromkeys(base.reported_by + event.reported_by))
    base.claimed_by = list(dict.fromkeys(base.claimed_by + event.claimed_by))
    counts = [f for f in (base.fatalities, event.fatalities) if f is not None]
    base.fatalities = min(counts) if counts else None
    base.confidence = max(base.confidence, event.confidence)
    base.actor1 = base.actor1 or event.actor1
    base.actor2 = base.actor2 or event.actor2
    cluster.event = base
    cluster.members.append((article_id, event.id))
    if source and source not in cluster.sources:
        cluster.sources.append(source)


def deduplicate(reports: Iterable[tuple[str, str | None, Event]],
                settings: DedupSettings = DedupSettings()) -> list[EventCluster]:
    """Group (article id, source, event) reports into one cluster per real-world event.

    Events of the same article are never merged here: the extractor already applied
    ACLED's one-event-per-place-and-day rule inside each article.
    """
    clusters: list[EventCluster] = []
    for article_id, source, event in reports:
        best, best_score = None, settings.threshold
        for cluster in clusters:
            if any(a == article_id for a, _ in cluster.members):
                continue
            score = similarity(cluster.event, event, settings)
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append(EventCluster(event=_tagged(event, article_id), members=[(article_id, event.id)],
                                         sources=[source] if source else []))
        else:
            _merge(best, article_id, source, event)
    return clusters
