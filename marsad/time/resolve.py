"""Resolve a recognised date expression to calendar dates against the publication date.

Conventions (ACLED's time_precision: 1 a day, 2 a week or a stated range of days,
3 a month or vaguer):

- A date without a year is the latest such date on or before publication; with
  المقبل/القادم it is the next one after. A day name is the latest such day on or before
  publication (publication day itself counts); with الماضي it is strictly before.
- A day name wins over the offset of the word before it ("أمس الثلاثاء" is the Tuesday),
  since publication dates (a crawl date, a time zone) are less sure than the text.
- منذ X is the range [X, publication]. A range that runs past publication ends there,
  unless it lies wholly in the future: reports tell what has happened so far.
- Anything after publication gets kind "future" so the events stage can drop it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, replace

from .expressions import Expr
from .lexicon import TimeLexicon, Unit

# How far back a vague plural reaches: "منذ أيام" is within a week, "منذ أسابيع" a month.
_VAGUE_DAYS = {"hour": 1, "day": 7, "week": 30, "month": 180, "year": 3 * 365}
_AGO_PRECISION = {"hour": 1, "day": 1, "week": 2, "month": 3, "year": 3}
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Resolved:
    """Calendar dates of one expression: a day, or the range [date, date_end]."""

    date: dt.date
    date_end: dt.date | None
    precision: int
    kind: str


def last_weekday(ref: dt.date, weekday: int, strict: bool = False) -> dt.date:
    """Return the latest date on or before `ref` (strictly before if `strict`) that falls on `weekday`."""
    back = (ref.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def next_weekday(ref: dt.date, weekday: int) -> dt.date:
    """Return the first date strictly after `ref` that falls on `weekday`."""
    return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7 or 7)


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _precision_of_span(days: int) -> int:
    return 2 if days <= 7 else 3


def _year_of(month: int, day: int, ref: dt.date, marker: str | None) -> int:
    """The year of a day-of-month that the text gives without one."""
    if marker == "current":
        return ref.year
    if marker == "future":
        return ref.year if (month, day) > (ref.month, ref.day) else ref.year + 1
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def _part_days(lex: TimeLexicon, part: str | None, year: int, month: int) -> tuple[dt.date, dt.date]:
    last = _last_day(year, month)
    a, b = lex.part_month_days.get(part, (1, last)) if part else (1, last)
    return dt.date(year, month, min(a, last)), dt.date(year, month, min(b, last))


def _span_days(unit: Unit, count: float | None) -> int:
    if count is None:
        return _VAGUE_DAYS[unit.name]
    return max(1, math.ceil(count * unit.days - 1e-3))


def _back(ref: dt.date, unit: Unit, count: float) -> dt.date:
    """Return `count` units before `ref`; whole months and years count on the calendar."""
    if unit.name in ("month", "year") and float(count).is_integer():
        months = int(count) * (12 if unit.name == "year" else 1)
        year, month = add_months(ref.year, ref.month, -months)
        return dt.date(year, month, min(ref.day, _last_day(year, month)))
    return ref - dt.timedelta(days=int(count * unit.days + 1e-9))


def _resolve_form(e: Expr, ref: dt.date | None, lex: TimeLexicon, previous: Resolved | None) -> Resolved | None:
    if e.form == "anaphoric":
        if previous is None:
            return None
        shift = dt.timedelta(days=e.offset)
        end = previous.date_end + shift if previous.date_end else None
        return Resolved(previous.date + shift, end, previous.precision, "anaphoric")
    if e.form == "date":
        return _resolve_date(e, ref)
    if e.form == "month" and (e.year is not None or ref is not None):
        if e.year is not None:
            year = e.year
        elif e.year_offset is not None:
            year = ref.year + e.year_offset  # type: ignore[union-attr]
        else:
            year = _year_of(e.month, 1, ref, e.marker)  # type: ignore[arg-type]
        start, end = _part_days(lex, e.part, year, e.month)  # type: ignore[arg-type]
        return Resolved(start, end, 3, "month")
    if e.form == "year":
        a, b = e.span_months or (1, 12)
        y2 = e.year_end or e.year
        return Resolved(dt.date(e.year, a, 1), dt.date(y2, b, _last_day(y2, b)), 3, "year")  # type: ignore[arg-type]
    if ref is None:
        return None  # every other form counts from the publication date
    if e.form == "relday":
        if e.weekdays and e.offset > 0:
            # "غدا السبت": the Saturday nearest to tomorrow; a crawl date may be a day late.
            day = last_weekday(ref + dt.timedelta(days=e.offset + 3), e.weekdays[0])
            return Resolved(day, None, 1, "future")
        if e.weekdays:
            day = last_weekday(ref, e.weekdays[0])
        else:
            day = ref + dt.timedelta(days=e.offset)
        kind = "future" if e.offset > 0 else {0: "today", -1: "yesterday"}.get(e.offset, "relative")
        return Resolved(day, None, 1, kind)
    if e.form == "weekday":
        last = e.weekdays[-1]
        if e.marker == "future":
            anchor = next_weekday(ref, last)
        else:
            anchor = last_weekday(ref, last, strict=e.marker == "past")
        days = sorted({anchor - dt.timedelta(days=(last - wd) % 7) for wd in e.weekdays})
        if len(days) > 1:
            return Resolved(days[0], days[-1], 2, "weekday")
        return Resolved(days[0], None, 1, "weekday")
    if e.form == "period":
        return _resolve_period(e, ref, lex)
    if e.form == "lastn":
        span = _span_days(e.unit, e.count)  # type: ignore[arg-type]
        if e.marker == "future":
            return Resolved(ref + _DAY, ref + dt.timedelta(days=span), _precision_of_span(span), "range")
        return Resolved(ref - dt.timedelta(days=span), ref, _precision_of_span(span), "range")
    if e.form == "ago":
        unit = e.unit
        assert unit is not None
        if e.count is None:
            span = _VAGUE_DAYS[unit.name]
            end = ref if e.ago_word == "since" or unit.name == "hour" else ref - _DAY
            return Resolved(ref - dt.timedelta(days=span), end, _precision_of_span(span), "ago")
        return Resolved(_back(ref, unit, e.count), None, _AGO_PRECISION[unit.name], "ago")
    return None


def _resolve_date(e: Expr, ref: dt.date | None) -> Resolved | None:
    first, last = e.days[0], e.days[-1]
    if e.month_offset is not None:
        if ref is None:
            return None
        year, month = add_months(ref.year, ref.month, e.month_offset)
    else:
        month = e.month  # type: ignore[assignment]
        if e.year is not None:
            year = e.year
        elif ref is None:
            return None
        elif e.year_offset is not None:
            year = ref.year + e.year_offset
        else:
            year = _year_of(month, first, ref, e.marker)
    try:
        start, end = dt.date(year, month, first), dt.date(year, month, last)
    except ValueError:
        return None  # "30 شباط"
    if end > start:
        return Resolved(start, end, 2, "range")
    return Resolved(start, None, 1, "absolute")


def _resolve_period(e: Expr, ref: dt.date, lex: TimeLexicon) -> Resolved:
    if e.period == "week":
        if e.offset > 0:
            return Resolved(ref + _DAY, ref + dt.timedelta(days=7), 2, "range")
        return Resolved(ref - dt.timedelta(days=7 if e.offset < 0 else 6), ref, 2, "range")
    if e.period == "month":
        year, month = add_months(ref.year, ref.month, e.offset)
        start, end = _part_days(lex, e.part, year, month)
        return Resolved(start, end, 3, "month")
    year = ref.year + e.offset
    a, b = lex.part_year_months.get(e.part, (1, 12)) if e.part else (1, 12)
    return Resolved(dt.date(year, a, 1), dt.date(year, b, _last_day(year, b)), 3, "year")


def resolve(e: Expr, ref: dt.date | None, lex: TimeLexicon, previous: Resolved | None = None) -> Resolved | None:
    """Return the calendar dates `e` states, given the publication date `ref` (None: unknown).

    `previous` is the last resolved date before `e` in the text, which "اليوم نفسه" and
    "اليوم التالي" refer back to. Returns None when `e` cannot be resolved (a relative
    word without a publication date, an impossible date).
    """
    r = _resolve_form(e, ref, lex, previous)
    if r is None:
        return None
    if e.since and e.form != "ago":
        # Without a publication date a "since" range has no known end: leave it open.
        end = (ref if r.date <= ref else r.date_end) if ref is not None else None
        short = r.precision <= 2 and (end is None or (end - r.date).days <= 31)
        r = Resolved(r.date, end, 2 if short else 3, "year" if r.kind == "year" else "since")
    if e.ongoing and ref is not None and r.date <= ref and (ref - r.date).days <= 31:
        # from then until the report; a war "المستمرة منذ سنوات" stays history
        r = Resolved(r.date, ref, r.precision, "ongoing")
    if ref is not None:
        if r.date > ref:
            r = replace(r, kind="future")
        elif r.date_end is not None and r.date_end > ref:
            r = replace(r, date_end=ref)
    if r.date_end is not None and r.date_end <= r.date:
        r = replace(r, date_end=None)
    return r
