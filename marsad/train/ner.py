"""Train marsad's NER: build the data, train a configuration, score it, ship it.

    marsad train ner --datasets ../shared/datasets --config hints --output build/ner

runs `data.build` (DocBins of marsad tokens), spaCy's training loop on ner.cfg with the
configuration's overrides (bounded by max_steps, so a run ends in a known time on two
cores), then scores the best model on the ANERcorp test part (CAMeL Lab recipe) at the
level of ANERcorp's own words. `--install` copies the model into marsad/nlp/model/ner,
the one marsad loads.

Configurations (`CONFIGS`) differ in what the tok2vec sees:
  base    hashed Arabic features (norm, bare, prefix, suffixes, shape), no lexicons
  hints   the same plus the lexicon hints (gazetteer, actor catalogue, entity cues)
The data recipe is shared: ANERcorp train + NewsFANE (held-out text removed) + the Wojood
sample + one ANERGazet mention-replacement copy of ANERcorp train (`data.build`). The
shipped model is `hints` with these defaults (MODEL_CARD.md lists the runs compared).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from ..nlp import features as _features  # noqa: F401  (registers layers, components)
from . import data as _data  # noqa: F401  (registers the corpus reader)
from .data import ANERCORP_TEST, build

CONFIG_PATH = Path(__file__).resolve().parent / "ner.cfg"
_BASE = ["norm", "bare", "pre2", "suf2", "suf3", "shape"]
_BASE_ROWS = [5000, 5000, 1000, 2500, 2500, 200]

CONFIGS: dict[str, dict[str, Any]] = {
    "base": {
        "nlp.pipeline": ["ner"],
        "training.annotating_components": [],
        "components.ner.model.tok2vec.embed.features": _BASE,
        "components.ner.model.tok2vec.embed.rows": _BASE_ROWS,
    },
    "hints": {
        "components.ner.model.tok2vec.embed.features": _BASE + ["gaz", "actor", "cue"],
        "components.ner.model.tok2vec.embed.rows": _BASE_ROWS + [50, 50, 50],
    },
}


def train(datasets: Path, output: Path, config: str = "hints", *, max_steps: int | None = None,
          newsfane: bool = True, wojood: bool = True, gazet_copies: int = 1,
          extra: dict[str, Any] | None = None, log=print) -> dict[str, Any]:
    """Train one configuration into output/model-best; return its scores (also in scores.json)."""
    from spacy.cli.train import train as spacy_train

    if config not in CONFIGS:
        raise ValueError(f"unknown configuration {config!r}; choose from {sorted(CONFIGS)}")
    output.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    report = build(datasets, output / "data", newsfane=newsfane, wojood=wojood, gazet_copies=gazet_copies)
    for line in report.lines():
        log(line)
    overrides: dict[str, Any] = {"paths.train": str(output / "data" / "train.spacy"),
                                 "paths.dev": str(output / "data" / "dev.spacy")}
    overrides.update(CONFIGS[config])
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    overrides.update(extra or {})
    t1 = time.time()
    spacy_train(CONFIG_PATH, output, overrides=overrides)
    t2 = time.time()
    result = evaluate_test(datasets, output / "model-best")
    result.update(config=config, newsfane=newsfane, wojood=wojood, gazet_copies=gazet_copies, overrides={k: v for k, v in overrides.items()
                                                                              if not k.startswith("paths.")},
                  seconds={"data": round(t1 - t0), "training": round(t2 - t1)},
                  data={"sentences": dict(report.sentences), "entities": dict(report.entities),
                        "newsfane_dropped_overlap": report.dropped_overlap,
                        "lost_entities": report.lost_entities})
    (output / "scores.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return result


def evaluate_test(datasets: Path, model_dir: Path) -> dict[str, Any]:
    """Score a trained model on the ANERcorp test part; return scores and tagging speed."""
    from ..nlp.ner import NerModel
    from ..nlp.tagging import evaluate_conll

    model = NerModel(model_dir)
    t = time.time()
    scores = evaluate_conll(datasets / ANERCORP_TEST, labels="anercorp", model=model)
    return {"anercorp_test": scores.as_dict(), "anercorp_test_table": scores.table(),
            "test_seconds": round(time.time() - t, 2)}


def install(model_dir: Path, target: Path | None = None) -> Path:
    """Copy a trained pipeline into marsad/nlp/model/ner (replacing the shipped one)."""
    from ..nlp.ner import MODEL_DIR

    target = target or MODEL_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model_dir, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    # The string store holds every word the training corpora contain; the model hashes its
    # features and needs none of them, and the corpora's vocabulary must not ship. Keep
    # the labels only.
    labels = sorted({label for names in meta.get("labels", {}).values() for label in names})
    (target / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    scores = model_dir.parent / "scores.json"
    meta.update(name="marsad_ner", version="1.0.0", license="see ../MODEL_CARD.md (research corpora)",
                description="marsad's Arabic NER (PER, ORG, LOC, FAC) over marsad's clitic-split tokens; "
                            "trained by `marsad train ner`.")
    if scores.exists():
        result = json.loads(scores.read_text(encoding="utf-8"))
        meta["marsad_training"] = {k: result[k] for k in ("config", "newsfane", "wojood", "gazet_copies",
                                                            "overrides", "anercorp_test") if k in result}
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return target
