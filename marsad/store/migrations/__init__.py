"""Alembic migrations of the store's layout, for SQLite and PostgreSQL alike (see `env.py`)."""
