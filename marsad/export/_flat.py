"""marsad's own flat views of stored events: JSON objects (JSON Lines) and its CSV columns.

The CSV here is the one `marsad events --format csv` has always written (ACLED-like names
plus the Arabic names and the article); `_acled.py` writes ACLED's exact columns. Text
stays in logical order; only the terminal view reorders Arabic.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..store import StoredEvent

CSV_COLUMNS = (
    "event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor1_ar", "inter1", "actor2", "actor2_ar", "inter2", "country", "admin1", "admin2",
    "location", "location_ar", "latitude", "longitude", "geo_precision", "fatalities", "status",
    "confidence", "notes", "article_id", "source", "published", "url",
)


def event_json(found: StoredEvent) -> dict[str, Any]:
    """Return the event as marsad.article/1 writes it, plus an `article` object saying where it came from."""
    data = found.event.model_dump(mode="json")
    data["article"] = {"id": found.article_id, "sha256": found.article_sha256, "source": found.source,
                       "published": found.published.isoformat() if found.published else None,
                       "title": found.title, "url": found.url}
    return data


def csv_row(found: StoredEvent) -> dict[str, Any]:
    """Return one CSV row of an event, with ACLED's column names where ACLED has one."""
    ev, loc = found.event, found.event.location
    a1, a2 = ev.actor1, ev.actor2
    return {
        "event_id": ev.id, "event_date": ev.event_date.isoformat(),
        "date_end": ev.date_end.isoformat() if ev.date_end else "", "time_precision": ev.time_precision,
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": a1.name_en if a1 else "", "actor1_ar": a1.name_ar if a1 else "", "inter1": a1.inter if a1 else "",
        "actor2": a2.name_en if a2 else "", "actor2_ar": a2.name_ar if a2 else "", "inter2": a2.inter if a2 else "",
        "country": loc.country, "admin1": loc.admin1, "admin2": loc.admin2, "location": loc.name_en,
        "location_ar": loc.name_ar or loc.text, "latitude": loc.lat, "longitude": loc.lon,
        "geo_precision": loc.geo_precision, "fatalities": ev.fatalities, "status": ev.status,
        "confidence": ev.confidence, "notes": ev.notes, "article_id": found.article_id, "source": found.source,
        "published": found.published.isoformat() if found.published else "", "url": found.url,
    }


def csv_lines(found: Iterable[StoredEvent]) -> Iterator[str]:
    """Yield the CSV text of the events, header first, one line at a time."""
    return dict_csv_lines((csv_row(item) for item in found), CSV_COLUMNS)


def dict_csv_lines(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    """Yield CSV text of dict rows, header first, one line at a time (None is an empty cell)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        yield buffer.getvalue()


def jsonl_lines(found: Iterable[StoredEvent]) -> Iterator[str]:
    """Yield one JSON object a line per event: the marsad event and its `article`."""
    for item in found:
        yield json.dumps(event_json(item), ensure_ascii=False) + "\n"
