"""The first store layout (store version 1): articles and their events, quotes, entities, places.

Stores written by marsad before migrations existed have exactly these tables; opening
one stamps it at this revision instead of creating anything (see `_migrate`).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _article_fk() -> sa.Column:
    return sa.Column("article_pk", sa.Integer(), sa.ForeignKey("articles.pk", ondelete="CASCADE",
                                                                name=None), nullable=False)


def upgrade() -> None:
    op.create_table(
        "marsad_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("source", sa.String(200)),
        sa.Column("published", sa.Date()),
        sa.Column("title", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("output_json", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
    )
    for col in ("id", "source", "published"):
        op.create_index(f"ix_articles_{col}", "articles", [col])
    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), primary_key=True),
        _article_fk(),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("sub_event_type", sa.String(100), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date()),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(100)),
        sa.Column("admin1", sa.String(100)),
        sa.Column("admin1_key", sa.String(100)),
        sa.Column("admin2", sa.String(100)),
        sa.Column("location_name_en", sa.String(200)),
        sa.Column("location_name_ar", sa.String(200)),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("actor1", sa.String(200)),
        sa.Column("actor2", sa.String(200)),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("event_json", sa.Text(), nullable=False),
    )
    for col in ("article_pk", "event_type", "sub_event_type", "event_date", "admin1_key"):
        op.create_index(f"ix_events_{col}", "events", [col])
    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer(), primary_key=True),
        _article_fk(),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("speaker_name_en", sa.String(200)),
        sa.Column("speaker_role", sa.String(200)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("cue", sa.String(100)),
        sa.Column("channel", sa.String(100)),
        sa.Column("quote_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_quotes_article_pk", "quotes", ["article_pk"])
    op.create_table(
        "entities",
        sa.Column("pk", sa.Integer(), primary_key=True),
        _article_fk(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_entities_article_pk", "entities", ["article_pk"])
    op.create_index("ix_entities_label", "entities", ["label"])
    op.create_table(
        "places",
        sa.Column("pk", sa.Integer(), primary_key=True),
        _article_fk(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("name_ar", sa.String(200)),
        sa.Column("name_en", sa.String(200)),
        sa.Column("geonames_id", sa.Integer()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("country", sa.String(100)),
        sa.Column("admin1", sa.String(100)),
        sa.Column("admin2", sa.String(100)),
        sa.Column("feature_code", sa.String(10)),
    )
    op.create_index("ix_places_article_pk", "places", ["article_pk"])
    op.create_index("ix_places_geonames_id", "places", ["geonames_id"])


def downgrade() -> None:
    for table in ("places", "entities", "quotes", "events", "articles", "marsad_meta"):
        op.drop_table(table)
