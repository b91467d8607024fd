"""Exports of stored events, streamed: ACLED CSV, GeoJSON, JSON Lines (and marsad's own CSV).

    >>> from marsad.export import export_chunks
    >>> with Store("news.sqlite") as store:
    ...     for chunk in export_chunks(store.iter_events(EventFilter(admin1="Idlib")), "acled-csv"):
    ...         out.write(chunk)

Every format is a generator of text chunks over an iterable of `StoredEvent`, so the CLI
and the API write a million events in constant memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..store import StoredEvent
from ._acled import ACLED_COLUMNS, acled_row, interaction
from ._flat import CSV_COLUMNS, csv_lines, csv_row, dict_csv_lines, event_json, jsonl_lines
from ._geojson import feature, geojson_chunks


@dataclass(frozen=True)
class ExportFormat:
    """A format: how to write it, its media type and file extension."""

    name: str
    write: Callable[[Iterable[StoredEvent]], Iterator[str]]
    media_type: str
    extension: str


def _acled_csv(found: Iterable[StoredEvent]) -> Iterator[str]:
    return dict_csv_lines((acled_row(item) for item in found), ACLED_COLUMNS)


FORMATS: dict[str, ExportFormat] = {
    "acled-csv": ExportFormat("acled-csv", _acled_csv, "text/csv; charset=utf-8", "csv"),
    "geojson": ExportFormat("geojson", geojson_chunks, "application/geo+json", "geojson"),
    "jsonl": ExportFormat("jsonl", jsonl_lines, "application/x-ndjson; charset=utf-8", "jsonl"),
    "csv": ExportFormat("csv", csv_lines, "text/csv; charset=utf-8", "csv"),
}


def export_chunks(found: Iterable[StoredEvent], fmt: str) -> Iterator[str]:
    """Yield the events written in format `fmt` (a key of FORMATS), chunk by chunk."""
    try:
        return FORMATS[fmt].write(found)
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}") from None


__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "ExportFormat", "acled_row", "csv_lines", "csv_row",
    "event_json", "export_chunks", "feature", "geojson_chunks", "interaction", "jsonl_lines",
]
