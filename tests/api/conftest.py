"""Fixtures: a store filled with the test corpus on each back end (SQLite, then PostgreSQL)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))  # backends.py, factory.py

from filled_store import backend_url, filled  # noqa: E402, F401  (fixtures)
