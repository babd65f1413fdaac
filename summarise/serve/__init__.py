"""`summarise serve`: a LibreTranslate-compatible HTTP API with fidelity reports, persisted document
jobs and a page for editors. A thin face over the library: the models are loaded once from the same
Runtime as the CLI's, and every answer is rendered by the CLI's renderers.

Needs the `serve` extra (starlette, uvicorn, python-multipart, prometheus-client).
"""

from __future__ import annotations

MISSING_EXTRA = "the HTTP server needs the serve extra: install summarise[serve] (pip install 'summarise[serve]')"


def missing_dependency() -> str | None:
    """Which of the serve extra's packages is missing, or None when all are installed."""
    import importlib.util

    for module in ("starlette", "uvicorn", "multipart", "prometheus_client", "py3langid"):
        if importlib.util.find_spec(module) is None:
            return module
    return None
