"""The settings of one server, as `summarise serve` was given them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..limits import MAX_CHARS, REQUEST_MAX_CHARS
from .batching import DEFAULT_WAIT
from .uploads import MAX_UPLOAD_BYTES

DEFAULT_HOST = "127.0.0.1"  # loopback unless told otherwise
DEFAULT_PORT = 5000  # LibreTranslate's port: clients configured for it work unchanged


@dataclass(frozen=True)
class ServeConfig:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_chars: int = REQUEST_MAX_CHARS  # per request (LibreTranslate's charLimit)
    max_document_chars: int = MAX_CHARS  # per job document and uploaded file
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_jobs: int = 1  # jobs translated at once (each shares the model with the requests)
    api_keys: dict[str, int | None] | None = None
    rate_limit: int | None = None  # requests per minute per key / per address
    cors_origins: tuple[str, ...] = ()  # none: no CORS headers (browsers keep other sites out)
    batch_wait: float = DEFAULT_WAIT
    jobs_db: Path | None = None  # None: jobs.sqlite3 in the cache folder
    drain_seconds: float = 30.0  # SIGTERM: how long running requests get to finish
