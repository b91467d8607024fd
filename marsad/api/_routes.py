"""/api/v1: articles, events and exports.

Every read goes through `Store`, the same query layer as the CLI; handlers are plain
`def`s, so FastAPI runs them in its thread pool and a slow extraction (POST /articles)
does not hold up other requests.
"""

from __future__ import annotations

import datetime as dt
import re

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import JSONResponse, StreamingResponse

from .. import __version__
from ..annotations import ArticleRecord
from ..export import FORMATS, export_chunks
from ..pipeline import sha256_text
from ..store import EVENT_SORTS, EventFilter, Store, StoredArticle, StoredEvent
from ._deps import get_settings, get_store, require_read, require_write
from ._models import ArticleDetail, ArticleIn, ArticleRef, DeskConfig, EventOut, IngestResult, Page
from ._settings import Settings

router = APIRouter()
_SORTS = "|".join(re.escape(k) for k in sorted(EVENT_SORTS))


def event_filter(
    since: dt.date | None = Query(None, description="events on or after this day (ranges that reach it count)"),
    until: dt.date | None = Query(None, description="events on or before this day"),
    admin1: str | None = Query(None, description="governorate, as ACLED writes it (case and punctuation ignored)"),
    admin2: str | None = Query(None, description="district (case ignored)"),
    type: str | None = Query(None, description="ACLED event type or sub-event type (case ignored)"),
    sub_type: str | None = Query(None, description="ACLED sub-event type only"),
    actor: str | None = Query(None, description="part of an actor's English or Arabic name"),
    source: str | None = Query(None, description="the outlet, exactly as stored"),
    bbox: str | None = Query(None, description="WEST,SOUTH,EAST,NORTH in degrees", examples=["35.5,32.3,42.4,37.3"]),
    q: str | None = Query(None, description="words in Arabic or English; each must start a word of the event"),
    article: str | None = Query(None, description="sha256 of the article"),
) -> EventFilter:
    """Return the EventFilter the query parameters describe (422 on a malformed box)."""
    box = None
    if bbox:
        try:
            west, south, east, north = (float(v) for v in bbox.split(","))
        except ValueError:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "bbox: write it WEST,SOUTH,EAST,NORTH") from None
        if west > east or south > north:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "bbox: west > east or south > north")
        box = (west, south, east, north)
    if since and until and since > until:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "since is after until")
    return EventFilter(since=since, until=until, admin1=admin1, admin2=admin2, event_type=type,
                       sub_event_type=sub_type, actor=actor, source=source, bbox=box, q=q, article=article)


def _ref(found: StoredEvent) -> ArticleRef:
    return ArticleRef(id=found.article_id, sha256=found.article_sha256, source=found.source,
                      published=found.published, title=found.title, url=found.url)


def _detail(found: StoredArticle) -> ArticleDetail:
    return ArticleDetail(article=found.meta, text=found.text, ingested_at=found.ingested_at, output=found.output)


@router.get("/config", response_model=DeskConfig, tags=["desk"], summary="What the web UI needs first")
def config(store: Store = Depends(get_store), settings: Settings = Depends(get_settings)) -> DeskConfig:
    """Open to all, so the UI can tell whether to ask for a token; counts only when reads are public."""
    days = [] if settings.private else store.day_counts()
    return DeskConfig(private=settings.private, tile_url=settings.tile_url, tile_attribution=settings.tile_attribution,
                      version=__version__, first_day=days[0][0] if days else None,
                      last_day=days[-1][0] if days else None,
                      events=0 if settings.private else store.count_events(),
                      articles=0 if settings.private else store.count_articles())


# -- articles --------------------------------------------------------------------------


@router.get("/articles", response_model=Page[ArticleRef], tags=["articles"], dependencies=[Depends(require_read)])
def list_articles(q: str | None = Query(None, description="words of the title or id"), source: str | None = None,
                  since: dt.date | None = None, until: dt.date | None = None,
                  offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=500),
                  store: Store = Depends(get_store)) -> Page[ArticleRef]:
    """List stored articles, newest first."""
    total, metas = store.articles(q=q, source=source, since=since, until=until, offset=offset, limit=limit)
    items = [ArticleRef(id=m.id, sha256=m.sha256, source=m.source, published=m.published, title=m.title, url=m.url)
             for m in metas]
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.get("/articles/{key}", response_model=ArticleDetail, tags=["articles"],
            dependencies=[Depends(require_read)])
