"""The ASGI app: LibreTranslate's endpoints, the native /v1 endpoints, jobs, the editor page, health.

`create_app(engine, config)` builds a Starlette app over an already-loaded `Engine`; `summarise serve`
runs it on uvicorn (summarise.serve.server). Model work runs in worker threads (the event loop only
parses and answers), where the `BatchingBackend` merges the sentences of concurrent requests.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import InputError, SummariseError
from . import editor, libretranslate, native
from .access import Denied
from .config import ServeConfig
from .engine import Engine
from .jobs import JobRunner, JobStore
from .metrics import CONTENT_TYPE_LATEST, Metrics
from .state import State, state
from .uploads import UploadError

log = logging.getLogger(__name__)

def error(message: str, status: int = 400, headers: dict | None = None) -> JSONResponse:
    """LibreTranslate's error shape, used by every endpoint: {"error": "..."}."""
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return error(str(exc.detail), exc.status_code, getattr(exc, "headers", None))


async def _denied(request: Request, exc: Denied) -> JSONResponse:
    return error(str(exc), exc.status)


async def _upload_error(request: Request, exc: UploadError) -> JSONResponse:
    return error(str(exc), exc.status)


async def _input_error(request: Request, exc: SummariseError) -> JSONResponse:
    status = 400 if isinstance(exc, InputError) else 500
    return error(str(exc), status)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s", request.url.path)
    return error(f"internal error: {type(exc).__name__}", 500)


async def health(request: Request) -> JSONResponse:
    s = state(request)
    return JSONResponse(
        {
            "status": "ok",
            "model": s.engine.model_name,
            "summary_model": getattr(s.engine.summariser, "name", None),
            "queue_depth": s.engine.backend.queue_depth,
            "threads": s.engine.thread_plan,
            "jobs_running": s.jobs.running,
            "uptime_s": round(time.time() - s.started, 1),
        }
    )


async def metrics(request: Request) -> Response:
    s = state(request)
    s.metrics.queue_depth.set(s.engine.backend.queue_depth)
    s.metrics.jobs_running.set(s.jobs.running)
    return Response(s.metrics.render(), media_type=CONTENT_TYPE_LATEST)


class Observe:
    """Pure ASGI middleware: request count and latency per route (metrics), a body-size cap, and the
    security headers of every response."""

    def __init__(self, app, serve: State):
        self.app, self.serve = app, serve

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = {"code": 500}
        limit = self.serve.config.max_upload_bytes + 8 * self.serve.config.max_chars + 65536  # JSON escapes: <= 6 bytes a char
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            response = error(f"Invalid request: the request body is larger than {limit:,} bytes", 413)
            await response(scope, receive, send)
            self._count(scope, 413, start)
            return
        seen = {"bytes": 0}

        async def limited_receive():
            message = await receive()
            if message["type"] == "http.request":
                seen["bytes"] += len(message.get("body", b""))
                if seen["bytes"] > limit:
                    raise HTTPException(413, f"Invalid request: the request body is larger than {limit:,} bytes")
            return message

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS:
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        finally:
            self._count(scope, status["code"], start)

    def _count(self, scope, code: int, start: float) -> None:
        route = scope.get("route")
        endpoint = getattr(route, "path", None) or "other"
        self.serve.metrics.requests.labels(endpoint, str(code)).inc()
        self.serve.metrics.latency.labels(endpoint).observe(time.perf_counter() - start)


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def _warm_detector() -> None:
    from .language import identifier

    try:
        identifier()
    except Exception:  # a broken install: the first /detect reports it
        log.exception("the language detector did not load")


def create_app(engine: Engine, config: ServeConfig | None = None, *, store: JobStore | None = None) -> Starlette:
    config = config or ServeConfig()
    metrics_ = Metrics()
    engine.backend.on_batch = metrics_.on_batch
    store = store or JobStore(config.jobs_db)

    def process(name, data, kind, progress):
        from .work import process_document

        return process_document(engine, name, data, kind, progress, max_chars=config.max_document_chars)

    runner = JobRunner(store, process, max_jobs=config.max_jobs, on_finish=lambda _id, status: metrics_.jobs.labels(status).inc())
    serve = State(engine, config, runner, metrics_)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        runner.start()
        # The language detector loads in the background (seconds): the first /detect need not wait.
        threading.Thread(target=_warm_detector, name="summarise-detector-load", daemon=True).start()
        try:
            yield
        finally:
            # uvicorn has drained the running requests by now; a running job stops at its next
            # window of blocks and stays queued in the database for the next start.
            await anyio.to_thread.run_sync(runner.stop)

    routes = [
        Route("/health", health, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        *libretranslate.routes(),
        *native.routes(),
        *editor.routes(),
    ]
    middleware = [Middleware(Observe, serve=serve)]
    if config.cors_origins:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST", "DELETE"],
                       allow_headers=["Content-Type", "Authorization", "X-API-Key"])  # fmt: skip
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={
            HTTPException: _http_error,
            Denied: _denied,
            UploadError: _upload_error,
            SummariseError: _input_error,
            Exception: _internal,
        },
    )
    app.state.serve = serve
    return app
