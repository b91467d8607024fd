"""Fixtures for the CLI tests: the real `marsad` entry point, real SQLite files.

Most tests are about the command line itself (errors, exit codes, output formats), so
they replace the extraction step with a double that builds a fixed, valid output
(`cli_helpers.fixed_output`); they then hold whatever the NLP stages do. Tests that
need real events run the real pipeline (test_pipeline_samples.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import fixed_output
from click.testing import CliRunner

from marsad.annotations import ArticleRecord
from marsad.schema import ArticleOutput

# test_watch.py's local news site (tests/ingest) and the store back ends (tests/store).
for _helpers in ("ingest", "store"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / _helpers))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fake_extract(monkeypatch: pytest.MonkeyPatch) -> Callable[[ArticleRecord], ArticleOutput]:
    """Replace the NLP pipeline in the CLI by `fixed_output` (no events); return the calls list."""
    calls: list[ArticleRecord] = []

    def extract(record: ArticleRecord) -> ArticleOutput:
        calls.append(record)
        return fixed_output(record, with_event=False)

    monkeypatch.setattr("marsad.cli.main.extract_article", extract)
    monkeypatch.setattr("marsad.engine._batch.extract_article", extract)
    extract.calls = calls  # type: ignore[attr-defined]
    return extract
