from __future__ import annotations

import pytest

from marsad.geo.gazetteer import get_gazetteer
from marsad.pipeline import build_pipeline


@pytest.fixture(scope="session")
def gazetteer():
    return get_gazetteer()


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline(["marsad_sentences", "marsad_places"])


@pytest.fixture
def places(nlp):
    """Run the place stage on a text and return (doc, its PlaceMentions)."""

    def run(text: str):
        doc = nlp(text)
        for m in doc._.places:
            assert doc.text[m.start:m.end] == m.text, (m.text, m.start, m.end)
        return doc, doc._.places

    return run

