"""The fast backend: the same Hugging Face model converted to CTranslate2 (int8 on CPU) and run there.

The model is converted once per model, revision and quantization (summarise.models.convert) and the HF
tokenizer does the tokenising, so inputs and outputs are exactly those of the transformers backend.
Decoding follows the model's own generation config the way `transformers.generate` does (forced
BOS/EOS, minimum length, banned tokens), so with float32 weights and greedy search both backends write
the same tokens. CTranslate2 gives no access to the logits: biased number repair runs on a
transformers backend for the same model, built only when a sentence needs it (`bias_backend`).
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ...errors import ModelError
from ...signature import Signature
from ..convert import Conversion, choose_quantization, convert, discard
from ..hub import ResolvedModel, default_threads, load_tokenizer, read_config
from ..shortlist import load_shortlist, model_view
from ..threads import CALIBRATION_INPUTS_PER_CORE, ThreadPlan, calibration_key, measure, plan_threads
from .base import Backend, GenerationSettings, input_limit
from .registry import register_backend

log = logging.getLogger(__name__)

# Hypotheses decoded together (inputs x beams). Measured on opus-mt's architecture, int8, 2 AVX2
# cores: 4 beams run 199 tok/s with 8 inputs per step, 228 with 16 and 245 with 32; greedy 631 with
# 32 inputs and 705-716 with 64-128. Memory grows with hypotheses x input tokens (the attention
# caches), so long inputs (a summariser's 700-token windows) get fewer rows: HYPOTHESIS_TOKENS caps
# the product. CTranslate2 splits larger batches itself, keeping the order.
MAX_HYPOTHESES = 128
HYPOTHESIS_TOKENS = 8192


@dataclass(frozen=True)
class DecodingRules:
    """What the model's generation config adds to every `generate` call, in CTranslate2's terms."""

    prefix: tuple[str, ...] = ()  # forced BOS (BART family): the first generated token
    forced_eos: bool = False  # transformers ends a sequence that hits max_new_tokens with EOS
    min_length: int = 0  # generation_config.min_length: decoder length including the start token
    banned: tuple[tuple[str, ...], ...] = ()  # bad_words_ids, as tokens

    @classmethod
    def for_model(cls, model: ResolvedModel, tokenizer, vocabulary: set[str]) -> DecodingRules:
        from transformers import GenerationConfig

        # As transformers does: generation_config.json when there is one, else the legacy keys
        # (forced_bos_token_id, min_length...) of config.json, as distilbart-cnn still has them.
        if (model.path / "generation_config.json").exists():
            gen = GenerationConfig.from_pretrained(model.path)
        else:
            gen = GenerationConfig.from_model_config(read_config(model.path))
        prefix = ()
        if gen.forced_bos_token_id is not None:
            prefix = (tokenizer.convert_ids_to_tokens(gen.forced_bos_token_id),)
        eos = gen.eos_token_id if isinstance(gen.eos_token_id, list) else [gen.eos_token_id]
        banned = []
        for ids in gen.bad_words_ids or []:
            tokens = tuple(tokenizer.convert_ids_to_tokens(list(ids)))
            # Marian's <pad> is not in the converted vocabulary at all, so it can never be generated.
            if all(t in vocabulary for t in tokens):
                banned.append(tokens)
        return cls(
            prefix=prefix,
            forced_eos=gen.forced_eos_token_id is not None and gen.forced_eos_token_id in eos,
            min_length=int(gen.min_length or 0),
            banned=tuple(banned),
        )


@register_backend("ctranslate2")
class CTranslate2Backend(Backend):
    name = "ctranslate2"
    preferred_batch_size = 64  # sentences sorted by length: 64 per call keep padding low (see above)
    supports_bias = False
    bias_fallback = "transformers"
    priority = 10  # auto's first choice wherever it runs
    # Architectures `auto` sends here: those its converter handles and our tests cover (output identical
    # to transformers in float32). --backend ctranslate2 may still try other encoder-decoders.
    auto_model_types = frozenset({"marian", "bart", "t5", "mt5"})
    run_options = frozenset({"workload", "shortlist", "lazy"})

    @classmethod
    def unavailable(cls, device: str) -> str | None:
        try:
            import ctranslate2
        except ImportError:
            return "ctranslate2 is not installed: pip install 'summarise[fast]' or use --backend transformers"
        if device == "cuda":
            try:
                gpus = ctranslate2.get_cuda_device_count()
            except RuntimeError:  # a CPU-only build
                gpus = 0
            return None if gpus > 0 else "ctranslate2 cannot use cuda here (a CPU-only build or no GPU): use --device cpu"
        if device != "cpu":
            return f"ctranslate2 runs on cpu or cuda, not {device}: use --backend transformers"
        return None

    def __init__(
        self,
        model: ResolvedModel,
        device: str = "cpu",
        *,
        threads: int | None = None,
        quantization: str | None = None,
        force_convert: bool = False,
        workload: int | None = None,
        shortlist: bool = False,
        lazy: bool = False,
    ):
        self.check_available(device)
        super().__init__(model, device, threads=default_threads(threads))
        self.quantization = choose_quantization(quantization, device)
        self._tokenizer = load_tokenizer(model)
        self.workload = workload
        # Checked before the model loads: a missing shortlist is a one-line error, not seconds later.
        self.shortlist = load_shortlist(model) if shortlist else None
        self.plan = ThreadPlan(1, self.threads, "not planned yet")
        # lazy: converted and verified now, loaded into memory on first use (a brief's summariser loads
        # after the translation is done, and `before_open` can free the translation model first).
        self.before_open: Callable[[], None] | None = None
        self._translator = None
        if lazy:
            share_one_arena()
            self.conversion = convert(self.model, self.quantization, force=force_convert)
        else:
            self.conversion, self._translator = self._load(force_convert)
        self.rules = DecodingRules.for_model(model, self.tokenizer, self._vocabulary())
        self._bias_backend: Backend | None = None
        self._bias_lock = threading.Lock()

    def _open(self, conversion: Conversion):
        import ctranslate2

        # With a shortlist, CTranslate2 reads vmap.txt from the model directory: a view of links to the
        # verified conversion plus the map (the conversion itself stays as its manifest says).
        path = model_view(conversion.path, self.shortlist) if self.shortlist else conversion.path

        def open_translator(workers: int, threads_each: int):
            return ctranslate2.Translator(
                str(path), device=self.device, compute_type=self.quantization,
                inter_threads=workers, intra_threads=threads_each,
            )  # fmt: skip

        if self.device == "cpu":
            self.plan = plan_threads(
                self.threads, self.workload, key=calibration_key(conversion.path.name, self.threads),
                calibrate=lambda: measure(open_translator, _calibration_sample(self.tokenizer, self.threads), self.threads),
            )  # fmt: skip
        else:  # one GPU: one batch at a time
            self.plan = ThreadPlan(1, self.threads, "gpu")
        log.info(
            "ctranslate2 %s on %s: %d worker(s) x %d thread(s) (%s)%s", self.model.name, self.device,
            self.plan.workers, self.plan.threads_per_worker, self.plan.reason,
            f", vocabulary shortlist {self.shortlist.digest}" if self.shortlist else "",
        )  # fmt: skip
        return open_translator(self.plan.workers, self.plan.threads_per_worker)

    @property
    def translator(self):
        """The loaded ctranslate2.Translator (loading it, or its released weights, on first use)."""
        if self._translator is None:
            if self.before_open is not None:
                self.before_open()
            self.conversion, self._translator = self._load(False)
        elif not self._translator.model_is_loaded:
            self._translator.load_model()
        return self._translator

    @property
    def tokenizer(self):
        """The HF tokenizer (loaded again on first use after `release`)."""
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.model)
        return self._tokenizer

    def release(self) -> None:
        """Free the model's weights and tokenizer now (opus-mt's: ~16 MB); the next call loads them
        again, the same files, so outputs do not change (the conversion stays verified)."""
        if self._translator is not None and self._translator.model_is_loaded:
            self._translator.unload_model()
        self._tokenizer = None
        trim_memory()

    def _load(self, force: bool):
        conversion = convert(self.model, self.quantization, force=force)
        try:
            return conversion, self._open(conversion)
        except (RuntimeError, ValueError, OSError) as e:
            if conversion.converted:
                raise ModelError(f"the CTranslate2 conversion of {self.model.name} cannot be loaded: {e}") from e
            # A cached conversion that passes its checksums but does not load: never use it, redo it.
            log.warning("cached conversion %s does not load (%s): converting again", conversion.path, e)
            discard(conversion.path)
            conversion = convert(self.model, self.quantization, force=True)
            try:
                return conversion, self._open(conversion)
            except (RuntimeError, ValueError, OSError) as e2:
                raise ModelError(f"the CTranslate2 conversion of {self.model.name} cannot be loaded: {e2}") from e2

    def _vocabulary(self) -> set[str]:
        import json

        for name in ("shared_vocabulary.json", "target_vocabulary.json"):
            path = self.conversion.path / name
            if path.exists():
                return set(json.loads(path.read_text(encoding="utf-8")))
        return set(self.tokenizer.get_vocab())

    @cached_property
    def _config(self) -> dict:
        return read_config(self.model.path)

    @cached_property
    def max_input_tokens(self) -> int:
        return input_limit(self.tokenizer, self._config.get("max_position_embeddings"))

    @cached_property
    def _max_output_tokens(self) -> int:
        positions = self._config.get("max_position_embeddings")
        return int(positions) - 1 if positions else 512

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    def decoding_options(self, n_input_tokens: int, settings: GenerationSettings) -> dict:
        """translate_batch options equivalent to the transformers backend's generate kwargs."""
        max_new = min(self.max_new_tokens_for(n_input_tokens, settings), self._max_output_tokens)
        # transformers counts a forced BOS as generated (CTranslate2 counts the prefix too) and, with
        # forced EOS, spends the last step on EOS, which CTranslate2 does not return.
        max_length = max(1, max_new - (1 if self.rules.forced_eos else 0))
        # As in transformers: min_new_tokens, when given, replaces the model's min_length (which counts
        # the decoder start token).
        if settings.min_new_tokens is not None:
            min_length = settings.min_new_tokens
        else:
            min_length = max(self.rules.min_length - 1, 0)
        options = {
            "beam_size": settings.beams,
            "max_decoding_length": max_length,
            "min_decoding_length": min(min_length, max_length),
            "length_penalty": settings.length_penalty,
            "repetition_penalty": settings.repetition_penalty,
            "no_repeat_ngram_size": settings.no_repeat_ngram_size,
            "max_input_length": 0,  # never truncate: the engine splits long inputs before they get here
            "max_batch_size": max(1, min(MAX_HYPOTHESES, HYPOTHESIS_TOKENS // max(n_input_tokens, 1)) // settings.beams),
        }
        if self.shortlist is not None:
            options["use_vmap"] = True
        if self.rules.banned:
            options["suppress_sequences"] = [list(t) for t in self.rules.banned]
        return options

    def generate_tokens(self, texts: list[str], settings: GenerationSettings) -> list[list[str]]:
        """The output tokens (forced prefix included, EOS excluded) for each input."""
        if not texts:
            return []
        sources = [self.tokenizer.convert_ids_to_tokens(ids) for ids in self.tokenizer(texts)["input_ids"]]
        n_tokens = max(len(s) for s in sources)
        self.check_input_length(n_tokens)
        prefix = [list(self.rules.prefix)] * len(texts) if self.rules.prefix else None
        options = self.decoding_options(n_tokens, settings)
        if self.plan.workers > 1:  # CTranslate2 runs the sub-batches of one call on its workers in parallel
            options["max_batch_size"] = min(options["max_batch_size"], -(-len(texts) // self.plan.workers))
        results = self.translator.translate_batch(sources, prefix, **options)
        # The decoding workspace (logits over the vocabulary for every hypothesis: ~2.5 MB each for
        # opus-mt) is freed now, but glibc keeps it mapped; give it back so the next model's peak does not
        # stack on top of this one's (measured: the seed brief's peak 899 -> 776 MB).
        trim_memory()
        return [r.hypotheses[0] for r in results]

    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        outputs = self.generate_tokens(texts, settings)
        decode = self.tokenizer.decode
        return [decode(self.tokenizer.convert_tokens_to_ids(t), skip_special_tokens=True).strip() for t in outputs]

    def bias_backend(self) -> Backend:
        """A transformers backend for the same model (built once, on first use) for biased repair."""
        with self._bias_lock:  # request threads of a server may all need it at once: one load
            if self._bias_backend is None:
                from .transformers_backend import TransformersBackend

                log.info("biased repair needs logits: loading %s on transformers as well", self.model.name)
                # Same model, device and threads as this backend: the run's settings reach the fallback too.
                self._bias_backend = TransformersBackend(self.model, self.device, threads=self.threads)
            return self._bias_backend

    def bias_signature(self) -> Signature:
        # The fallback is the float32 transformers model of the same revision, on the same device.
        return Signature.of_model(self.model, backend="transformers", quantization="float32", device=self.device).but(
            fallback_for=self.name
        )

    def versions(self) -> dict[str, str]:
        import ctranslate2

        return {"ctranslate2": ctranslate2.__version__}

    def signature(self) -> Signature:
        # threads: how the cores were used (never changes an output: the translation cache ignores it);
        # shortlist: the vocabulary map's digest (it can change outputs).
        extra = {"threads": self.plan.label()}
        if self.shortlist is not None:
            extra["shortlist"] = self.shortlist.digest
        return super().signature().but(**extra)


def _libc(name: str):
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL("libc.so.6"), name)
    except (OSError, AttributeError):  # musl and other C libraries have no malloc_trim / mallopt
        return None


_TRIM = _libc("malloc_trim")
_MALLOPT = _libc("mallopt")
M_ARENA_MAX = -8  # glibc's mallopt parameter
# glibc gives threads arenas of their own (up to 8 per core) and a block freed in one arena is reused
# only by that arena's threads: a summariser loading after the translation, on new CTranslate2
# threads, stacked its decoding on top of what the translation's arenas kept. With one arena for the
# threads created from then on, the seed brief's peak measured 575-582 MB against 610-613 MB (three
# runs each, side by side), times unchanged. A fixed 4 MB mmap threshold instead measured 538-542 MB
# but 0.5 s slower: the summary's per-step buffers (the beams' 14 MB attention caches, gathered every
# step) were mapped and faulted in again each step.


def trim_memory() -> None:
    """Return freed heap memory to the OS (glibc keeps large freed blocks mapped otherwise)."""
    if _TRIM is not None:
        _TRIM(0)


def share_one_arena() -> None:
    """Threads started from now on allocate from the arenas that exist (see M_ARENA_MAX). For
    one-article runs (a lazily loaded summariser), where peak memory is the goal; process-wide."""
    if _MALLOPT is not None:
        _MALLOPT(M_ARENA_MAX, 1)


def _calibration_sample(tokenizer, cores: int) -> list[list[str]]:
    """A fixed synthetic batch for the thread calibration: 24 ordinary pieces of the model's vocabulary."""
    vocab = sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    special = set(getattr(tokenizer, "all_special_tokens", ()) or ())
    pieces = [p for p, _ in vocab if p not in special][100:400] or [p for p, _ in vocab]
    eos = getattr(tokenizer, "eos_token", None)
    n = CALIBRATION_INPUTS_PER_CORE * cores
    return [[pieces[(i * 7 + j) % len(pieces)] for j in range(24)] + ([eos] if eos else []) for i in range(n)]
