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
    raise NotImplementedError  # filled in by the translation-engine and ctranslate2 work
