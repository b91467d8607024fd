"""Where batches run: in this process (`LocalEngine`) or on a Ray cluster (`RayEngine`).

Both take a list of records and yield lists of outcomes as batches complete, and both
compute them with `process_batch`; they differ only in where it runs.

Ray: the records of one window become a Ray Data dataset, `map_batches` runs
`_PipelineWorker` (a callable class, so each worker process builds the spaCy pipeline
once, in `__init__`, and keeps it for every batch) on `workers` actors of one CPU each.
Back-pressure comes from two bounds: the runner hands over one window at a time (a few
batches per worker), and Ray Data's streaming executor keeps only a few batches in
flight per actor. On one machine `ray.init` starts a local cluster with `workers` CPUs;
on a real cluster set RAY_ADDRESS (e.g. ray://head:10001) and the same command uses it,
with the store URL reachable from the driver (only the driver writes to the store).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from ..annotations import ArticleRecord
from ..store import Outcome
from ._batch import column_outcomes, outcome_columns, process_batch, record_row, row_record

ENGINES = ("local", "ray")


class Engine(Protocol):
    """Runs `process_batch` over records; yields outcome batches as they complete."""

    name: str
    window: int

    def process(self, records: Sequence[ArticleRecord]) -> Iterator[list[Outcome]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Runs the batches one after the other in this process (the pipeline loads once, on first use)."""

    name = "local"

    def __init__(self, batch_size: int = 16, debug: bool = False):
        self.batch_size = batch_size
        self.window = batch_size
        self.debug = debug

    def process(self, records: Sequence[ArticleRecord]) -> Iterator[list[Outcome]]:
        for start in range(0, len(records), self.batch_size):
            yield process_batch(records[start:start + self.batch_size], self.debug)

    def close(self) -> None:
        pass


class _PipelineWorker:
    """A Ray Data worker: loads the pipeline once, then runs `process_batch` on each batch it gets."""

    def __init__(self) -> None:
        from ..pipeline import default_pipeline

        default_pipeline()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        size = len(batch["id"])
        records = [row_record({name: column[i] for name, column in batch.items()}) for i in range(size)]
        return outcome_columns(process_batch(records))


class RayEngine:
    """Runs the batches on Ray Data actors, `workers` of them, one CPU each."""

    name = "ray"

    def __init__(self, batch_size: int = 16, workers: int = 2, batches_per_worker: int = 4):
        try:
            import ray
        except ImportError:
            raise RuntimeError("the Ray engine needs Ray: pip install 'marsad[ray]'") from None
        self.ray = ray
        self.batch_size = batch_size
        self.workers = workers
        self.window = batch_size * workers * batches_per_worker
        if not ray.is_initialized():
            address = os.environ.get("RAY_ADDRESS")
            options: dict[str, Any] = {"address": address} if address else {"num_cpus": workers}
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **options)
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False

    def process(self, records: Sequence[ArticleRecord]) -> Iterator[list[Outcome]]:
        if not records:
            return
        data = self.ray.data.from_items([record_row(r) for r in records])
        mapped = data.map_batches(_PipelineWorker, batch_size=self.batch_size, concurrency=self.workers,
                                  num_cpus=1, batch_format="numpy")
        for batch in mapped.iter_batches(batch_size=self.batch_size, batch_format="numpy", prefetch_batches=1):
            yield column_outcomes(batch)

    def close(self) -> None:
        if self.ray.is_initialized() and not os.environ.get("RAY_ADDRESS"):
            self.ray.shutdown()


def make_engine(name: str, batch_size: int = 16, workers: int = 1, debug: bool = False) -> Engine:
    """Return the engine called `name` ("local" or "ray")."""
    if name == "local":
        return LocalEngine(batch_size, debug)
    if name == "ray":
        return RayEngine(batch_size, max(1, workers))
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
