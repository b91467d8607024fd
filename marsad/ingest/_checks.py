"""Turn raw bytes into article text, or say exactly why they cannot be one.

Every check here raises `InputError` with a reason a user can act on: which byte is not
UTF-8 and what encoding it probably is, what script a non-Arabic file is written in.
The readers call these checks per file (.txt) or per record (.json, .jsonl), so one bad
input never stops the others.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

from .._exceptions import InputError

BOM = "\ufeff"
# Below this share of Arabic letters among all letters a text is not an Arabic report.
# News in Arabic quotes Latin names, acronyms and URLs, but never approaches half.
MIN_ARABIC_SHARE = 0.5
# How much of a file the binary sniff looks at, and the share of control bytes that
# makes it binary. Text never carries NUL; other C0 controls are rare in real text.
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x0B, 0x1B}

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Links and e-mail addresses are Latin whatever the language of the report around them.
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+", re.IGNORECASE)


def sniff_binary(head: bytes) -> str | None:
    """Return why `head` (the first bytes of a file) looks binary, or None if it looks like text."""
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    if not head:
        return None
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS or b == 0x7F)
    if controls / len(head) > MAX_CONTROL_SHARE:
        return f"binary file ({controls} control bytes in the first {len(head)}), not text"
    return None


def decode_utf8(data: bytes, path: str, record: str | int | None = None) -> str:
    """Return `data` decoded as UTF-8, without a BOM and with CRLF/CR line ends made LF.

    Line ends are made LF as Python's text mode does, so offsets match what
    `Path.read_text()` gives for the same file (gold files are written against that).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, _utf8_reason(data, err), record) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf8_reason(data: bytes, err: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, err.start) + 1
    reason = f"not valid UTF-8: byte 0x{data[err.start]:02X} at byte offset {err.start} (line {line})"
    # Arabic sites that are not UTF-8 are almost always Windows-1256; say so when it fits.
    try:
        legacy = data.decode("cp1256")
    except UnicodeDecodeError:
        return reason
    if arabic_share(legacy)[0] >= MIN_ARABIC_SHARE:
        reason += "; it reads as Windows-1256 Arabic: convert it with `iconv -f WINDOWS-1256 -t UTF-8`"
    return reason


def is_arabic_letter(ch: str) -> bool:
    """Return True for a letter of the Arabic script (any of its Unicode blocks)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def arabic_share(text: str) -> tuple[float, int, Counter[str]]:
    """Return (share of Arabic letters among letters, number of letters, letters per script).

    Links and e-mail addresses are left out of the count.
    """
    scripts: Counter[str] = Counter()
    for ch in _LINK_RE.sub(" ", text):
        if not ch.isalpha():
            continue
        if is_arabic_letter(ch):
            scripts["ARABIC"] += 1
        else:
            name = unicodedata.name(ch, "UNKNOWN")
            scripts[name.split(" ")[0]] += 1
    letters = sum(scripts.values())
    return (scripts["ARABIC"] / letters if letters else 0.0), letters, scripts


def check_article_text(text: str, path: str, record: str | int | None = None) -> str:
    """Return `text` if it can be an Arabic article; raise InputError saying why not."""
    if not text.strip():
        raise InputError(path, "empty text" if text == "" else "text is only whitespace", record)
    share, letters, scripts = arabic_share(text)
    if letters == 0:
        raise InputError(path, "no letters at all (only digits, punctuation or symbols)", record)
    if share < MIN_ARABIC_SHARE:
        main, _ = max(((s, n) for s, n in scripts.items() if s != "ARABIC"), key=lambda sn: sn[1])
        raise InputError(
            path,
            f"not Arabic: only {share:.0%} of its {letters} letters are Arabic (mostly {main.title()}); "
            f"marsad reads Arabic news",
            record,
        )
    return text


def parse_published(value: object, path: str, record: str | int | None = None) -> dt.date | None:
    """Return the publication date of a metadata value: YYYY-MM-DD or an ISO 8601 timestamp.

    Feeds often give a full timestamp ("2024-12-05T09:30:00Z"); its calendar date is
    what relative dates ("yesterday") resolve against. Empty or null means unknown.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(path, f"published {value!r} is not a date: use YYYY-MM-DD", record)
    text = value.strip()
    try:
        if _DATE_RE.match(text):
            return dt.date.fromisoformat(text)
        if len(text) > 10 and _DATE_RE.match(text[:10]) and text[10] in "T ":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    raise InputError(path, f"published {value!r} is not a date: use YYYY-MM-DD", record)
