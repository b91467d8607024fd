"""Find date expressions in a tokenised Doc and record what each one states.

The recogniser reads token NORMs (folded: no hamza on alif, ي for ى, ه for ة, ASCII
digits) left to right and, at each token, takes the longest expression that starts
there. It does not compute dates: an `Expr` says what the text states ("the 27th of
November, no year", "last Friday", "three days ago"), and `marsad.time.resolve` turns it
into calendar dates against the publication date. Keeping the two apart lets the same
expression be resolved again once a missing publication date has been inferred.

Words that are also ordinary words need a cue to count: الاثنين ("the two") and الأحد
("anyone") need يوم/أمس/a part of the day before them or الماضي/المقبل/a date after
them; مارس ("he practised") and آب ("father") need a day number, شهر, في/منذ... before
them or a year or marker after them (see time_words.yaml).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from .lexicon import TimeLexicon
from .reader import DATE_OPENERS, JOINERS, NUMERIC_SEPS, OF, OFFSETS, Expr, is_int
from .spans import SpanForms

__all__ = ["Expr", "find_expressions"]


class _Reader(SpanForms):
    """The day-level recognisers and the driver that picks the longest expression."""

    def explicit_date_after(self, i: int) -> Expr | None:
        """A date right after a day name: "الخميس 5 ديسمبر", "الخميس (5 ديسمبر)"."""
        j = i + 1 if self.at(i) in DATE_OPENERS else i
        e = self.date(j) or self.numeric(j)
        if e is None:
            return None
        if self.at(i) == "(" and self.at(e.end) == ")":
            e.end += 1
        return e

    def relday(self, i: int) -> Expr | None:
        m = self.lex.relative_days.match(self.w, i)
        if m is None:
            return None
        j, offset = m
        ana = self.lex.anaphoric.match(self.w, j)
        if ana is not None:
            return Expr(i, ana[0], "anaphoric", offset=ana[1])
        if self.at(j) in self.lex.not_today:
            return None
        paren = self.at(j) == "("  # "اليوم (الاثنين)"
        wd = self.lex.weekdays.match(self.w, j + 1 if paren else j)
        if wd is not None and (not paren or self.at(wd[0]) == ")"):
            end = wd[0] + (1 if paren else 0)
            date = self.explicit_date_after(end)
            if date is not None:
                date.start = i
                return date
            return Expr(i, end, "relday", offset=offset, weekdays=(wd[1],))
        return Expr(i, j, "relday", offset=offset)

    def _weekday_after(self, k: int, prev: int) -> tuple[int, int, int, int] | None:
        """(name start, name end, end, weekday) of a day name continuing a list at `k`:
        "السبت والأحد", "ليل الخميس - الجمعة", "ليل الأحد (الاثنين)", "ليل الأحد الاثنين"."""
        sep = self.at(k)
        if sep in JOINERS or sep == "(":
            nxt = self.lex.weekdays.match(self.w, k + 1)
            if nxt is not None:
                end = nxt[0] + (1 if sep == "(" and self.at(nxt[0]) == ")" else 0)
                return k + 1, nxt[0], end, nxt[1]
        nxt = self.lex.weekdays.match(self.w, k)
        if nxt is not None and nxt[1] == (prev + 1) % 7:
            return k, nxt[0], nxt[0], nxt[1]
        return None

    def weekday(self, i: int, cued: bool = False) -> Expr | None:
        lex = self.lex
        cue = cued or self.at(i - 1) == "(" or lex.since.match(self.w, i - 1) is not None
        j = i
        if self.at(j) in lex.day_nouns:
            j, cue = j + 1, True
        m = lex.weekdays.match(self.w, j)
        if m is None:
            return None
        k, first = m
        days = [first]
        ambiguous = self.key(j, k) in lex.ambiguous_weekdays
        while (nxt := self._weekday_after(k, days[-1])) is not None:
            ambiguous = ambiguous and self.key(nxt[0], nxt[1]) in lex.ambiguous_weekdays
            k = nxt[2]
            days.append(nxt[3])
        marker = self.marker(k)
        if marker is not None:
            # "الاثنين الأخيرين" is "the last two": only الماضي/المقبل-type markers cue.
            cue = cue or not self.key(k, marker[0]).startswith("الاخير")
            k = marker[0]
        date = self.explicit_date_after(k)
        if date is not None:
            date.start = i
            return date
        if ambiguous and not (cue or self.at(k) in lex.weekday_cues_after):
            return None
        return Expr(i, k, "weekday", weekdays=tuple(days), marker=marker[1] if marker else None)

    def day_part(self, i: int) -> Expr | None:
        """A part of the day bound to the day word after it: "مساء أمس", "فجر الجمعة"."""
        m = self.lex.day_parts.match(self.w, i)
        if m is None:
            return None
        j = m[0]
        e = self.relday(j) or self.weekday(j, cued=True) or self.date(j)
        if e is None:
            return None
        e.start = i
        return e

    def date(self, i: int) -> Expr | None:
        """A day of a month: "27 نوفمبر 2024", "الخامس من ديسمبر", "الـ27 من الشهر الماضي"."""
        dn = self.day_number(i)
        if dn is None:
            return None
        j, first = dn
        days = (first,)
        if self.at(j) in JOINERS:
            second = self.day_number(j + 1)
            if second is not None and second[1] > first:
                j, days = second[0], (first, second[1])
        k = j + 1 if self.at(j) == OF else j
        mn = self.month_name(k)
        if mn is not None:
            end, month = mn[0], mn[1]
            ya = self.year_after(end)
            if ya is not None:
                return Expr(i, ya[0], "date", days=days, month=month, year=ya[1], year_offset=ya[2])
            marker = self.marker(end)
            return Expr(i, marker[0] if marker else end, "date", days=days, month=month,
                        marker=marker[1] if marker else None)
        if self.at(k) in self.lex.month_nouns:
            k += 1
        marker = self.marker(k)
        if marker is not None and not self.key(k, marker[0]).startswith("الاخير"):
            return Expr(i, marker[0], "date", days=days, month_offset=OFFSETS[marker[1]])
        return None

    def numeric(self, i: int) -> Expr | None:
        """A numeric date: "5/12/2024", "2024-12-05", "٥/١٢/٢٠٢٤" (day first, as the Arab press writes)."""
        tok = self.at(i)
        parts = re.split(r"[/.]", tok)
        end = i + 1
        if len(parts) != 3:
            sep = self.at(i + 1)
            if not (is_int(tok) and sep in NUMERIC_SEPS and is_int(self.at(i + 2))
                    and self.at(i + 3) == sep and is_int(self.at(i + 4))):
                return None
            parts, end = [tok, self.at(i + 2), self.at(i + 4)], i + 5
        if not all(is_int(p) for p in parts):
            return None
        if len(parts[0]) == 4:
            y, m, d = (int(p) for p in parts)
        elif len(parts[2]) == 4:
            d, m, y = (int(p) for p in parts)
        else:
            return None
        try:
            dt.date(y, m, d)
        except ValueError:
            return None
        if not 1900 <= y <= 2100:
            return None
        return Expr(i, end, "date", days=(d,), month=m, year=y)

    # --- driver -------------------------------------------------------------------------

    def core(self, i: int) -> Expr | None:
        found = [e for e in (self.relday(i), self.weekday(i), self.day_part(i), self.date(i), self.numeric(i),
                             self.month(i), self.year(i), self.period(i)) if e is not None]
        if not found:
            return None
        best = max(found, key=lambda e: e.end)
        if best.form in ("date", "month") and best.year is None and self.at(i - 1) in self.lex.name_heads:
            best.form = "name"  # "شارع 29 أيار", "قوى 14 آذار": a name, not a date; skipped whole
        return best

    def parse(self, i: int) -> Expr | None:
        lex = self.lex
        since = lex.since.match(self.w, i)
        if since is not None:
            inner = self.core(since[0])
            ago = self.ago(i)
            found = inner if inner is not None and (ago is None or inner.end > ago.end) else ago
            if found is inner and inner is not None:
                inner.start, inner.since = i, True
            if found is not None:
                found.ongoing = self.at(i - 1) in lex.ongoing
                return found
        during = lex.during.match(self.w, i)
        if during is not None:
            inner = self.core(during[0])
            if inner is not None:
                inner.start = i
                return inner
        return self.ago(i) or self.core(i)

    def to_doc(self, e: Expr) -> Expr:
        e.start, e.end = self.tok[e.start], self.tok[e.end - 1] + 1
        return e


_DIGITS = frozenset("0123456789")


def _has_digit(word: str) -> bool:
    """True when `word` has an ASCII digit (a day, year or numeric date starts there)."""
    return not _DIGITS.isdisjoint(word)


def find_expressions(doc: Doc, lex: TimeLexicon) -> list[Expr]:
    """Return the date expressions of `doc`, in text order, with Doc token indices."""
    reader = _Reader(doc, lex)
    starters = lex.starters()
    words = reader.w
    out: list[Expr] = []
    i = 0
    while i < reader.n:
        w = words[i]
        if w not in starters and w != "ال" and not _has_digit(w):
            i += 1  # no recogniser can start here: parse(i) would find nothing
            continue
        e = reader.parse(i)
        if e is not None and e.end > i:
            i = e.end
            if e.form != "name":
                out.append(reader.to_doc(e))
        else:
            i += 1
    return out
