"""The runtime: every choice that decides how models load and run, resolved once per process.

`Runtime.resolve(...)` takes what a user asks for (model ids or directories, backend, device, threads,
beams, batch size, offline, cache) and settles it once: models are found on disk (hub cache or
directory; a local directory is fingerprinted once), the device is resolved, the thread count fixed.
Everything that loads or runs a model then takes the frozen result, so no layer resolves again and
no backend is built with other settings than the rest of the run (the biased-repair fallback
included)::

    from summarise.models.runtime import Runtime
    from summarise.models.loading import load_models

    runtime = Runtime.resolve("Helsinki-NLP/opus-mt-de-en", "sshleifer/distilbart-cnn-12-6", threads=2)
    translator, summariser = load_models(runtime)

Library layers take it as ``Translator.from_runtime(runtime)``, ``summariser_from_runtime(runtime)``,
``runtime.load_backend(model)``; the CLI builds one from its shared options (summarise/cli/options.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..checking.terms.glossary import Glossary, load_glossary
from . import backends
from .backends.base import DEFAULT_BEAMS, Backend, GenerationSettings
from .backends.registry import backend_class
from .hub import DEFAULT_TRANSLATION_MODEL, ResolvedModel, default_threads, resolve_device, resolve_model
from .roles import check_role


@dataclass(frozen=True)
class Runtime:
    """Resolved models and settings of one run. Build with `Runtime.resolve`; never mutated."""

    translation_model: ResolvedModel | None
    summary_model: ResolvedModel | None = None
    backend: str = "auto"  # as asked: auto or a registered name; per model: backend_for(model)
    device: str = "cpu"  # resolved: cpu | cuda | mps
    threads: int = 1  # resolved: --threads, else $SUMMARISE_THREADS, else every core
    quantization: str | None = None  # None: the backend's default (int8 on CTranslate2 CPU)
    beams: int = DEFAULT_BEAMS  # translation beam size
    batch_size: int | None = None  # sentences per translation call; None: the backend's preference
    cache: bool = True  # the on-disk translation cache
    offline: bool | None = None  # True: never touch the network (None: $HF_HUB_OFFLINE decides)
    # Sentences the run translates (one article: its sentence count; None: many, a throughput run such
    # as batch). CTranslate2 sizes its workers by it (summarise.models.threads); it never changes an output.
    workload: int | None = None
    shortlist: bool = False  # translate with the model's vocabulary shortlist (summarise.models.shortlist)
    # Terms every translation must use (summarise.checking.terms.Glossary); None: no glossary.
    glossary: Glossary | None = None

    @classmethod
    def resolve(
        cls,
        model: str | ResolvedModel | None = DEFAULT_TRANSLATION_MODEL,
        summary_model: str | ResolvedModel | None = None,
        *,
        backend: str = "auto",
        device: str = "auto",
        threads: int | None = None,
        beams: int = DEFAULT_BEAMS,
        batch_size: int | None = None,
        offline: bool | None = None,
        cache: bool = True,
        quantization: str | None = None,
        workload: int | None = None,
        shortlist: bool = False,
        glossary: Glossary | str | Path | None = None,
    ) -> Runtime:
        """Settle every choice once. Raises BackendUnavailable / ModelNotAvailable / ModelError with a
        one-line fix; `model` or `summary_model` None: that model is not part of the run. `glossary`: a
        Glossary or the path of a glossary file (read here, before any model is looked up: a bad
        one raises GlossaryError, exit 2)."""
        if glossary is not None and not isinstance(glossary, Glossary):
            glossary = load_glossary(glossary)
        if backend != "auto":
            backend_class(backend)  # an unknown name fails before any model is looked up
        if beams < 1:
            raise ValueError("beams must be at least 1")
        if batch_size is not None and batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        offline = offline or None  # False means "not forced": the environment (HF_HUB_OFFLINE) decides

        def find(name, option, role):
            if name is None or isinstance(name, ResolvedModel):
                return name
            resolved = resolve_model(name, offline=offline, option=option)  # errors name the option
            check_role(resolved, role, option)  # a summariser as --model (or the reverse): one line, now
            return resolved

        return cls(
            translation_model=find(model, "--model", "translation"),
            summary_model=find(summary_model, "--summary-model", "summary"),
            backend=backend,
            device=resolve_device(device),
            threads=default_threads(threads),
            quantization=quantization,
            beams=beams,
            batch_size=batch_size,
            cache=cache,
            offline=offline,
            workload=workload,
            shortlist=shortlist,
            glossary=glossary or None,
        )

    def but(self, **changes) -> Runtime:
        """A copy with other already-resolved values (e.g. another beam size for a benchmark)."""
        return replace(self, **changes)

    @property
    def settings(self) -> GenerationSettings:
        """Generation settings of the translation model."""
        return GenerationSettings(beams=self.beams)

    def backend_for(self, model: ResolvedModel) -> str:
        """The registered backend that runs `model` in this run (`auto` asks the registry)."""
        return backends.backend_for(self.backend, self.device, model)

    def load_backend(self, model: ResolvedModel) -> Backend:
        """`model` loaded on its backend with this run's device, threads and quantization (auto: the
        registry's choice, or the next one when the model cannot be converted for it)."""
        translation = model == self.translation_model
        # The summariser writes one summary per article: a one-article run is a latency workload for it.
        workload = self.workload if translation or self.workload is None else 1
        return backends.open_chosen(
            model, self.backend, device=self.device, threads=self.threads, quantization=self.quantization,
            workload=workload, shortlist=self.shortlist and translation,
            # One article: the summariser is needed only after the translation, so it loads then (peak
            # memory is one model's decoding at a time, not both models' weights plus the translation's).
            lazy=not translation and self.workload is not None,
        )  # fmt: skip
