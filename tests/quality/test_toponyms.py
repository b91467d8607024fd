"""Quality floor of place resolution on the hand-checked toponym set (eval/toponyms).

Issue 5 asks for >= 90% of mentions within 10 km of the true place; the floors sit a
little under today's figures so that a change that loses accuracy fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.geo.evaluate import DEFAULT_CORPUS, DEFAULT_MENTIONS, evaluate

pytestmark = pytest.mark.skipif(not Path(DEFAULT_CORPUS).is_dir(), reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def summary():
    return evaluate(DEFAULT_MENTIONS, DEFAULT_CORPUS).summary()


def _rate(pair):
    return pair[0] / pair[1]


def test_toponyms_resolve_within_10_km(summary):
    assert summary["mentions"] >= 300
    assert _rate(summary["within_10km"]) >= 0.92
    assert _rate(summary["admin1"]) >= 0.92
    assert _rate(summary["found"]) >= 0.82


def test_no_confident_wrong_village(summary):
    # a place no gazetteer holds falls back to its area, never a point elsewhere
    assert summary["unlisted"].get("confident wrong point", 0) == 0
    assert summary["by_kind"]["town"]["exact_id"][0] >= 0.95 * summary["by_kind"]["town"]["exact_id"][1]
