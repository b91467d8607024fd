"""Where the store lives by default: light enough for the CLI to read without SQLAlchemy."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "marsad.sqlite"
ENV_VAR = "MARSAD_DB"


def default_db() -> str:
    """Return the store a command uses when given none: $MARSAD_DB, else ./marsad.sqlite."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def db_url(db: str | os.PathLike[str] | None = None) -> str:
    """Return the SQLAlchemy URL for `db`: a URL as it is, a file path as a SQLite URL."""
    value = str(db) if db is not None else default_db()
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
