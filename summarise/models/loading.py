"""Load the models of a run from its `Runtime`: the translator and, when the run has one, the summariser.

Every entry point (the CLI commands, batch, regress, benchmarks) loads through here, so a run has
exactly one resolution of its options (`Runtime.resolve`) and one load per model.
"""

from __future__ import annotations

from typing import NamedTuple

from ..briefing.summary import Summariser, summariser_from_runtime
from ..translation.engine import Translator
from .runtime import Runtime


class Models(NamedTuple):
    translator: Translator
    summariser: Summariser | None


def load_models(runtime: Runtime) -> Models:
    """(translator, summariser) of `runtime`; the summariser is None when the runtime has no summary model."""
    translator = Translator.from_runtime(runtime)
    summariser = summariser_from_runtime(runtime) if runtime.summary_model is not None else None
    share_memory(translator, summariser)
    return Models(translator, summariser)


def share_memory(translator: Translator, summariser: Summariser | None) -> None:
    """When the summariser loads lazily (a one-article run), free the translation model's weights just
    before: by then the article is translated and repaired (a later translation loads them again)."""
    backend = getattr(summariser, "backend", None)
    release = getattr(translator.backend, "release", None)
    if backend is not None and hasattr(backend, "before_open") and callable(release):
        backend.before_open = release
