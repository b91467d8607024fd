"""Quote recall on the shared gold corpus, scored with the project's own score.py.

Reads ../shared at run time (nothing from it is copied into the repository) and is
skipped where that checkout is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from marsad.annotations import ArticleRecord
from marsad.pipeline import build_pipeline, run
from marsad.quotes.extract import quotes_of

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "seed"
DEV = SHARED / "corpus" / "dev"

pytestmark = pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="no ../shared checkout")


def _recall(directory: Path) -> float:
    sys.path.insert(0, str(SHARED / "tools"))
    from score import score_article

    nlp = build_pipeline(["marsad_sentences", "marsad_quotes"])
    found = total = 0
    for gold_path in sorted(directory.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not gold.get("quotes"):
            continue
        stem = gold_path.name[: -len(".gold.json")]
        meta = json.loads((directory / f"{stem}.meta.json").read_text(encoding="utf-8"))
        record = ArticleRecord(id=stem, text=(directory / f"{stem}.txt").read_text(encoding="utf-8"),
                               published=dt.date.fromisoformat(meta["published"]) if meta.get("published") else None)
        doc = run(nlp, record)
        out = [q.model_dump(mode="json") for q in quotes_of(doc)]
        for q in out:
            assert doc.text[q["start"]:q["end"]] == q["text"]
        r = score_article({"quotes": out}, gold)
        found += r["quotes_found"]
        total += r["quotes_gold"]
    return found / total


def test_seed_quote_recall():
    assert _recall(SEED) >= 0.9


@pytest.mark.skipif(not DEV.exists(), reason="no dev corpus")
def test_dev_quote_recall():
    assert _recall(DEV) >= 0.85
