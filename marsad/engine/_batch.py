"""The one batch function every engine calls: articles in, storable outcomes out.

The local engine calls `process_batch` in its own process; the Ray engine calls it
inside each worker (`marsad.engine._ray`). Keeping the work in this one function is
what makes the engines give the same events: they differ only in where it runs.

Records travel to Ray workers as plain rows (`record_row` / `row_record`), and
outcomes come back as plain strings, so nothing depends on pickling spaCy objects.
"""

from __future__ import annotations

import datetime as dt
import json
import traceback
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..annotations import ArticleRecord
from ..pipeline import extract as extract_article
from ..pipeline import sha256_text
from ..schema import ArticleMeta, ArticleOutput
from ..store import Outcome

RECORD_FIELDS = ("id", "text", "source", "published", "title", "url", "language", "path")


def is_arabic(record: ArticleRecord) -> bool:
    """Return True when the record is to go through the Arabic pipeline (language ar or unknown)."""
    return record.language is None or record.language.lower().startswith("ar")


def source_of(record: ArticleRecord) -> str:
    """Return where a record came from, for the journal: its path (and id), or its id."""
    return f"{record.path} [{record.id}]" if record.path else record.id


def foreign_output(record: ArticleRecord) -> ArticleOutput:
    """Return the output of an article in another language: its metadata only, nothing extracted."""
    meta = ArticleMeta(id=record.id, source=record.source, published=record.published, title=record.title,
                       url=record.url, language=record.language or "und", sha256=sha256_text(record.text))
    return ArticleOutput(article=meta, entities=[], places=[], events=[], quotes=[])


def process_record(record: ArticleRecord, debug: bool = False) -> Outcome:
    """Return the outcome of one article; an extraction that fails is an error outcome, not an exception."""
    sha = sha256_text(record.text)
    base = {"source": source_of(record), "article_id": record.id, "sha256": sha}
    try:
        if is_arabic(record):
            output = extract_article(record)
            foreign = False
        else:
            output, foreign = foreign_output(record), True
    except Exception as err:  # noqa: BLE001 - one failing article must not stop the rest
        if debug:
            raise
        where = traceback.extract_tb(err.__traceback__)[-1]
        return Outcome(**base, error=f"extraction failed: {type(err).__name__}: {err} "
                                     f"(at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})")
    return Outcome(**base, text=record.text, output_json=output.model_dump_json(by_alias=True), foreign=foreign)


def process_batch(records: Iterable[ArticleRecord], debug: bool = False) -> list[Outcome]:
    """Return the outcomes of a batch of articles, in order (the function both engines run)."""
    return [process_record(record, debug) for record in records]


def record_row(record: ArticleRecord) -> dict[str, str | None]:
    """Return a record as a row of strings (for Ray Data)."""
    row = {name: getattr(record, name) for name in RECORD_FIELDS}
    row["published"] = record.published.isoformat() if record.published else None
    return row


def row_record(row: Mapping[str, Any]) -> ArticleRecord:
    """Return the record of a `record_row` row."""
    values = {name: (None if _missing(row.get(name)) else str(row[name])) for name in RECORD_FIELDS}
    published = values.pop("published")
    return ArticleRecord(**values, published=dt.date.fromisoformat(published) if published else None)


OUTCOME_FIELDS = ("source", "article_id", "sha256", "text", "output_json", "error", "foreign")


def outcome_columns(outcomes: Sequence[Outcome]) -> dict[str, list[str]]:
    """Return outcomes as a Ray Data batch: one JSON string each, so no null or bool meets Arrow's typing."""
    return {"outcome": [json.dumps({name: getattr(o, name) for name in OUTCOME_FIELDS}, ensure_ascii=False)
                        for o in outcomes]}


def column_outcomes(batch: Mapping[str, Sequence[Any]]) -> list[Outcome]:
    """Return the outcomes of an `outcome_columns` batch."""
    return [Outcome(**json.loads(str(item))) for item in batch["outcome"]]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)
