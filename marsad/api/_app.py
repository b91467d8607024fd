"""The FastAPI application: the API under /api/v1 and the web UI at /, one process, one store.

    >>> app = create_app(Settings(), store=Store("news.sqlite"))   # or create_app(db="news.sqlite")

The UI is static files (`marsad/web/static`) that call the same API a script would; no
page is rendered on the server, so there is one query layer and one place to escape
text (the browser's DOM, see `marsad/web/static/app.js`).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .._exceptions import StoreError
from ..store import Store
from ._deps import TokenChecker
from ._routes import router as core_router
from ._routes_more import router as more_router
from ._settings import Settings

API_PREFIX = "/api/v1"
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"

DESCRIPTION = """marsad reads Arabic news and keeps ACLED-shaped conflict events, the quotes and the
places behind them. Reads are open unless the desk runs `--private`; writing needs a token
(`Authorization: Bearer TOKEN`, from `marsad token create NAME`). Exports stream."""


def create_app(settings: Settings | None = None, *, store: Store | None = None, db: str | None = None) -> FastAPI:
    """Return the app on `store` (or on the store at `db`, opened here and closed on shutdown)."""
    settings = settings or Settings.from_env()
    owned = store is None
    store = store or Store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        yield
        if owned:
            store.close()

    app = FastAPI(title="marsad", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url="/docs", redoc_url=None)
    app.state.store = store
    app.state.settings = settings
    app.state.tokens = TokenChecker(store)
    app.include_router(core_router, prefix=API_PREFIX)
    app.include_router(more_router, prefix=API_PREFIX)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/ui/")

    app.mount("/ui", StaticFiles(directory=STATIC, html=True), name="ui")
    return app
