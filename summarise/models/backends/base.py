"""The backend interface: one required method that turns a batch of source texts into outputs.

Everything else (sentence splitting, sorting by length, batching, caching, number repair) is built
once on top of it in translate.py / summary.py, so every backend gets every feature.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, replace

from ...errors import BackendUnavailable, ModelError
from ...signature import Signature
from ..hub import ResolvedModel

DEFAULT_BEAMS = 4
_NO_LIMIT = 1_000_000  # tokenizers without a known limit report a huge sentinel as model_max_length


def input_limit(tokenizer, positions: int | None, default: int = 512) -> int:
    """Longest input a model takes: its tokenizer's limit and its position embeddings, whichever is less."""
    limits = []
    tok_limit = getattr(tokenizer, "model_max_length", None)
    if tok_limit and tok_limit < _NO_LIMIT:
        limits.append(int(tok_limit))
    if positions:
        limits.append(int(positions))
    return min(limits) if limits else default


@dataclass(frozen=True)
class GenerationSettings:
    beams: int = DEFAULT_BEAMS
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
    """A loaded model that generates text for batches of inputs.

    A backend class registers itself with `summarise.models.backends.register_backend(name)`; the registry
    asks the class methods below whether it can run on a device and a model (for `auto`), and
    constructs it as ``cls(model, device, threads=..., quantization=...)``.
    """

    name: str = "base"  # "transformers" | "ctranslate2" | test doubles
    quantization: str = "float32"
    # Model kinds (summarise.models.hub.model_kind) it can load at all, and the architectures `auto` may send it.
    kinds: frozenset[str] = frozenset({"seq2seq", "text2text"})
    auto_model_types: frozenset[str] | None = None  # None: every architecture
    priority: int | None = None  # auto picks the highest available; None: only when named

    def __init__(self, model: ResolvedModel, device: str = "cpu", *, threads: int | None = None):
        self.model = model
        self.device = device
        self.threads = threads  # CPU threads it was built with (None: not given)

    # --- what the registry asks before loading ----------------------------------------------------

    @classmethod
    def unavailable(cls, device: str) -> str | None:
        """Why this backend cannot run on `device` here (a one-line fix for the user), or None."""
        return None

    @classmethod
    def available(cls, device: str) -> bool:
        return cls.unavailable(device) is None

    @classmethod
    def supports(cls, model_type: str | None) -> bool:
        """Whether `auto` may choose this backend for a model of this architecture (config model_type)."""
        return cls.auto_model_types is None or model_type is None or model_type in cls.auto_model_types

    @classmethod
    def check_available(cls, device: str) -> None:
        reason = cls.unavailable(device)
        if reason is not None:
            raise BackendUnavailable(reason)

    # Run options this backend's constructor takes beyond threads and quantization: "workload" (model
    # inputs a call will carry, None: many; it may size its threads by it) and "shortlist" (a vocabulary map).
    run_options: frozenset[str] = frozenset()

    @classmethod
    def open(
        cls, model: ResolvedModel, device: str, *, threads: int | None = None, quantization: str | None = None, **options
    ):
        """Load `model` on this backend (the registry's constructor; a backend may return a sibling class).
        `options`: those of `run_options` the run sets (open_backend drops the others)."""
        return cls(model, device, threads=threads, quantization=quantization, **options)

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

    def bias_signature(self) -> Signature:
        """What identifies biased outputs (cache keys) without loading the fallback backend."""
        return self.signature()

    def check_input_length(self, n_tokens: int) -> None:
        if n_tokens > self.max_input_tokens:
            # The engine splits long inputs before they get here; a direct caller must do the same.
            raise ModelError(
                f"an input of {n_tokens} tokens exceeds {self.model.name}'s limit of {self.max_input_tokens}: "
                "split it first (summarise.language.sentences.split_to_fit)"
            )

    def max_new_tokens_for(self, n_input_tokens: int, settings: GenerationSettings) -> int:
        if settings.max_new_tokens is not None:
            return settings.max_new_tokens
        # English output of German input is rarely longer than 1.5x; never cut a sentence short.
        return min(max(16, int(n_input_tokens * 2) + 10), 512)

    def versions(self) -> dict[str, str]:
        """Versions of the packages that compute this backend's outputs (signatures)."""
        return {}

    def signature(self) -> Signature:
        return Signature.of_model(
            self.model, backend=self.name, quantization=self.quantization, device=self.device, versions=self.versions()
        )
