"""The backend interface: one required method that turns a batch of source texts into outputs.

Everything else (sentence splitting, sorting by length, batching, caching, number repair) is built
once on top of it in translate.py / summary.py, so every backend gets every feature.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, replace

from ..models import ResolvedModel


@dataclass(frozen=True)
class GenerationSettings:
    beams: int = 4
    max_new_tokens: int | None = None  # None: scale with the input (see Backend.max_new_tokens_for)
    min_new_tokens: int | None = None  # benchmarks force fixed output lengths with min == max
    length_penalty: float = 1.0
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0

    def key(self) -> str:
        """A stable string of every setting that changes the output (cache keys, signatures)."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    def but(self, **changes) -> GenerationSettings:
        return replace(self, **changes)


class Backend(ABC):
    """A loaded seq2seq model that generates text for batches of inputs."""

    name: str = "base"  # "transformers" | "ctranslate2" | test doubles
    quantization: str = "float32"

    def __init__(self, model: ResolvedModel, device: str = "cpu"):
        self.model = model
        self.device = device

    @property
    @abstractmethod
    def max_input_tokens(self) -> int:
        """Longest input (in model tokens, special tokens included) the model accepts."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes as model input, special tokens included."""

    @abstractmethod
    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        """One output per input, in order. Callers pass batches already sized and sorted."""

    # Inputs per generate call when the caller does not say: what fits memory and keeps the CPU busy.
    preferred_batch_size: int = 16

    supports_bias: bool = False
    # The backend that runs biased generation when this one has no logits access (None: nobody).
    bias_fallback: str | None = None

    def can_bias(self) -> bool:
        return self.supports_bias or self.bias_fallback is not None

    def generate_biased(self, text: str, boost: list[str], settings: GenerationSettings) -> str:
        """Generate with a logits bias towards the tokens of the strings in `boost` (number repair)."""
        raise NotImplementedError(f"the {self.name} backend has no logits access")

    def bias_backend(self) -> Backend | None:
        """Who runs `generate_biased` for this model: this backend when it has logits access, another
        backend for the same model (ctranslate2 → transformers, loaded on first use), or None."""
        return self if self.supports_bias else None

    def bias_signature(self) -> dict:
        """What identifies biased outputs (cache keys) without loading the fallback backend."""
        return self.signature()

    def max_new_tokens_for(self, n_input_tokens: int, settings: GenerationSettings) -> int:
        if settings.max_new_tokens is not None:
            return settings.max_new_tokens
        # English output of German input is rarely longer than 1.5x; never cut a sentence short.
        return min(max(16, int(n_input_tokens * 2) + 10), 512)

    def signature(self) -> dict:
        return {
            "model": self.model.name,
            "revision": self.model.revision,
            "backend": self.name,
            "quantization": self.quantization,
            "device": self.device,
        }
