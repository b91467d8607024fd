"""The back ends every store-backed test runs on, and how to get an empty store on each.

PostgreSQL is a real server started from the local binaries (`marsad.store.pgserver`),
once per test run, each test getting its own database. Without the binaries the
PostgreSQL cases are skipped, saying why, except in CI (CI=true), where they fail: CI
installs PostgreSQL (.ci/run), so a server that does not start there is a real failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.store.pgserver import PostgresUnavailable, fresh_database

BACKENDS = ("sqlite", "postgresql")


def store_url(backend: str, tmp_path: Path) -> str:
    """Return the URL of an empty database on `backend`."""
    if backend == "sqlite":
        return str(tmp_path / "store.sqlite")
    try:
        return fresh_database()
    except PostgresUnavailable as err:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL must run in CI but did not start: {err}")
        pytest.skip(f"PostgreSQL not available here: {err}")
