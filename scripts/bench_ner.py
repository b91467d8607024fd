#!/usr/bin/env python3
"""Tokens per second: marsad's NER vs a BERT-base token classifier, same sentences.

    python scripts/bench_ner.py [--conll ../shared/datasets/anercorp/ANERcorp_camel_recipe_test.txt]
                                [--threads 1] [--limit N] [--json out.json]

Both run in this one process, on the same sentences (the ANERcorp test part by default),
with the same number of threads (torch.set_num_threads and the BLAS/OpenMP variables set
before numpy loads). Tokens are the corpus's own words, so the two rates compare.

  marsad   text -> marsad's clitic tokenizer -> the shipped NER (hints, CNN, transition
           NER) -> tags on the corpus's words; the whole path is timed.
  BERT     BertForTokenClassification with CAMeLBERT's shape (12 layers, hidden 768,
           12 heads, feed-forward 3072, vocabulary 30,000, 9 labels), random weights (the
           speed does not depend on them), in inference mode; its WordPiece tokenizer is
           trained here (no download) with a 30,000 vocabulary on the matching _train
           file when there is one, and its time counts too. Batches of 32 sentences of
           similar length, padded; sentences longer than 512 pieces are cut, as a BERT
           tagger must. A real CAMeLBERT vocabulary splits news words into more pieces
           than this one, so the BERT figure here is, if anything, flattering.

Needs the optional extra `bench` (torch, transformers): pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

DEFAULT_CONLL = Path(__file__).resolve().parent.parent.parent / "shared/datasets/anercorp/ANERcorp_camel_recipe_test.txt"


def _set_threads(n: int) -> None:
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = str(n)


def bench_marsad(sentences: list[list[str]]) -> dict:
    from marsad.nlp.ner import shared_model
    from marsad.nlp.tagging import pipeline_tokenizer, tag_sentences

    make_doc = pipeline_tokenizer()
    model = shared_model()
    list(tag_sentences(sentences[:20], model, make_doc))  # warm-up
    start = time.perf_counter()
    n = sum(len(t) for t in tag_sentences(sentences, model, make_doc))
    seconds = time.perf_counter() - start
    return {"tokens": n, "seconds": round(seconds, 3), "tokens_per_s": round(n / seconds, 1)}


def bench_bert(sentences: list[list[str]], vocab_text: list[list[str]], batch_size: int = 32) -> dict:
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import BertConfig, BertForTokenClassification

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(vocab_size=30000, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"])
    tok.train_from_iterator((" ".join(s) for s in vocab_text), trainer)
    config = BertConfig(vocab_size=30000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                        intermediate_size=3072, max_position_embeddings=512, num_labels=9)
    torch.manual_seed(0)
    model = BertForTokenClassification(config).eval()
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")

    def run(batch: list[list[str]]) -> int:
        encs = tok.encode_batch(batch, is_pretokenized=True)
        ids = [[cls] + e.ids[:510] + [sep] for e in encs]
        width = max(len(i) for i in ids)
        input_ids = torch.zeros((len(ids), width), dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.long)
        for r, row in enumerate(ids):
            input_ids[r, :len(row)] = torch.tensor(row)
            mask[r, :len(row)] = 1
        with torch.inference_mode():
            logits = model(input_ids=input_ids, attention_mask=mask).logits
        # one label per word: the prediction at each word's first piece (+1 for [CLS])
        preds = logits.argmax(-1).tolist()
        for r, e in enumerate(encs):
            first = {w: i for i, w in reversed(list(enumerate(e.word_ids[:510]))) if w is not None}
            _ = [preds[r][first[w] + 1] if w in first else 0 for w in range(len(batch[r]))]
        return sum(len(s) for s in batch)

    run(sentences[:4])  # warm-up
    pieces = sum(len(e.ids) for e in tok.encode_batch(sentences, is_pretokenized=True))
    # batches of similar length pad least: the kindest order for BERT
    ordered = sorted(sentences, key=len)
    start = time.perf_counter()
    n = 0
    for i in range(0, len(ordered), batch_size):
        n += run(ordered[i:i + batch_size])
    seconds = time.perf_counter() - start
    return {"tokens": n, "pieces": pieces, "seconds": round(seconds, 3), "tokens_per_s": round(n / seconds, 1),
            "threads": torch.get_num_threads()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conll", type=Path, default=DEFAULT_CONLL, help="CoNLL file whose sentences are tagged")
    ap.add_argument("--threads", type=int, default=1, help="threads for both systems (default 1)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N sentences")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    _set_threads(args.threads)
    try:
        import torch
    except ImportError:
        print("bench_ner: torch and transformers are needed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    from marsad.nlp.conll import read_conll

    sentences = [s.words for s in read_conll(args.conll, labels=None)][: args.limit]
    ours = bench_marsad(sentences)
    print(f"marsad NER: {ours['tokens']} tokens in {ours['seconds']} s = {ours['tokens_per_s']} tokens/s", flush=True)
    train_file = args.conll.with_name(args.conll.name.replace("_test", "_train"))
    vocab_text = [s.words for s in read_conll(train_file, labels=None)] if train_file.exists() \
        and train_file != args.conll else sentences
    bert = bench_bert(sentences, vocab_text)
    print(f"BERT-base:  {bert['tokens']} tokens ({bert['pieces']} pieces) in {bert['seconds']} s = "
          f"{bert['tokens_per_s']} tokens/s", flush=True)
    ratio = ours["tokens_per_s"] / bert["tokens_per_s"]
    print(f"speed-up: {ratio:.1f}x with {args.threads} thread(s), {len(sentences)} sentences")
    if args.json:
        args.json.write_text(json.dumps({"marsad": ours, "bert": bert, "ratio": round(ratio, 2),
                                         "threads": args.threads, "sentences": len(sentences)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
