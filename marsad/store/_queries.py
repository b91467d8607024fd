"""The store's read queries as SQLAlchemy statements: event filters, sorting, articles, lists.

`Store` (in `_store.py`) runs these; the API and the CLI only ever call `Store`, so the
JSON API, the web pages and the exports are views of one query layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from ._models import ArticleRow, EventRow, PlaceRow, QuoteRow
from ._search import matches, words

# Sort keys a caller may name; a leading "-" means descending.
EVENT_SORTS: dict[str, Any] = {
    "event_date": EventRow.event_date,
    "published": ArticleRow.published,
    "fatalities": EventRow.fatalities,
    "confidence": EventRow.confidence,
    "admin1": EventRow.admin1,
    "event_type": EventRow.event_type,
}


@dataclass(frozen=True)
class EventFilter:
    """What to keep of the stored events; every field left None keeps everything.

    since/until: days the event (event_date to date_end) overlaps. admin1: a governorate,
    case and punctuation ignored. admin2: a district, case ignored. event_type: an ACLED
    event type or sub-event type; sub_event_type: only a sub-event type. actor: part of
    an actor's English or Arabic name (either side). source: the outlet, exactly. bbox:
    (west, south, east, north) in degrees. q: words in Arabic or English (see `_search`).
    article: the sha256 of the article the events come from.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    source: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    article: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


def _lower(value: str) -> str:
    return value.strip().lower()


def event_select(flt: EventFilter, dialect: str) -> Select:
    """Return SELECT (EventRow, ArticleRow) with the filter's conditions, unsorted."""
    from ._store import admin1_key  # the one folding rule for governorate names

    query = select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
    conds = []
    if flt.since is not None:
        conds.append(func.coalesce(EventRow.date_end, EventRow.event_date) >= flt.since)
    if flt.until is not None:
        conds.append(EventRow.event_date <= flt.until)
    if flt.admin1:
        conds.append(EventRow.admin1_key == admin1_key(flt.admin1))
    if flt.admin2:
        conds.append(func.lower(EventRow.admin2) == _lower(flt.admin2))
    if flt.event_type:
        wanted = _lower(flt.event_type)
        conds.append(or_(func.lower(EventRow.event_type) == wanted, func.lower(EventRow.sub_event_type) == wanted))
    if flt.sub_event_type:
        conds.append(func.lower(EventRow.sub_event_type) == _lower(flt.sub_event_type))
    if flt.actor:
        pattern = f"%{_lower(flt.actor)}%"
        conds.append(or_(*(func.lower(col).like(pattern) for col in
                           (EventRow.actor1, EventRow.actor2, EventRow.actor1_ar, EventRow.actor2_ar))))
    if flt.source:
        conds.append(ArticleRow.source == flt.source)
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        conds += [EventRow.lon >= west, EventRow.lon <= east, EventRow.lat >= south, EventRow.lat <= north]
    if flt.q:
        cond = matches(dialect, flt.q)
        if cond is not None:
            conds.append(cond)
    if flt.article:
        conds.append(ArticleRow.sha256 == flt.article)
    return query.where(and_(*conds)) if conds else query


def sort_events(query: Select, sort: str | None) -> Select:
    """Return `query` ordered by `sort` ("event_date", "-fatalities"...), oldest first by default."""
    key = (sort or "event_date").strip()
    descending = key.startswith("-")
    column = EVENT_SORTS.get(key.lstrip("-+"))
    if column is None:
        raise ValueError(f"cannot sort events by {key!r}; use one of {', '.join(sorted(EVENT_SORTS))}")
    first = column.desc().nulls_last() if descending else column.asc().nulls_last()
    tie = EventRow.event_date.desc() if descending else EventRow.event_date
    return query.order_by(first, tie, ArticleRow.published, EventRow.pk)


def count_of(query: Select) -> Select:
    """Return SELECT count(*) over the rows of `query`."""
    return select(func.count()).select_from(query.order_by(None).subquery())


