"""The date stage on the real dev reports (read from ../shared at run time).

Checks properties that must hold on any real text: offsets are exact slices, mentions
are sorted, nothing but a "future" mention lies after publication, and the seed report's
weekday phrasing resolves as its gold says.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from marsad.annotations import ArticleRecord
from marsad.pipeline import run

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = sorted(CORPUS.glob("dev*/*.txt")) + sorted(CORPUS.glob("seed/*.txt"))

pytestmark = pytest.mark.skipif(not FILES, reason="shared corpus not available")


def _load(path: Path) -> ArticleRecord:
    meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
    return ArticleRecord(id=path.stem, text=path.read_text(encoding="utf-8"), published=published)


def test_every_dev_mention_is_an_exact_slice_and_not_after_publication(nlp):
    total = 0
    for path in FILES:
        record = _load(path)
        doc = run(nlp, record)
        starts = [m.start for m in doc._.dates]
        assert starts == sorted(starts), path.name
        for m in doc._.dates:
            total += 1
            assert record.text[m.start:m.end] == m.text, path.name
            assert m.date_end is None or m.date_end >= m.date, (path.name, m.text)
            assert m.time_precision in (1, 2, 3)
            if record.published and m.kind != "future":
                assert m.date <= record.published, (path.name, m.text)
    assert total > 100


def test_seed_report_weekdays_match_the_gold(nlp):
    path = CORPUS / "seed" / "000_9dab2da565532362.txt"
    if not path.exists():
        pytest.skip("seed report not available")
    doc = run(nlp, _load(path))
    gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
    dates_by_text = {m.text: m.date.isoformat() for m in doc._.dates}
    gold_dates = {e["id"]: e.get("date") for e in gold["events"]}
    assert dates_by_text["الجمعة"] == gold_dates["aleppo"]
    assert dates_by_text["السبت"] == gold_dates["idlib"]
    assert dates_by_text["اليوم الخميس"] == gold_dates["hama-city"]
