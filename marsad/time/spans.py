"""Spans of time: months, years, periods up to now and spans back from now.

"في يونيو (حزيران) الماضي", "صيف 2012", "الأسبوع الماضي", "الـ24 ساعة الماضية",
"منذ 3 أيام", "قبل نحو شهرين". Day-level expressions are in marsad.time.expressions.
"""

from __future__ import annotations

from .reader import AND, HALF, JOINERS, OF, OFFSETS, RELATIVE_TO_OTHER, Expr, TokenReader, is_int


class SpanForms(TokenReader):
    """Recognisers of month-, year- and period-level expressions."""

    def month(self, i: int) -> Expr | None:
        """A month: "في يونيو (حزيران) الماضي", "شهر تموز 2015", "منتصف مارس 2011"."""
        lex = self.lex
        cue = self.cued_by(i - 1, lex.year_cues)
        j, part = i, None
        p = lex.parts.match(self.w, i)
        if p is not None:
            (j, part), cue = p, True
        if self.at(j) in lex.month_nouns:
            j, cue = j + 1, True
        mn = self.month_name(j)
        if mn is None:
            return None
        k, month, ambiguous, alt = mn
        cue = cue or alt
        year, year_offset, marker = None, None, None
        ya = self.year_after(k)
        if ya is not None:
            (k, year, year_offset), cue = ya, True
        else:
            mk = self.marker(k)
            if mk is not None:
                (k, marker), cue = mk, True
        if ambiguous and not cue:
            return None
        return Expr(i, k, "month", month=month, year=year, year_offset=year_offset, marker=marker, part=part)

    def year(self, i: int) -> Expr | None:
        """A year: "عام 2015", "في 2013", "منذ 2011", "صيف 2012", "عامي 2014 و2015"."""
        lex = self.lex
        cue = self.cued_by(i - 1, lex.year_cues)
        j, months = i, None
        p = lex.parts.match(self.w, i)
        s = lex.seasons.match(self.w, i)
        if p is not None:
            j, months, cue = p[0], lex.part_year_months[p[1]], True
        elif s is not None:
            (j, months), cue = s, True
        if self.at(j) in lex.year_nouns:
            j, cue = j + 1, True
        y = self.year_number(j)
        if y is None or not cue:
            return None
        k, year = y
        year_end = None
        if self.at(k) in JOINERS:
            y2 = self.year_number(k + 1)
            if y2 is not None and y2[1] > year:
                k, year_end = y2
        return Expr(i, k, "year", year=year, year_end=year_end, span_months=months)

    def period(self, i: int) -> Expr | None:
        """A period up to now: "الأسبوع الماضي", "الشهر الجاري", "الـ24 ساعة الماضية"."""
        lex = self.lex
        j, part, marker, count = i, None, None, None
        p = lex.parts.match(self.w, j)
        if p is not None:
            j, part = p
        if self.at(j) in lex.current_before:
            j, marker = j + 1, "current"
        if self.at(j) == "ال" and is_int(self.at(j + 1)):
            j, count = j + 2, int(self.at(j + 1))
        u = lex.units.match(self.w, j)
        if u is None:
            return None
        k, unit = u
        if count is None and not self.key(j, k).startswith("ال") and marker is None:
            return None
        if count is None and unit.count is None:  # "الأيام الثلاثة", "الساعات الـ24"
            c = self.count_word(k)
            if c is not None:
                k, count = c
        mk = self.marker(k)
        if mk is not None:
            k, marker = mk
        if marker is None and part is not None and unit.count == 1:
            marker = "current"  # "منذ بداية العام"
        if marker is None:
            return None
        if self.at(k) == OF and (self.month_name(k + 1) or self.at(k + 1) in self.lex.month_nouns
                                  or self.at(k + 1) in self.lex.year_nouns):
            return None  # "الأسبوع الأخير من حزيران": a part of that month, not of the present
        if count is None and unit.count == 1:
            if unit.name not in ("week", "month", "year"):
                return None
            return Expr(i, k, "period", period=unit.name, offset=OFFSETS[marker], part=part)
        return Expr(i, k, "lastn", unit=unit, count=count if count is not None else unit.count,
                    marker=marker)

    def ago(self, i: int) -> Expr | None:
        """A span back from now: "منذ 3 أيام", "قبل أسبوع", "منذ أيام", "قبل نحو شهرين"."""
        lex = self.lex
        if self.at(i) not in lex.ago:
            return None
        j = i + 1
        h = lex.hedges.match(self.w, j)
        if h is not None:
            j = h[0]
        count: int | None = None
        vague = False
        if self.at(j) in lex.vague_counts:
            j, vague = j + 1, True
        else:
            c = self.count_word(j)
            if c is not None:
                j, count = c
        u = lex.units.match(self.w, j)
        if u is None or self.key(j, u[0]).startswith("ال"):
            return None
        k, unit = u
        if count is None and self.year_number(k) is not None:
            return None  # "قبل عام 2011" is "before 2011"
        n: float | None = count if count is not None else (None if vague else unit.count)
        if n is not None and self.at(k) == AND + HALF:
            k, n = k + 1, n + 0.5  # "قبل شهر ونصف"
        elif n is not None and self.at(k) == AND and self.at(k + 1) == HALF:
            k, n = k + 2, n + 0.5
        if self.at(k) in RELATIVE_TO_OTHER:
            return None
        return Expr(i, k, "ago", unit=unit, count=n,
                    ago_word="since" if lex.since.match(self.w, i) else "before")
