"""Models: finding, resolving, converting and loading them; the backends that run them.

hub (find and resolve models, devices, threads), runtime (every loading choice resolved once),
convert / shortlist / threads (CTranslate2 conversion, vocabulary shortlists, worker plans), backends/
(transformers, CTranslate2), loading (the one place a run's translator and summariser are built).
"""

from __future__ import annotations

import importlib
from pathlib import Path

_HERE = Path(__file__).parent


def __getattr__(name: str):
    # `summarise.models` was the module that is now `summarise.models.hub`: its names still answer here.
    # A submodule's name is left to the import system (`from . import backends` asks here first).
    if name.startswith("__") or (_HERE / f"{name}.py").is_file() or (_HERE / name).is_dir():
        raise AttributeError(name)
    hub = importlib.import_module("summarise.models.hub")
    try:
        return getattr(hub, name)
    except AttributeError:
        raise AttributeError(f"module 'summarise.models' has no attribute {name!r}") from None
