"""Alembic environment: run the migrations on the connection `marsad.store` hands over.

marsad runs `upgrade head` itself whenever a store is opened (`marsad.store._migrate`),
passing its open connection in `config.attributes["connection"]`, so there is no
alembic.ini and no URL to configure. The `alembic` command works too, given
`-x url=...` and `--config` pointing at nothing but `script_location`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from marsad.store._models import Base

config = context.config


def _run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # pragma: no cover - the stand-alone `alembic` command
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).connect() as conn:
        _run(conn)
