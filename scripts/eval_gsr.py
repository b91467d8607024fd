#!/usr/bin/env python3
"""Sentence-level detection of ASSAULT and PROTEST events on OEDA's Arabic event gold.

    python scripts/eval_gsr.py ../shared/datasets/arabic_event_gsr

Each sentence of assault_gsr.csv / protest_gsr.csv is labelled yes / easy no /
difficult no / ambiguous by human coders. marsad "detects" a sentence when it codes an
event mention of the matching PLOVER class in it (marsad.events.extract.event_mentions:
modality, roles and sub-type applied; no place or date needed, since single sentences
rarely carry them; the date check still drops history and the future). Ambiguous
sentences are left out. Prints precision, recall and F1.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from pathlib import Path

from marsad.annotations import ArticleRecord
from marsad.events.extract import event_mentions
from marsad.events.taxonomy import plover_of
from marsad.events.timing import time_for
from marsad.pipeline import default_pipeline, run

# PLOVER ASSAULT is one-sided violence; PROTEST covers demonstrations and riots.
CLASSES = {"ASSAULT": {"ASSAULT"}, "PROTEST": {"PROTEST"}}


def published_of(sentence_id: str) -> dt.date | None:
    m = re.search(r"_(\d{8})\.", sentence_id)
    return dt.datetime.strptime(m.group(1), "%Y%m%d").date() if m else None


def evaluate(path: Path, event_type: str) -> dict[str, float]:
    nlp = default_pipeline()
    tp = fp = fn = tn = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            label = row["label"].strip()
            if label == "ambiguous":
                continue
            gold = label == "yes"
            record = ArticleRecord(id=row["id"], text=row["text"], published=published_of(row["id"]))
            doc = run(nlp, record)
            found = any(plover_of(m.sub_event_type) in CLASSES[event_type] and time_for(doc, m.trigger.start)
                        for m in event_mentions(doc))
            tp += found and gold
            fp += found and not gold
            fn += gold and not found
            tn += not found and not gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"sentences": tp + fp + fn + tn, "gold_yes": tp + fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def main(folder: str) -> int:
    base = Path(folder)
    for event_type, name in (("ASSAULT", "assault_gsr.csv"), ("PROTEST", "protest_gsr.csv")):
        print(event_type, evaluate(base / name, event_type))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/arabic_event_gsr"))
