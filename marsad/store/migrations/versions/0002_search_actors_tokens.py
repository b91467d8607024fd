"""Store version 2: full-text search, actor columns for actor lists and control, API tokens.

Adds to `events` the Arabic actor names, inter codes, sides and GeoNames id (read from
each event's stored JSON, so old stores are filled in), and `search_text`, the folded
words that full-text search indexes: an FTS5 table kept in step by triggers on SQLite, a
GIN index over `to_tsvector('simple', search_text)` on PostgreSQL. Adds `api_tokens`.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NEW_COLUMNS = (
    ("actor1_ar", sa.String(200)), ("actor2_ar", sa.String(200)), ("inter1", sa.Integer()),
    ("inter2", sa.Integer()), ("side1", sa.String(50)), ("side2", sa.String(50)),
    ("geonames_id", sa.Integer()), ("search_text", sa.Text()),
)

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE events_fts USING fts5(search_text, content='events', content_rowid='pk')",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, search_text) VALUES (new.pk, new.search_text); END",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.pk, old.search_text); END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF search_text ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.pk, old.search_text); "
    "INSERT INTO events_fts(rowid, search_text) VALUES (new.pk, new.search_text); END",
)
PG_INDEX = "CREATE INDEX ix_events_search ON events USING gin (to_tsvector('simple', coalesce(search_text, '')))"


def upgrade() -> None:
    for name, type_ in _NEW_COLUMNS:
        op.add_column("events", sa.Column(name, type_))
    _backfill()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
        op.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(PG_INDEX)
    op.create_table(
        "api_tokens",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def _backfill() -> None:
    """Fill the new columns of events stored before this revision from their JSON."""
    from marsad.schema import Event
    from marsad.store._search import event_columns

    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT e.pk, e.event_json, a.title FROM events e JOIN articles a ON a.pk = e.article_pk")).all()
    for pk, event_json, title in rows:
        values = event_columns(Event.model_validate_json(event_json), title)
        sets = ", ".join(f"{k} = :{k}" for k in values)
        bind.execute(sa.text(f"UPDATE events SET {sets} WHERE pk = :pk"), {**values, "pk": pk})


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_table("api_tokens")
    if dialect == "sqlite":
        for name in ("events_fts_insert", "events_fts_delete", "events_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS events_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_events_search")
    with op.batch_alter_table("events") as batch:
        for name, _ in reversed(_NEW_COLUMNS):
            batch.drop_column(name)
