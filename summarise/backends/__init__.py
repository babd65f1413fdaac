"""Backends that run a seq2seq model: the transformers reference backend and CTranslate2."""

from __future__ import annotations

from .base import Backend, GenerationSettings

__all__ = ["Backend", "GenerationSettings", "load_backend"]

BACKENDS = ("auto", "transformers", "ctranslate2")


def load_backend(
    model: str,
    *,
    backend: str = "auto",
    device: str = "auto",
    offline: bool | None = None,
    threads: int | None = None,
    quantization: str | None = None,
) -> Backend:
    """Resolve `model` (hub id or directory) and load it on the chosen backend.

    auto: CTranslate2 on CPU when it is installed, transformers otherwise (and on GPU unless
    CTranslate2 was built with CUDA there).
    """
    from ..errors import BackendUnavailable
    from ..models import resolve_device, resolve_model, set_threads

    if backend not in BACKENDS:
        raise BackendUnavailable(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
    resolved = resolve_model(model, offline=offline)
    device = resolve_device(device)
    if backend == "auto":
        backend = "ctranslate2" if device == "cpu" and ctranslate2_available() else "transformers"
    if backend == "ctranslate2":
        try:
            from .ctranslate2_backend import CTranslate2Backend
        except ImportError as e:
            raise BackendUnavailable(
                f"the ctranslate2 backend is not available ({e}): install it with `pip install 'summarise[fast]'`, "
                "or pass --backend transformers"
            ) from e
        return CTranslate2Backend(resolved, device=device, threads=threads, quantization=quantization)

    from .transformers_backend import TransformersBackend

    set_threads(threads)
    return TransformersBackend(resolved, device, quantization=quantization)


def ctranslate2_available() -> bool:
    """Whether `auto` can pick CTranslate2: the package and our backend module both import."""
    import importlib.util

    if importlib.util.find_spec("ctranslate2") is None:
        return False
    try:
        from . import ctranslate2_backend  # noqa: F401
    except ImportError:
        return False
    return True
