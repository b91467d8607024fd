"""The local and Ray engines run the same batch function and store exactly the same events."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from snapshot import copy_corpus, snapshot

from marsad.annotations import ArticleRecord
from marsad.engine import LocalEngine, ingest, make_engine, process_batch, record_row, row_record
from marsad.store import Store


def test_rows_round_trip_records() -> None:
    import datetime as dt

    record = ArticleRecord(id="r1", text="نص قصير", source="مصدر", published=dt.date(2024, 5, 1), path="a.txt")
    assert row_record(record_row(record)) == record
    assert row_record(record_row(ArticleRecord(id="r2", text="نص"))) == ArticleRecord(id="r2", text="نص")


def test_foreign_articles_are_stored_unprocessed() -> None:
    record = ArticleRecord(id="en", text="The mayor opened the new library on Sunday.", language="en")
    [outcome] = process_batch([record])
    assert outcome.foreign and outcome.error is None and outcome.output.events == []
    assert outcome.output.article.language == "en"


def test_local_engine_batches_in_order(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "l.sqlite") as store:
        batches: list[int] = []
        run = ingest(store, [str(corpus)], LocalEngine(batch_size=5), progress=lambda done: batches.append(len(done)))
    articles = len(list(corpus.glob("*.txt")))
    assert run.status == "finished" and run.counts["stored"] == articles and sum(batches) == articles
    assert max(batches) == 5


def test_ray_engine_gives_exactly_the_local_events(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'marsad[ray]')")
    corpus = copy_corpus(tmp_path / "small", size=6)
    local, ray_db = str(tmp_path / "local.sqlite"), str(tmp_path / "ray.sqlite")
    with Store(local) as store:
        ingest(store, [str(corpus)], make_engine("local", batch_size=2))
    os.environ.pop("RAY_ADDRESS", None)
    with Store(ray_db) as store:
        run = ingest(store, [str(corpus)], make_engine("ray", batch_size=2, workers=2))
    assert run.engine == "ray" and run.counts["stored"] == 6
    expected, got = snapshot(local), snapshot(ray_db)
    assert got["counts"]["events"] > 0
    assert got["articles"] == expected["articles"] and got["events"] == expected["events"]
    assert got["counts"] == expected["counts"]
