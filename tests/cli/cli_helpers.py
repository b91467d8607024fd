"""Helpers for the CLI tests: sample paths, stage checks, a fixed valid output.

`pending(...)` skips a real-pipeline test while a stage it needs is still a PLACEHOLDER
module, so the test starts running by itself the day the stage lands.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest

import marsad
from marsad.annotations import ArticleRecord
from marsad.pipeline import sha256_text
from marsad.schema import (
    Actor, ArticleMeta, ArticleOutput, Entity, Event, Evidence, Location, Place, Quote, Speaker,
)

SAMPLES = Path(marsad.__file__).parent / "data" / "samples"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"

STAGE_MODULES = {
    "geo": "marsad.geo.component",
    "time": "marsad.time.component",
    "events": "marsad.events.extract",
    "actors": "marsad.events.actors",
    "quotes": "marsad.quotes.extract",
    "nlp": "marsad.nlp.entities",
}


def pending(*stages: str) -> pytest.MarkDecorator:
    """Skip a test while any of the named stages is still a PLACEHOLDER module."""
    waiting = [s for s in stages if (importlib.import_module(STAGE_MODULES[s]).__doc__ or "").startswith("PLACEHOLDER")]
    return pytest.mark.skipif(bool(waiting), reason=f"needs the {', '.join(waiting)} stage(s), still placeholders")


def place_event(record: ArticleRecord, name_ar: str, admin1: str) -> Event:
    """Return an event at `name_ar` dated on the record's publication day."""
    start = max(record.text.find(name_ar), 0)
    return Event(
        id="e1", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        event_date=record.published or dt.date(2024, 1, 1), time_precision=1,
        actor1=Actor(name_en="Military Forces of Syria", name_ar="قوات النظام", inter=1, side="government"),
        location=Location(name_ar=name_ar, name_en="Somewhere", text=name_ar, country="Syria", admin1=admin1,
                          geo_precision=1),
        fatalities=1, evidence=[Evidence(start=start, end=start + len(name_ar), text=name_ar)],
        notes="made by the test double", confidence=0.75)


def fixed_output(record: ArticleRecord, with_event: bool = True) -> ArticleOutput:
    """Return a small valid output for `record`, with one event at its first Arabic town when asked."""
    meta = ArticleMeta(id=record.id, source=record.source, published=record.published, title=record.title,
                       url=record.url, language=record.language or "ar", sha256=sha256_text(record.text))
    events = [place_event(record, "كفر زيتا", "Hama")] if with_event else []
    return ArticleOutput(
        article=meta, events=events,
        entities=[Entity(text="الدفاع المدني", label="ORG", start=0, end=13)],
        places=[Place(text="كفر زيتا", start=0, end=8, name_en="Kafr Zita", admin1="Hama")],
        quotes=[Quote(speaker=Speaker(text="مسعف محلي"), text="نقلنا المصابين إلى نقطة طبية", start=0, end=10,
                      direct=True, cue="قال")],
    )
