"""Where summarise keeps its own files (translation cache, converted models).

The Hugging Face cache is a different thing and only `models.py` knows about it.
Nothing is created at import time: callers ask for a directory when they need it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir(*parts: str, create: bool = True) -> Path:
    """The platform cache dir (e.g. ~/.cache/summarise), or $SUMMARISE_CACHE_DIR when set."""
    root = os.environ.get("SUMMARISE_CACHE_DIR") or platformdirs.user_cache_dir("summarise")
    path = Path(root, *parts)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
