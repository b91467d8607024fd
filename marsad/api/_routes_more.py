"""/api/v1: quotes, actors, places and territorial control."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query

from ..store import Store, control_at
from ._deps import get_store, require_read
from ._models import ActorOut, ArticleRef, ControlAnswer, ControlOut, Page, PlaceOut, QuoteOut

router = APIRouter(dependencies=[Depends(require_read)])


@router.get("/quotes", response_model=Page[QuoteOut], tags=["quotes"])
def list_quotes(speaker: str | None = Query(None, description="part of the speaker's name (Arabic or English)"),
                article: str | None = Query(None, description="sha256 of the article"),
                q: str | None = Query(None, description="text the quote contains"),
                offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=500),
                store: Store = Depends(get_store)) -> Page[QuoteOut]:
    """Quotes and who said them, newest articles first."""
    total, found = store.quotes(speaker=speaker, article=article, q=q, offset=offset, limit=limit)
    items = [QuoteOut(quote=f.quote, article=ArticleRef(id=f.article_id, sha256=f.article_sha256, source=f.source,
                                                        published=f.published, title=f.title)) for f in found]
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.get("/actors", response_model=list[ActorOut], tags=["actors"])
def list_actors(q: str | None = Query(None, description="part of the English or Arabic name"),
                limit: int = Query(100, ge=1, le=1000), store: Store = Depends(get_store)) -> list[dict]:
    """Actors of the stored events, most active first."""
    return store.actors(q=q, limit=limit)


@router.get("/places", response_model=list[PlaceOut], tags=["places"])
def list_places(admin1: str | None = Query(None, description="governorate (case ignored)"),
                q: str | None = Query(None, description="part of the name (Arabic or English)"),
                limit: int = Query(100, ge=1, le=1000), store: Store = Depends(get_store)) -> list[dict]:
    """Places the articles name, most mentioned first."""
    return store.places(admin1=admin1, q=q, limit=limit)


@router.get("/control", response_model=ControlAnswer, tags=["control"])
def control(date: dt.date | None = Query(None, description="the day; without it, the latest known state"),
            admin1: str | None = Query(None, description="only places in this governorate"),
            history: bool = Query(False, description="also list every change of hands up to the day, in order "
                                                     "(what the map replays)"),
            store: Store = Depends(get_store)) -> ControlAnswer:
    """Who holds each place on `date`: the taker in the latest change of hands on or before it.

    Built from the events of sub-event types 'Government regains territory', 'Non-state
    actor overtakes territory' and 'Non-violent transfer of territory' (actor 1 takes).
    """
    changes = store.control_changes(admin1)
    places = [c for c in changes if date is None or c.date <= date]
    answer = ControlAnswer(date=date, places=[ControlOut(**c.__dict__) for c in control_at(places)])
    if history:
        answer.changes = [ControlOut(**c.__dict__) for c in places]
    return answer
