"""A rough Arabic -> Latin romanisation for names the gazetteer does not know.

Good enough for an English reader to recognise and search a name ("كفر ألطون" ->
"Kafr Altun"); not a scholarly transliteration. Vowels that Arabic does not write
cannot be recovered, so short vowels are guessed only between consonants as "a".
"""

from __future__ import annotations

from .normalize import fold

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ء": "'", "ة": "a", "پ": "p", "گ": "g", "چ": "ch", "ڤ": "v",
}
_VOWELISH = {"a", "w", "y"}


def romanize_word(word: str) -> str:
    """Romanise one Arabic word."""
    raw = word.replace("ة", "ه\u0000")
    key = fold(raw).replace("\u0000", "")
    if word.endswith("ة"):
        key = key[:-1] + "ة"
    if word.startswith("ال") and len(key) > 3:  # the article, not a hamzated alif (ألطون)
        return "al-" + romanize_word(word[2:])
    out: list[str] = []
    for i, ch in enumerate(key):
        lat = _LETTERS.get(ch, ch)
        if ch == "و" and 0 < i:
            lat = "u"
        if ch == "ي" and 0 < i:
            lat = "i"
        if ch == "ا" and i == 0:
            lat = "a"
        if ch == "ة" and out and out[-1].endswith("a"):
            lat = "h"
        if out and out[-1][-1:] not in "aeiou'" and lat[:1] not in "aeiou'" and (i < len(key) - 1 or len(key) == 2) and len(out) == 1:
            out.append("a")
        out.append(lat)
    text = "".join(out).replace("''", "'")
    return text[:1].upper() + text[1:]


def romanize(name: str) -> str:
    """Romanise a multi-word Arabic name ("تل الشيحة" -> "Tal al-Shiha")."""
    if not any("\u0600" <= c <= "\u06ff" for c in name):
        return name
    return " ".join(romanize_word(w) for w in name.split())
