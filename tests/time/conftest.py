"""Shared fixtures for the time stage: a small pipeline and a helper that runs it."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.annotations import ArticleRecord
from marsad.pipeline import build_pipeline, run

# Thursday 5 December 2024.
PUBLISHED = dt.date(2024, 12, 5)


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline(["marsad_sentences", "marsad_dates"])


@pytest.fixture
def parse(nlp):
    """Run the pipeline on `text` and return the Doc, checking every mention's offsets."""

    def _parse(text: str, published: dt.date | None = PUBLISHED):
        doc = run(nlp, ArticleRecord(id="t", text=text, published=published))
        for m in doc._.dates:
            assert m.text == text[m.start:m.end]
            assert doc[m.start_token].idx == m.start
            assert m.start <= m.end
        assert [m.start for m in doc._.dates] == sorted(m.start for m in doc._.dates)
        return doc

    return _parse


@pytest.fixture
def dates(parse):
    """Return [(text, date, date_end, precision, kind)] for `text`."""

    def _dates(text: str, published: dt.date | None = PUBLISHED):
        return [(m.text, m.date, m.date_end, m.time_precision, m.kind) for m in parse(text, published)._.dates]

    return _dates
