"""Measure place recall of the geo stage on gold-annotated reports.

For every gold event whose place has a `name_ar`, a hit is a PlaceMention whose text
contains that name (folded) and whose located record has the gold admin1 (or, when the
gold gives only a country, that country). Prints recall, timing and the misses.

    .venv/bin/python scripts/eval_places.py ../shared/corpus/dev ../shared/corpus/dev2024 [-v] [--forms]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from marsad.annotations import ArticleRecord
from marsad.geo.gazetteer import cache_path, load_or_build
from marsad.pipeline import build_pipeline, make_doc
from marsad.text.normalize import fold


def _located_ok(m, gold: dict) -> bool:
    loc = m.located
    if loc is None:
        return False
    if gold.get("admin1"):
        return loc.admin1 == gold["admin1"]
    if gold.get("country"):
        return loc.country == gold["country"]
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", help="folders of ID.txt + ID.gold.json")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss with the mentions found")
    ap.add_argument("--forms", action="store_true", help="print the most frequent resolved surface forms")
    args = ap.parse_args()

    t0 = time.perf_counter()
    load_or_build()
    t_gaz = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = build_pipeline(["marsad_sentences", "marsad_places"])
    t_nlp = time.perf_counter() - t0

    total = hit = text_only = 0
    per_doc: list[float] = []
    classes: Counter = Counter()
    forms: Counter = Counter()
    for folder in args.dirs:
        for gold_path in sorted(Path(folder).glob("*.gold.json")):
            text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            if not text_path.exists():
                continue
            text = text_path.read_text(encoding="utf-8")
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            t0 = time.perf_counter()
            doc = make_doc(nlp, ArticleRecord(id=gold_path.stem, text=text))
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            per_doc.append(time.perf_counter() - t0)
            mentions = doc._.places or []
            for m in mentions:
                forms[(m.text, m.entry.name_en if m.entry else None, m.located.admin1 if m.located else None)] += 1
            for ev in gold.get("events", []):
                place = ev.get("place") or {}
                name = place.get("name_ar")
                if not name:
                    continue
                total += 1
                key = fold(name)
                found = [m for m in mentions if key in fold(m.text)]
                good = [m for m in found if _located_ok(m, place)]
                if good:
                    hit += 1
                    continue
                if found:
                    text_only += 1
                    kind = "found, unlocated" if all(m.located is None for m in found) else "found, wrong admin1"
                else:
                    kind = "name in text, no mention" if key in fold(text) else "name not in text"
                classes[kind] += 1
                if args.verbose:
                    got = [(m.text, m.located.admin1 if m.located else None) for m in found]
                    print(f"MISS {gold_path.stem} {name} ({place.get('admin1') or place.get('country')}): {kind} {got}")

    n = len(per_doc)
    print(f"gazetteer load: {t_gaz:.3f}s (cache {cache_path()})  pipeline build: {t_nlp:.2f}s")
    print(f"articles: {n}  mean {1000 * sum(per_doc) / max(n, 1):.1f} ms/article  max {1000 * max(per_doc or [0]):.1f} ms")
    print(f"place recall: {hit}/{total} = {hit / max(total, 1):.3f}")
    for kind, count in classes.most_common():
        print(f"  {kind}: {count}")
    if args.forms:
        for (text, name, admin1), count in forms.most_common(150):
            print(f"{count:4d}  {text}  -> {name} / {admin1}")


if __name__ == "__main__":
    main()
