"""Score toponym resolution against the hand-checked mentions in eval/toponyms/mentions.tsv.

Runs the place stage once per article and prints exact-id, within-10-km and admin1
accuracy per kind of place, the fate of places no gazetteer has, the error classes and
the time per mention (see marsad/geo/evaluate.py and eval/toponyms/README.md).

    .venv/bin/python scripts/eval_toponyms.py [-v] [--json] [--mentions FILE] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import sys

from marsad.geo.evaluate import DEFAULT_CORPUS, DEFAULT_MENTIONS, evaluate, format_report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", default=str(DEFAULT_MENTIONS), help="the gold TSV (default: %(default)s)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                    help="folder the TSV's doc paths are relative to (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list every error with its class")
    ap.add_argument("--json", action="store_true", help="print the numbers (and the error list) as JSON")
    args = ap.parse_args()
    report = evaluate(args.mentions, args.corpus)
    if args.json:
        out = report.summary()
        out["error_list"] = report.error_list()
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(format_report(report, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
