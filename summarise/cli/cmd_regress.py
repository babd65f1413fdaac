"""`summarise regress`."""

from __future__ import annotations

from .app import app, handle_errors  # noqa: F401
