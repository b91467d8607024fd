"""marsad's HTTP API (FastAPI, OpenAPI at /api/v1/openapi.json) and the web UI it serves.

    >>> from marsad.api import create_app, Settings
    >>> app = create_app(Settings(private=False), db="news.sqlite")

`marsad serve` runs it with uvicorn; `uvicorn --factory marsad.api:app_from_env` does too,
configured by MARSAD_DB, MARSAD_PRIVATE, MARSAD_TILE_URL and MARSAD_TILE_ATTRIBUTION.
"""

from __future__ import annotations

from ._app import API_PREFIX, create_app
from ._settings import Settings


def app_from_env():  # noqa: ANN201 - a FastAPI app
    """Return the app on the store MARSAD_DB names (./marsad.sqlite by default), for `uvicorn --factory`."""
    return create_app(Settings.from_env())


__all__ = ["API_PREFIX", "Settings", "app_from_env", "create_app"]