def article_select(q: str | None = None, source: str | None = None, since: dt.date | None = None,
                   until: dt.date | None = None) -> Select:
    """Return SELECT ArticleRow filtered by title words, source and publication days, newest first."""
    query = select(ArticleRow)
    if source:
        query = query.where(ArticleRow.source == source)
    if since:
        query = query.where(ArticleRow.published >= since)
    if until:
        query = query.where(ArticleRow.published <= until)
    for word in words(q):
        query = query.where(or_(func.lower(ArticleRow.title).like(f"%{word}%"), ArticleRow.id.like(f"%{word}%")))
    return query.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.pk.desc())


def quote_select(speaker: str | None = None, article: str | None = None, q: str | None = None) -> Select:
    """Return SELECT (QuoteRow, ArticleRow) by speaker (part of the name), article sha256, text."""
    query = select(QuoteRow, ArticleRow).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
    if speaker:
        pattern = f"%{_lower(speaker)}%"
        query = query.where(or_(func.lower(QuoteRow.speaker).like(pattern),
                                func.lower(QuoteRow.speaker_name_en).like(pattern)))
    if article:
        query = query.where(ArticleRow.sha256 == article)
    if q:
        query = query.where(QuoteRow.text.like(f"%{q.strip()}%"))
    return query.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.pk, QuoteRow.start)


def actor_select(q: str | None = None) -> Select:
    """Return rows (name_en, name_ar, inter, side, events) of the actors of stored events."""
    one = select(EventRow.actor1.label("name_en"), EventRow.actor1_ar.label("name_ar"),
                 EventRow.inter1.label("inter"), EventRow.side1.label("side"), EventRow.pk.label("event"))
    two = select(EventRow.actor2, EventRow.actor2_ar, EventRow.inter2, EventRow.side2, EventRow.pk)
    both = one.union_all(two).subquery()
    query = select(both.c.name_en, both.c.name_ar, both.c.inter, both.c.side,
                   func.count(func.distinct(both.c.event)).label("events"))
    query = query.where(or_(both.c.name_en.is_not(None), both.c.name_ar.is_not(None)))
    if q:
        pattern = f"%{_lower(q)}%"
        query = query.where(or_(func.lower(both.c.name_en).like(pattern), func.lower(both.c.name_ar).like(pattern)))
    return query.group_by(both.c.name_en, both.c.name_ar, both.c.inter, both.c.side).order_by(
        func.count(func.distinct(both.c.event)).desc(), both.c.name_en)


def place_select(admin1: str | None = None, q: str | None = None) -> Select:
    """Return rows of resolved places with how many mentions and articles name them."""
    query = select(PlaceRow.geonames_id, PlaceRow.name_en, PlaceRow.name_ar, PlaceRow.lat, PlaceRow.lon,
                   PlaceRow.country, PlaceRow.admin1, PlaceRow.admin2, PlaceRow.feature_code,
                   func.count(PlaceRow.pk).label("mentions"),
                   func.count(func.distinct(PlaceRow.article_pk)).label("articles"))
    query = query.where(or_(PlaceRow.geonames_id.is_not(None), PlaceRow.name_en.is_not(None)))
    if admin1:
        query = query.where(func.lower(PlaceRow.admin1) == _lower(admin1))
    if q:
        pattern = f"%{_lower(q)}%"
        query = query.where(or_(func.lower(PlaceRow.name_en).like(pattern), PlaceRow.name_ar.like(pattern),
                                PlaceRow.text.like(f"%{q.strip()}%")))
    group = (PlaceRow.geonames_id, PlaceRow.name_en, PlaceRow.name_ar, PlaceRow.lat, PlaceRow.lon,
             PlaceRow.country, PlaceRow.admin1, PlaceRow.admin2, PlaceRow.feature_code)
    return query.group_by(*group).order_by(func.count(PlaceRow.pk).desc(), PlaceRow.name_en)
