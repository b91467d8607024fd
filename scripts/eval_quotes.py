#!/usr/bin/env python3
"""Quote recall of marsad's quotes stage on the gold corpora, scored as score.py does.

    .venv/bin/python scripts/eval_quotes.py [--full] [--verbose] [CORPUS_DIR ...]

Runs only marsad_sentences + marsad_quotes (or the full pipeline with --full) over each
*.txt with a *.gold.json beside it (default: ../shared/corpus/{seed,dev,dev2024}), and
prints quote recall per file, per corpus and overall, using score.py's own matching
(imported from ../shared/tools). --verbose lists the missed gold quotes and the quotes
found in their sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
sys.path.insert(0, str(ROOT))

from score import norm_ar, score_article  # noqa: E402

from marsad.annotations import ArticleRecord  # noqa: E402
from marsad.pipeline import build_pipeline, run  # noqa: E402
from marsad.quotes.extract import quotes_of  # noqa: E402


def load(txt: Path) -> ArticleRecord:
    meta_path = txt.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    published = meta.get("published")
    return ArticleRecord(id=meta.get("id", txt.stem), text=txt.read_text(encoding="utf-8"),
                         source=meta.get("source"), title=meta.get("title"),
                         published=dt.date.fromisoformat(published) if published else None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--full", action="store_true", help="run the whole pipeline, not only the quotes stage")
    ap.add_argument("--verbose", "-v", action="store_true", help="show missed gold quotes")
    a = ap.parse_args()
    dirs = a.dirs or [SHARED / "corpus" / d for d in ("seed", "dev", "dev2024")]
    nlp = build_pipeline() if a.full else build_pipeline(["marsad_sentences", "marsad_quotes"])
    grand = [0, 0, 0]
    for d in dirs:
        tot = [0, 0, 0]
        for gold_path in sorted(d.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if not gold.get("quotes"):
                continue
            txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
            doc = run(nlp, load(txt))
            quotes = [q.model_dump(mode="json") for q in quotes_of(doc)]
            for q in quotes:  # the offsets contract, checked on real text
                assert doc.text[q["start"]:q["end"]] == q["text"], q
            r = score_article({"quotes": quotes}, gold)
            tot[0] += r["quotes_found"]
            tot[1] += r["quotes_gold"]
            tot[2] += len(quotes)
            print(f"{d.name}/{txt.stem}: {r['quotes_found']}/{r['quotes_gold']} (predicted {len(quotes)})")
            if a.verbose:
                for g in gold["quotes"]:
                    if g["text_contains"] in r["quotes_missed"]:
                        hits = [q for q in quotes if norm_ar(g["text_contains"]) in norm_ar(q["text"])]
                        print(f"   MISSED {g['speaker_contains']} | {g['text_contains']}")
                        for q in hits:
                            print(f"      text ok, speaker={q['speaker']['text']!r}")
        rec = tot[0] / tot[1] if tot[1] else 0.0
        print(f"== {d.name}: quote recall {tot[0]}/{tot[1]} = {rec:.3f} ({tot[2]} predicted)")
        grand = [g + t for g, t in zip(grand, tot)]
    if len(dirs) > 1:
        print(f"== overall: quote recall {grand[0]}/{grand[1]} = {grand[0] / max(grand[1], 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
