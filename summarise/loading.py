"""Load the models of a run from its `Runtime`: the translator and, when the run has one, the summariser.

Every entry point (the CLI commands, batch, regress, benchmarks) loads through here, so a run has
exactly one resolution of its options (`Runtime.resolve`) and one load per model.
"""

from __future__ import annotations

from typing import NamedTuple

from .runtime import Runtime
from .summary import Summariser, summariser_from_runtime
from .translate import Translator


class Models(NamedTuple):
    translator: Translator
    summariser: Summariser | None


def load_models(runtime: Runtime) -> Models:
    """(translator, summariser) of `runtime`; the summariser is None when the runtime has no summary model."""
    translator = Translator.from_runtime(runtime)
    summariser = summariser_from_runtime(runtime) if runtime.summary_model is not None else None
    return Models(translator, summariser)
