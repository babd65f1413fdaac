"""The reference backend: a Hugging Face seq2seq model run with `generate` under `torch.inference_mode`.

This module is imported whenever the backend registry is (to register the backend), so torch and
transformers are imported only inside the methods that load or run a model.

Batches arrive from the engine already sorted by length, so padding is small. Decoding is always
deterministic (no sampling). Its logits are reachable, so it also offers the biased generation the
number repair uses as its last strategy.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache, cached_property

from ...errors import ModelError
from ..hub import ResolvedModel, load_seq2seq, set_threads, torch_versions
from .base import Backend, GenerationSettings, input_limit
from .registry import register_backend

log = logging.getLogger(__name__)

# Bias added to the log-probability of the next token of a boosted string: strong enough to pull a
# number the model dropped back in, weak enough not to force it where the model is confident otherwise.
BIAS_START = 4.0  # the string's first token, anywhere
BIAS_CONTINUE = 12.0  # its following tokens, once it has started: finish what was begun


@register_backend("transformers")
class TransformersBackend(Backend):
    """Encoder-decoder models (Marian, BART, T5...); decoder-only chat models load as
    `TransformersChatBackend` through the same registry entry (see `open`)."""

    name = "transformers"
    kinds = frozenset({"seq2seq", "text2text", "chat"})
    priority = 0  # auto's last resort: runs every model on every device

    @classmethod
    def open(cls, model: ResolvedModel, device: str, *, threads: int | None = None, quantization: str | None = None):
        if model.kind == "chat":
            from .transformers_chat import TransformersChatBackend

            return TransformersChatBackend(model, device, threads=threads, quantization=quantization)
        return cls(model, device, threads=threads, quantization=quantization)

    def __init__(
        self, model: ResolvedModel, device: str = "cpu", *, threads: int | None = None, quantization: str | None = None
    ):
        # torch's thread pool is per process: every transformers backend applies --threads, so the one
        # built later for biased repair cannot silently leave it at the default.
        super().__init__(model, device, threads=set_threads(threads))
        self.net, self.tokenizer = load_seq2seq(model, device)
        self.quantization = "float32"
        if quantization not in (None, "float32", "default"):
            self._quantize(quantization)
        # The model's own generation defaults (bad_words_ids, forced_eos_token_id...) stay; length limits
        # come from GenerationSettings per call, so the saved max_length must not compete with them.
        self.net.generation_config.max_length = None

    def _quantize(self, quantization: str) -> None:
        if quantization != "int8" or self.device != "cpu":
            raise ModelError(
                f"the transformers backend quantizes only to int8 on CPU (asked: {quantization} on {self.device})"
            )
        import torch

        # Dynamic int8 for the Linear layers: ~2x faster on CPU, but the output is not that of float32
        # (bench/translate.py reports how often it differs). torch marks the API deprecated: say nothing.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            torch.ao.quantization.quantize_dynamic(self.net, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
        self.quantization = "int8"

    @cached_property
    def max_input_tokens(self) -> int:
        return input_limit(self.tokenizer, getattr(self.net.config, "max_position_embeddings", None))

    @cached_property
    def _max_output_tokens(self) -> int:
        # The decoder's positions bound the output; its start token takes one of them.
        positions = getattr(self.net.config, "max_position_embeddings", None)
        return int(positions) - 1 if positions else 512

    def count_tokens(self, text: str) -> int:
        # verbose=False: measuring a too-long text is the point here, not a mistake worth a warning
        return len(self.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])

    def _generate_kwargs(self, n_input_tokens: int, settings: GenerationSettings) -> dict:
        max_new = min(self.max_new_tokens_for(n_input_tokens, settings), self._max_output_tokens)
        kwargs = {
            "num_beams": settings.beams,
            "do_sample": False,
            "max_new_tokens": max_new,
            "length_penalty": settings.length_penalty,
            "repetition_penalty": settings.repetition_penalty,
            "no_repeat_ngram_size": settings.no_repeat_ngram_size,
        }
        if settings.min_new_tokens is not None:
            kwargs["min_new_tokens"] = min(settings.min_new_tokens, max_new)
        return kwargs

    def _run(self, texts: list[str], settings: GenerationSettings, **extra) -> list[str]:
        import torch

        enc = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=False)
        n_tokens = int(enc["input_ids"].shape[1])
        self.check_input_length(n_tokens)
        enc = {k: v.to(self.device) for k, v in enc.items()}
        if settings.beams > 1 and self.net.config.is_encoder_decoder:
            extra.setdefault("cache", self._beam_cache())
        with torch.inference_mode():
            out = self.net.generate(**enc, **self._generate_kwargs(n_tokens, settings), **extra)
        return [t.strip() for t in self.tokenizer.batch_decode(out, skip_special_tokens=True)]

    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        if not texts:
            return []
        return self._run(texts, settings)

    def _beam_cache(self):
        from transformers.cache_utils import DynamicCache

        config = self.net.config.get_text_config(decoder=True)
        return beam_cache_class()(DynamicCache(config=config), DynamicCache(config=config))

    supports_bias = True
    bias_start, bias_continue = BIAS_START, BIAS_CONTINUE

    def target_token_ids(self, text: str) -> list[int]:
        """Token ids of `text` as the model would write it (target side), without special tokens."""
        return list(self.tokenizer(text_target=text, add_special_tokens=False)["input_ids"])

    def generate_biased(self, text: str, boost: list[str], settings: GenerationSettings) -> str:
        from transformers import LogitsProcessorList

        sequences = [ids for ids in (self.target_token_ids(s) for s in boost) if ids]
        if not sequences:
            return self.generate([text], settings)[0]
        processor = BoostSequencesProcessor(sequences, self.bias_start, self.bias_continue)
        return self._run([text], settings, logits_processor=LogitsProcessorList([processor]))[0]

    def versions(self) -> dict[str, str]:
        return torch_versions()


class BoostSequencesProcessor:
    """A logits processor that pulls each beam towards writing every boosted token sequence once.

    For each beam and each sequence not yet in its output: if the output ends with the first k tokens
    of the sequence, token k+1 gets `cont`; otherwise the first token gets `start`. A soft version of
    constrained decoding that needs no hub code.
    """

    def __init__(self, sequences: list[list[int]], start: float, cont: float):
        self.sequences = [list(s) for s in sequences]
        self.start = start
        self.cont = cont

    @staticmethod
    def _contains(row: list[int], seq: list[int]) -> bool:
        n = len(seq)
        return any(row[i : i + n] == seq for i in range(len(row) - n + 1))

    def __call__(self, input_ids, scores):
        for r, row in enumerate(input_ids.tolist()):
            for seq in self.sequences:
                if self._contains(row, seq):
                    continue
                k = next((k for k in range(min(len(seq) - 1, len(row)), 0, -1) if row[-k:] == seq[:k]), 0)
                scores[r, seq[k]] += self.cont if k else self.start
        return scores


@cache
def beam_cache_class():
    """An encoder-decoder cache that skips reordering the cross-attention keys/values in beam search.

    Beam search only ever moves a row among the beams of the same input, and those rows hold the same
    encoder output, so the reorder transformers does at every step copies identical data (6 layers x 2
    x rows x source length x d_model: ~0.2 GB per step for 32 sentences at 4 beams). Skipping it
    changes no number in the output, only the time. (Built on first use: transformers imports torch.)
    """
    from transformers.cache_utils import EncoderDecoderCache

    class BeamSharedCrossAttentionCache(EncoderDecoderCache):
        def reorder_cache(self, beam_idx):
            self.self_attention_cache.reorder_cache(beam_idx)

    return BeamSharedCrossAttentionCache
