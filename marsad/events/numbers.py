"""Fatality counts from words and digits near death words ("مقتل 3 مدنيين", "عشرات القتلى").

ACLED codes the lowest credible number: vague quantities take conservative values
(several -> 3, dozens -> 12, hundreds -> 100), and a report of deaths without a number
gets none.
"""

from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Doc

from .. import _yaml
from ..text.lexicon import doc_norms


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    with resources.files("marsad.data").joinpath("numbers.yaml").open(encoding="utf-8") as fh:
        data = _yaml.safe_load(fh)
    from ..text.tokenizer import word_keys

    return {
        "numbers": {" ".join(word_keys(k)): v for k, v in data["numbers"].items()},
        "death": {" ".join(word_keys(w)) for w in data["death_words"]},
    }


def _value(norm: str) -> int | None:
    if norm.isdigit():
        return int(norm)
    if norm.replace(",", "").isdigit():
        return int(norm.replace(",", ""))
    words = _words()["numbers"]
    return words.get(norm) or words.get(norm.removeprefix("ال"))


def fatalities_near(doc: Doc, lo: int, hi: int) -> int | None:
    """Return the number of people reported killed in tokens [lo, hi), or None."""
    death = _words()["death"]
    total: int | None = None
    norms = doc_norms(doc)
    for i in range(*slice(lo, hi).indices(len(norms))):
        norm = norms[i]
        if norm not in death and norm.removeprefix("ال") not in death:
            continue
        # the count stands within three words on either side: "مقتل 3 مدنيين", "3 قتلى"
        best = None
        for j in list(range(i + 1, min(hi, i + 4))) + list(range(max(lo, i - 3), i)):
            v = _value(norms[j])
            if v is not None and v < 100000:
                best = v
                break
        if best is not None:
            total = max(total or 0, best)
    return total
