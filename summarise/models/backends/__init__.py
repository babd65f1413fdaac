"""Backends that run a model, found through a registry: transformers (the reference) and CTranslate2.

Each backend class registers itself (`register_backend`, see registry.py); `load_backend` /
`open_backend` are the one way to build one, so `auto`, the device checks and --threads are decided
in one place for every backend.
"""

from __future__ import annotations

import logging

from ...errors import BackendUnavailable, ConversionError, ModelError
from ..hub import ResolvedModel

# The built-in backends register themselves on import (cheap: torch / ctranslate2 load on first use).
from . import ctranslate2_backend, transformers_backend  # noqa: E402,F401,I001
from .base import Backend, GenerationSettings
from .registry import (
    AUTO,
    backend_choices,
    backend_class,
    backend_names,
    choose_backend,
    register_backend,
    unregister_backend,
)

log = logging.getLogger(__name__)

__all__ = [
    "Backend",
    "GenerationSettings",
    "auto_backend",
    "backend_class",
    "backend_for",
    "backend_names",
    "choose_backend",
    "ctranslate2_available",
    "load_backend",
    "open_backend",
    "open_chosen",
    "register_backend",
    "unregister_backend",
]


def backend_for(name: str, device: str, model: ResolvedModel) -> str:
    """The registered backend that runs `model` on a resolved `device` (`auto` asks the registry)."""
    return choose_backend(name, device, model.config.get("model_type"), model.kind)


def open_chosen(
    model: ResolvedModel,
    name: str,
    *,
    device: str,
    threads: int | None = None,
    quantization: str | None = None,
    **options,
) -> Backend:
    """Load `model` on backend `name` (or `auto`) on a resolved `device`.

    auto: the registry's first choice, and when the model cannot be loaded there (its CTranslate2
    conversion fails: an architecture or vocabulary layout the converter does not handle) the next
    one, with one warning line. A named backend fails loudly instead.
    """
    choices = backend_choices(name, device, model.config.get("model_type"), model.kind)
    for i, choice in enumerate(choices):
        try:
            return open_backend(model, choice, device=device, threads=threads, quantization=quantization, **options)
        except ModelError as e:  # ConversionError included: under auto both fall back to the next backend
            if name != AUTO and isinstance(e, ConversionError):
                raise e.with_hint("use --backend transformers (or --backend auto, which falls back to it)") from e
            if options.get("shortlist"):
                # No fallback: the next backend has no shortlist either, and a warning that it runs
                # there followed by an error that it cannot would contradict each other.
                if isinstance(e, ConversionError):
                    raise e.with_hint("--shortlist needs CTranslate2: drop --shortlist to run it on transformers") from e
                raise
            if name != AUTO or i + 1 == len(choices):
                raise
            log.warning("%s; running %s on %s instead", e, model.name, choices[i + 1])
    raise AssertionError("unreachable: backend_choices is never empty")


def open_backend(
    model: ResolvedModel,
    name: str,
    *,
    device: str,
    threads: int | None = None,
    quantization: str | None = None,
    **options,
) -> Backend:
    """Load a resolved model on the registered backend `name` (not `auto`) on a resolved `device`.

    `options`: run options (Backend.run_options: workload, shortlist) for the backends that take them."""
    cls = backend_class(name)
    kind = model.kind
    if kind is not None and kind not in cls.kinds:
        raise BackendUnavailable(
            f"{model.name} is a decoder-only chat model, which summarise runs on transformers only: "
            "use --backend auto or --backend transformers"
            if kind == "chat"
            else f"the {name} backend cannot run {kind} models such as {model.name}: use --backend auto"
        )
    cls.check_available(device)
    if options.get("shortlist") and "shortlist" not in cls.run_options:
        raise BackendUnavailable(
            f"--shortlist needs the ctranslate2 backend (a CTranslate2 vocabulary map), not {name}: "
            "use --backend ctranslate2 (or auto) or drop --shortlist"
        )
    kept = {k: v for k, v in options.items() if k in cls.run_options and v is not None}
    return cls.open(model, device, threads=threads, quantization=quantization, **kept)


def load_backend(
    model: str | ResolvedModel,
    *,
    backend: str = "auto",
    device: str = "auto",
    offline: bool | None = None,
    threads: int | None = None,
    quantization: str | None = None,
) -> Backend:
    """Resolve `model` (hub id or directory) and the device, and load it on the chosen backend.

    auto: the registry's first choice that runs there (CTranslate2 on CPU when it is installed,
    transformers otherwise, and on GPU unless CTranslate2 was built with CUDA there). A whole run
    resolves once with `summarise.models.runtime.Runtime` instead.
    """
    from ..hub import resolve_device, resolve_model

    if backend != "auto":
        backend_class(backend)  # an unknown name fails before the model is looked up
    resolved = model if isinstance(model, ResolvedModel) else resolve_model(model, offline=offline)
    device = resolve_device(device)
    return open_chosen(resolved, backend, device=device, threads=threads, quantization=quantization)


def auto_backend(device: str, model_type: str | None = None) -> str:
    """What `auto` means for a model on a resolved device: CTranslate2 where it can run, else transformers."""
    return choose_backend("auto", device, model_type)


def ctranslate2_available(device: str = "cpu") -> bool:
    """Whether CTranslate2 can run on `device`: installed, and for cuda built with CUDA and seeing a GPU."""
    return backend_class("ctranslate2").available(device)
