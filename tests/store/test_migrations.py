"""Alembic migrations: the models match the newest revision on both back ends, stores
written before migrations existed are upgraded in place, and every step can be undone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from factory import TEXT_SHELLING, corpus
from sqlalchemy import create_engine, inspect

from marsad.store import STORE_VERSION, EventFilter, Store
from marsad.store import _migrate
from marsad.store._models import Base

# Made by migrations only, which the models cannot describe: FTS5's tables, the GIN index.
MIGRATION_ONLY = ("events_fts", "ix_events_search")


def _drift(store: Store) -> list:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    return [d for d in diff if not any(name in repr(d) for name in MIGRATION_ONLY)]


def test_models_match_the_newest_migration(backend_url: str) -> None:
    with Store(backend_url) as store:
        assert _drift(store) == []
        assert _migrate.current(store.engine) == _migrate.head()


def test_every_step_downgrades_and_upgrades_again(backend_url: str) -> None:
    with Store(backend_url) as store:
        store.add(*corpus()[1])
        with store.engine.begin() as conn:
            command.downgrade(_migrate.alembic_config(conn), "0001")
        assert "search_text" not in {c["name"] for c in inspect(store.engine).get_columns("events")}
        assert "api_tokens" not in inspect(store.engine).get_table_names()
    with Store(backend_url) as again:  # opening upgrades, and backfills the search column
        assert [f.event.id for f in again.search_events(EventFilter(q="مدفعيه"))] == ["shell-1"]


def test_a_store_from_before_migrations_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # the layout marsad 0.1 wrote with create_all: revision 0001, no stamp
        command.upgrade(_migrate.alembic_config(conn), "0001")
    engine.dispose()
    out, text = corpus()[1]
    ev = out.events[0]
    con = sqlite3.connect(path)
    con.execute("DROP TABLE alembic_version")
    con.execute("INSERT INTO marsad_meta VALUES ('store_version', '1')")
    con.execute("INSERT INTO articles (id, source, published, title, language, sha256, text, output_json, "
                "ingested_at) VALUES (?, ?, ?, ?, 'ar', ?, ?, ?, ?)",
                (out.article.id, out.article.source, "2019-05-12", out.article.title, out.article.sha256, text,
                 out.model_dump_json(by_alias=True), "2019-05-12 10:00:00"))
    con.execute("INSERT INTO events (article_pk, id, event_type, sub_event_type, event_date, time_precision, "
                "admin1, admin1_key, geo_precision, actor1, status, confidence, event_json) "
                "VALUES (1, ?, ?, ?, '2019-05-12', 1, 'Hama', 'hama', 1, ?, 'reported', 0.8, ?)",
                (ev.id, ev.event_type, ev.sub_event_type, ev.actor1.name_en, ev.model_dump_json()))
    con.commit()
    con.close()
    with Store(path) as store:
        assert _migrate.current(store.engine) == _migrate.head()
        found = store.search_events(EventFilter(q="كفرنبوده", actor="قوات النظام"))
        assert [f.event.id for f in found] == ["shell-1"]
        assert found[0].event == ev and found[0].published == dt.date(2019, 5, 12)
        assert store.add(out, TEXT_SHELLING) is False  # still the same article
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM marsad_meta WHERE key='store_version'").fetchone() == (str(STORE_VERSION),)
