"""The signature: every setting that changes a result, recorded next to it so any output can be reproduced.

One type for translations, briefs, summaries, the translation cache key, the CTranslate2 conversion
cache and the regression goldens (after sacrebleu's ``metrics/base.py`` Signature). It is a plain
``dict`` underneath, so JSON outputs and goldens serialise it with no extra step and compare equal to
the dicts older goldens hold; what it adds is knowing its fields (their order and short names) and
formatting itself::

    >>> sig = Signature(model="Helsinki-NLP/opus-mt-de-en", revision="a1b2c3d4e5f6", backend="ctranslate2",
    ...                 quantization="int8", device="cpu", beams=4)
    >>> sig.format()
    'model:Helsinki-NLP/opus-mt-de-en|rev:a1b2c3d4e5f6|backend:ctranslate2|q:int8|device:cpu|beams:4'
    >>> sig.format(short=True)
    'm:Helsinki-NLP/opus-mt-de-en|r:a1b2c3d|b:ct2|q:int8|d:cpu|n:4'
"""

from __future__ import annotations

import json
from typing import Any

# Field -> (long name, short name), in the order a signature prints. Other keys print after these.
FIELDS: dict[str, tuple[str, str]] = {
    "model": ("model", "m"),
    "revision": ("rev", "r"),
    "backend": ("backend", "b"),
    "quantization": ("q", "q"),
    "device": ("device", "d"),
    "kind": ("kind", "k"),
    "beams": ("beams", "n"),
    "window": ("window", "w"),
    "units": ("units", "u"),
    "repair": ("repair", "rep"),
    "glossary": ("glossary", "g"),
    "fallback_for": ("fallback-for", "fb"),
    "version": ("version", "v"),
}
_SHORT_VALUES = {"ctranslate2": "ct2", "transformers": "tf"}
_SHORT_REVISION = 7  # like a short git hash


class Signature(dict):
    """A result's settings: model, revision, backend, quantization, device, generation settings, versions."""

    @classmethod
    def of_model(
        cls,
        model,
        *,
        backend: str | None = None,
        quantization: str | None = None,
        device: str | None = None,
        versions: dict[str, str] | None = None,
    ) -> Signature:
        """The signature of one loaded model (`model`: a ResolvedModel); unset fields are left out."""
        fields = {
            "model": model.name,
            "revision": model.revision,
            "backend": backend,
            "quantization": quantization,
            "device": device,
            "versions": dict(versions) if versions else None,
        }
        return cls({k: v for k, v in fields.items() if v is not None})

    def but(self, **changes: Any) -> Signature:
        """A copy with `changes` applied (later keys after the existing ones); None removes a key."""
        out = Signature(self)
        for key, value in changes.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = value
        return out

    def without(self, *keys: str) -> Signature:
        return Signature({k: v for k, v in self.items() if k not in keys})

    def key(self, **parts: Any) -> str:
        """A stable string of the signature and any extra `parts` (settings, boost) for cache keys.

        The layout (the signature under "backend") is the one the translation cache has always used,
        so caches written before this type existed stay valid.
        """
        return json.dumps({"backend": dict(self), **parts}, sort_keys=True)

    def format(self, short: bool = False) -> str:
        """One line, ``name:value|...``, known fields first; nested parts (versions, settings) follow."""
        known = [k for k in FIELDS if k in self]
        parts = []
        for k in [*known, *sorted(k for k in self if k not in FIELDS)]:
            value = self[k]
            if isinstance(value, dict):
                if isinstance(value, Signature) or k in ("translation", "summary"):
                    parts.append(f"{k}[{Signature(value).format(short)}]")
                else:
                    parts.append(f"{k}[{','.join(f'{n}={v}' for n, v in sorted(value.items()))}]")
                continue
            name = FIELDS[k][1 if short else 0] if k in FIELDS else k
            text = str(value)
            if short:
                text = _SHORT_VALUES.get(text, text)
                if k == "revision":
                    text = text.removeprefix("local-")[:_SHORT_REVISION]
            parts.append(f"{name}:{text}")
        return "|".join(parts)

    def __str__(self) -> str:
        return self.format(short=True)
