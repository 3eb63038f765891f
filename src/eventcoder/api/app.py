"""The FastAPI application: the API, its offline docs, and the web explorer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..pipeline import Pipeline
from ..web import static_dir
from .config import ServerConfig
from .db import StorePool, open_read_only
from .errors import ApiError, validation_detail
from .routes import AnnotatorHolder, build_router
from .security import EXPLORER_CSP, BodyLimitMiddleware, SecurityHeadersMiddleware

DESCRIPTION = """Political event data coded by eventcoder, read-only from a DuckDB store.

Every list takes `page` and `page_size`; event lists take the filters of `/events`.
Offsets (`trigger_start`, mentions, quotes, times, places) are character offsets into the
event's sentence. The web explorer is at `/`."""


def create_app(config: ServerConfig, pipeline_factory: Callable[[], Pipeline] | None = None,
               *, pool: StorePool | None = None,
               on_shutdown: Callable[[], None] | None = None) -> FastAPI:
    """The application serving one store; `pipeline_factory` builds the pipeline of
    POST /annotate on first use (a default Pipeline when not given); `pool` lends the
    requests their cursors (by default read-only ones on `config.db`); `on_shutdown` is called
    when the server stops (live mode stops its watcher there)."""
    pool = pool or StorePool(config.db, size=config.connections,
                             idle_seconds=config.idle_close_seconds,
                             connect=partial(open_read_only, threads=config.query_threads))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        if on_shutdown is not None:
            on_shutdown()

    app = FastAPI(title="eventcoder", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.config = config
    app.state.pool = pool
    annotator = AnnotatorHolder(pipeline_factory or Pipeline)
    app.include_router(build_router(config, annotator, pool))
    _add_pages(app)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_detail(exc.errors())}, status_code=422)

    # Outermost last: host check, then the body cap, then CORS (only when asked for).
    if config.cors_origins:
        methods = ["GET", "POST"] if config.allow_annotate else ["GET"]
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                           allow_methods=methods, allow_headers=["content-type"])
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=config.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    return app


def _add_pages(app: FastAPI) -> None:
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html",
                            headers={"content-security-policy": EXPLORER_CSP,
                                     "cache-control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="eventcoder API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg", oauth2_redirect_url=None,
            swagger_ui_parameters={"validatorUrl": None})
