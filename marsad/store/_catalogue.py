"""The store's reads besides events: articles, quotes, actors, places, control, API tokens.

A mixin of `Store` (which provides `engine`, `dialect`, `location` and `_read`), kept
apart so each module stays one screenful of concerns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .._exceptions import StoreError
from ..schema import ArticleMeta, ArticleOutput, Event, Quote
from ._control import TERRITORY_SUB_EVENTS, ControlChange, change_of, control_at, timeline
from ._models import ApiTokenRow, ArticleRow, EventRow
from ._queries import actor_select, article_select, count_of, place_select, quote_select
from ._tokens import hash_token, new_token, verify_token

T = TypeVar("T")


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its metadata, text and full output, and when it was stored."""

    meta: ArticleMeta
    text: str
    output: ArticleOutput
    ingested_at: dt.datetime
    events: int = 0


@dataclass(frozen=True)
class StoredQuote:
    """A quote with the article it is in."""

    quote: Quote
    article_id: str
    article_sha256: str
    published: dt.date | None
    source: str | None
    title: str | None


class Catalogue:
    """Reads of articles, quotes, actors, places and control; API tokens."""

    engine: Engine
    dialect: str
    location: str
    _read: Callable[..., Any]

    # -- articles ----------------------------------------------------------------------

    def articles(self, *, q: str | None = None, source: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, offset: int = 0, limit: int | None = 50
                 ) -> tuple[int, list[ArticleMeta]]:
        """Return (how many match, one page of article metadata), newest first."""
        query = article_select(q, source, since, until)

        def run(session: Session) -> tuple[int, list[ArticleMeta]]:
            total = session.scalar(count_of(query)) or 0
            page = query.offset(offset).limit(limit) if limit is not None else query.offset(offset)
            return total, [_meta(row) for row in session.scalars(page)]
        return self._read(run, "read articles")

    def article(self, key: str) -> StoredArticle | None:
        """Return the article whose sha256 (or, failing that, id) is `key`."""
        def run(session: Session) -> StoredArticle | None:
            row = session.scalar(select(ArticleRow).where(ArticleRow.sha256 == key))
            row = row or session.scalar(select(ArticleRow).where(ArticleRow.id == key).order_by(ArticleRow.pk))
            if row is None:
                return None
            return StoredArticle(meta=_meta(row), text=row.text, ingested_at=row.ingested_at,
                                 output=ArticleOutput.model_validate_json(row.output_json), events=len(row.events))
        return self._read(run, "read an article")

    # -- quotes, actors, places --------------------------------------------------------

    def quotes(self, *, speaker: str | None = None, article: str | None = None, q: str | None = None,
               offset: int = 0, limit: int | None = 50) -> tuple[int, list[StoredQuote]]:
        """Return (how many match, one page of quotes with their articles)."""
        query = quote_select(speaker, article, q)

        def run(session: Session) -> tuple[int, list[StoredQuote]]:
            total = session.scalar(count_of(query)) or 0
            page = query.offset(offset).limit(limit) if limit is not None else query.offset(offset)
            return total, [StoredQuote(quote=Quote.model_validate_json(qr.quote_json), article_id=art.id,
                                       article_sha256=art.sha256, published=art.published, source=art.source,
                                       title=art.title) for qr, art in session.execute(page)]
        return self._read(run, "read quotes")

    def actors(self, *, q: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
        """Return the actors of stored events (names, inter code, side) with their event counts."""
        query = actor_select(q).limit(limit)
        return self._read(lambda s: [dict(row._mapping) for row in s.execute(query)], "read actors")

    def places(self, *, admin1: str | None = None, q: str | None = None,
               limit: int | None = 100) -> list[dict[str, Any]]:
        """Return the resolved places the articles mention, with mention and article counts."""
        query = place_select(admin1, q).limit(limit)
        return self._read(lambda s: [dict(row._mapping) for row in s.execute(query)], "read places")

    # -- territorial control -----------------------------------------------------------

    def control_changes(self, admin1: str | None = None) -> list[ControlChange]:
        """Return every change of hands the stored events record, in date order."""
        from ._store import admin1_key

        query = select(EventRow.event_json, ArticleRow.sha256).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
        query = query.where(EventRow.sub_event_type.in_(TERRITORY_SUB_EVENTS))
        if admin1:
            query = query.where(EventRow.admin1_key == admin1_key(admin1))

        def run(session: Session) -> list[ControlChange]:
            found = (change_of(Event.model_validate_json(js), sha) for js, sha in session.execute(query))
            return timeline(c for c in found if c is not None)
        return self._read(run, "read control changes")

    def control(self, day: dt.date | None = None, admin1: str | None = None) -> list[ControlChange]:
        """Return who holds each place on `day` (latest change on or before it; today's when None)."""
        return control_at(self.control_changes(admin1), day)

    # -- API tokens --------------------------------------------------------------------

    def create_token(self, name: str) -> str:
        """Create a write token called `name`; return it (the only time it is seen in clear)."""
        token = new_token()
        try:
            with Session(self.engine) as session, session.begin():
                session.add(ApiTokenRow(name=name, token_hash=hash_token(token),
                                        created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
        except IntegrityError:
            raise StoreError(f"{self.location}: a token named {name!r} exists; revoke it first") from None
        return token

    def revoke_token(self, name: str) -> bool:
        """Delete the token called `name`; return False when there was none."""
        with Session(self.engine) as session, session.begin():
            return session.execute(delete(ApiTokenRow).where(ApiTokenRow.name == name)).rowcount > 0

    def token_names(self) -> list[str]:
        """Return the names of the stored tokens."""
        return self._read(lambda s: list(s.scalars(select(ApiTokenRow.name).order_by(ApiTokenRow.name))),
                          "read tokens")

    def check_token(self, token: str) -> str | None:
        """Return the name of the stored token `token` is, or None."""
        rows = self._read(lambda s: s.execute(select(ApiTokenRow.name, ApiTokenRow.token_hash)).all(), "read tokens")
        for name, stored in rows:
            if verify_token(token, stored):
                return name
        return None


def _meta(row: ArticleRow) -> ArticleMeta:
    return ArticleMeta(id=row.id, source=row.source, published=row.published, title=row.title, url=row.url,
                       language=row.language, sha256=row.sha256)


__all__ = ["Catalogue", "StoredArticle", "StoredQuote"]
