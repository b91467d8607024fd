"""Fixtures: a store filled with the test corpus on each back end (SQLite, then PostgreSQL)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))  # backends.py, factory.py

from backends import BACKENDS, store_url  # noqa: E402
from factory import fill  # noqa: E402

from marsad.store import Store  # noqa: E402


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path)


@pytest.fixture
def filled(backend_url: str) -> Iterator[Store]:
    with Store(backend_url) as store:
        fill(store)
        yield store
