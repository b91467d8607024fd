"""GeoJSON (RFC 7946) of stored events: one Point Feature per event, streamed.

Each feature's properties are the event's ACLED row plus what a map needs that ACLED
lacks: the Arabic place name, the article (id, sha256, title, url) and the evidence
spans. An event marsad could not place has `"geometry": null`, which RFC 7946 allows
(section 3.2), so a count of features is a count of events. Coordinates are
[longitude, latitude], WGS 84.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..store import StoredEvent
from ._acled import acled_row


def feature(found: StoredEvent) -> dict[str, Any]:
    """Return one event as a GeoJSON Feature."""
    ev, loc = found.event, found.event.location
    props = acled_row(found)
    props.update({
        "location_ar": loc.name_ar or loc.text, "date_end": ev.date_end.isoformat() if ev.date_end else None,
        "status": ev.status, "confidence": ev.confidence, "article_id": found.article_id,
        "article_sha256": found.article_sha256, "title": found.title, "url": found.url,
        "published": found.published.isoformat() if found.published else None,
        "evidence": [e.model_dump() for e in ev.evidence],
    })
    geometry = None
    if loc.lat is not None and loc.lon is not None:
        geometry = {"type": "Point", "coordinates": [loc.lon, loc.lat]}
    return {"type": "Feature", "id": ev.id, "geometry": geometry, "properties": props}


def geojson_chunks(found: Iterable[StoredEvent]) -> Iterator[str]:
    """Yield a FeatureCollection as text, one feature a chunk, so nothing is held in memory."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for item in found:
        yield ("\n" if first else ",\n") + json.dumps(feature(item), ensure_ascii=False)
        first = False
    yield "\n]}\n"
