"""Fixtures shared by the API and export tests: a store filled with the test corpus on each
back end (SQLite, then PostgreSQL). Imported by their conftest files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, store_url
from factory import fill

from marsad.store import Store


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path)


@pytest.fixture
def filled(backend_url: str) -> Iterator[Store]:
    with Store(backend_url) as store:
        fill(store)
        yield store
