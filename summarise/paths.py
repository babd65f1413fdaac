"""Where summarise keeps its own files (translation cache, converted models).

The Hugging Face cache is a different thing and only `models.py` knows about it.
Nothing is created at import time: callers ask for a directory when they need it.

The cache is an optimisation: when its folder cannot be written (read-only, a file, no permission)
`writable_cache_dir` says so in one warning per process and returns None, and the caller runs
without it (no translation cache; CTranslate2 conversions go to a temp folder for the run). A
read-only cache that already holds conversions (a prepared image) is still read.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

from .errors import InputError

log = logging.getLogger(__name__)

_warned: set[str] = set()  # cache roots already warned about in this process


def cache_root() -> Path:
    """The platform cache dir (e.g. ~/.cache/summarise), or $SUMMARISE_CACHE_DIR when set."""
    return Path(os.environ.get("SUMMARISE_CACHE_DIR") or platformdirs.user_cache_dir("summarise"))


def cache_dir(*parts: str, create: bool = True) -> Path:
    """A folder below the cache root; created (OSError when it cannot be) unless create=False."""
    path = Path(cache_root(), *parts)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def cache_problem(*parts: str) -> str | None:
    """Why new files cannot be written to cache_dir(*parts) (creating it), or None when they can."""
    path = Path(cache_root(), *parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        blocker = _first_file(path)
        return f"{blocker} is a file, not a folder" if blocker is not None else (e.strerror or str(e))
    if not os.access(path, os.W_OK | os.X_OK):
        return "it is read-only"
    return None


def _first_file(path: Path) -> Path | None:
    """The part of `path` that exists and is not a folder (why mkdir failed), if any."""
    for parent in [*reversed(path.parents), path]:
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def writable_cache_dir(*parts: str) -> Path | None:
    """cache_dir(*parts), created, or None (after one warning per process) when it cannot be written."""
    problem = cache_problem(*parts)
    if problem is None:
        return cache_dir(*parts, create=False)
    root = str(cache_root())
    if root not in _warned:
        _warned.add(root)
        log.warning(
            "cache folder %s cannot be written (%s): running without the cache (translations are not reused, "
            "CTranslate2 conversions are redone each run); set SUMMARISE_CACHE_DIR to a writable folder",
            root,
            problem,
        )
    return None


def require_writable_cache(*parts: str) -> Path:
    """cache_dir(*parts) for commands whose whole point is to fill the cache: InputError when unwritable."""
    problem = cache_problem(*parts)
    if problem is not None:
        raise InputError(
            f"cache folder {cache_root()} cannot be written ({problem}): set SUMMARISE_CACHE_DIR to a writable folder"
        )
    return cache_dir(*parts, create=False)
