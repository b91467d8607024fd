"""Store queries behind the API and exports: filters, search, sorting, paging, lists, control, tokens.

Every test runs on SQLite and on PostgreSQL (the `store` fixture), on the same data.
"""

from __future__ import annotations

import datetime as dt

import pytest
from factory import fill

from marsad import StoreError
from marsad.store import EventFilter, Store


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


def _ids(store: Store, sort: str | None = None, **kw) -> list[str]:  # noqa: ANN003
    return [f.event.id for f in store.search_events(EventFilter(**kw), sort=sort)]


def test_filters_by_district_actor_source_and_article(filled: Store) -> None:
    assert _ids(filled, admin2="as-suqaylabiyah") == ["shell-1"]
    assert _ids(filled, actor="tahrir") == ["take-1", "clash-1", "take-2"]
    assert _ids(filled, actor="الطيران الروسي") == ["strike-1"]
    assert _ids(filled, source="other-wire", sub_event_type="Government regains territory") == ["take-2"]
    strike_sha = filled.search_events(EventFilter(actor="Russia"))[0].article_sha256
    assert _ids(filled, article=strike_sha) == ["strike-1"]


def test_bounding_box_keeps_events_inside(filled: Store) -> None:
    # a box around Idlib and northern Hama (west, south, east, north)
    assert _ids(filled, bbox=(36.3, 35.3, 37.0, 36.0)) == ["shell-1", "take-1", "clash-1", "take-2", "strike-1"]
    assert _ids(filled, bbox=(36.7, 35.8, 36.9, 35.9)) == ["strike-1"]
    assert _ids(filled, bbox=(40.0, 30.0, 41.0, 31.0)) == []


def test_arabic_search_folds_hamza_ta_marbuta_and_clitics(filled: Store) -> None:
    # the text has "حربية" and "روسية"; the folded query spellings must still meet them
    assert _ids(filled, q="حربيه روسيه") == ["strike-1"]
    # diacritics in the text (شنّت) and none in the query
    assert _ids(filled, q="شنت") == ["strike-1"]
    # "بالمدفعية" carries a preposition and the article; the bare word finds it
    assert _ids(filled, q="مدفعية") == ["shell-1"]
    # prefix: "تظاهر" starts "تظاهر" and would start "تظاهرات"
    assert _ids(filled, q="تظاه") == ["protest-1"]
    assert _ids(filled, q="قصف لا-يوجد") == []


def test_english_search_and_combined_filters(filled: Store) -> None:
    assert _ids(filled, q="strike") == ["strike-1"]
    assert _ids(filled, q="KHAN shaykhun") == ["take-1", "clash-1", "take-2"]
    assert _ids(filled, q="khan", event_type="Battles", since=dt.date(2024, 11, 10)) == ["take-2"]
    # punctuation and quotes in a query are not syntax
    assert _ids(filled, q='"strike" * (:') == ["strike-1"]


def test_sort_paging_and_counts(filled: Store) -> None:
    assert _ids(filled, sort="-event_date")[:2] == ["strike-1", "take-2"]
    assert _ids(filled, sort="-fatalities")[0] == "strike-1"
    page = filled.search_events(EventFilter(), sort="event_date", offset=2, limit=2)
    assert [f.event.id for f in page] == ["take-1", "clash-1"]
    assert filled.count_events() == 6
    assert filled.count_events(EventFilter(admin1="idlib")) == 4
    with pytest.raises(ValueError, match="cannot sort"):
        filled.search_events(EventFilter(), sort="title")


def test_iter_events_streams_everything_in_order(filled: Store) -> None:
    streamed = [f.event.id for f in filled.iter_events(EventFilter(), batch=2)]
    assert streamed == _ids(filled)
    assert {f.ingested_at is not None for f in filled.iter_events()} == {True}


def test_day_counts_and_single_event(filled: Store) -> None:
    assert filled.day_counts(EventFilter(admin1="Idlib")) == [
        (dt.date(2024, 11, 1), 2), (dt.date(2024, 11, 15), 1), (dt.date(2024, 11, 30), 1)]
    found = filled.event("strike-1")
    assert found is not None and found.event.fatalities == 4 and found.title == "غارات روسية على سراقب"
    assert filled.event("nope") is None


def test_articles_quotes_actors_places(filled: Store) -> None:
    total, metas = filled.articles(limit=2)
    assert total == 4 and [m.id for m in metas] == ["wire-strike", "wire-takeover"]  # newest first
    assert filled.articles(q="السويداء")[1][0].id == "wire-protest"
    detail = filled.article(metas[0].sha256)
    assert detail is not None and detail.output.events[0].id == "strike-1" and detail.text.startswith("شنّت")
    assert filled.article("wire-protest").meta.id == "wire-protest"  # by id too
    total, quotes = filled.quotes(speaker="civil defence")
    assert total == 1 and quotes[0].quote.speaker.text == "الدفاع المدني" and quotes[0].article_id == "wire-strike"
    actors = {a["name_en"]: a for a in filled.actors()}
    assert actors["Hayat Tahrir al-Sham"]["events"] == 3 and actors["Hayat Tahrir al-Sham"]["inter"] == 2
    assert actors["Military Forces of Syria (2000-2024)"]["events"] == 4
    places = filled.places(admin1="idlib")
    assert {p["name_en"] for p in places} == {"Saraqib", "Khan Shaykhun"}
    assert next(p for p in places if p["name_en"] == "Khan Shaykhun")["mentions"] == 3


def test_control_replays_changes_of_hands(filled: Store) -> None:
    def holder(day: dt.date) -> dict[str, str | None]:
        return {c.name_en: c.holder_en for c in filled.control(day)}

    assert holder(dt.date(2024, 10, 31)) == {}
    assert holder(dt.date(2024, 11, 1)) == {"Khan Shaykhun": "Hayat Tahrir al-Sham"}
    assert holder(dt.date(2024, 11, 14)) == {"Khan Shaykhun": "Hayat Tahrir al-Sham"}
    assert holder(dt.date(2024, 11, 15)) == {"Khan Shaykhun": "Military Forces of Syria (2000-2024)"}
    latest = filled.control()
    assert [(c.side, c.previous_side, c.event_id) for c in latest] == [("government", "opposition", "take-2")]
    assert [c.event_id for c in filled.control_changes()] == ["take-1", "take-2"]
    assert filled.control_changes(admin1="Hama") == []


def test_tokens_are_kept_hashed_and_checked(store: Store) -> None:
    token = store.create_token("desk")
    assert token.startswith("marsad_") and len(token) > 40
    assert store.check_token(token) == "desk"
    assert store.check_token(token + "x") is None
    with pytest.raises(StoreError, match="exists"):
        store.create_token("desk")
    from sqlalchemy import text

    with store.engine.connect() as conn:
        kept = conn.execute(text("SELECT token_hash FROM api_tokens")).scalar_one()
    assert token not in kept and kept.startswith("scrypt$")
    assert store.token_names() == ["desk"]
    assert store.revoke_token("desk") and not store.revoke_token("desk")
    assert store.check_token(token) is None
