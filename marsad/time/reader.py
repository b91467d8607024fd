"""A cursor over a Doc's folded token norms, with the small pieces dates are made of.

`TokenReader` answers "is there a day number / month name / year / marker at token i,
and where does it end?"; the expression classes (marsad.time.spans, .expressions) build
on it. Whitespace tokens other than line breaks are skipped, so no expression spans a
line break. `Expr` is what a recognised expression states, before any date is computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

from ..text.lexicon import doc_norms
from ..text.normalize import fold
from ..text.tokens import doc_flags, doc_texts
from .lexicon import TimeLexicon, Unit

# Function words of the grammar itself (folded), not lexicon entries.
JOINERS = {fold(w) for w in ("و", "-", "–", "/", "إلى", "حتى")}
DATE_OPENERS = {fold(w) for w in ("(", "،", ",", "الموافق", "-", "–")}
OF = fold("من")
AND, HALF = fold("و"), fold("نصف")
CONJ = {fold("و"), fold("ف")}
RELATIVE_TO_OTHER = {fold("من")}  # "قبل يومين من الانتخابات": counted from another event
ERA = {fold(w) for w in ("م", "ميلادي", "ميلادية")}
NUMERIC_SEPS = {"/", "-", "."}
OFFSETS = {"past": -1, "current": 0, "future": 1}


@dataclass
class Expr:
    """What one date expression states, before it is resolved to calendar dates.

    `start`/`end` are token indices into the Doc ([start, end)). `form` is one of
    (besides "name", a date inside a name such as "شارع 29 أيار", which is dropped):
    relday (اليوم، أمس، غدا: `offset` days, `weekdays` when a day name follows),
    anaphoric (اليوم نفسه، اليوم التالي: `offset` from the previous date in the text),
    weekday (`weekdays`, `marker`), date (`days` of `month`/`year` or of the month
    `month_offset` from publication), month, year (`year`..`year_end`, `span_months`),
    period (الأسبوع/الشهر/العام + marker: `period`, `offset`), lastn (الأيام الثلاثة
    الماضية: `count` `unit`s up to publication), ago (منذ 3 أيام، قبل أسبوع).
    """

    start: int
    end: int
    form: str
    offset: int = 0
    weekdays: tuple[int, ...] = ()
    days: tuple[int, ...] = ()
    month: int | None = None
    month_offset: int | None = None
    year: int | None = None
    year_end: int | None = None
    year_offset: int | None = None  # "من العام الماضي": years from publication
    marker: str | None = None  # past, current, future
    part: str | None = None  # early, mid, late (of a month or year)
    span_months: tuple[int, int] | None = None  # months of a year a part or season covers
    period: str | None = None  # week, month, year
    unit: Unit | None = None
    count: float | None = None  # None: a vague plural ("منذ أيام")
    since: bool = False  # under منذ: a range up to publication
    ago_word: str | None = None  # "since" (منذ) or "before" (قبل)
    ongoing: bool = False  # "الجارية منذ أسبوع": how long something has lasted, no event's day


def is_int(tok: str) -> bool:
    return tok.isascii() and tok.isdigit()


class TokenReader:
    """A cursor over the Doc's token norms; whitespace tokens other than line breaks are skipped."""

    def __init__(self, doc: Doc, lex: TimeLexicon):
        self.lex = lex
        texts, norms, spaces = doc_texts(doc), doc_norms(doc), doc_flags(doc, IS_SPACE)
        self.tok = [i for i in range(len(texts)) if not (spaces[i] and "\n" not in texts[i])]
        self.w = ["\n" if spaces[i] else norms[i] for i in self.tok]
        self.n = len(self.w)

    def at(self, i: int) -> str:
        return self.w[i] if 0 <= i < self.n else ""

    def key(self, i: int, j: int) -> str:
        return "".join(self.w[i:j])

    def cued_by(self, i: int, words: set[str]) -> bool:
        """Whether token `i` is one of `words`, also with a glued و/ف ("وفي" is not split)."""
        tok = self.at(i)
        return tok in words or (len(tok) > 2 and tok[0] in CONJ and tok[1:] in words)

    # --- pieces -------------------------------------------------------------------------

    def year_number(self, i: int) -> tuple[int, int] | None:
        tok = self.at(i)
        if len(tok) == 4 and is_int(tok) and 1900 <= int(tok) <= 2100:
            return (i + 2 if self.at(i + 1) in ERA else i + 1), int(tok)
        return None

    def day_number(self, i: int) -> tuple[int, int] | None:
        j = i + 1 if self.at(i) == "ال" and is_int(self.at(i + 1)) else i
        tok = self.at(j)
        if is_int(tok) and len(tok) <= 2 and 1 <= int(tok) <= 31:
            return j + 1, int(tok)
        if j > i or self.at(i - 1) in self.lex.ordinal_heads:
            return None
        return self.lex.ordinals.match(self.w, i)

    def month_name(self, i: int) -> tuple[int, int, bool, bool] | None:
        """(end, month, ambiguous, with_alternate): "تموز (يوليو)", "نوفمبر/تشرين الثاني"."""
        m = self.lex.months.match(self.w, i)
        if m is None:
            return None
        j, month = m
        ambiguous = self.key(i, j) in self.lex.ambiguous_months
        sep = self.at(j)
        if sep in ("/", "-", "–", "("):
            alt = self.lex.months.match(self.w, j + 1)
            if alt is not None and alt[1] == month:
                j = alt[0] + (1 if sep == "(" and self.at(alt[0]) == ")" else 0)
                return j, month, ambiguous, True
        alt = self.lex.months.match(self.w, j)  # "يناير كانون الثاني"
        if alt is not None and alt[1] == month:
            return alt[0], month, ambiguous, True
        return j, month, ambiguous, False

    def year_after(self, i: int) -> tuple[int, int | None, int | None] | None:
        """(end, year, year_offset) of the year after a month: "2015", "عام 2015", "من العام
        2014", "، 2024", "من العام الماضي" (offset -1), "العام الجاري" (offset 0)."""
        j = i + 1 if self.at(i) in (OF, "،", ",") else i
        if self.at(j) in self.lex.year_nouns:
            j += 1
        y = self.year_number(j)
        if y is not None:
            return y[0], y[1], None
        if j > i and self.at(j - 1) in self.lex.year_nouns:
            mk = self.marker(j)
            if mk is not None:
                return mk[0], None, OFFSETS[mk[1]]
        return None

    def marker(self, i: int) -> tuple[int, str] | None:
        return self.lex.markers.match(self.w, i)

    def count_word(self, i: int) -> tuple[int, int] | None:
        """A number: "3", "الـ24", "ثلاثة", "الثلاثة"."""
        if is_int(self.at(i)):
            return i + 1, int(self.at(i))
        if self.at(i) == "ال" and is_int(self.at(i + 1)):
            return i + 2, int(self.at(i + 1))
        return self.lex.cardinals.match(self.w, i)