def get_article(key: str, store: Store = Depends(get_store)) -> ArticleDetail:
    """Return an article by its sha256 (or its id): text, events, quotes, places, entities."""
    found = store.article(key)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {key!r}")
    return _detail(found)


@router.post("/articles", response_model=IngestResult, tags=["articles"], status_code=status.HTTP_201_CREATED,
             responses={200: {"model": IngestResult, "description": "the same text was already stored"}})
def post_article(body: ArticleIn, token: str = Depends(require_write), store: Store = Depends(get_store)):
    """Read one report with marsad's pipeline and store it (needs a token). Idempotent on the text."""
    from ..pipeline import extract

    sha = sha256_text(body.text)
    created = not store.has(sha)
    if created:
        record = ArticleRecord(id=body.id or sha[:16], text=body.text, source=body.source, published=body.published,
                               title=body.title, url=body.url)
        created = store.add(extract(record), body.text)
    found = store.article(sha)
    assert found is not None  # just stored, or stored before
    result = IngestResult(stored=created, sha256=sha, events=len(found.output.events), article=_detail(found))
    if created:
        return result
    return JSONResponse(result.model_dump(mode="json"), status_code=status.HTTP_200_OK)


# -- events ----------------------------------------------------------------------------


@router.get("/events", response_model=Page[EventOut], tags=["events"], dependencies=[Depends(require_read)])
def list_events(flt: EventFilter = Depends(event_filter),
                sort: str = Query("event_date", pattern=rf"^[-+]?({_SORTS})$",
                                  description="event_date, published, fatalities, confidence, admin1, event_type; "
                                              "a leading - for descending"),
                offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=500),
                store: Store = Depends(get_store)) -> Page[EventOut]:
    """Events that pass the filters, one page at a time."""
    total = store.count_events(flt)
    found = store.search_events(flt, sort=sort, offset=offset, limit=limit)
    items = [EventOut(event=f.event, article=_ref(f)) for f in found]
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.get("/events/days", tags=["events"], dependencies=[Depends(require_read)],
            summary="How many events start on each day (for the timeline)")
def event_days(flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store)) -> list[dict]:
    return [{"date": day.isoformat(), "events": n} for day, n in store.day_counts(flt)]


@router.get("/events/{event_id}", response_model=EventOut, tags=["events"], dependencies=[Depends(require_read)])
def get_event(event_id: str, article: str | None = Query(None, description="sha256 of the article, "
                                                                             "when ids repeat across articles"),
              store: Store = Depends(get_store)) -> EventOut:
    """One event by its id."""
    found = store.event(event_id, article)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
    return EventOut(event=found.event, article=_ref(found))


@router.get("/exports/events.{fmt}", tags=["exports"], dependencies=[Depends(require_read)],
            response_class=StreamingResponse, summary="Stream the filtered events as a file",
            responses={200: {"content": {f.media_type.split(";")[0]: {} for f in FORMATS.values()}}})
def export_events(fmt: str, flt: EventFilter = Depends(event_filter),
                  sort: str = Query("event_date", pattern=rf"^[-+]?({_SORTS})$"),
                  store: Store = Depends(get_store)) -> StreamingResponse:
    """`fmt`: acled-csv (ACLED's columns), geojson, jsonl or csv (marsad's columns)."""
    spec = FORMATS.get(fmt)
    if spec is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no export format {fmt!r}; use one of {', '.join(FORMATS)}")
    chunks = (chunk.encode("utf-8") for chunk in export_chunks(store.iter_events(flt, sort=sort), fmt))
    name = f"marsad-events.{spec.extension}"
    return StreamingResponse(chunks, media_type=spec.media_type,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
