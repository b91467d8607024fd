#!/usr/bin/env python3
"""Extract every report of a corpus folder into OUT/<id>.json, for tools/score.py.

    python scripts/run_corpus.py ../shared/corpus/dev OUT && \
    python ../shared/tools/score.py --dir OUT --gold-dir ../shared/corpus/dev

One process, one pipeline: much faster than one `marsad extract` per file.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from marsad.ingest import read_path
from marsad.pipeline import default_pipeline, run, to_output


def main(src: str, out: str) -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = default_pipeline()
    n, t0 = 0, time.perf_counter()
    for txt in sorted(Path(src).glob("*.txt")):
        for record in read_path(txt):
            if isinstance(record, Exception):
                print(f"error: {record}", file=sys.stderr)
                continue
            result = to_output(run(nlp, record)).to_json_dict()
            (out_dir / f"{record.id}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
            n += 1
    print(f"{n} reports in {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
