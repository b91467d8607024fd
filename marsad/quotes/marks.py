"""Pair quotation marks in raw text, tolerating the mess of web Arabic.

Arabic news uses «», “”, „“ and the ASCII " (rarely ' and ‘’). Which way a mark faces
is read from its surroundings before its glyph: a mark after a space and before a word
opens, one after a word and before a space or punctuation closes. Only when the context
is silent (spaces on both sides, or glued on both sides) does the glyph decide, and for
the ASCII " the parity of open marks does. This repairs the common slips: a » typed as
an opener glued to its word ("مؤتمر»مكافحة"), a doubled «« , ASCII quotes inside «»,
and a quote left open until the end of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FAMILY = {"«": "angle", "»": "angle", "“": "double", "”": "double", "„": "double", '"': "double",
           "‘": "single", "’": "single"}
_OPEN_GLYPHS = {"«", "“", "„", "‘"}
_CLOSE_GLYPHS = {"»", "”", "’"}
_OPEN_LEFT = set(" \t\n\r([{:،,;—–-ـ") | _OPEN_GLYPHS | {'"'}
_CLOSE_RIGHT = set(" \t\n\r.,،:;!?؟)]}—–-…") | _CLOSE_GLYPHS | {'"'}
_CLITICS = set("وفبلك")
QUOTE_CHARS = frozenset(_FAMILY)
_MARK_OR_BREAK = re.compile("[\n" + re.escape("".join(_FAMILY)) + "]")


@dataclass(frozen=True)
class MarkSpan:
    """A quoted stretch: `open` is the index of the opening mark, `close` of the closing
    one (None when the paragraph ended first). `inner` is what lies between them."""

    open: int
    close: int | None
    inner_start: int
    inner_end: int

    @property
    def closed(self) -> bool:
        return self.close is not None

    @property
    def end(self) -> int:
        """Index just past the span (past the closing mark when there is one)."""
        return self.close + 1 if self.close is not None else self.inner_end


def _side(text: str, k: int) -> str:
    """Return 'open', 'close' or '' from the characters around text[k]."""
    left = text[k - 1] if k > 0 else "\n"
    right = text[k + 1] if k + 1 < len(text) else "\n"
    # a lone clitic letter before the mark: و"على ..., ب"الخوذ ...
    lone_clitic = left in _CLITICS and (k < 2 or text[k - 2].isspace())
    left_open = left in _OPEN_LEFT or lone_clitic
    right_close = right in _CLOSE_RIGHT
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return ""


def pair_marks(text: str) -> list[MarkSpan]:
    """Return the quoted spans of `text`, outermost and nested, in order of opening."""
    spans: list[MarkSpan] = []
    stack: list[tuple[int, str]] = []  # (index, family)
    prev_mark: tuple[int, str] | None = None  # (index, role) of the mark just before, for «« and »»

    def flush(para_end: int) -> None:
        while stack:
            k, _ = stack.pop()
            end = para_end
            while end > k + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(MarkSpan(k, None, k + 1, end))

    for found in _MARK_OR_BREAK.finditer(text):  # nothing else in the text matters here
        k, ch = found.start(), found.group()
        if ch == "\n":
            flush(k)
            continue
        family = _FAMILY.get(ch)
        if family is None:
            continue
        side = _side(text, k)
        if not side:
            if ch in _OPEN_GLYPHS:
                side = "open"
            elif ch in _CLOSE_GLYPHS:
                side = "close"
            else:  # ASCII ": close the innermost open " if there is one
                side = "close" if any(f == family for _, f in stack) else "open"
        doubled = prev_mark is not None and prev_mark[0] == k - 1 and text[k - 1] == ch
        if side == "open":
            if doubled and prev_mark[1] == "open" and stack:
                stack[-1] = (k, family)  # «« is one opener; the quote starts after both
            else:
                stack.append((k, family))
            prev_mark = (k, "open")
            continue
        match = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][1] == family), None)
        if match is None:
            # a closer with nothing to close, glued to the word after it, opens instead
            right = text[k + 1] if k + 1 < len(text) else " "
            if not right.isspace() and right not in _CLOSE_RIGHT:
                stack.append((k, family))
                prev_mark = (k, "open")
            continue
        opened, _ = stack[match]
        del stack[match:]
        spans.append(MarkSpan(opened, k, opened + 1, k))
        prev_mark = (k, "close")
    flush(len(text))
    spans.sort(key=lambda s: s.open)
    return spans
