"""Store version 3: the run journal (runs, run_items) and polled feeds' validators (feeds).

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(16), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("resumes", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False)
          for name in ("read", "stored", "duplicates", "foreign", "errors", "events")),
    )
    op.create_index("ix_runs_status", "runs", ["status"])
    op.create_table(
        "run_items",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("run_pk", sa.Integer(), sa.ForeignKey("runs.pk", ondelete="CASCADE",
                                                         name="fk_run_items_run_pk_runs"), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("article_id", sa.String(200), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_run_items_run_pk", "run_items", ["run_pk"])
    op.create_index("ix_run_items_sha256", "run_items", ["sha256"])
    op.create_index("ix_run_items_status", "run_items", ["status"])
    op.create_table(
        "feeds",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("last_status", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("feeds")
    op.drop_table("run_items")
    op.drop_table("runs")
