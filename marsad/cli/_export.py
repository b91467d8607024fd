"""Flat exports for the CLI; the code lives in `marsad.export`, shared with the API."""

from __future__ import annotations

from ..export import CSV_COLUMNS, csv_lines, csv_row, event_json

__all__ = ["CSV_COLUMNS", "csv_lines", "csv_row", "event_json"]
