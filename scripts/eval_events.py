#!/usr/bin/env python3
"""Event scores per ACLED sub-event type on gold folders, with the project's scorer's matching.

    python scripts/eval_events.py ../shared/corpus/dev ../shared/corpus/dev2024

Recall counts required gold events by their first listed sub-event type; precision counts
predicted events by their own type (matched to any gold event, required or optional).
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from marsad.ingest import read_path
from marsad.pipeline import default_pipeline, run, to_output


def main(folders: list[str]) -> int:
    shared_tools = Path(folders[0]).resolve().parents[1] / "tools"
    sys.path.insert(0, str(shared_tools))
    import score  # the project's scorer

    nlp = default_pipeline()
    found, required = collections.Counter(), collections.Counter()
    correct, predicted = collections.Counter(), collections.Counter()
    for folder in map(Path, folders):
        for gold_path in sorted(folder.glob("*.gold.json")):
            doc_id = gold_path.name[: -len(".gold.json")]
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            record = next(r for r in read_path(folder / f"{doc_id}.txt") if not isinstance(r, Exception))
            events = to_output(run(nlp, record)).to_json_dict()["events"]
            req = [g for g in gold["events"] if g.get("required", True)]
            hit = score.match(req, events)
            for i, g in enumerate(req):
                required[g["sub_event_type"][0]] += 1
                found[g["sub_event_type"][0]] += i in hit
            ok = set(score.match(gold["events"], events).values())
            for j, e in enumerate(events):
                predicted[e["sub_event_type"]] += 1
                correct[e["sub_event_type"]] += j in ok
    print(f"{'sub-event type':40} {'recall':>14} {'precision':>14}")
    for sub in sorted(set(required) | set(predicted), key=lambda s: -(required[s] + predicted[s])):
        r = f"{found[sub]}/{required[sub]}" if required[sub] else "-"
        p = f"{correct[sub]}/{predicted[sub]}" if predicted[sub] else "-"
        print(f"{sub:40} {r:>14} {p:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["../shared/corpus/dev", "../shared/corpus/dev2024"]))
