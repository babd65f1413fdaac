"""The backend registry: each backend class registers itself under a name; `auto` asks the registry.

A new backend is one module with one decorated class::

    @register_backend("onnx")
    class OnnxBackend(Backend):
        priority = 5                       # auto prefers higher; None: only when asked for by name
        auto_model_types = frozenset({"marian"})
        preferred_batch_size = 32

        @classmethod
        def unavailable(cls, device): ...  # None, or the one-line reason it cannot run here
        def __init__(self, model, device="cpu", *, threads=None, quantization=None): ...

The CLI's --backend choices, `auto`, the availability checks and loading all read this table.
"""

from __future__ import annotations

from ...errors import BackendUnavailable
from .base import Backend

AUTO = "auto"
_REGISTRY: dict[str, type[Backend]] = {}


def register_backend(name: str):
    """Class decorator: make `cls` the backend called `name` (`--backend name`)."""

    def decorate(cls: type[Backend]) -> type[Backend]:
        if name == AUTO:
            raise ValueError(f"{AUTO!r} is not a backend name: it means 'ask the registry'")
        current = _REGISTRY.get(name)
        if current is not None and current.__qualname__ != cls.__qualname__:
            raise ValueError(f"backend {name!r} is already registered ({current.__module__}.{current.__qualname__})")
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return decorate


def unregister_backend(name: str) -> None:
    _REGISTRY.pop(name, None)


def backend_names() -> tuple[str, ...]:
    """`auto` and every registered backend (the --backend choices): the reference backends first,
    those `auto` never picks by itself last."""
    ranked = sorted(_REGISTRY, key=lambda n: (_REGISTRY[n].priority is None, _REGISTRY[n].priority or 0))
    return (AUTO, *ranked)


def backend_class(name: str) -> type[Backend]:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise BackendUnavailable(f"unknown backend {name!r}: use one of {', '.join(backend_names())}") from None


def choose_backend(name: str, device: str, model_type: str | None = None, kind: str | None = None) -> str:
    """The backend `name` means for a model on a resolved device: itself, or for `auto` the registered
    backend of highest priority that runs on `device` and is trusted with this architecture and kind."""
    return backend_choices(name, device, model_type, kind)[0]


def backend_choices(name: str, device: str, model_type: str | None = None, kind: str | None = None) -> list[str]:
    """[name] for a named backend; for `auto` every backend that may run the model, best first (the
    next one is the fallback when a model cannot be loaded on the one before, e.g. its conversion fails)."""
    if name != AUTO:
        backend_class(name)
        return [name]
    candidates = [
        cls
        for cls in _REGISTRY.values()
        if cls.priority is not None
        and (kind is None or kind in cls.kinds)
        and cls.supports(model_type)
        and cls.available(device)
    ]
    if not candidates:
        raise BackendUnavailable(f"no installed backend can run this model on {device}: try --device cpu")
    return [cls.name for cls in sorted(candidates, key=lambda cls: -cls.priority)]
