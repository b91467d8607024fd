"""Offset-preserving Arabic normalisation.

Matching needs a folded form of the text (no diacritics or tatweel, one alif, ي for ى,
ه for ة, ASCII digits), but every span marsad reports must point into the ORIGINAL
text. `normalize` therefore returns the folded string together with a map from each
folded character back to the original character it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

# Characters dropped entirely: harakat, tanween, shadda, sukun, dagger alif, tatweel,
# Quranic marks, and the invisible direction/joiner marks that web text carries.
_DROPPED = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_DROPPED |= {chr(c) for c in range(0x06D6, 0x06DD)} | {chr(c) for c in range(0x06DF, 0x06E9)}
_MARKS = frozenset(_DROPPED)
_DROPPED |= {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2066", "\u2067",
             "\u2068", "\u2069", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"}

# One-to-one foldings: hamza carriers, alif maqsura, ta marbuta, Persian/Urdu letters
# that Arabic web text borrows, Eastern Arabic and Persian digits, odd spaces.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۃ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})  # ٠١٢٣٤٥٦٧٨٩
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})  # ۰۱۲۳۴۵۶۷۸۹
_FOLD["٫"] = "."
_FOLD["٬"] = ","

_TABLE = {ord(k): v for k, v in _FOLD.items()} | {ord(k): None for k in _DROPPED}


@dataclass(frozen=True)
class NormalizedText:
    """A folded string and, for each of its characters, the index in the original text."""

    original: str
    text: str
    origin: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original-text span covering folded characters [start, end)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside folded text of length {len(self.text)}")
        if start == end:
            o = self.origin[start]
            return o, o
        stop = self.origin[end - 1] + 1
        # harakat and tatweel written on the last letter belong to the span
        while stop < len(self.original) and self.original[stop] in _MARKS:
            stop += 1
        return self.origin[start], stop


def fold_char(ch: str) -> str:
    """Return the folded form of one character ('' when it is dropped)."""
    out = _TABLE.get(ord(ch), ch)
    return "" if out is None else out


def fold(text: str) -> str:
    """Return the folded matching key of `text` (no offsets kept)."""
    return text.translate(_TABLE)


def normalize(text: str) -> NormalizedText:
    """Fold `text` and keep a map from folded characters back to the original."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        for f in folded:
            out.append(f)
            origin.append(i)
    origin.append(len(text))
    return NormalizedText(original=text, text="".join(out), origin=tuple(origin))


def strip_article(key: str) -> str:
    """Return a folded word without its definite article ال, when what remains is a word."""
    if key.startswith("ال") and len(key) > 3:
        return key[2:]
    return key
