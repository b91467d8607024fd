"""Helpers for the engine tests: a small real corpus, and a store read back as plain sets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from marsad.store import db_url

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "corpus" / "dev"
# Enough articles for several batches, few enough for a quick test.
CORPUS_SIZE = 12


def copy_corpus(target: Path, size: int = CORPUS_SIZE) -> Path:
    """Copy the first `size` dev reports (text and sidecar) into `target`; skip when ../shared is absent."""
    texts = sorted(DEV.glob("*.txt"))[:size]
    if not texts:
        pytest.skip(f"no dev corpus at {DEV}")
    target.mkdir(parents=True, exist_ok=True)
    for txt in texts:
        shutil.copy(txt, target / txt.name)
        meta = txt.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, target / meta.name)
    return target


def snapshot(db: str) -> dict[str, object]:
    """Return a store's articles, events and row counts, in a form two stores can be compared by."""
    engine = create_engine(db_url(db))
    try:
        with engine.connect() as con:
            shas = [r[0] for r in con.execute(text("SELECT sha256 FROM articles ORDER BY sha256"))]
            events = sorted((r[0], r[1]) for r in con.execute(text(
                "SELECT a.sha256, e.event_json FROM events e JOIN articles a ON a.pk = e.article_pk")))
            counts = {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                      for t in ("articles", "events", "quotes", "entities", "places")}
            # every article has exactly the events its stored output lists: no half-written article
            outputs = {r[0]: r[1] for r in con.execute(text("SELECT sha256, output_json FROM articles"))}
    finally:
        engine.dispose()
    return {"articles": shas, "events": events, "counts": counts, "outputs": outputs}
