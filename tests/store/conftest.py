"""Fixtures for the store tests: a store on each back end, SQLite and a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, store_url

from marsad.store import Store


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store on each back end in turn."""
    return store_url(request.param, tmp_path)


@pytest.fixture
def store(backend_url: str) -> Iterator[Store]:
    with Store(backend_url) as opened:
        yield opened
