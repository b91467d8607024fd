"""marsad (مرصد): Arabic news in, ACLED-shaped conflict events, quotes and entities out.

    >>> from marsad import extract
    >>> out = extract("...")          # an ArticleOutput (schema marsad.article/1)
"""

from __future__ import annotations

from ._exceptions import GazetteerError, InputError, MarsadError, StoreError
from .annotations import ArticleRecord
from .pipeline import build_pipeline, default_pipeline, extract
from .schema import SCHEMA_ID, ArticleOutput, Event, Quote

__all__ = [
    "ArticleOutput", "ArticleRecord", "Event", "GazetteerError", "InputError", "MarsadError", "Quote",
    "SCHEMA_ID", "StoreError", "build_pipeline", "default_pipeline", "extract",
]
__version__ = "0.1.0"
