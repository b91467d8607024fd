"""`make bench`: articles/s per core of marsad's full pipeline, memory per worker, 1 vs 2 workers,
and the ratio against a BERT-base token classifier (CAMeLBERT's shape) on the same texts.

    python scripts/bench.py --articles 2000 --bert-sample 100

Real reports from ../shared/corpus (seed, dev, dev2024), repeated to --articles. Each
worker is a process that loads the pipeline once and runs `marsad.engine.process_batch`
(the function both ingest engines run) on its share; nothing is stored, so the figures
are the pipeline's own. Beside wall-clock articles/s it reports articles per CPU-second
of the workers (time.process_time), which other jobs on a shared machine disturb less. Peak memory per worker is the process's peak RSS
(resource.getrusage). The BERT baseline (scripts/bench_ner.py's, one thread) runs on
the first --bert-sample of the same articles, cut into 128-word sequences, and its
articles/s is compared with marsad's one-worker figure. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEQUENCE_WORDS = 128


def load_articles(n: int) -> list:
    from marsad.ingest import read_path

    found = [r for sub in ("seed", "dev", "dev2024") if (CORPUS / sub).is_dir()
             for r in read_path(CORPUS / sub) if not isinstance(r, Exception)]
    if not found:
        sys.exit(f"bench: no reports under {CORPUS}")
    return [found[i % len(found)] for i in range(n)]


def _init(threads: int) -> None:
    os.environ["OMP_NUM_THREADS"] = str(threads)
    from marsad.pipeline import default_pipeline

    default_pipeline()


def _work(records: list) -> tuple[int, int, int, float]:
    from marsad.engine import process_batch

    cpu = time.process_time()
    outcomes = process_batch(records)
    cpu = time.process_time() - cpu
    events = sum(len(json.loads(o.output_json)["events"]) for o in outcomes if o.output_json)
    errors = sum(1 for o in outcomes if o.error)
    return events, errors, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, cpu


def run_workers(records: list, workers: int, batch: int = 16, entities: str = "model") -> dict:
    """Run the pipeline over `records` on `workers` processes; return time and memory figures.

    `entities` is the entity mode the workers build their pipeline with ($MARSAD_ENTITIES:
    "model", or "rules" for bulk runs without the trained model).
    """
    chunks = [records[i:i + batch] for i in range(0, len(records), batch)]
    os.environ["MARSAD_ENTITIES"] = entities  # spawned workers inherit it
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(1,)) as pool:
        pool.map(_work, [records[:1]] * workers)  # pipelines loaded and warm before the clock starts
        start = time.perf_counter()
        results = pool.map(_work, chunks, chunksize=1)
        seconds = time.perf_counter() - start
    cpu = sum(r[3] for r in results)
    return {"entities": entities, "workers": workers, "articles": len(records), "seconds": round(seconds, 2),
            "articles_per_s": round(len(records) / seconds, 2),
            "articles_per_s_per_core": round(len(records) / seconds / workers, 2),
            # the pipeline's own CPU time: steadier than wall time on a machine other jobs share
            "articles_per_cpu_s": round(len(records) / cpu, 2) if cpu else None,
            "events": sum(r[0] for r in results), "errors": sum(r[1] for r in results),
            "peak_rss_per_worker_mib": round(max(r[2] for r in results) / 2**20, 1)}


def bert_baseline(records: list) -> dict | None:
    """Return BERT-base's articles/s (one thread) on `records`, via scripts/bench_ner.py; None without torch."""
    spec = importlib.util.spec_from_file_location("bench_ner", ROOT / "scripts" / "bench_ner.py")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        import torch

        torch.set_num_threads(1)
    except ImportError as err:
        print(f"bench: no BERT baseline ({err}); pip install -e '.[bench]'", file=sys.stderr)
        return None
    sequences = [words[i:i + SEQUENCE_WORDS] for r in records for words in [r.text.split()]
                 for i in range(0, len(words), SEQUENCE_WORDS)]
    result = module.bench_bert(sequences, sequences)
    return {"articles": len(records), "seconds": result["seconds"],
            "articles_per_s": round(len(records) / result["seconds"], 3), "words_per_s": result["tokens_per_s"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bert-sample", type=int, default=100, help="articles the BERT baseline runs on (0: none)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--entities", nargs="+", choices=["model", "rules"], default=["model", "rules"],
                        help="entity modes to measure (rules: no trained model, for bulk runs)")
    args = parser.parse_args()
    records = load_articles(args.articles)
    words = sum(len(r.text.split()) for r in records)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {len(records)} articles, {words / len(records):.0f} words each on average")
    runs = [run_workers(records, n, entities=mode) for mode in args.entities for n in args.workers]
    for r in runs:
        print(f"marsad, entities={r['entities']}, {r['workers']} worker(s): {r['articles_per_s']} articles/s, "
              f"{r['articles_per_s_per_core']} articles/s per core ({r['articles_per_cpu_s']} per CPU-second), "
              f"peak {r['peak_rss_per_worker_mib']} MiB per worker, {r['events']} events, {r['errors']} errors "
              f"({r['seconds']} s)")
    for mode in args.entities:
        same = [r for r in runs if r["entities"] == mode]
        if len(same) > 1:
            print(f"scaling, entities={mode}, {same[0]['workers']} -> {same[-1]['workers']} workers: "
                  f"{same[-1]['articles_per_s'] / same[0]['articles_per_s']:.2f}x")
    if args.bert_sample:
        bert = bert_baseline(records[:args.bert_sample])
        if bert:
            ratio = runs[0]["articles_per_s_per_core"] / bert["articles_per_s"]
            print(f"BERT-base token classifier, 1 thread, {bert['articles']} of the same articles: "
                  f"{bert['articles_per_s']} articles/s; marsad is {ratio:.1f}x faster per core")
    print(json.dumps({"marsad": runs, "bert": bert if args.bert_sample else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
