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
        backend = auto_backend(device, resolved.config.get("model_type"))
    if backend == "ctranslate2":
        if not ctranslate2_available():
            raise BackendUnavailable(
                "ctranslate2 is not installed: pip install 'summarise[fast]' or use --backend transformers"
            )
        if device not in ("cpu", "cuda"):
            raise BackendUnavailable(f"ctranslate2 runs on cpu or cuda, not {device}: use --backend transformers")
        from .ctranslate2_backend import CTranslate2Backend

        return CTranslate2Backend(resolved, device=device, threads=threads, quantization=quantization)

    from .transformers_backend import TransformersBackend

    set_threads(threads)
    return TransformersBackend(resolved, device, quantization=quantization)


# Architectures `auto` sends to CTranslate2: those its converter handles and our tests cover (output
# identical to transformers in float32). --backend ctranslate2 may still try others.
CTRANSLATE2_AUTO_MODEL_TYPES = frozenset({"marian", "bart", "t5", "mt5"})


def auto_backend(device: str, model_type: str | None = None) -> str:
    """What `auto` means for a model on a resolved device: CTranslate2 where it can run, else transformers."""
    if model_type is not None and model_type not in CTRANSLATE2_AUTO_MODEL_TYPES:
        return "transformers"
    return "ctranslate2" if ctranslate2_available(device) else "transformers"


def ctranslate2_available(device: str = "cpu") -> bool:
    """Whether CTranslate2 can run on `device`: installed, and for cuda built with CUDA and seeing a GPU."""
    try:
        import ctranslate2
    except ImportError:
        return False
    if device == "cuda":
        try:
            return ctranslate2.get_cuda_device_count() > 0
        except RuntimeError:  # a CPU-only build
            return False
    return device == "cpu"
