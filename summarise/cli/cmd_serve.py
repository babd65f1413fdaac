"""`summarise serve`: the HTTP API and the editors' page, on the loopback address unless told otherwise."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from ..limits import MAX_CHARS, REQUEST_MAX_CHARS
from .app import app, fail, handle_errors
from .options import RuntimeOptions, with_runtime_options

EPILOG = """\
Examples:

  summarise serve                                   # http://127.0.0.1:5000/ (page, API, /openapi.json)

  summarise serve --backend ctranslate2 --max-jobs 2 --api-keys keys.txt

  summarise serve --summary-model none              # translation only (/v1/brief answers 501)

  summarise serve --host 0.0.0.0 --port 8080 --cors-origin https://cms.example.org

  curl -s 127.0.0.1:5000/translate -H 'Content-Type: application/json' \\
       -d '{"q": "Rund 3.000 Soldaten.", "source": "de", "target": "en"}'

LibreTranslate clients work unchanged (/translate, /translate_file, /languages, /detect,
/frontend/settings); /v1/translate, /v1/brief and /v1/check answer with the fidelity report;
/v1/jobs translates documents in the background and survives a restart. SIGTERM drains the running
requests, keeps unfinished jobs for the next start and exits 0.

Exit codes: 0 stopped cleanly, 2 bad option, missing serve extra or model not available.
"""


@app.command(epilog=EPILOG)
@handle_errors
@with_runtime_options(summary=True)
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 5000,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, metavar="N", help=f"Characters of text per request (LibreTranslate's charLimit) [default: {REQUEST_MAX_CHARS:,}].", show_default=False)
    ] = REQUEST_MAX_CHARS,
    max_document_chars: Annotated[
        int, typer.Option("--max-document-chars", min=1, metavar="N", help="Characters of text per job document.")
    ] = MAX_CHARS,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, metavar="N", help="Bytes of upload per request, in MB.")] = 20,
    max_jobs: Annotated[int, typer.Option("--max-jobs", min=1, metavar="N", help="Document jobs translated at once.")] = 1,
    api_keys: Annotated[
        Path | None, typer.Option("--api-keys", metavar="FILE", help="Require an API key: one KEY [REQUESTS_PER_MINUTE] per line.")
    ] = None,
    rate_limit: Annotated[
        int | None, typer.Option("--rate-limit", min=1, metavar="N", help="Requests per minute per key (or per address).")
    ] = None,
    cors_origins: Annotated[
        list[str] | None, typer.Option("--cors-origin", metavar="ORIGIN", help="Allow this web origin (CORS); repeatable. Default: none.")
    ] = None,
    jobs_db: Annotated[Path | None, typer.Option("--jobs-db", metavar="FILE", help="Job database (default: in the cache folder).")] = None,
    batch_wait_ms: Annotated[
        float, typer.Option("--batch-wait-ms", min=0, metavar="MS", help="How long a model call waits for more requests.")
    ] = 15.0,
    *,
    options: RuntimeOptions,
) -> None:
    """Serve the LibreTranslate-compatible API, the native API with fidelity reports, and the editors' page."""
    from ..serve import MISSING_EXTRA, missing_dependency

    if missing_dependency() is not None:
        raise fail(MISSING_EXTRA)
    from ..serve.access import read_keys
    from ..serve.app import create_app
    from ..serve.config import ServeConfig
    from ..serve.engine import Engine
    from ..serve.server import serve as run_server

    keys = read_keys(api_keys) if api_keys is not None else None
    if options.summary_model is not None and options.summary_model.lower() == "none":
        options = dataclasses.replace(options, summary_model=None)  # translation only: /v1/brief answers 501
    config = ServeConfig(
        host=host, port=port, max_chars=max_chars, max_document_chars=max_document_chars,
        max_upload_bytes=max_upload_mb * 1024 * 1024, max_jobs=max_jobs, api_keys=keys, rate_limit=rate_limit,
        cors_origins=tuple(cors_origins or ()), batch_wait=batch_wait_ms / 1000, jobs_db=jobs_db,
    )  # fmt: skip
    engine = Engine.from_runtime(options.runtime(), batch_wait=config.batch_wait)
    application = create_app(engine, config)
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    run_server(application, config, ready=lambda: typer.echo(f"summarise: serving on {where} (Ctrl-C or SIGTERM stops)", err=True))
    engine.close()
