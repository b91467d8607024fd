"""Fixtures for the browser tests: a store on each back end, the desk served on a free port,
and Debian's Chromium driven by Playwright (never a downloaded browser).

Without /usr/bin/chromium the tests skip, saying why, except in CI (CI=true), where
.ci/run installs it and a missing browser is a failure.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))  # backends.py, factory.py

from backends import BACKENDS, store_url  # noqa: E402

import marsad  # noqa: E402
from marsad.annotations import ArticleRecord  # noqa: E402
from marsad.ingest import read_path  # noqa: E402
from marsad.schema import ArticleOutput  # noqa: E402
from marsad.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SAMPLES = Path(marsad.__file__).parent / "data" / "samples"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path)


@functools.lru_cache(maxsize=1)
def sample_outputs() -> tuple[tuple[ArticleOutput, str], ...]:
    """The sample reports run through the real pipeline, once per test run."""
    records: list[ArticleRecord] = [r for r in read_path(SAMPLES) if isinstance(r, ArticleRecord)]
    return tuple((marsad.extract(r), r.text) for r in records)


@pytest.fixture
def samples_store(backend_url: str) -> Iterator[Store]:
    with Store(backend_url) as store:
        for output, text in sample_outputs():
            store.add(output, text)
        yield store


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201 - a playwright Browser
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
