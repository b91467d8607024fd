"""Tell which language an article is written in, so only Arabic ones meet the Arabic pipeline.

News archives and feeds mix languages: an outlet's English edition, a French wire story,
a Kurdish page in Latin script. Such articles are stored (with their language) but not
run through marsad's Arabic stages, where they could only yield noise. Script decides
first (Arabic letters share, as the readers' checks count it); within Latin script a
count of function words (marsad/data/language_stopwords.yaml) names the language.
Unknown languages get a BCP 47 "und-<Script>" tag, so the store still says what it saw.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .. import _yaml
from ._checks import MIN_ARABIC_SHARE, arabic_share

STOPWORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "language_stopwords.yaml"
# At least this many function words of one language before a Latin text is named after it.
MIN_STOPWORD_HITS = 3
# How much of a long text the word count looks at: the opening says enough.
SAMPLE_CHARS = 20_000
_WORD_RE = re.compile(r"[^\W\d_]+")
_SCRIPT_TAGS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "HEBREW": "Hebr", "GREEK": "Grek", "CJK": "Hani",
                "DEVANAGARI": "Deva", "HANGUL": "Hang", "HIRAGANA": "Jpan", "KATAKANA": "Jpan"}


@functools.lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = _yaml.safe_load(STOPWORDS_FILE.read_text(encoding="utf-8"))
    return {lang: frozenset(str(w).casefold() for w in words) for lang, words in data.items()}


def detect_language(text: str) -> str:
    """Return "ar" for an Arabic text, else an ISO 639-1 code or "und-<Script>" (BCP 47).

    Never raises; an empty or letterless text is "und".
    """
    sample = text[:SAMPLE_CHARS]
    share, letters, scripts = arabic_share(sample)
    if letters == 0:
        return "und"
    if share >= MIN_ARABIC_SHARE:
        return "ar"
    script = max(((s, n) for s, n in scripts.items() if s != "ARABIC"), key=lambda sn: sn[1])[0]
    if script == "LATIN":
        words = [w.casefold() for w in _WORD_RE.findall(sample)]
        hits = {lang: sum(1 for w in words if w in stop) for lang, stop in _stopwords().items()}
        lang, best = max(hits.items(), key=lambda kv: kv[1])
        if best >= MIN_STOPWORD_HITS:
            return lang
    return f"und-{_SCRIPT_TAGS.get(script, script.title()[:4])}"
