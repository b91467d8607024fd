"""Store: idempotent writes, one transaction per article, event queries and filters.

The outputs are built directly from marsad.schema models, so these tests do not depend
on how well extraction works. Tests taking `store` run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from marsad import StoreError
from marsad.schema import (
    Actor, ArticleMeta, ArticleOutput, Entity, Event, Evidence, Location, Place, Quote, Speaker,
)
from marsad.store import ENV_VAR, STORE_VERSION, Store, db_url, default_db
from marsad.store import _store

TEXT_A = "قصفت المدفعية بلدة كفر زيتا في ريف حماة أمس، وقال مسعف إن امرأة أصيبت."
TEXT_B = "اشتبك مسلحون مع دورية في بلدة ذيبان شرق دير الزور."


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _event(eid: str, day: dt.date, sub: str, etype: str, admin1: str, *, end: dt.date | None = None,
           name_ar: str = "كفر زيتا") -> Event:
    return Event(
        id=eid, event_type=etype, sub_event_type=sub, event_date=day, date_end=end,
        time_precision=2 if end else 1,
        actor1=Actor(name_en="Military Forces of Syria", name_ar="قوات النظام", inter=1, side="government"),
        actor2=Actor(name_ar="مدنيون", inter=7, side="civilians"),
        location=Location(name_ar=name_ar, name_en="Kafr Zita", text=name_ar, geonames_id=170063, lat=35.37,
                          lon=36.6, country="Syria", admin1=admin1, geo_precision=1),
        fatalities=0, evidence=[Evidence(start=0, end=5, text="قصفت")], notes="test event", confidence=0.8)


def _output(text: str, events: list[Event], article_id: str = "a1",
            published: dt.date | None = dt.date(2019, 5, 14)) -> ArticleOutput:
    return ArticleOutput(
        article=ArticleMeta(id=article_id, source="marsad-tests", published=published, sha256=_sha(text)),
        entities=[Entity(text="كفر زيتا", label="LOC", start=12, end=20)],
        places=[Place(text="كفر زيتا", start=12, end=20, name_en="Kafr Zita", admin1="Hama", geonames_id=170063)],
        events=events,
        quotes=[Quote(speaker=Speaker(text="مسعف"), text="امرأة أصيبت", start=50, end=61, direct=False, cue="قال")],
    )


# `store` (conftest.py) is an empty store on SQLite, then on PostgreSQL.


def test_add_is_idempotent_on_the_text(store: Store) -> None:
    out = _output(TEXT_A, [_event("e1", dt.date(2019, 5, 13), "Shelling/artillery/missile attack",
                                  "Explosions/Remote violence", "Hama")])
    assert store.add(out, TEXT_A) is True
    assert store.add(out, TEXT_A) is False
    # a different id with the same text is still the same article
    assert store.add(_output(TEXT_A, [], article_id="other"), TEXT_A) is False
    assert (store.count_articles(), store.count_events()) == (1, 1)


def test_rows_are_written_for_every_part_of_the_output(tmp_path: Path) -> None:
    path = tmp_path / "rows.sqlite"
    with Store(path) as store:
        store.add(_output(TEXT_A, [_event("e1", dt.date(2019, 5, 13), "Air/drone strike",
                                          "Explosions/Remote violence", "Hama")]), TEXT_A)
    con = sqlite3.connect(path)
    counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("articles", "events", "quotes", "entities", "places")}
    assert counts == {"articles": 1, "events": 1, "quotes": 1, "entities": 1, "places": 1}
    row = con.execute("select admin1, location_name_ar, actor1, actor2, lat, geo_precision from events").fetchone()
    assert row == ("Hama", "كفر زيتا", "Military Forces of Syria", "مدنيون", 35.37, 1)
    assert con.execute("select text, sha256 from articles").fetchone() == (TEXT_A, _sha(TEXT_A))
    assert con.execute("select value from marsad_meta where key='store_version'").fetchone() == (str(STORE_VERSION),)


def test_text_must_match_the_output(store: Store) -> None:
    with pytest.raises(StoreError, match="does not match"):
        store.add(_output(TEXT_A, []), TEXT_B)
    assert store.count_articles() == 0


def test_an_article_is_written_whole_or_not_at_all(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real_row = _store._article_row

    def row_with_a_broken_event(output: ArticleOutput, text: str):  # noqa: ANN202
        row = real_row(output, text)
        row.events[-1].event_json = None  # NOT NULL: the insert of this one row fails
        return row

    monkeypatch.setattr(_store, "_article_row", row_with_a_broken_event)
    events = [_event(f"e{i}", dt.date(2019, 5, 13), "Armed clash", "Battles", "Hama") for i in range(3)]
    with pytest.raises(StoreError, match="cannot store a1"):
        store.add(_output(TEXT_A, events), TEXT_A)
    assert (store.count_articles(), store.count_events()) == (0, 0)
    assert not store.has(_sha(TEXT_A))


def test_events_round_trip_unchanged(store: Store) -> None:
    ev = _event("e1", dt.date(2019, 5, 13), "Armed clash", "Battles", "Deir ez-Zor", name_ar="ذيبان")
    store.add(_output(TEXT_B, [ev]), TEXT_B)
    assert store.events() == [ev]
    found = store.find_events()[0]
    assert (found.article_id, found.source, found.published) == ("a1", "marsad-tests", dt.date(2019, 5, 14))
    assert store.output(_sha(TEXT_B)) == _output(TEXT_B, [ev])


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(_output(TEXT_A, [
        _event("shell", dt.date(2019, 5, 13), "Shelling/artillery/missile attack", "Explosions/Remote violence", "Hama"),
        _event("strike", dt.date(2019, 5, 10), "Air/drone strike", "Explosions/Remote violence", "Idlib"),
        _event("range", dt.date(2019, 5, 1), "Armed clash", "Battles", "Hama", end=dt.date(2019, 5, 12)),
    ]), TEXT_A)
    store.add(_output(TEXT_B, [
        _event("clash", dt.date(2024, 2, 19), "Armed clash", "Battles", "Deir ez-Zor", name_ar="ذيبان"),
    ], article_id="a2", published=dt.date(2024, 2, 20)), TEXT_B)
    return store


def _ids(events: list[Event]) -> list[str]:
    return [e.id for e in events]


def test_events_are_oldest_first_and_limited(filled: Store) -> None:
    assert _ids(filled.events()) == ["range", "strike", "shell", "clash"]
    assert _ids(filled.events(limit=2)) == ["range", "strike"]


def test_filter_by_admin1_ignores_case_and_punctuation(filled: Store) -> None:
    assert _ids(filled.events(admin1="hama")) == ["range", "shell"]
    assert _ids(filled.events(admin1="DEIR EZ ZOR")) == ["clash"]
    assert _ids(filled.events(admin1="Deir ez-Zor")) == ["clash"]
    assert filled.events(admin1="Homs") == []


def test_filter_by_event_type_or_sub_event_type(filled: Store) -> None:
    assert _ids(filled.events(event_type="battles")) == ["range", "clash"]
    assert _ids(filled.events(event_type="Air/drone strike")) == ["strike"]
    assert _ids(filled.events(event_type="explosions/remote VIOLENCE")) == ["strike", "shell"]
    assert _ids(filled.events(sub_event_type="armed clash", admin1="Hama")) == ["range"]
    assert filled.events(sub_event_type="Battles") == []


def test_filter_by_dates_keeps_ranges_that_overlap(filled: Store) -> None:
    assert _ids(filled.events(since=dt.date(2019, 5, 11))) == ["range", "shell", "clash"]
    assert _ids(filled.events(since=dt.date(2019, 5, 13), until=dt.date(2019, 5, 31))) == ["shell"]
    assert _ids(filled.events(until=dt.date(2019, 5, 9))) == ["range"]
    assert _ids(filled.events(since=dt.date(2024, 1, 1), event_type="Battles")) == ["clash"]


def test_store_persists_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Store(path) as first:
        first.add(_output(TEXT_B, []), TEXT_B)
    with Store(path, create=False) as second:
        assert second.count_articles() == 1
        assert second.add(_output(TEXT_B, []), TEXT_B) is False


def test_missing_store_is_an_error_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


def test_newer_store_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("update marsad_meta set value=? where key='store_version'", (str(STORE_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer marsad"):
        Store(path)


def test_db_location_from_argument_env_or_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_db() == "marsad.sqlite"
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.sqlite"))
    assert db_url(None) == f"sqlite:///{tmp_path / 'env.sqlite'}"
    assert db_url("sqlite:///:memory:") == "sqlite:///:memory:"
    assert db_url(tmp_path / "x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"
