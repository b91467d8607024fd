"""Engines that run marsad over many articles: locally or on Ray, through one batch function.

    >>> from marsad.engine import ingest, make_engine
    >>> with Store("news.sqlite") as store:
    ...     run = ingest(store, ["archive/"], make_engine("ray", batch_size=32, workers=4))
    ...     run.counts          # {'read': ..., 'stored': ..., 'duplicates': ..., 'errors': ...}
"""

from __future__ import annotations

from ._batch import foreign_output, is_arabic, process_batch, process_record, record_row, row_record
from ._engines import ENGINES, Engine, LocalEngine, RayEngine, make_engine
from ._runner import count_inputs, ingest, read_records

__all__ = [
    "ENGINES", "Engine", "LocalEngine", "RayEngine", "count_inputs", "foreign_output", "ingest", "is_arabic",
    "make_engine", "process_batch", "process_record", "read_records", "record_row", "row_record",
]
