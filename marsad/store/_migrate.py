"""Bring a store's layout to the newest Alembic revision when it is opened.

Three cases: a new, empty database (every migration runs); a store from before
migrations existed (its tables match revision 0001, so it is stamped there and then
upgraded); a store already under Alembic (only the missing steps run).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

MIGRATIONS = Path(__file__).with_name("migrations")
FIRST = "0001"


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config for marsad's migrations, bound to `connection` when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """Return the newest revision id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or FIRST


def current(engine: Engine) -> str | None:
    """Return the revision the store is at (None: not under Alembic yet)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Upgrade the store at `engine` to the newest revision, stamping pre-Alembic stores first."""
    with engine.begin() as connection:
        config = alembic_config(connection)
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision is None and inspect(connection).has_table("articles"):
            command.stamp(config, FIRST)
        command.upgrade(config, "head")
